package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ServiceFilter selects and orders the shared-service ledger.
type ServiceFilter struct {
	Query     string // in the enterprise's name or the note
	Kind      string
	Year      int
	Effective string // yes | no
	Sort      string // date (default newest first), saving; "-" reverses
	Offset    int
	Limit     int
}

// ServiceLedgerRow is one line of the shared-service ledger.
type ServiceLedgerRow struct {
	Key                              int64
	Enterprise, EnterpriseName, Kind string
	Date                             string
	Effective                        bool
	MarketCost, ActualCost           *Money
	Note                             string
}

var serviceSorts = map[string]string{
	"date": "s.date, s.id", "-date": "s.date DESC, s.id DESC",
	"saving": "COALESCE(s.market_cost_fen - s.actual_cost_fen, 0), s.id", "-saving": "COALESCE(s.market_cost_fen - s.actual_cost_fen, 0) DESC, s.id DESC",
}

// ServiceLedger lists one page of the services the filter selects and how
// many it selects. Queries: count (the kept total when nothing is
// filtered), page (its ids on an index that serves the order).
func (s *Store) ServiceLedger(ctx context.Context, f ServiceFilter) ([]ServiceLedgerRow, int, error) {
	where, args := inPark(ctx, "s")
	from := ` FROM services s`
	if q := strings.TrimSpace(f.Query); q != "" {
		from = ` FROM services s JOIN enterprises e ON e.id = s.enterprise_id`
		where, args = append(where, `(e.name LIKE ? ESCAPE '\' OR s.note LIKE ? ESCAPE '\')`), append(args, likePattern(q), likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "s.kind = ?"), append(args, f.Kind)
	}
	if f.Year != 0 {
		where, args = append(where, "s.date BETWEEN ? AND ?"), append(args, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	switch f.Effective {
	case "yes":
		where = append(where, "s.effective = 1")
	case "no":
		where = append(where, "s.effective = 0")
	}
	from += whereOf(where)
	var total int
	var err error
	if unfiltered(where) {
		total, err = ledgerTotal(ctx, s.read, "services")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count services: %w", err)
	}
	order, ok := serviceSorts[f.Sort]
	if !ok {
		order = serviceSorts["-date"]
	}
	q := `SELECT s.id, e.source_id, e.name, s.kind, s.date, s.effective, s.market_cost_fen, s.actual_cost_fen, COALESCE(s.note, '')
		FROM services s JOIN enterprises e ON e.id = s.enterprise_id`
	if page, pageArgs := pageOf("s.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += whereOf(where)
	}
	var out []ServiceLedgerRow
	err = eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r ServiceLedgerRow
		var market, actual sql.NullInt64
		err := rows.Scan(&r.Key, &r.Enterprise, &r.EnterpriseName, &r.Kind, &r.Date, &r.Effective, &market, &actual, &r.Note)
		r.MarketCost, r.ActualCost = moneyOrNil(market), moneyOrNil(actual)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list services: %w", err)
	}
	return out, total, nil
}
