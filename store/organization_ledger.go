package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// OrganizationFilter selects and orders the organisation ledger.
type OrganizationFilter struct {
	Query  string // in the name, the secretary or the id
	Kind   string
	Formed int // formed in this year, when not 0
	Offset int
	Limit  int // 0: no limit
}

// OrganizationRow is one line of the organisation ledger.
type OrganizationRow struct {
	ID, Name, Kind, Formed, Secretary string
	Enterprises                       int
	Members                           int
}

// OrganizationLedger lists one page of the organisations the filter
// selects, by formation date, and how many it selects. Queries: count, page.
func (s *Store) OrganizationLedger(ctx context.Context, f OrganizationFilter) ([]OrganizationRow, int, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%"
		where = append(where, `(o.name LIKE ? ESCAPE '\' OR o.secretary LIKE ? ESCAPE '\' OR o.source_id LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	if f.Kind != "" {
		where, args = append(where, "o.kind = ?"), append(args, f.Kind)
	}
	if f.Formed != 0 {
		where, args = append(where, "o.formed BETWEEN ? AND ?"), append(args, fmt.Sprintf("%04d-01-01", f.Formed), fmt.Sprintf("%04d-12-31", f.Formed))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*) FROM organizations o`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count organisations: %w", err)
	}
	q := `SELECT o.source_id, o.name, o.kind, o.formed, COALESCE(o.secretary, ''),
		(SELECT count(*) FROM organization_enterprises l WHERE l.organization_id = o.id),
		(SELECT count(*) FROM members m WHERE m.organization_id = o.id)
		FROM organizations o` + cond + ` ORDER BY o.formed, o.id`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	var out []OrganizationRow
	if err := eachRow(ctx, s.Read, q, args, func(rows *sql.Rows) error {
		var r OrganizationRow
		err := rows.Scan(&r.ID, &r.Name, &r.Kind, &r.Formed, &r.Secretary, &r.Enterprises, &r.Members)
		out = append(out, r)
		return err
	}); err != nil {
		return nil, 0, fmt.Errorf("store: unable to list organisations: %w", err)
	}
	return out, total, nil
}
