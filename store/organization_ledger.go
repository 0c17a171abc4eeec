package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// OrganizationFilter selects and orders the organisation ledger.
type OrganizationFilter struct {
	Query string // in the name, the secretary or the id
	// NoPeople searches the name and the id only: a district's user, who
	// reads no person's name, cannot find one by searching.
	NoPeople bool
	Kind     string
	Formed   int // formed in this year, when not 0
	Offset   int
	Limit    int // 0: no limit
}

// OrganizationRow is one line of the organisation ledger.
type OrganizationRow struct {
	ID, Name, Kind, Formed, Secretary string
	Enterprises                       int
	Members                           int
}

// OrganizationLedger lists one page of the organisations the filter
// selects, by formation date, and how many it selects. Queries: count (the
// kept total when nothing is filtered), page (its ids on an index that
// serves the order).
func (s *Store) OrganizationLedger(ctx context.Context, f OrganizationFilter) ([]OrganizationRow, int, error) {
	where, args := inPark(ctx, "o")
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%"
		if f.NoPeople {
			where = append(where, `(o.name LIKE ? ESCAPE '\' OR o.source_id LIKE ? ESCAPE '\')`)
			args = append(args, like, like)
		} else {
			where = append(where, `(o.name LIKE ? ESCAPE '\' OR o.secretary LIKE ? ESCAPE '\' OR o.source_id LIKE ? ESCAPE '\')`)
			args = append(args, like, like, like)
		}
	}
	if f.Kind != "" {
		where, args = append(where, "o.kind = ?"), append(args, f.Kind)
	}
	if f.Formed != 0 {
		where, args = append(where, "o.formed BETWEEN ? AND ?"), append(args, fmt.Sprintf("%04d-01-01", f.Formed), fmt.Sprintf("%04d-12-31", f.Formed))
	}
	cond := whereOf(where)
	var total int
	var err error
	if unfiltered(where) {
		total, err = ledgerTotal(ctx, s.read, "organizations")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM organizations o`+cond, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count organisations: %w", err)
	}
	const order = `o.formed, o.id`
	q := `SELECT o.source_id, o.name, o.kind, o.formed, COALESCE(o.secretary, ''),
		(SELECT count(*) FROM organization_enterprises l WHERE l.organization_id = o.id),
		(SELECT count(*) FROM members m WHERE m.organization_id = o.id)
		FROM organizations o`
	if page, pageArgs := pageOf("o.id", ` FROM organizations o`+cond, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += cond
	}
	var out []OrganizationRow
	if err := eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r OrganizationRow
		err := rows.Scan(&r.ID, &r.Name, &r.Kind, &r.Formed, &r.Secretary, &r.Enterprises, &r.Members)
		out = append(out, r)
		return err
	}); err != nil {
		return nil, 0, fmt.Errorf("store: unable to list organisations: %w", err)
	}
	return out, total, nil
}
