package store

import (
	"context"
	"database/sql"
	"fmt"
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
// how many it selects and their beneficiaries in all. Queries: count, page.
func (s *Store) ResponsibilityLedger(ctx context.Context, f ResponsibilityFilter) ([]ResponsibilityLedgerRow, int, int, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
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
	from := ` FROM responsibility x JOIN enterprises e ON e.id = x.enterprise_id`
	if len(where) > 0 {
		from += " WHERE " + strings.Join(where, " AND ")
	}
	var total, beneficiaries int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(x.beneficiaries), 0)`+from, args...).Scan(&total, &beneficiaries); err != nil {
		return nil, 0, 0, fmt.Errorf("store: unable to count responsibility records: %w", err)
	}
	order, ok := responsibilitySorts[f.Sort]
	if !ok {
		order = responsibilitySorts["-date"]
	}
	q := `SELECT x.id, e.source_id, e.name, x.kind, x.date, x.beneficiaries, COALESCE(x.note, ''), x.status` + from + ` ORDER BY ` + order
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	var out []ResponsibilityLedgerRow
	err := eachRow(ctx, s.Read, q, args, func(rows *sql.Rows) error {
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
	err := eachRow(ctx, s.Read, `SELECT DISTINCT kind FROM `+table+` ORDER BY kind`, nil, func(rows *sql.Rows) error {
		var k string
		if err := rows.Scan(&k); err != nil {
			return err
		}
		for _, c := range known {
			if c.Value == k {
				return nil
			}
		}
		out = append(out, Choice{Value: k, Label: k})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the kinds of %s: %w", table, err)
	}
	return out, nil
}
