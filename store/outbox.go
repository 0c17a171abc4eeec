package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// The outbox: notices that leave the portal by e-mail (migration 00024).
// A notice for an account with an address is queued in the transaction of
// the event that causes it, so that it is never lost and never sent for a
// change that rolled back; web/mail's sender delivers it, with retries.
// Each row's key names the event and the recipient: an event is queued at
// most once. Without WithOutbox (no mail server configured) nothing is
// queued.

// Mail is one message in the outbox.
type Mail struct {
	ID        int64
	Key       string // the event and the recipient
	UserID    int64
	Username  string
	Address   string
	Subject   string
	Body      string // plain text, paragraphs between blank lines
	Path      string // the page it links to
	CreatedAt time.Time
	Attempts  int
	NextAt    time.Time
	SentAt    time.Time // zero until sent
	FailedAt  time.Time // zero unless given up
	LastError string    // the server's last answer
}

// MailState is where a message stands.
func (m Mail) MailState() string {
	switch {
	case !m.SentAt.IsZero():
		return MailSent
	case !m.FailedAt.IsZero():
		return MailFailed
	}
	return MailPending
}

// The states of a message.
const (
	MailPending = "pending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// WithOutbox has notices also queue a mail to each recipient with an
// address: set when a mail server is configured.
func WithOutbox() Option {
	return func(o *openOptions) { o.outbox = true }
}

// SendsMail tells whether notices fill the outbox (a mail server is
// configured).
func (s *Store) SendsMail() bool { return s.outbox }

// lastNotification is the newest notification's id: a change queues the
// mails of the notifications it writes after it.
func lastNotification(ctx context.Context, tx *writeTx) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM notifications`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: unable to read the notifications: %w", err)
	}
	return id, nil
}

// queueNotices queues a mail for every notification after id after whose
// recipient has an address: text, linking to the filing as the recipient
// sees it (a secretary's own filing, staff's review).
func queueNotices(ctx context.Context, tx *writeTx, after int64, now, text string) error {
	if !tx.s.outbox {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (key, user_id, address, subject, body, path, created_at, next_at)
		SELECT 'notification:' || n.id, n.user_id, u.email, ?3, ?3,
			CASE u.role WHEN 'secretary' THEN '/org/filings/' ELSE '/workbench/review/' END || n.filing_id, ?1, ?1
		FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE n.id > ?2 AND u.email IS NOT NULL AND u.email <> '' AND u.disabled = 0
		ON CONFLICT (key) DO NOTHING`, now, after, text)
	if err != nil {
		return fmt.Errorf("store: unable to queue mail: %w", err)
	}
	return nil
}

const mailColumns = `o.id, o.key, o.user_id, coalesce(u.username, ''), o.address, o.subject, o.body, o.path, o.created_at, o.attempts, o.next_at,
	coalesce(o.sent_at, ''), coalesce(o.failed_at, ''), coalesce(o.last_error, '')`

// claimedColumns are mailColumns as an UPDATE of the outbox returns them
// (its RETURNING knows neither the table's alias nor the users).
var claimedColumns = strings.ReplaceAll(strings.Replace(mailColumns, "coalesce(u.username, '')", "''", 1), "o.", "")

func scanMail(r interface{ Scan(...any) error }) (Mail, error) {
	var m Mail
	var created, next, sent, failed string
	err := r.Scan(&m.ID, &m.Key, &m.UserID, &m.Username, &m.Address, &m.Subject, &m.Body, &m.Path, &created, &m.Attempts, &next, &sent, &failed, &m.LastError)
	m.CreatedAt, m.NextAt, m.SentAt, m.FailedAt = timeOf(created), timeOf(next), timeOf(sent), timeOf(failed)
	return m, err
}

// timeOf reads a stored RFC 3339 time; zero for "".
func timeOf(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// ClaimMail takes up to limit messages due for sending at now, the
// longest waiting first, for one sender until lease: until then no other
// sender (another process) takes them, and if this one stops before
// saying how it went (MailSent, MailNotSent), they fall due again then.
func (s *Store) ClaimMail(ctx context.Context, now, lease time.Time, limit int) ([]Mail, error) {
	done, err := s.takeWriteTurn(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	var out []Mail
	err = eachRow(ctx, s.write, `UPDATE outbox SET next_at = ?1
		WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= ?2 ORDER BY next_at, id LIMIT ?3`+s.d.skipLocked()+`)
		RETURNING `+claimedColumns,
		[]any{lease.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), limit}, func(rows *sql.Rows) error {
			m, err := scanMail(rows)
			out = append(out, m)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: unable to claim mail: %w", err)
	}
	slices.SortFunc(out, func(a, b Mail) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// NextMailAt is when the next pending message falls due; zero when none
// is pending.
func (s *Store) NextMailAt(ctx context.Context) (time.Time, error) {
	var next sql.NullString
	if err := s.read.QueryRowContext(ctx, `SELECT min(next_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`).Scan(&next); err != nil {
		return time.Time{}, fmt.Errorf("store: unable to read the outbox: %w", err)
	}
	return timeOf(next.String), nil
}

// MailSent records that message id was sent at.
func (s *Store) MailSent(ctx context.Context, id int64, at time.Time) error {
	return s.outboxWrite(ctx, `UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`, at.UTC().Format(time.RFC3339), id)
}

// maxAnswer is how much of a server's answer the outbox keeps.
const maxAnswer = 500

// MailNotSent records a failed attempt to send message id, with the
// server's answer: tried again at retry, or given up when retry is zero.
func (s *Store) MailNotSent(ctx context.Context, id int64, at, retry time.Time, answer string) error {
	if r := []rune(answer); len(r) > maxAnswer {
		answer = string(r[:maxAnswer]) + "…"
	}
	if retry.IsZero() {
		return s.outboxWrite(ctx, `UPDATE outbox SET failed_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?`,
			at.UTC().Format(time.RFC3339), answer, id)
	}
	return s.outboxWrite(ctx, `UPDATE outbox SET next_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?`,
		retry.UTC().Format(time.RFC3339), answer, id)
}

// outboxWrite runs one statement on the outbox at the writer's turn. The
// outbox's delivery state is not a record: it moves no revision and has no
// audit entry of its own (the event that queued the mail has one).
func (s *Store) outboxWrite(ctx context.Context, query string, args ...any) error {
	done, err := s.takeWriteTurn(ctx)
	if err != nil {
		return err
	}
	defer done()
	if _, err := s.write.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("store: unable to write the outbox: %w", err)
	}
	return nil
}

// Outbox is up to limit messages of the outbox older than message before
// (0: the newest), newest first, and how many messages are in each state
// (kept by the outbox's triggers).
func (s *Store) Outbox(ctx context.Context, before int64, limit int) ([]Mail, map[string]int, error) {
	if before <= 0 {
		before = math.MaxInt64
	}
	var out []Mail
	err := eachRow(ctx, s.read, `SELECT `+mailColumns+` FROM outbox o LEFT JOIN users u ON u.id = o.user_id
		WHERE o.id < ? ORDER BY o.id DESC LIMIT ?`, []any{before, limit}, func(rows *sql.Rows) error {
		m, err := scanMail(rows)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to read the outbox: %w", err)
	}
	counts := map[string]int{}
	err = eachRow(ctx, s.read, `SELECT state, mails FROM outbox_counts`, nil, func(rows *sql.Rows) error {
		var state string
		var n int
		err := rows.Scan(&state, &n)
		counts[state] = n
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to count the outbox: %w", err)
	}
	return out, counts, nil
}
