package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// AwardFilter selects the award ledger.
type AwardFilter struct {
	Query        string // in the organisation's name or the title
	Kind         string
	Level        string
	Year         int
	Organization string
	Offset       int
	Limit        int
}

// AwardRow is one line of the award ledger.
type AwardRow struct {
	Key                                                int64
	Organization, OrganizationName, Kind, Level, Title string
	Year                                               int
}

// AwardLedger lists one page of the awards the filter selects, newest
// first, and how many it selects. Queries: count, page.
func (s *Store) AwardLedger(ctx context.Context, f AwardFilter) ([]AwardRow, int, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `(o.name LIKE ? ESCAPE '\' OR a.title LIKE ? ESCAPE '\')`), append(args, likePattern(q), likePattern(q))
	}
	if f.Kind != "" {
		where, args = append(where, "a.kind = ?"), append(args, f.Kind)
	}
	if f.Level != "" {
		where, args = append(where, "a.level = ?"), append(args, f.Level)
	}
	if f.Year != 0 {
		where, args = append(where, "a.year = ?"), append(args, f.Year)
	}
	if f.Organization != "" {
		where, args = append(where, "o.source_id = ?"), append(args, f.Organization)
	}
	from := ` FROM awards a JOIN organizations o ON o.id = a.organization_id`
	if len(where) > 0 {
		from += " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count awards: %w", err)
	}
	q := `SELECT a.id, o.source_id, o.name, a.kind, a.level, COALESCE(a.title, ''), a.year` + from + ` ORDER BY a.year DESC, o.name, a.id`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	var out []AwardRow
	err := eachRow(ctx, s.Read, q, args, func(rows *sql.Rows) error {
		var r AwardRow
		err := rows.Scan(&r.Key, &r.Organization, &r.OrganizationName, &r.Kind, &r.Level, &r.Title, &r.Year)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list awards: %w", err)
	}
	return out, total, nil
}
