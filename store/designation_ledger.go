package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// DesignationFilter selects the designation ledger.
type DesignationFilter struct {
	Query  string // in the enterprise's name
	Kind   string
	Year   int
	Offset int
	Limit  int
}

// DesignationRow is one line of the designation ledger.
type DesignationRow struct {
	Key                              int64
	Enterprise, EnterpriseName, Kind string
	Year                             int
}

// DesignationLedger lists one page of the designations the filter selects,
// newest first, and how many it selects. Queries: count, page.
func (s *Store) DesignationLedger(ctx context.Context, f DesignationFilter) ([]DesignationRow, int, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `e.name LIKE ? ESCAPE '\'`), append(args, likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "d.kind = ?"), append(args, f.Kind)
	}
	if f.Year != 0 {
		where, args = append(where, "d.year = ?"), append(args, f.Year)
	}
	from := ` FROM designations d JOIN enterprises e ON e.id = d.enterprise_id`
	if len(where) > 0 {
		from += " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count designations: %w", err)
	}
	q := `SELECT d.id, e.source_id, e.name, d.kind, d.year` + from + ` ORDER BY d.year DESC, e.name, d.id`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	var out []DesignationRow
	err := eachRow(ctx, s.Read, q, args, func(rows *sql.Rows) error {
		var r DesignationRow
		err := rows.Scan(&r.Key, &r.Enterprise, &r.EnterpriseName, &r.Kind, &r.Year)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list designations: %w", err)
	}
	return out, total, nil
}
