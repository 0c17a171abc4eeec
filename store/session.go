package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Session is a server-side sign-in session. Only its random id travels in
// the cookie; deleting the row ends the session at once.
type Session struct {
	ID        string
	UserID    int64 // 0 for an anonymous session (e.g. before sign-in)
	Data      []byte
	CreatedAt time.Time
	SeenAt    time.Time
	ExpiresAt time.Time
}

// sessionUserSQL is SessionUser's statement, prepared at Open: the
// session and its user in one read, for every signed-in request.
const sessionUserSQL = `SELECT s.id, coalesce(s.user_id, 0), s.data, s.created_at, s.seen_at, s.expires_at,
	u.id IS NOT NULL, coalesce(u.id, 0), coalesce(u.username, ''), coalesce(u.display_name, ''), coalesce(u.role, ''),
	coalesce(u.organization, ''), coalesce(u.park_id, 0), coalesce(u.email, ''), coalesce(u.disabled, 0),
	coalesce(u.password_hash, ''), coalesce(u.created_at, '')
	FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires_at > ?`

// SessionUser returns a live session and its user, read together; the
// user is nil for a session without one (before sign-in, or its account
// deleted). An expired session is ErrNotFound.
func (s *Store) SessionUser(ctx context.Context, id string, now time.Time) (Session, *User, error) {
	var ss Session
	var u User
	var hasUser bool
	var created, seen, expires int64
	var userCreated string
	err := s.sessionUser.QueryRowContext(ctx, id, now.Unix()).Scan(&ss.ID, &ss.UserID, &ss.Data, &created, &seen, &expires,
		&hasUser, &u.ID, &u.Username, &u.DisplayName, &u.Role, &u.Organization, &u.Park, &u.Email, &u.Disabled, &u.PasswordHash, &userCreated)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, nil, ErrNotFound
	}
	if err != nil {
		return Session{}, nil, fmt.Errorf("store: unable to fetch session: %w", err)
	}
	ss.CreatedAt, ss.SeenAt, ss.ExpiresAt = time.Unix(created, 0), time.Unix(seen, 0), time.Unix(expires, 0)
	if !hasUser {
		return ss, nil, nil
	}
	u.CreatedAt, _ = time.Parse(time.RFC3339, userCreated)
	return ss, &u, nil
}

// sessionByIDSQL is SessionByID's statement, prepared at Open.
const sessionByIDSQL = `SELECT id, user_id, data, created_at, seen_at, expires_at FROM sessions WHERE id = ? AND expires_at > ?`

// SessionByID returns a live session; an expired one is ErrNotFound.
func (s *Store) SessionByID(ctx context.Context, id string, now time.Time) (Session, error) {
	var ss Session
	var userID sql.NullInt64
	var created, seen, expires int64
	err := s.sessionByID.QueryRowContext(ctx, id, now.Unix()).Scan(&ss.ID, &userID, &ss.Data, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNotFound
	}
	if err != nil {
		return Session{}, fmt.Errorf("store: unable to fetch session: %w", err)
	}
	ss.UserID = userID.Int64
	ss.CreatedAt, ss.SeenAt, ss.ExpiresAt = time.Unix(created, 0), time.Unix(seen, 0), time.Unix(expires, 0)
	return ss, nil
}

// SaveSession inserts or replaces a session.
func (s *Store) SaveSession(ctx context.Context, ss Session) error {
	var userID any
	if ss.UserID != 0 {
		userID = ss.UserID
	}
	_, err := s.write.ExecContext(ctx,
		`INSERT INTO sessions (id, user_id, data, created_at, seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
		   seen_at = excluded.seen_at, expires_at = excluded.expires_at`,
		ss.ID, userID, ss.Data, ss.CreatedAt.Unix(), ss.SeenAt.Unix(), ss.ExpiresAt.Unix())
	if err != nil {
		return fmt.Errorf("store: unable to save session: %w", err)
	}
	return nil
}

// TouchSession moves a session's idle expiry forward without rewriting its
// data; it is cheap enough to run on every signed-in request.
func (s *Store) TouchSession(ctx context.Context, id string, seen, expires time.Time) error {
	if _, err := s.write.ExecContext(ctx, `UPDATE sessions SET seen_at = ?, expires_at = ? WHERE id = ?`,
		seen.Unix(), expires.Unix(), id); err != nil {
		return fmt.Errorf("store: unable to touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
//
// Ending a session moves the revision, as a change of an account does: a
// process that knows its sessions by heart (web's session store) checks
// them against the revision, so a session signed out through any process
// ends in every other at its next check.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to delete session: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: unable to delete session: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	var rev int64
	if err := tx.QueryRowContext(ctx, `UPDATE revision SET value = value + 1, at = ? RETURNING value`, s.clock().UTC().Format(time.RFC3339)).Scan(&rev); err != nil {
		return fmt.Errorf("store: unable to delete session: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: unable to delete session: %w", err)
	}
	s.reports.advance(rev, noYears) // no figure changed
	s.notifyChange()
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry and returns how
// many it removed. It deletes many rows, so it takes the writers' turn
// (on PostgreSQL their lock), as a change of an account that ends its
// sessions does: the two never wait for each other's rows.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := s.guardWrite(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, now.Unix())
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to delete expired sessions: %w", err)
	}
	return n, nil
}
