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

// meetsSQL is Survey.Meets in SQL, as the report counts it.
const meetsSQL = "(s.fixed_premises = 1 AND s.employees >= 10 AND s.operating = 1)"

// SurveyLedger lists one page of the surveys the filter selects, newest
// first, and how many it selects. Queries: count, page.
func (s *Store) SurveyLedger(ctx context.Context, f SurveyFilter) ([]SurveyLedgerRow, int, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `e.name LIKE ? ESCAPE '\'`), append(args, likePattern(q))
	}
	if f.Year != 0 {
		where, args = append(where, "s.date BETWEEN ? AND ?"), append(args, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	switch f.Meets {
	case "yes":
		where = append(where, meetsSQL)
	case "no":
		where = append(where, "NOT "+meetsSQL)
	}
	from := ` FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id`
	if len(where) > 0 {
		from += " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count surveys: %w", err)
	}
	order, ok := map[string]string{
		"date": "s.date, s.id", "-date": "s.date DESC, s.id DESC", "employees": "s.employees, s.id", "-employees": "s.employees DESC, s.id DESC",
	}[f.Sort]
	if !ok {
		order = "s.date DESC, s.id DESC"
	}
	q := `SELECT s.id, e.source_id, e.name, s.date, s.fixed_premises, s.employees, s.operating` + from + ` ORDER BY ` + order
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	var out []SurveyLedgerRow
	err := eachRow(ctx, s.Read, q, args, func(rows *sql.Rows) error {
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
