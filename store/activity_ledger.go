package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ActivityFilter selects and orders the activity ledger.
type ActivityFilter struct {
	Query     string // in the title or the kind
	Program   string
	Year      int // held in this year, when not 0
	Organizer string
	Status    string // draft | submitted | published
	Sort      string // date (default, newest first), participants, title; "-" before it reverses
	Offset    int
	Limit     int
}

// ActivityRow is one line of the activity ledger.
type ActivityRow struct {
	Key                        int64
	Program, Kind, Title, Date string
	Organizer, OrganizerName   string
	Participants               *int
	Enterprises                int
	Status                     string // draft | submitted | published
}

// activitySorts are the orders the ledger offers, by key.
var activitySorts = map[string]string{
	"date": "a.date, a.id", "-date": "a.date DESC, a.id DESC",
	"participants": "a.participants, a.id", "-participants": "a.participants DESC, a.id DESC",
	"title": "a.title, a.id", "-title": "a.title DESC, a.id DESC",
}

// likePattern is a LIKE pattern finding text anywhere, with the pattern's
// own characters escaped (use with ESCAPE '\').
func likePattern(text string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(text) + "%"
}

// ActivityLedger lists one page of the activities the filter selects and
// how many it selects. Queries: count (the kept total when nothing is
// filtered, the kept counts when only the programme, year or status is),
// page (its ids on an index that serves the order).
func (s *Store) ActivityLedger(ctx context.Context, f ActivityFilter) ([]ActivityRow, int, error) {
	where, args := inPark(ctx, "a")
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `(a.title LIKE ? ESCAPE '\' OR a.kind LIKE ? ESCAPE '\')`), append(args, likePattern(q), likePattern(q))
	}
	if f.Program != "" {
		where, args = append(where, "a.program = ?"), append(args, f.Program)
	}
	if f.Year != 0 {
		where, args = append(where, "a.date BETWEEN ? AND ?"), append(args, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	if f.Organizer != "" {
		where, args = append(where, "a.organizer_id = (SELECT id FROM organizations WHERE park_id = ? AND source_id = ?)"), append(args, ParkOf(ctx), f.Organizer)
		pinned(where)
	}
	if f.Status != "" {
		where, args = append(where, "a.status = ?"), append(args, f.Status)
	}
	from := ` FROM activities a` + whereOf(where)
	var total int
	var err error
	switch {
	case unfiltered(where):
		total, err = ledgerTotal(ctx, s.read, "activities")
	case strings.TrimSpace(f.Query) == "" && f.Organizer == "":
		total, err = activityCount(ctx, s.read, f)
	default:
		err = s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count activities: %w", err)
	}
	order, ok := activitySorts[f.Sort]
	if !ok {
		order = activitySorts["-date"]
	}
	order = s.d.nullsSmallest(order, "a.participants") // a count may be unknown
	q := `SELECT a.id, a.program, a.kind, a.title, a.date, COALESCE(o.source_id, ''), COALESCE(o.name, ''), a.participants, a.status,
		(SELECT count(*) FROM activity_enterprises l WHERE l.activity_id = a.id)
		FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id`
	if page, pageArgs := pageOf("a.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += whereOf(where)
	}
	var out []ActivityRow
	err = eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r ActivityRow
		var participants sql.NullInt64
		err := rows.Scan(&r.Key, &r.Program, &r.Kind, &r.Title, &r.Date, &r.Organizer, &r.OrganizerName, &participants, &r.Status, &r.Enterprises)
		r.Participants = intOrNil(participants)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list activities: %w", err)
	}
	return out, total, nil
}

// activityCount is how many activities the filter's programme, year and
// status select, from the counts the write path keeps (migration 00019).
func activityCount(ctx context.Context, q querier, f ActivityFilter) (int, error) {
	where, args := []string{"park_id = ?"}, []any{ParkOf(ctx)}
	if f.Program != "" {
		where, args = append(where, "program = ?"), append(args, f.Program)
	}
	if f.Year != 0 {
		where, args = append(where, "year = ?"), append(args, f.Year)
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, f.Status)
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT coalesce(sum(records), 0) FROM activity_counts`+whereOf(where), args...).Scan(&n)
	return n, err
}

// ActivitySortValid says whether the activity ledger offers sort.
func ActivitySortValid(sort string) bool { _, ok := activitySorts[sort]; return ok }

// RecordYears is the range of years the records of a dated ledger cover
// (table activities, services, responsibility, surveys), for its year
// filter; 0, 0 when it is empty.
func (s *Store) RecordYears(ctx context.Context, table string) (earliest, latest int, err error) {
	switch table {
	case "activities", "services", "responsibility", "surveys":
	default:
		return 0, 0, fmt.Errorf("store: %s has no dates", table)
	}
	lo, hi, err := dateRange(ctx, s.read, table)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to read the years of %s: %w", table, err)
	}
	if len(lo) < 4 || len(hi) < 4 {
		return 0, 0, nil
	}
	fmt.Sscanf(lo[:4], "%d", &earliest)
	fmt.Sscanf(hi[:4], "%d", &latest)
	return earliest, latest, nil
}
