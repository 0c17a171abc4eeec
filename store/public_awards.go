package store

import (
	"context"
	"fmt"
)

// PublicAward is an award as the honour roll shows it: which organisation,
// what, at which level, in which year.
type PublicAward struct {
	Kind         string // benchmark_org | shuangqiang_liuhao | other text
	Level        string // district | city | province | national
	Year         int
	Title        string
	Organization OrganizationRef
	Enterprises  []EnterpriseRef // covered by the organisation
	orgID        int64
}

const awardQuery = `
	SELECT a.kind, a.level, a.year, coalesce(a.title, ''), o.id, o.name, o.kind
	FROM awards a JOIN organizations o ON o.id = a.organization_id`

// awardOrder lists the highest level first within a year.
const awardOrder = ` ORDER BY a.year DESC,
	CASE a.level WHEN 'national' THEN 0 WHEN 'province' THEN 1 WHEN 'city' THEN 2 ELSE 3 END,
	a.kind, o.name, a.id`

// rollOrder is the honour roll's order, as the awards_roll index holds it:
// the newest year and the highest level first, then by kind and
// organisation.
const rollOrder = ` ORDER BY a.year DESC,
	CASE a.level WHEN 'national' THEN 0 WHEN 'province' THEN 1 WHEN 'city' THEN 2 ELSE 3 END,
	a.kind, a.organization_id, a.id`

// AwardRoll lists limit awards of the honour roll from offset, with the
// enterprises of each organisation: two queries, the first reading the
// awards_roll index in order and stopping after the page.
func (s *Store) AwardRoll(ctx context.Context, offset, limit int) ([]PublicAward, error) {
	return s.queryAwards(ctx, awardQuery+` WHERE a.park_id = ?`+rollOrder+` LIMIT ? OFFSET ?`, ParkOf(ctx), limit, offset)
}

// AwardSummary is what the honour roll says of all the awards.
type AwardSummary struct {
	Awards      int // every award
	CityOrAbove int // organisations with a city, provincial or national benchmark award
	Shuangqiang int // organisations named “双强六好”
	LatestYear  int // the newest award's year; 0 without awards
}

// AwardSummary reads the honour roll's figures from those the write path
// keeps (figures.go), and the newest year from the awards_roll index.
func (s *Store) AwardSummary(ctx context.Context) (AwardSummary, error) {
	var a AwardSummary
	err := s.read.QueryRowContext(ctx, `SELECT
		coalesce((SELECT records FROM ledger_counts WHERE park_id = ?1 AND collection = 'awards'), 0),
		coalesce((SELECT sum(value) FROM report_figures WHERE park_id = ?1 AND figure = 'brand.benchmarks_city_or_above'), 0),
		coalesce((SELECT sum(value) FROM report_figures WHERE park_id = ?1 AND figure = 'awards.shuangqiang_liuhao'), 0),
		coalesce((SELECT max(year) FROM awards WHERE park_id = ?1), 0)`, ParkOf(ctx)).Scan(&a.Awards, &a.CityOrAbove, &a.Shuangqiang, &a.LatestYear)
	if err != nil {
		return AwardSummary{}, fmt.Errorf("store: unable to sum awards: %w", err)
	}
	return a, nil
}

func (s *Store) awardsOfOrganizations(ctx context.Context, orgIDs []int64) ([]PublicAward, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	in, args := placeholders(orgIDs)
	return s.queryAwards(ctx, awardQuery+` WHERE a.organization_id IN (`+in+`)`+awardOrder, args...)
}

func (s *Store) queryAwards(ctx context.Context, q string, args ...any) ([]PublicAward, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list awards: %w", err)
	}
	var out []PublicAward
	var orgIDs []int64
	seen := map[int64]bool{}
	for rows.Next() {
		var a PublicAward
		if err := rows.Scan(&a.Kind, &a.Level, &a.Year, &a.Title, &a.orgID, &a.Organization.Name, &a.Organization.Kind); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: unable to list awards: %w", err)
		}
		if !seen[a.orgID] {
			seen[a.orgID] = true
			orgIDs = append(orgIDs, a.orgID)
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to list awards: %w", err)
	}
	ents, err := s.enterprisesOfOrganizations(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Enterprises = ents[out[i].orgID]
	}
	return out, nil
}
