package store

import (
	"context"
	"fmt"
	"strings"
)

// A ledger's page costs the same on a district's park as on the demo's
// (issue 19): its rows are found in an index that serves the ledger's
// order (migration 00013), so that LIMIT and OFFSET walk index entries
// instead of sorting the table, and only the page's rows are read with
// their joins and per-row counts; its count is an index range, or the
// total kept by the write path when nothing is filtered.

// pageOf narrows a ledger's statement to one page: key is its records' id
// (a.id), from its FROM and WHERE with args, order its ORDER BY. The ids
// are found first, on the index alone; the outer statement reads those
// rows only. A limit of 0 is every row (an export): from's filter as it
// is.
func pageOf(key, from, order string, args []any, limit, offset int) (where string, whereArgs []any) {
	if limit <= 0 {
		return "", nil
	}
	return key + ` IN (SELECT ` + key + from + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?)`, append(append([]any(nil), args...), limit, offset)
}

// whereOf is conditions as a WHERE clause, or nothing.
func whereOf(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// ledgerTotal is the park's total kept in ledger_totals under name: a
// ledger's records, or a sum (responsibility.beneficiaries). Triggers keep
// it in every writer's transaction (migrations 00013, 00028); a park
// without such records has no row.
func ledgerTotal(ctx context.Context, q querier, name string) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM ledger_totals WHERE park_id = ? AND name = ?), 0)`, ParkOf(ctx), name).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to read the total of %s: %w", name, err)
	}
	return n, nil
}

// LedgerTotals are the park's kept totals by name, for the test that
// checks them against the records.
func (s *Store) LedgerTotals(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	rows, err := s.read.QueryContext(ctx, `SELECT name, value FROM ledger_totals WHERE park_id = ?`, ParkOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the ledger totals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return nil, err
		}
		out[name] = n
	}
	return out, rows.Err()
}

// distinctValues lists the distinct non-empty values of column in table
// among the park's records, in order, one index seek each (a loose index
// scan): SELECT DISTINCT would walk the whole index. column must lead an
// index of table.
func distinctValues(ctx context.Context, q querier, table, column string) ([]string, error) {
	query := `WITH RECURSIVE v(value) AS (
		SELECT min(` + column + `) FROM ` + table + ` WHERE ` + column + ` > '' AND park_id = ?1
		UNION ALL
		SELECT (SELECT min(` + column + `) FROM ` + table + ` WHERE ` + column + ` > v.value AND park_id = ?1) FROM v WHERE v.value IS NOT NULL)
		SELECT value FROM v WHERE value IS NOT NULL`
	rows, err := q.QueryContext(ctx, query, ParkOf(ctx))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// dateRange is the earliest and latest date of table, two index lookups
// (min and max in one aggregate would read the table: SQLite's shortcut
// takes one at a time).
func dateRange(ctx context.Context, q querier, table string) (earliest, latest string, err error) {
	var lo, hi *string
	err = q.QueryRowContext(ctx, `SELECT (SELECT min(date) FROM `+table+` WHERE park_id = ?1), (SELECT max(date) FROM `+table+` WHERE park_id = ?1)`, ParkOf(ctx)).Scan(&lo, &hi)
	if err != nil || lo == nil || hi == nil {
		return "", "", err
	}
	return *lo, *hi, nil
}

// inPark starts a ledger's conditions with its park's: the records of
// alias's table in the park of ctx. Every ledger's statements begin so,
// which its indexes (park_id first) serve.
func inPark(ctx context.Context, alias string) ([]string, []any) {
	return []string{alias + ".park_id = ?"}, []any{ParkOf(ctx)}
}

// pinned marks a ledger's conditions as narrowed to one of the park's
// organisations (or enterprises), whose records are the park's: the
// park's condition stays, written so that SQLite keeps to the parent's
// index instead of walking the park's.
func pinned(conds []string) {
	if !strings.HasPrefix(conds[0], "+") {
		conds[0] = "+" + conds[0]
	}
}

// unfiltered reports whether a ledger's conditions are its park's alone:
// its count is then the kept total.
func unfiltered(conds []string) bool { return len(conds) == 1 }
