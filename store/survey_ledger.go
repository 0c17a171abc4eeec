package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// SurveyFilter selects the survey ledger.
type SurveyFilter struct {
	Query  string // in the enterprise's name
	Year   int
	Meets  string // yes | no: meets all three of 三有
	Sort   string // "" (newest first), date, employees; "-" reverses
	Offset int
	Limit  int
}

// SurveyLedgerRow is one line of the survey ledger.
type SurveyLedgerRow struct {
	Key                        int64
	Enterprise, EnterpriseName string
	Date                       string
	FixedPremises, Operating   bool
	Employees                  int
}

// Meets says whether the survey found all three of 三有.
func (r SurveyLedgerRow) Meets() bool {
	return Survey{FixedPremises: r.FixedPremises, Employees: r.Employees, Operating: r.Operating}.Meets()
}

// meetsSQL is Survey.Meets in SQL, as the report counts it; the survey
// ledger's filter compares it with 1 or 0, as surveys_ledger_meets
// indexes it.
const meetsSQL = "(s.fixed_premises = 1 AND s.employees >= 10 AND s.operating = 1)"

// surveySorts are the survey ledger's orders, each served by an index.
var surveySorts = map[string]string{
	"date": "s.date, s.id", "-date": "s.date DESC, s.id DESC", "employees": "s.employees, s.id", "-employees": "s.employees DESC, s.id DESC",
}

// SurveyLedger lists one page of the surveys the filter selects, newest
// first, and how many it selects. Queries: count (the kept total when
// nothing is filtered), page (its ids on an index that serves the order).
func (s *Store) SurveyLedger(ctx context.Context, f SurveyFilter) ([]SurveyLedgerRow, int, error) {
	where, args := inPark(ctx, "s")
	from := ` FROM surveys s`
	if q := strings.TrimSpace(f.Query); q != "" {
		from = ` FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id`
		where, args = append(where, `e.name LIKE ? ESCAPE '\'`), append(args, likePattern(q))
	}
	if f.Year != 0 {
		where, args = append(where, "s.date BETWEEN ? AND ?"), append(args, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	switch f.Meets {
	case "yes":
		where = append(where, meetsSQL+" = "+s.d.boolean(true))
	case "no":
		where = append(where, meetsSQL+" = "+s.d.boolean(false))
	}
	from += whereOf(where)
	var total int
	var err error
	if unfiltered(where) {
		total, err = ledgerTotal(ctx, s.read, "surveys")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count surveys: %w", err)
	}
	order, ok := surveySorts[f.Sort]
	if !ok {
		order = surveySorts["-date"]
	}
	q := `SELECT s.id, e.source_id, e.name, s.date, s.fixed_premises, s.employees, s.operating FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id`
	if page, pageArgs := pageOf("s.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += whereOf(where)
	}
	var out []SurveyLedgerRow
	err = eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r SurveyLedgerRow
		err := rows.Scan(&r.Key, &r.Enterprise, &r.EnterpriseName, &r.Date, &r.FixedPremises, &r.Employees, &r.Operating)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list surveys: %w", err)
	}
	return out, total, nil
}
