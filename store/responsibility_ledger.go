package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// ResponsibilityFilter selects and orders the social-responsibility ledger.
type ResponsibilityFilter struct {
	Query  string // in the enterprise's name or the note
	Kind   string
	Year   int
	Status string // draft | submitted | published
	Sort   string // date (default newest first), beneficiaries; "-" reverses
	Offset int
	Limit  int
}

// ResponsibilityLedgerRow is one line of the social-responsibility ledger.
type ResponsibilityLedgerRow struct {
	Key                                    int64
	Enterprise, EnterpriseName, Kind, Date string
	Beneficiaries                          int
	Note, Status                           string
}

var responsibilitySorts = map[string]string{
	"date": "x.date, x.id", "-date": "x.date DESC, x.id DESC",
	"beneficiaries": "x.beneficiaries, x.id", "-beneficiaries": "x.beneficiaries DESC, x.id DESC",
}

// ResponsibilityLedger lists one page of the records the filter selects,
// how many it selects and their beneficiaries in all. Queries: count and
// sum (the kept totals when nothing is filtered), page (its ids on an
// index that serves the order).
func (s *Store) ResponsibilityLedger(ctx context.Context, f ResponsibilityFilter) ([]ResponsibilityLedgerRow, int, int, error) {
	where, args := inPark(ctx, "x")
	from := ` FROM responsibility x`
	if q := strings.TrimSpace(f.Query); q != "" {
		from = ` FROM responsibility x JOIN enterprises e ON e.id = x.enterprise_id`
		where, args = append(where, `(e.name LIKE ? ESCAPE '\' OR x.note LIKE ? ESCAPE '\')`), append(args, likePattern(q), likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "x.kind = ?"), append(args, f.Kind)
	}
	if f.Year != 0 {
		where, args = append(where, "x.date BETWEEN ? AND ?"), append(args, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	if f.Status != "" {
		where, args = append(where, "x.status = ?"), append(args, f.Status)
	}
	from += whereOf(where)
	var total, beneficiaries int
	var err error
	if unfiltered(where) {
		if total, err = ledgerTotal(ctx, s.read, "responsibility"); err == nil {
			beneficiaries, err = ledgerTotal(ctx, s.read, "responsibility.beneficiaries")
		}
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(x.beneficiaries), 0)`+from, args...).Scan(&total, &beneficiaries)
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("store: unable to count responsibility records: %w", err)
	}
	order, ok := responsibilitySorts[f.Sort]
	if !ok {
		order = responsibilitySorts["-date"]
	}
	q := `SELECT x.id, e.source_id, e.name, x.kind, x.date, x.beneficiaries, COALESCE(x.note, ''), x.status
		FROM responsibility x JOIN enterprises e ON e.id = x.enterprise_id`
	if page, pageArgs := pageOf("x.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += whereOf(where)
	}
	var out []ResponsibilityLedgerRow
	err = eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r ResponsibilityLedgerRow
		err := rows.Scan(&r.Key, &r.Enterprise, &r.EnterpriseName, &r.Kind, &r.Date, &r.Beneficiaries, &r.Note, &r.Status)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, 0, fmt.Errorf("store: unable to list responsibility records: %w", err)
	}
	return out, total, beneficiaries, nil
}

// KindsIn lists the kinds that the records of a ledger with free-text
// kinds (platforms, designations, awards, responsibility) hold, for its
// filter: the format's own kinds first, then any other in use.
func (s *Store) KindsIn(ctx context.Context, table string, known []Choice) ([]Choice, error) {
	switch table {
	case "platforms", "designations", "awards", "responsibility":
	default:
		return nil, fmt.Errorf("store: %s has no free kinds", table)
	}
	out := append([]Choice(nil), known...)
	kinds, err := distinctValues(ctx, s.read, table, "kind") // each table has an index led by kind
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the kinds of %s: %w", table, err)
	}
	for _, k := range kinds {
		if !slices.ContainsFunc(known, func(c Choice) bool { return c.Value == k }) {
			out = append(out, Choice{Value: k, Label: k})
		}
	}
	return out, nil
}
