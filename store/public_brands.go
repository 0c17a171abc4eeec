package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
)

// BrandCard is a published brand as the showcase wall shows it.
type BrandCard struct {
	ID           int64 // key of /brands/{id}
	Name         string
	Slogan       string
	Launched     string
	Organization OrganizationRef
	Enterprises  []EnterpriseRef // covered by the brand's organisation
	orgID        int64
}

// BrandFilter narrows the showcase wall: by the stage or the sector of an
// enterprise the brand's organisation covers. Empty fields match all.
type BrandFilter struct {
	Stage  string
	Sector string
	Offset int
	Limit  int // 0: no limit
}

// brandFacet is the showcase's filter as brand_facets names it: ” for
// every published brand, 'stage:growth', 'sector:新能源' or both.
func brandFacet(f BrandFilter) string {
	var parts []string
	if f.Stage != "" {
		parts = append(parts, "stage:"+f.Stage)
	}
	if f.Sector != "" {
		parts = append(parts, "sector:"+f.Sector)
	}
	return strings.Join(parts, " ")
}

// PublishedBrands lists published brands, newest first, and how many match
// the filter in all, from the showcase's filters the write path keeps
// (figures.go): the count is one row, the page an index walk that stops
// after it. Three queries: count, page, their enterprises.
func (s *Store) PublishedBrands(ctx context.Context, f BrandFilter) ([]BrandCard, int, error) {
	facet := brandFacet(f)
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT brands FROM brand_facet_counts WHERE park_id = ? AND facet = ?), 0)`, ParkOf(ctx), facet).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count brands: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = math.MaxInt32 // all of them
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT b.id, b.name, coalesce(b.slogan, ''), b.launched, o.id, o.name, o.kind
		FROM brand_facets bf JOIN brands b ON b.id = bf.brand_id JOIN organizations o ON o.id = b.organization_id
		WHERE bf.park_id = ? AND bf.facet = ?
		ORDER BY bf.launched DESC, bf.brand_id DESC LIMIT ? OFFSET ?`, ParkOf(ctx), facet, limit, f.Offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list brands: %w", err)
	}
	cards, err := scanBrandCards(rows)
	if err != nil {
		return nil, 0, err
	}
	if err := s.fillBrandEnterprises(ctx, cards); err != nil {
		return nil, 0, err
	}
	return cards, total, nil
}

// BrandName is a published brand as a list of names shows it.
type BrandName struct {
	ID   int64 // key of /brands/{id}
	Name string
}

