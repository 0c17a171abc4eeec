package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Account changes go through the write frame like the records' (write.go):
// one transaction at the writer's turn, with an audit entry in collection
// "users" that names the account and who changed it. They move no page's
// revision: no page the caches keep shows accounts.

// userRecord is an account as its audit entries keep it: never its
// password or the password's hash.
type userRecord struct {
	Username     string `json:"username"`
	DisplayName  string `json:"display_name,omitempty"`
	Role         Role   `json:"role"`
	Organization string `json:"organization,omitempty"`
	Email        string `json:"email,omitempty"`
	Disabled     bool   `json:"disabled"`
}

func userRecordOf(u User) userRecord {
	return userRecord{Username: u.Username, DisplayName: u.DisplayName, Role: u.Role, Organization: u.Organization, Email: u.Email, Disabled: u.Disabled}
}

// logUserChange logs a change of an account from before (nil for a new
// one) to after; what says what was done, in the clerk's words.
func logUserChange(log auditLog, before *User, after User, what string) error {
	e := AuditEntry{Action: ActionCreate, Collection: "users", RecordKey: after.ID, Title: after.Username, Note: what}
	var err error
	if before != nil {
		e.Action = ActionUpdate
		if e.Before, err = recordJSON(userRecordOf(*before)); err != nil {
			return err
		}
	}
	if e.After, err = recordJSON(userRecordOf(after)); err != nil {
		return err
	}
	_, err = log(e)
	return err
}

// changeUser runs write on the account id in the write frame and logs the
// account before and after it; ErrNotFound when there is no such account.
func (s *Store) changeUser(ctx context.Context, actor Actor, id int64, what string, write func(tx *writeTx, now string) error) error {
	// The revision moves: a process that knows its sessions' users by
	// heart (web's session store) reads them again.
	return s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		read := func() (User, error) {
			u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
			if errors.Is(err, sql.ErrNoRows) {
				return User{}, ErrNotFound
			}
			if err != nil {
				return User{}, fmt.Errorf("store: unable to fetch user %d: %w", id, err)
			}
			return u, nil
		}
		before, err := read()
		if err != nil {
			return err
		}
		if err := write(tx, now); err != nil {
			return err
		}
		after, err := read()
		if err != nil {
			return err
		}
		return logUserChange(log, &before, after, what)
	})
}
