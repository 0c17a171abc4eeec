package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// What falls due, for the daily digest that web/mail sends to staff and
// to each secretary, read once a day.

// DueItem is one thing that falls due.
type DueItem struct {
	Kind             string // DueProbation … DueReturned
	Organization     string // interchange id
	OrganizationName string
	Title            string // the member's name, the organisation's, the filing's title
	Date             string // when it falls or fell due, YYYY-MM-DD
	FilingID         int64
	Park             int64 // the organisation's park
}

// The kinds of what falls due, in the digest's order.
const (
	DueProbation = "probation" // a probation ends within 30 days, or ended without the member made full
	DueActivist  = "activist"  // an activist for a year or more, not yet a candidate
	DueTerm      = "term"      // the organisation's term ends within six months
	DueWaiting   = "waiting"   // a filing waiting for review for more than 7 days
	DueReturned  = "returned"  // a returned filing not submitted again after 7 days
)

// DueKinds are the kinds in the digest's order.
var DueKinds = []string{DueProbation, DueActivist, DueTerm, DueWaiting, DueReturned}

// dueAfterDays is how long a filing may wait (for review, or for the
// secretary after a return) before the digest tells of it.
const dueAfterDays = 7

// DueOn lists what falls due on day (a date) in every park, kind by kind,
// the earliest first; each item names its park. Queries: members in probation and activists (by date), the
// organisations (their terms are counted from their formation), and the
// filings waiting or returned (by status and date).
func (s *Store) DueOn(ctx context.Context, day time.Time) ([]DueItem, error) {
	date := func(t time.Time) string { return t.Format(time.DateOnly) }
	var out []DueItem
	add := func(kind string, due func(string) string) func(*sql.Rows) error {
		return func(rows *sql.Rows) error {
			it := DueItem{Kind: kind}
			var at string
			if err := rows.Scan(&it.Title, &it.Organization, &it.OrganizationName, &at, &it.FilingID, &it.Park); err != nil {
				return err
			}
			it.Date = due(at)
			out = append(out, it)
			return nil
		}
	}
	yearAfter := func(d string) string {
		if t, ok := ParseDate(d); ok {
			return date(AddYears(t, 1))
		}
		return d
	}
	weekAfter := func(at string) string {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return ""
		}
		return date(t.AddDate(0, 0, dueAfterDays))
	}
	yearAgo := AddYears(day, -1)
	queries := []struct {
		kind  string
		query string
		arg   any
		due   func(string) string
	}{
		{DueProbation, `SELECT m.name, o.source_id, o.name, m.probationary, 0, o.park_id FROM members m JOIN organizations o ON o.id = m.organization_id
			WHERE m.probationary <= ? AND m.full IS NULL ORDER BY m.probationary, m.id`, date(yearAgo.AddDate(0, 0, 30)), yearAfter},
		{DueActivist, `SELECT m.name, o.source_id, o.name, m.activist, 0, o.park_id FROM members m JOIN organizations o ON o.id = m.organization_id
			WHERE m.activist <= ? AND m.candidate IS NULL ORDER BY m.activist, m.id`, date(yearAgo), yearAfter},
		{DueWaiting, `SELECT f.title, o.source_id, o.name, f.submitted_at, f.id, o.park_id FROM filings f JOIN organizations o ON o.id = f.organization_id
			WHERE f.status = 'submitted' AND f.submitted_at <= ? ORDER BY f.submitted_at, f.id`, day.AddDate(0, 0, -dueAfterDays).Format(time.RFC3339), weekAfter},
		// Returned and not submitted again, measured from the return: a
		// returned filing saved since is a draft, whose latest version is
		// still the one returned.
		{DueReturned, `SELECT f.title, o.source_id, o.name, v.decided_at, f.id, o.park_id FROM filings f JOIN organizations o ON o.id = f.organization_id
			JOIN filing_versions v ON v.filing_id = f.id AND v.version = (SELECT max(version) FROM filing_versions WHERE filing_id = f.id)
			WHERE f.status IN ('returned', 'draft') AND v.decision = 'returned' AND v.decided_at <= ? ORDER BY v.decided_at, f.id`,
			day.AddDate(0, 0, -dueAfterDays).Format(time.RFC3339), weekAfter},
	}
	for _, q := range queries {
		if err := eachRow(ctx, s.read, q.query, []any{q.arg}, add(q.kind, q.due)); err != nil {
			return nil, fmt.Errorf("store: unable to read what falls due: %w", err)
		}
	}
	var terms []DueItem
	err := eachRow(ctx, s.read, `SELECT source_id, name, kind, formed, park_id FROM organizations ORDER BY id`, nil, func(rows *sql.Rows) error {
		var id, name, kind, formed string
		var park int64
		if err := rows.Scan(&id, &name, &kind, &formed, &park); err != nil {
			return err
		}
		if end, soon, ok := TermEnd(formed, kind, day); ok && soon {
			terms = append(terms, DueItem{Kind: DueTerm, Organization: id, OrganizationName: name, Title: name, Date: date(end), Park: park})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the organisations' terms: %w", err)
	}
	slices.SortStableFunc(terms, func(a, b DueItem) int { return strings.Compare(a.Date, b.Date) })
	out = append(out, terms...)
	order := map[string]int{}
	for i, k := range DueKinds {
		order[k] = i
	}
	slices.SortStableFunc(out, func(a, b DueItem) int { return order[a.Kind] - order[b.Kind] })
	return out, nil
}

// MailRecipients are the enabled accounts with an e-mail address.
func (s *Store) MailRecipients(ctx context.Context) ([]User, error) {
	var out []User
	err := eachRow(ctx, s.read, `SELECT `+userColumns+` FROM users WHERE email IS NOT NULL AND email <> '' AND disabled = 0 ORDER BY id`, nil,
		func(rows *sql.Rows) error {
			u, err := scanUser(rows)
			out = append(out, u)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the accounts with an address: %w", err)
	}
	return out, nil
}

// QueueDigest takes day's digest for this process and queues its mails,
// in one transaction: false when the day's digest was already taken (by
// this process or another), and then nothing is queued.
func (s *Store) QueueDigest(ctx context.Context, day string, mails []Mail, now time.Time) (bool, error) {
	done, err := s.takeWriteTurn(ctx)
	if err != nil {
		return false, err
	}
	defer done()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: unable to begin the digest: %w", err)
	}
	defer tx.Rollback()
	at := now.UTC().Format(time.RFC3339)
	res, err := tx.ExecContext(ctx, `INSERT INTO job_days (job, day, at) VALUES ('digest', ?, ?) ON CONFLICT DO NOTHING`, day, at)
	if err != nil {
		return false, fmt.Errorf("store: unable to take the digest's day: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	for _, m := range mails {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (key, user_id, address, subject, body, path, created_at, next_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, m.Key, m.UserID, m.Address, m.Subject, m.Body, m.Path, at, at); err != nil {
			return false, fmt.Errorf("store: unable to queue the digest: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: unable to queue the digest: %w", err)
	}
	return true, nil
}
