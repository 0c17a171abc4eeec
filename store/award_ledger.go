package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// AwardFilter selects the award ledger.
type AwardFilter struct {
	Query        string // in the organisation's name or the title
	Kind         string
	Level        string
	Year         int
	Organization string
	Offset       int
	Limit        int
}

// AwardRow is one line of the award ledger.
type AwardRow struct {
	Key                                                int64
	Organization, OrganizationName, Kind, Level, Title string
	Year                                               int
}

// AwardLedger lists one page of the awards the filter selects, newest
// year first (then newest recorded), and how many it selects. Queries:
// count (the kept total when nothing is filtered), page (its ids on an
// index that serves the order).
func (s *Store) AwardLedger(ctx context.Context, f AwardFilter) ([]AwardRow, int, error) {
	where, args := inPark(ctx, "a")
	from := ` FROM awards a`
	if q := strings.TrimSpace(f.Query); q != "" {
		from = ` FROM awards a JOIN organizations o ON o.id = a.organization_id`
		where, args = append(where, `(o.name LIKE ? ESCAPE '\' OR a.title LIKE ? ESCAPE '\')`), append(args, likePattern(q), likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "a.kind = ?"), append(args, f.Kind)
	}
	if f.Level != "" {
		where, args = append(where, "a.level = ?"), append(args, f.Level)
	}
	if f.Year != 0 {
		where, args = append(where, "a.year = ?"), append(args, f.Year)
	}
	if f.Organization != "" {
		where, args = append(where, "a.organization_id = (SELECT id FROM organizations WHERE park_id = ? AND source_id = ?)"), append(args, ParkOf(ctx), f.Organization)
		pinned(where)
	}
	from += whereOf(where)
	var total int
	var err error
	if unfiltered(where) {
		total, err = ledgerTotal(ctx, s.read, "awards")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count awards: %w", err)
	}
	const order = `a.year DESC, a.id DESC`
	q := `SELECT a.id, o.source_id, o.name, a.kind, a.level, COALESCE(a.title, ''), a.year FROM awards a JOIN organizations o ON o.id = a.organization_id`
	if page, pageArgs := pageOf("a.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += whereOf(where)
	}
	var out []AwardRow
	err = eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r AwardRow
		err := rows.Scan(&r.Key, &r.Organization, &r.OrganizationName, &r.Kind, &r.Level, &r.Title, &r.Year)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list awards: %w", err)
	}
	return out, total, nil
}
