package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ResponsibilityTotal is how many people one kind of help reached, over how
// many published records.
type ResponsibilityTotal struct {
	Kind          string // employment_aid | disability_employment | … | other text
	Beneficiaries int
	Records       int
}

// ResponsibilityYear is the published totals of one kind in one year.
type ResponsibilityYear struct {
	Year int
	ResponsibilityTotal
}

// ResponsibilityRecord is one published social-responsibility record.
type ResponsibilityRecord struct {
	Kind          string
	Date          string
	Beneficiaries int
	Note          string
	Enterprise    EnterpriseRef
}

// ResponsibilityByYear is the published records' sums by year and kind,
// oldest year first, as the write path keeps them (figures.go).
func (s *Store) ResponsibilityByYear(ctx context.Context) ([]ResponsibilityYear, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT year, kind, beneficiaries, records FROM responsibility_years
		WHERE park_id = ? AND records > 0 ORDER BY year, kind`, ParkOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("store: unable to sum responsibility: %w", err)
	}
	defer rows.Close()
	var out []ResponsibilityYear
	for rows.Next() {
		var r ResponsibilityYear
		if err := rows.Scan(&r.Year, &r.Kind, &r.Beneficiaries, &r.Records); err != nil {
			return nil, fmt.Errorf("store: unable to sum responsibility: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ResponsibilityStories lists the newest published records that tell a
// story (have a note).
func (s *Store) ResponsibilityStories(ctx context.Context, limit int) ([]ResponsibilityRecord, error) {
	return scanResponsibility(s.read.QueryContext(ctx, `
		SELECT `+responsibilityColumns+` FROM responsibility r JOIN enterprises e ON e.id = r.enterprise_id
		WHERE r.park_id = ? AND r.status = 'published' AND r.note IS NOT NULL AND r.note <> ''
		ORDER BY r.date DESC, r.id DESC LIMIT ?`, ParkOf(ctx), limit))
}

// ResponsibilityLeader is an enterprise with its published beneficiaries
// summed over every kind and year.
type ResponsibilityLeader struct {
	Enterprise    EnterpriseRef
	Beneficiaries int
	Records       int
}

// ResponsibilityLeaders lists the enterprises whose published records
// reached the most people, from each enterprise's sums that the write path
// keeps: the index on them, read from the largest, ties the latest
// entered first (the index read backwards: ordering ties by name
// would sort every enterprise of a tie).
func (s *Store) ResponsibilityLeaders(ctx context.Context, limit int) ([]ResponsibilityLeader, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT e.source_id, e.name, e.stage, coalesce(e.sector, ''), f.beneficiaries, f.responsibility
		FROM enterprise_figures f JOIN enterprises e ON e.id = f.enterprise_id
		WHERE f.park_id = ? AND f.responsibility > 0
		ORDER BY f.beneficiaries DESC, f.enterprise_id DESC LIMIT ?`, ParkOf(ctx), limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to rank responsibility: %w", err)
	}
	defer rows.Close()
	var out []ResponsibilityLeader
	for rows.Next() {
		var l ResponsibilityLeader
		e := &l.Enterprise
		if err := rows.Scan(&e.ID, &e.Name, &e.Stage, &e.Sector, &l.Beneficiaries, &l.Records); err != nil {
			return nil, fmt.Errorf("store: unable to rank responsibility: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

const responsibilityColumns = `r.kind, r.date, r.beneficiaries, coalesce(r.note, ''), e.source_id, e.name, e.stage, coalesce(e.sector, '')`

func scanResponsibility(rows *sql.Rows, err error) ([]ResponsibilityRecord, error) {
	if err != nil {
		return nil, fmt.Errorf("store: unable to list responsibility: %w", err)
	}
	defer rows.Close()
	var out []ResponsibilityRecord
	for rows.Next() {
		var r ResponsibilityRecord
		e := &r.Enterprise
		if err := rows.Scan(&r.Kind, &r.Date, &r.Beneficiaries, &r.Note, &e.ID, &e.Name, &e.Stage, &e.Sector); err != nil {
			return nil, fmt.Errorf("store: unable to list responsibility: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to list responsibility: %w", err)
	}
	return out, nil
}

// responsibilityTotals sums the published records of some enterprises by
// kind, the largest first. The unary + on status keeps SQLite from
// reading every published record through the status index: the
// enterprises' own records are few.
func (s *Store) responsibilityTotals(ctx context.Context, enterpriseIDs []int64) ([]ResponsibilityTotal, error) {
	if len(enterpriseIDs) == 0 {
		return nil, nil
	}
	in, args := placeholders(enterpriseIDs)
	rows, err := s.read.QueryContext(ctx, `
		SELECT kind, sum(beneficiaries) AS n, count(*) FROM responsibility
		WHERE +status = 'published' AND enterprise_id IN (`+in+`)
		GROUP BY kind ORDER BY n DESC, kind`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to sum responsibility: %w", err)
	}
	defer rows.Close()
	var out []ResponsibilityTotal
	for rows.Next() {
		var t ResponsibilityTotal
		if err := rows.Scan(&t.Kind, &t.Beneficiaries, &t.Records); err != nil {
			return nil, fmt.Errorf("store: unable to sum responsibility: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// responsibilityRecords lists the newest published records of some
// enterprises, from their own records (see responsibilityTotals).
func (s *Store) responsibilityRecords(ctx context.Context, enterpriseIDs []int64, limit int) ([]ResponsibilityRecord, error) {
	if len(enterpriseIDs) == 0 {
		return nil, nil
	}
	in, args := placeholders(enterpriseIDs)
	args = append(args, limit)
	return scanResponsibility(s.read.QueryContext(ctx, `
		SELECT `+responsibilityColumns+` FROM responsibility r JOIN enterprises e ON e.id = r.enterprise_id
		WHERE +r.status = 'published' AND r.enterprise_id IN (`+in+`)
		ORDER BY r.date DESC, r.id DESC LIMIT ?`, args...))
}
