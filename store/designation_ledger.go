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
// newest year first (then newest recorded), and how many it selects.
// Queries: count (the kept total when nothing is filtered), page (its ids
// on an index that serves the order).
func (s *Store) DesignationLedger(ctx context.Context, f DesignationFilter) ([]DesignationRow, int, error) {
	where, args := inPark(ctx, "d")
	from := ` FROM designations d`
	if q := strings.TrimSpace(f.Query); q != "" {
		from = ` FROM designations d JOIN enterprises e ON e.id = d.enterprise_id`
		where, args = append(where, `e.name LIKE ? ESCAPE '\'`), append(args, likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "d.kind = ?"), append(args, f.Kind)
	}
	if f.Year != 0 {
		where, args = append(where, "d.year = ?"), append(args, f.Year)
	}
	from += whereOf(where)
	var total int
	var err error
	if unfiltered(where) {
		total, err = ledgerTotal(ctx, s.read, "designations")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count designations: %w", err)
	}
	const order = `d.year DESC, d.id DESC`
	q := `SELECT d.id, e.source_id, e.name, d.kind, d.year FROM designations d JOIN enterprises e ON e.id = d.enterprise_id`
	if page, pageArgs := pageOf("d.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += whereOf(where)
	}
	var out []DesignationRow
	err = eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
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
