package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Role is what a user may do: admin manages users, staff keep the ledgers,
// a secretary files for one party organisation.
type Role string

// The roles. Staff and secretaries work in one park; admin and the
// district's users over all of them.
const (
	RoleAdmin     Role = "admin"
	RoleStaff     Role = "staff"
	RoleSecretary Role = "secretary"
	RoleDistrict  Role = "district" // reads every park, changes none, sees no member's personal data
)

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleStaff || r == RoleSecretary || r == RoleDistrict
}

// InPark reports whether an account of role r belongs to one park.
func (r Role) InPark() bool { return r == RoleStaff || r == RoleSecretary }

// User is an account that signs in.
type User struct {
	ID           int64
	Username     string
	DisplayName  string // 姓名, shown in the login name's place; "" when not given
	Role         Role
	Organization string // interchange id of a secretary's organisation
	Park         int64  // the park of staff and secretaries; 0 for admin and district
	Email        string // where notices are also sent; "" for none
	Disabled     bool
	PasswordHash string
	CreatedAt    time.Time
}

// NewUser is what CreateUser needs.
type NewUser struct {
	Username     string
	DisplayName  string
	Role         Role
	Organization string
	Park         int64  // staff and secretaries: their park (FirstPark when 0)
	Email        string // optional
	Password     string
}

// Errors from user operations.
var (
	ErrUnknownOrganization = errors.New("store: unknown organisation")
	ErrInvalidUser         = errors.New("store: invalid user")
)

const userColumns = `id, username, display_name, role, COALESCE(organization, ''), COALESCE(park_id, 0), COALESCE(email, ''), disabled, password_hash, created_at`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var created string
	if err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.Organization, &u.Park, &u.Email, &u.Disabled, &u.PasswordHash, &created); err != nil {
		return User{}, err
	}
	u.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return u, nil
}

// CreateUser hashes the password and stores a new user, with an audit
// entry naming actor. A secretary must name an existing organisation;
// other roles must not name one.
func (s *Store) CreateUser(ctx context.Context, actor Actor, n NewUser) (User, error) {
	n.Username = strings.TrimSpace(n.Username)
	if p := UsernameProblem(n.Username); p != "" {
		return User{}, fmt.Errorf("%w: %s", ErrInvalidUser, p)
	}
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	if p := DisplayNameProblem(n.DisplayName); p != "" {
		return User{}, fmt.Errorf("%w: %s", ErrInvalidUser, p)
	}
	if !n.Role.Valid() {
		return User{}, fmt.Errorf("%w: unknown role %q", ErrInvalidUser, n.Role)
	}
	n.Email = strings.TrimSpace(n.Email)
	if p := EmailProblem(n.Email); p != "" {
		return User{}, fmt.Errorf("%w: %s", ErrInvalidUser, p)
	}
	if (n.Role == RoleSecretary) != (n.Organization != "") {
		if n.Role == RoleSecretary {
			return User{}, fmt.Errorf("%w: a secretary needs an organisation", ErrInvalidUser)
		}
		return User{}, fmt.Errorf("%w: only a secretary belongs to an organisation", ErrInvalidUser)
	}
	if err := CheckPasswordStrength(n.Password); err != nil {
		return User{}, err
	}
	// Hashing takes a while: done before the change takes its turn at
	// the writer.
	hash, err := HashPassword(ctx, n.Password)
	if err != nil {
		return User{}, err
	}
	var org, park any
	if n.Organization != "" {
		org = n.Organization
	}
	switch {
	case n.Role.InPark() && n.Park == 0:
		n.Park = FirstPark
	case !n.Role.InPark() && n.Park != 0:
		return User{}, fmt.Errorf("%w: only staff and secretaries belong to a park", ErrInvalidUser)
	}
	if n.Park != 0 {
		park = n.Park
	}
	var u User
	err = s.transact(ctx, actor, false, func(tx *writeTx, now string, log auditLog) error {
		if n.Park != 0 {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM parks WHERE id = ?`, n.Park).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: park %d", ErrNotFound, n.Park)
			}
			if err != nil {
				return fmt.Errorf("store: unable to fetch park %d: %w", n.Park, err)
			}
		}
		if n.Organization != "" {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM organizations WHERE park_id = ? AND source_id = ?`, n.Park, n.Organization).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w %q", ErrUnknownOrganization, n.Organization)
			}
			if err != nil {
				return fmt.Errorf("store: unable to fetch organisation %q: %w", n.Organization, err)
			}
		}
		row := tx.QueryRowContext(ctx,
			`INSERT INTO users (username, display_name, role, organization, park_id, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT DO NOTHING RETURNING `+userColumns,
			n.Username, n.DisplayName, n.Role, org, park, nullable(n.Email), hash, now, now)
		var err error
		u, err = scanUser(row)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("user %q: %w", n.Username, ErrExists)
		}
		if err != nil {
			return fmt.Errorf("store: unable to create user: %w", err)
		}
		return logUserChange(log, nil, u, "新建账号")
	})
	if err != nil {
		return User{}, err
	}
	return u, nil
}

