package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// OrganizationFilings are limit of an organisation's filings from offset,
// latest change first, without their bodies; FilingStatusCounts counts
// them all.
func (s *Store) OrganizationFilings(ctx context.Context, org string, limit, offset int) ([]Filing, error) {
	return s.filings(ctx, `o.park_id = ? AND o.source_id = ?`, []any{ParkOf(ctx), org}, `f.updated_at DESC, f.id DESC`, limit, offset)
}

// ReturnedFilings are up to limit of an organisation's filings that staff
// returned and the secretary has not submitted again, the latest change
// first, with the return's comment: as Filing.OpenComment has it, a
// returned filing saved since (a draft) still has its comment open.
func (s *Store) ReturnedFilings(ctx context.Context, org string, limit int) ([]Filing, error) {
	return s.filings(ctx, `o.park_id = ? AND o.source_id = ? AND f.status IN ('returned', 'draft') AND coalesce(f.comment, '') <> ''`, []any{ParkOf(ctx), org}, `f.updated_at DESC, f.id DESC`, limit, 0)
}

// FilingStatusCounts are how many of an organisation's filings stand at
// each status.
func (s *Store) FilingStatusCounts(ctx context.Context, org string) (map[string]int, error) {
	out := map[string]int{}
	err := eachRow(ctx, s.read, `SELECT f.status, count(*) FROM filings f JOIN organizations o ON o.id = f.organization_id
		WHERE o.park_id = ? AND o.source_id = ? GROUP BY f.status`, []any{ParkOf(ctx), org}, func(rows *sql.Rows) error {
		var st string
		var n int
		err := rows.Scan(&st, &n)
		out[st] = n
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to count filings: %w", err)
	}
	return out, nil
}

// ReviewFilter narrows the review queue.
type ReviewFilter struct {
	Kind         string // "" for every kind
	Organization string // interchange id, "" for every organisation
	Status       string // "" is submitted
}

// ReviewQueue are limit of the filings staff review from offset, the
// longest waiting first, without their bodies, and how many match in all.
func (s *Store) ReviewQueue(ctx context.Context, f ReviewFilter, limit, offset int) ([]Filing, int, error) {
	status := f.Status
	if status == "" {
		status = FilingSubmitted
	}
	where := []string{`o.park_id = ?`, `f.status = ?`}
	args := []any{ParkOf(ctx), status}
	if f.Kind != "" {
		where, args = append(where, `f.kind = ?`), append(args, f.Kind)
	}
	if f.Organization != "" {
		where, args = append(where, `o.source_id = ?`), append(args, f.Organization)
	}
	order := `f.submitted_at, f.id`
	if status != FilingSubmitted {
		order = `f.updated_at DESC, f.id DESC`
	}
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM filings f JOIN organizations o ON o.id = f.organization_id WHERE `+
		strings.Join(where, " AND "), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count the review queue: %w", err)
	}
	out, err := s.filings(ctx, strings.Join(where, " AND "), args, order, limit, offset)
	return out, total, err
}

// filingListColumns are filingColumns without the body: a list shows no
// body, and reading hundreds of them was most of a workspace page's cost.
var filingListColumns = strings.Replace(filingColumns, "f.body", "''", 1)

func (s *Store) filings(ctx context.Context, where string, args []any, order string, limit, offset int) ([]Filing, error) {
	var out []Filing
	err := eachRow(ctx, s.read, `SELECT `+filingListColumns+` FROM filings f JOIN organizations o ON o.id = f.organization_id
		WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(append([]any{}, args...), limit, max(offset, 0)), func(rows *sql.Rows) error {
		f, err := scanFiling(rows)
		out = append(out, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list filings: %w", err)
	}
	return out, nil
}

// ReviewCounts are what the staff navigation and dashboard show of the
// park's queue: how many wait, and how many of those for more than a week (as of
// the UTC time before, RFC 3339).
func (s *Store) ReviewCounts(ctx context.Context, before string) (waiting, overdue int, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT count(*), count(CASE WHEN f.submitted_at < ? THEN 1 END) FROM filings f JOIN organizations o ON o.id = f.organization_id
		WHERE f.status = 'submitted' AND o.park_id = ?`, before, ParkOf(ctx)).
		Scan(&waiting, &overdue)
	if err != nil {
		err = fmt.Errorf("store: unable to count the review queue: %w", err)
	}
	return waiting, overdue, err
}

// OrganizationEnterpriseChoices are the enterprises organisation org
// (interchange id) covers, as a form's choices, in the ledger's order.
func (s *Store) OrganizationEnterpriseChoices(ctx context.Context, org string) ([]Choice, error) {
	var out []Choice
	err := eachRow(ctx, s.read, `SELECT e.source_id, e.name FROM organization_enterprises oe
		JOIN organizations o ON o.id = oe.organization_id JOIN enterprises e ON e.id = oe.enterprise_id
		WHERE o.park_id = ? AND o.source_id = ? ORDER BY oe.position`, []any{ParkOf(ctx), org}, func(rows *sql.Rows) error {
		var c Choice
		err := rows.Scan(&c.Value, &c.Label)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the enterprises of %q: %w", org, err)
	}
	return out, nil
}

// OrganizationKey is the rowid of organisation org (interchange id).
func (s *Store) OrganizationKey(ctx context.Context, org string) (int64, error) {
	o, err := resolveOrg(ctx, s.read, org)
	return o.key, err
}

// MemberByKey is the member with rowid key.
func (s *Store) MemberByKey(ctx context.Context, key int64) (Member, error) {
	m, _, err := loadMember(ctx, s.read, key)
	return m, err
}

// OrganizationBrandKey is the rowid of the latest brand of organisation
// org, 0 when it has none.
func (s *Store) OrganizationBrandKey(ctx context.Context, org string) (int64, error) {
	var key int64
	err := s.read.QueryRowContext(ctx, `SELECT b.id FROM brands b JOIN organizations o ON o.id = b.organization_id
		WHERE o.park_id = ? AND o.source_id = ? ORDER BY b.launched DESC, b.id DESC LIMIT 1`, ParkOf(ctx), org).Scan(&key)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return key, err
}

// LatestFilingOfKind is the id of the organisation's latest filing of kind,
// 0 when it has none.
func (s *Store) LatestFilingOfKind(ctx context.Context, org, kind string) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT f.id FROM filings f JOIN organizations o ON o.id = f.organization_id
		WHERE o.park_id = ? AND o.source_id = ? AND f.kind = ? ORDER BY f.updated_at DESC, f.id DESC LIMIT 1`, ParkOf(ctx), org, kind).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, err
}