// LatestBrandNames is the park's newest published brands, at most limit,
// and how many it has published: a park's card on the district's page.
// One query, over the showcase's filters (PublishedBrands).
func (s *Store) LatestBrandNames(ctx context.Context, limit int) ([]BrandName, int, error) {
	var out []BrandName
	total := 0
	err := eachRow(ctx, s.read, `
		SELECT b.id, b.name, (SELECT brands FROM brand_facet_counts WHERE park_id = bf.park_id AND facet = bf.facet)
		FROM brand_facets bf JOIN brands b ON b.id = bf.brand_id
		WHERE bf.park_id = ? AND bf.facet = ?
		ORDER BY bf.launched DESC, bf.brand_id DESC LIMIT ?`, []any{ParkOf(ctx), brandFacet(BrandFilter{}), limit}, func(rows *sql.Rows) error {
		var b BrandName
		err := rows.Scan(&b.ID, &b.Name, &total)
		out = append(out, b)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list brands: %w", err)
	}
	return out, total, nil
}

func scanBrandCards(rows *sql.Rows) ([]BrandCard, error) {
	defer rows.Close()
	var out []BrandCard
	for rows.Next() {
		var b BrandCard
		if err := rows.Scan(&b.ID, &b.Name, &b.Slogan, &b.Launched, &b.orgID, &b.Organization.Name, &b.Organization.Kind); err != nil {
			return nil, fmt.Errorf("store: unable to list brands: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to list brands: %w", err)
	}
	return out, nil
}

func (s *Store) fillBrandEnterprises(ctx context.Context, cards []BrandCard) error {
	ids := make([]int64, 0, len(cards))
	seen := map[int64]bool{}
	for _, c := range cards {
		if !seen[c.orgID] {
			seen[c.orgID] = true
			ids = append(ids, c.orgID)
		}
	}
	ents, err := s.enterprisesOfOrganizations(ctx, ids)
	if err != nil {
		return err
	}
	for i := range cards {
		cards[i].Enterprises = ents[cards[i].orgID]
	}
	return nil
}

// brandsOfOrganizations lists the published brands of some organisations.
func (s *Store) brandsOfOrganizations(ctx context.Context, orgIDs []int64) ([]BrandCard, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	in, args := placeholders(orgIDs)
	rows, err := s.read.QueryContext(ctx, `
		SELECT b.id, b.name, coalesce(b.slogan, ''), b.launched, o.id, o.name, o.kind
		FROM brands b JOIN organizations o ON o.id = b.organization_id
		WHERE b.status = 'published' AND b.organization_id IN (`+in+`)
		ORDER BY b.launched DESC, b.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list brands: %w", err)
	}
	cards, err := scanBrandCards(rows)
	if err != nil {
		return nil, err
	}
	return cards, s.fillBrandEnterprises(ctx, cards)
}

// BrandSectors lists the sectors of the enterprises behind published
// brands, for the showcase's filter: the sector filters the write path
// keeps that hold a brand.
func (s *Store) BrandSectors(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT substr(facet, 8) FROM brand_facet_counts
		WHERE park_id = ? AND facet >= 'sector:' AND facet < 'sector;' AND brands > 0 ORDER BY facet`, ParkOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("store: unable to list brand sectors: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: unable to list brand sectors: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// BrandPage is everything a published brand's page shows.
type BrandPage struct {
	Brand          BrandCard
	Story          string
	Practices      []string
	Logo           int64                  // the logo's photo id, 0 for none
	Awards         []PublicAward          // of the brand's organisation
	Responsibility []ResponsibilityTotal  // of the organisation's enterprises
	Records        []ResponsibilityRecord // newest first, at most brandRecordLimit
	Activities     []PublicActivity       // organised by the organisation, newest first
}

const (
	brandRecordLimit   = 20
	brandActivityLimit = 20
)

// BrandPageByID gathers the page of the published brand id; a draft, a
// submission or an unknown id is ErrNotFound. Six queries, none per item.
func (s *Store) BrandPageByID(ctx context.Context, id int64) (BrandPage, error) {
	var p BrandPage
	var story, practices sql.NullString
	b := &p.Brand
	err := s.read.QueryRowContext(ctx, `
		SELECT b.id, b.name, coalesce(b.slogan, ''), b.launched, b.story, b.practices, o.id, o.name, o.kind,
		       coalesce((SELECT photo_id FROM brand_logos WHERE brand_id = b.id), 0)
		FROM brands b JOIN organizations o ON o.id = b.organization_id
		WHERE b.id = ? AND b.park_id = ? AND b.status = 'published'`, id, ParkOf(ctx)).
		Scan(&b.ID, &b.Name, &b.Slogan, &b.Launched, &story, &practices, &b.orgID, &b.Organization.Name, &b.Organization.Kind, &p.Logo)
	if errors.Is(err, sql.ErrNoRows) {
		return BrandPage{}, ErrNotFound
	}
	if err != nil {
		return BrandPage{}, fmt.Errorf("store: unable to fetch brand %d: %w", id, err)
	}
	p.Story = story.String
	if practices.Valid && practices.String != "" {
		// An unreadable list is shown as no list rather than failing the page.
		var list []string
		if json.Unmarshal([]byte(practices.String), &list) == nil {
			for _, v := range list {
				if v != "" {
					p.Practices = append(p.Practices, v)
				}
			}
		}
	}
	ents, err := s.enterprisesOfOrganizations(ctx, []int64{b.orgID})
	if err != nil {
		return BrandPage{}, err
	}
	b.Enterprises = ents[b.orgID]
	if p.Awards, err = s.awardsOfOrganizations(ctx, []int64{b.orgID}); err != nil {
		return BrandPage{}, err
	}
	entIDs, err := s.enterpriseRowIDs(ctx, b.orgID)
	if err != nil {
		return BrandPage{}, err
	}
	if p.Responsibility, err = s.responsibilityTotals(ctx, entIDs); err != nil {
		return BrandPage{}, err
	}
	if p.Records, err = s.responsibilityRecords(ctx, entIDs, brandRecordLimit); err != nil {
		return BrandPage{}, err
	}
	if p.Activities, err = s.activitiesOrganizedBy(ctx, b.orgID, brandActivityLimit); err != nil {
		return BrandPage{}, err
	}
	return p, nil
}

func (s *Store) enterpriseRowIDs(ctx context.Context, orgID int64) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT enterprise_id FROM organization_enterprises WHERE organization_id = ? ORDER BY position`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list enterprises of organisation: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: unable to list enterprises of organisation: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// PublishedBrandIDs lists the ids of every published brand, for the sitemap.
func (s *Store) PublishedBrandIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM brands WHERE park_id = ? AND status = 'published' ORDER BY id`, ParkOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("store: unable to list brands: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: unable to list brands: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
