package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sync"
)

// Notifications in the portal: one row per recipient, written in the
// transaction of the filing change they tell of. The header shows each
// user's unread count on every page, so the counts are kept in memory and
// read anew only after a change wrote or read notifications.

// Notification is one message to one user.
type Notification struct {
	ID       int64
	FilingID int64
	Message  string
	At       string
	Read     bool
}

type unreadCounts struct {
	mu     sync.Mutex
	byUser map[int64]int
}

func (s *Store) forgetUnread() {
	s.unread.mu.Lock()
	s.unread.byUser = nil
	s.unread.mu.Unlock()
}

// UnreadCount is how many notifications user id has not read. A portal on
// its own SQLite file keeps the counts between its own changes; on
// PostgreSQL, where another portal may notify or mark read, every call
// counts (one index range).
func (s *Store) UnreadCount(ctx context.Context, userID int64) (int, error) {
	s.unread.mu.Lock()
	n, ok := s.unread.byUser[userID]
	s.unread.mu.Unlock()
	if ok {
		return n, nil
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count notifications: %w", err)
	}
	if s.d.postgres {
		return n, nil
	}
	s.unread.mu.Lock()
	if s.unread.byUser == nil {
		s.unread.byUser = map[int64]int{}
	}
	s.unread.byUser[userID] = n
	s.unread.mu.Unlock()
	return n, nil
}

// Notifications are user id's latest notifications, newest first.
func (s *Store) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	return s.NotificationsBefore(ctx, userID, 0, limit)
}

// NotificationsBefore are up to limit of user id's notifications older than
// notification before (0: the latest), newest first.
func (s *Store) NotificationsBefore(ctx context.Context, userID, before int64, limit int) ([]Notification, error) {
	if before <= 0 {
		before = math.MaxInt64
	}
	var out []Notification
	err := eachRow(ctx, s.read, `SELECT id, COALESCE(filing_id, 0), message, at, read_at IS NOT NULL FROM notifications
		WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, []any{userID, before, limit}, func(rows *sql.Rows) error {
		var n Notification
		err := rows.Scan(&n.ID, &n.FilingID, &n.Message, &n.At, &n.Read)
		out = append(out, n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch notifications: %w", err)
	}
	return out, nil
}

// MarkNotificationsRead marks every notification of the actor read.
func (s *Store) MarkNotificationsRead(ctx context.Context, actor Actor) error {
	return s.transact(ctx, actor, false, func(tx *writeTx, now string, _ auditLog) error {
		tx.notified = true
		_, err := tx.ExecContext(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, now, actor.UserID)
		return err
	})
}

// notifyRole tells every enabled user of role in the filing's park: message in the portal, and
// mailed, which goes outside it, for users of no organisation of the
// filing's: it names no one (a member filing's title is the member's name).
func notifyRole(ctx context.Context, tx *writeTx, role Role, filing int64, now, message, mailed string) error {
	return notify(ctx, tx, now, mailed, `INSERT INTO notifications (user_id, filing_id, message, at)
		SELECT id, ?1, ?2, ?3 FROM users WHERE role = ?4 AND disabled = 0
		  AND park_id = (SELECT o.park_id FROM filings f JOIN organizations o ON o.id = f.organization_id WHERE f.id = ?1)`,
		filing, message, now, string(role))
}

// notifyOrganization tells the secretaries of the filing's organisation,
// whose own the filing is: their mail is the message itself.
func notifyOrganization(ctx context.Context, tx *writeTx, f Filing, now, message string) error {
	return notify(ctx, tx, now, message, `INSERT INTO notifications (user_id, filing_id, message, at)
		SELECT id, ?1, ?2, ?3 FROM users WHERE role = 'secretary' AND organization = ?4 AND disabled = 0
		  AND park_id = (SELECT o.park_id FROM filings f JOIN organizations o ON o.id = f.organization_id WHERE f.id = ?1)`,
		f.ID, message, now, f.Organization)
}

// notify writes the notifications insert makes and queues their mails
// (outbox.go), with the text mailed, in the change's transaction.
func notify(ctx context.Context, tx *writeTx, now, mailed, insert string, args ...any) error {
	tx.notified = true
	var after int64
	if tx.s.outbox {
		var err error
		if after, err = lastNotification(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, insert, args...); err != nil {
		return fmt.Errorf("store: unable to notify: %w", err)
	}
	return queueNotices(ctx, tx, after, now, mailed)
}
