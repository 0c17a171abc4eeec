package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// PlatformFilter selects the platform ledger.
type PlatformFilter struct {
	Query string
	Kind  string
	By    int // established by the end of this year, when not 0
}

// PlatformRow is one line of the platform ledger.
type PlatformRow struct {
	Key                     int64
	Kind, Name, Established string
}

// PlatformLedger lists the platforms the filter selects, newest first. A
// park has tens of them: one page holds them all. Queries: one.
func (s *Store) PlatformLedger(ctx context.Context, f PlatformFilter) ([]PlatformRow, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `name LIKE ? ESCAPE '\'`), append(args, likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, f.Kind)
	}
	if f.By != 0 {
		where, args = append(where, "established <= ?"), append(args, fmt.Sprintf("%04d-12-31", f.By))
	}
	q := `SELECT id, kind, name, established FROM platforms`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var out []PlatformRow
	err := eachRow(ctx, s.Read, q+` ORDER BY established DESC, id DESC`, args, func(rows *sql.Rows) error {
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
