package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// BrandLedgerFilter selects the brand ledger.
type BrandLedgerFilter struct {
	Query  string // in the name, the slogan or the organisation's name
	Status string
	By     int // launched by the end of this year, when not 0
	Offset int
	Limit  int // 0: every brand (an export)
}

// BrandLedgerRow is one line of the brand ledger.
type BrandLedgerRow struct {
	Key                                                            int64
	Name, Organization, OrganizationName, Launched, Status, Slogan string
}

// brandsWithOrganization is the brands and their organisations.
const brandsWithOrganization = ` FROM brands b JOIN organizations o ON o.id = b.organization_id`

// brandWhere is the FROM and WHERE of the brands a filter selects (their
// organisations joined only for a search by name), and its WHERE alone.
func brandWhere(ctx context.Context, f BrandLedgerFilter) (from, where string, args []any, filtered bool) {
	conds, args := inPark(ctx, "b")
	from = ` FROM brands b`
	if q := strings.TrimSpace(f.Query); q != "" {
		from = brandsWithOrganization
		conds = append(conds, `(b.name LIKE ? ESCAPE '\' OR b.slogan LIKE ? ESCAPE '\' OR o.name LIKE ? ESCAPE '\')`)
		args = append(args, likePattern(q), likePattern(q), likePattern(q))
	}
	if f.Status != "" {
		conds, args = append(conds, "b.status = ?"), append(args, f.Status)
	}
	if f.By != 0 {
		conds, args = append(conds, "b.launched <= ?"), append(args, fmt.Sprintf("%04d-12-31", f.By))
	}
	where = whereOf(conds)
	return from + where, where, args, !unfiltered(conds)
}

// BrandLedger lists one page of the brands the filter selects (all of them
// when Limit is 0), newest first. Queries: one (its ids on an index that
// serves the order).
func (s *Store) BrandLedger(ctx context.Context, f BrandLedgerFilter) ([]BrandLedgerRow, error) {
	from, where, args, _ := brandWhere(ctx, f)
	const order = `b.launched DESC, b.id DESC`
	q := `SELECT b.id, b.name, o.source_id, o.name, b.launched, b.status, COALESCE(b.slogan, '')` + brandsWithOrganization
	if page, pageArgs := pageOf("b.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += where
	}
	var out []BrandLedgerRow
	err := eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r BrandLedgerRow
		err := rows.Scan(&r.Key, &r.Name, &r.Organization, &r.OrganizationName, &r.Launched, &r.Status, &r.Slogan)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list brands: %w", err)
	}
	return out, nil
}

// BrandCount is how many brands the filter selects (Offset and Limit
// aside): the kept total when nothing is filtered, else an index range.
func (s *Store) BrandCount(ctx context.Context, f BrandLedgerFilter) (int, error) {
	from, _, args, filtered := brandWhere(ctx, f)
	var n int
	var err error
	if !filtered {
		n, err = ledgerTotal(ctx, s.read, "brands")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to count brands: %w", err)
	}
	return n, nil
}
