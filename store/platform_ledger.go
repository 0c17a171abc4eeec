package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// PlatformFilter selects the platform ledger.
type PlatformFilter struct {
	Query  string
	Kind   string
	By     int // established by the end of this year, when not 0
	Offset int
	Limit  int // 0: every platform (an export)
}

// PlatformRow is one line of the platform ledger.
type PlatformRow struct {
	Key                     int64
	Kind, Name, Established string
}

// platformWhere is the WHERE of the platforms a filter selects.
func platformWhere(ctx context.Context, f PlatformFilter) (string, []any, bool) {
	where, args := inPark(ctx, "p")
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `p.name LIKE ? ESCAPE '\'`), append(args, likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "p.kind = ?"), append(args, f.Kind)
	}
	if f.By != 0 {
		where, args = append(where, "p.established <= ?"), append(args, fmt.Sprintf("%04d-12-31", f.By))
	}
	return whereOf(where), args, !unfiltered(where)
}

// PlatformLedger lists one page of the platforms the filter selects (all
// of them when Limit is 0), newest first. Queries: one (on an index that
// serves the order).
func (s *Store) PlatformLedger(ctx context.Context, f PlatformFilter) ([]PlatformRow, error) {
	where, args, _ := platformWhere(ctx, f)
	q := `SELECT p.id, p.kind, p.name, p.established FROM platforms p` + where + ` ORDER BY p.established DESC, p.id DESC`
	if f.Limit > 0 {
		q, args = q+` LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)
	}
	var out []PlatformRow
	err := eachRow(ctx, s.read, q, args, func(rows *sql.Rows) error {
		var r PlatformRow
		err := rows.Scan(&r.Key, &r.Kind, &r.Name, &r.Established)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list platforms: %w", err)
	}
	return out, nil
}

// PlatformCount is how many platforms the filter selects (Offset and
// Limit aside): the kept total when nothing is filtered, else an index
// range.
func (s *Store) PlatformCount(ctx context.Context, f PlatformFilter) (int, error) {
	where, args, filtered := platformWhere(ctx, f)
	var n int
	var err error
	if !filtered {
		n, err = ledgerTotal(ctx, s.read, "platforms")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM platforms p`+where, args...).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to count platforms: %w", err)
	}
	return n, nil
}
