package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Forms and ledger filters choose a party organisation by typing its name or
// id, as they choose an enterprise (enterprise_pick.go): a park has
// thousands, too many for a select in every page.

// OrganizationSuggestions lists at most limit organisations whose name or
// id holds text (name_search.go): the one it names first, then names that
// begin with it.
func (s *Store) OrganizationSuggestions(ctx context.Context, text string, limit int) ([]OrganizationChoice, error) {
	found, err := s.nameSuggestions(ctx, "organizations", text, limit)
	out := make([]OrganizationChoice, len(found))
	for i, f := range found {
		out[i] = OrganizationChoice(f)
	}
	return out, err
}

// OrganizationPick is what text typed in an organisation picker names.
type OrganizationPick struct {
	// Found is the organisation whose id, or else whose name, is the text
	// (names compared as duplicates are, NameKey); ID "" when none is.
	Found OrganizationChoice
	// Candidates are, when none is, the organisations whose name or id
	// holds the text: at most PickCandidates, More when there are others.
	Candidates []OrganizationChoice
	More       bool
}

// PickCandidates is how many organisations a pick that names none offers.
const PickCandidates = 5

// PickOrganization resolves text typed in an organisation picker: an id
// wins over a name (as EnterpriseIDsFor does), a name is unique (migration
// 00010), and a part of either names no organisation but lists those it
// could mean. Queries: one, also when nothing was typed (so that a form
// costs the same whether its record names an organisation or not); two
// when the text is neither an id nor a name.
func (s *Store) PickOrganization(ctx context.Context, text string) (OrganizationPick, error) {
	text = strings.TrimSpace(text)
	var p OrganizationPick
	err := eachRow(ctx, s.read, `SELECT source_id, name FROM organizations WHERE park_id = ?3 AND source_id = ?1 OR park_id = ?3 AND name_key = ?2
		ORDER BY source_id != ?1 LIMIT 1`, []any{text, NameKey(text), ParkOf(ctx)}, func(rows *sql.Rows) error {
		return rows.Scan(&p.Found.ID, &p.Found.Name)
	})
	if err != nil {
		return OrganizationPick{}, fmt.Errorf("store: unable to look up organisation %q: %w", clipText(text), err)
	}
	if p.Found.ID != "" || text == "" {
		return p, nil
	}
	if p.Candidates, err = s.OrganizationSuggestions(ctx, text, PickCandidates+1); err != nil {
		return OrganizationPick{}, err
	}
	if len(p.Candidates) > PickCandidates {
		p.Candidates, p.More = p.Candidates[:PickCandidates], true
	}
	return p, nil
}
