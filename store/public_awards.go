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

// Awards lists every award, newest year and highest level first, with the
// enterprises of each organisation: two queries.
func (s *Store) Awards(ctx context.Context) ([]PublicAward, error) {
	return s.queryAwards(ctx, awardQuery+awardOrder)
}

func (s *Store) awardsOfOrganizations(ctx context.Context, orgIDs []int64) ([]PublicAward, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	in, args := placeholders(orgIDs)
	return s.queryAwards(ctx, awardQuery+` WHERE a.organization_id IN (`+in+`)`+awardOrder, args...)
}

func (s *Store) queryAwards(ctx context.Context, q string, args ...any) ([]PublicAward, error) {
	rows, err := s.Read.QueryContext(ctx, q, args...)
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