// ErrWeakPassword is returned for a password that is too short.
var ErrWeakPassword = errors.New("store: password must be at least 10 characters")

// CheckPasswordStrength enforces the minimum length (NIST SP 800-63B asks for
// length, not composition rules).
func CheckPasswordStrength(p string) error {
	if len([]rune(p)) < 10 {
		return ErrWeakPassword
	}
	if len(p) > 1024 {
		return fmt.Errorf("%w: password longer than 1024 bytes", ErrInvalidUser)
	}
	return nil
}

// userByIDSQL is UserByID's statement, prepared at Open.
const userByIDSQL = `SELECT ` + userColumns + ` FROM users WHERE id = ?`

// UserByID returns one user.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(s.userByID.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("store: unable to fetch user %d: %w", id, err)
	}
	return u, nil
}

// UserByUsername returns one user by name, whatever the case of its letters.
func (s *Store) UserByUsername(ctx context.Context, username string) (User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+s.d.sameUsername("username", "?"), username))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("store: unable to fetch user %q: %w", username, err)
	}
	return u, nil
}

// Users lists limit users by name from offset, through the index on
// their names, and how many there are: a park has a secretary for each of
// its organisations.
func (s *Store) Users(ctx context.Context, offset, limit int) ([]User, int, error) {
	var total int // kept by the write path (figures.go)
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT records FROM ledger_counts WHERE park_id = 0 AND collection = 'users'), 0)`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count users: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list users: %w", err)
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: unable to list users: %w", err)
		}
		users = append(users, u)
	}
	return users, total, rows.Err()
}

// CountUsers tells whether any account exists (serve --demo creates accounts
// only on an empty database).
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count users: %w", err)
	}
	return n, nil
}

// Authenticate returns the user whose name and password match. An unknown
// name, a wrong password and a disabled account all give ErrBadCredentials;
// an unknown name still costs one hash so that timing does not tell names.
func (s *Store) Authenticate(ctx context.Context, username, password string) (User, error) {
	u, err := s.UserByUsername(ctx, username)
	if errors.Is(err, ErrNotFound) {
		_, _ = CheckPassword(ctx, dummyHash, password)
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, err
	}
	ok, err := CheckPassword(ctx, u.PasswordHash, password)
	if err != nil {
		return User{}, fmt.Errorf("store: unable to check password of %q: %w", username, err)
	}
	if !ok || u.Disabled {
		return User{}, ErrBadCredentials
	}
	return u, nil
}

// ErrBadCredentials means the username or password is wrong, or the account
// is disabled.
var ErrBadCredentials = errors.New("store: wrong username or password")

// dummyHash is a valid hash of a random password, checked for unknown names.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyMDE"

// SetUserDisabled disables or re-enables a user, with an audit entry
// naming actor; disabling ends every session of that user at once.
func (s *Store) SetUserDisabled(ctx context.Context, actor Actor, id int64, disabled bool) error {
	note := "启用账号"
	if disabled {
		note = "停用账号"
	}
	return s.changeUser(ctx, actor, id, note, func(tx *writeTx, now string) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?`, disabled, now, id); err != nil {
			return fmt.Errorf("store: unable to update user %d: %w", id, err)
		}
		if disabled {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return fmt.Errorf("store: unable to end sessions of user %d: %w", id, err)
			}
		}
		return nil
	})
}

// SetPassword replaces a user's password and ends their sessions, with an
// audit entry naming actor (and neither password nor hash).
func (s *Store) SetPassword(ctx context.Context, actor Actor, id int64, password string) error {
	if err := CheckPasswordStrength(password); err != nil {
		return err
	}
	hash, err := HashPassword(ctx, password)
	if err != nil {
		return err
	}
	return s.changeUser(ctx, actor, id, "重置密码", func(tx *writeTx, now string) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, now, id); err != nil {
			return fmt.Errorf("store: unable to set password of user %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return fmt.Errorf("store: unable to end sessions of user %d: %w", id, err)
		}
		return nil
	})
}

// OrganizationName returns the name of the organisation with interchange id
// sourceID, or ErrNotFound.
func (s *Store) OrganizationName(ctx context.Context, sourceID string) (string, error) {
	var name string
	err := s.read.QueryRowContext(ctx, `SELECT name FROM organizations WHERE park_id = ? AND source_id = ?`, ParkOf(ctx), sourceID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("store: unable to fetch organisation %q: %w", sourceID, err)
	}
	return name, nil
}
