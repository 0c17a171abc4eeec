package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The public site's queries. They read only published material: brands,
// activities and responsibility records with status 'published', and
// awards (which have no status: every award is an official decision). They
// never read the members table nor an organisation's secretary: public
// pages carry no personal data.

// EnterpriseRef names an enterprise that has a public page.
type EnterpriseRef struct {
	ID     string // interchange id, the key of /enterprises/{id}
	Name   string
	Stage  string // current stage: startup | growth | mature
	Sector string
}

// OrganizationRef names a party organisation (never its secretary).
type OrganizationRef struct {
	Name string
	Kind string // branch | joint_branch | general_branch | committee
}

// publicEnterprise holds for an enterprise e that has published material:
// a published responsibility record, a published activity it took part
// in, or an organisation covering it with a published brand, an award or
// a published activity it organised. Each test seeks the enterprise's (or
// its organisations') own rows and stops at the first; the unary + keeps
// SQLite from walking every published record through the status indexes
// instead. EnterprisePageByID applies the same rule to the material it
// fetches, so every link leads to a page.
const publicEnterprise = `(
	EXISTS (SELECT 1 FROM responsibility r WHERE r.enterprise_id = e.id AND +r.status = 'published')
	OR EXISTS (SELECT 1 FROM activity_enterprises ae JOIN activities a ON a.id = ae.activity_id
	           WHERE ae.enterprise_id = e.id AND +a.status = 'published')
	OR EXISTS (SELECT 1 FROM organization_enterprises oe WHERE oe.enterprise_id = e.id AND (
	           EXISTS (SELECT 1 FROM brands b WHERE b.organization_id = oe.organization_id AND b.status = 'published')
	           OR EXISTS (SELECT 1 FROM awards aw WHERE aw.organization_id = oe.organization_id)
	           OR EXISTS (SELECT 1 FROM activities a WHERE a.organizer_id = oe.organization_id AND +a.status = 'published'))))`

// PublicEnterprises lists every enterprise that has a public page, by name;
// the sitemap lists them. Its cost grows with the enterprises, as the
// sitemap does: a few index seeks for each.
func (s *Store) PublicEnterprises(ctx context.Context) ([]EnterpriseRef, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT e.source_id, e.name, e.stage, coalesce(e.sector, '') FROM enterprises e
		WHERE e.park_id = ? AND `+publicEnterprise+` ORDER BY e.name, e.id`, ParkOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("store: unable to list public enterprises: %w", err)
	}
	defer rows.Close()
	var out []EnterpriseRef
	for rows.Next() {
		var e EnterpriseRef
		if err := rows.Scan(&e.ID, &e.Name, &e.Stage, &e.Sector); err != nil {
			return nil, fmt.Errorf("store: unable to list public enterprises: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EnterprisePage is everything an enterprise's public page shows.
type EnterprisePage struct {
	Enterprise     EnterpriseRef
	Founded        string
	Organizations  []OrganizationRef // the party organisations covering it
	Brands         []BrandCard       // published brands of those organisations
	Awards         []PublicAward     // awards of those organisations
	Responsibility []ResponsibilityTotal
	Records        []ResponsibilityRecord // newest first, at most enterpriseRecordLimit
	RecordCount    int                    // all its published records
	Activities     []PublicActivity       // newest first, at most enterpriseActivityLimit
}

const (
	enterpriseRecordLimit   = 50
	enterpriseActivityLimit = 20
)

// EnterprisePageByID gathers the public page of the enterprise with
// interchange id sourceID. An enterprise without published material (no
// brand, award, published responsibility record or activity to show) is
// ErrNotFound, as is an unknown id. Eight queries, none per item.
func (s *Store) EnterprisePageByID(ctx context.Context, sourceID string) (EnterprisePage, error) {
	var p EnterprisePage
	var rowID int64
	var founded sql.NullString
	err := s.read.QueryRowContext(ctx, `
		SELECT e.id, e.source_id, e.name, e.stage, coalesce(e.sector, ''), e.founded
		FROM enterprises e WHERE e.park_id = ? AND e.source_id = ?`, ParkOf(ctx), sourceID).
		Scan(&rowID, &p.Enterprise.ID, &p.Enterprise.Name, &p.Enterprise.Stage, &p.Enterprise.Sector, &founded)
	if errors.Is(err, sql.ErrNoRows) {
		return EnterprisePage{}, ErrNotFound
	}
	if err != nil {
		return EnterprisePage{}, fmt.Errorf("store: unable to fetch enterprise %q: %w", sourceID, err)
	}
	p.Founded = founded.String

	rows, err := s.read.QueryContext(ctx, `
		SELECT o.id, o.name, o.kind FROM organization_enterprises oe JOIN organizations o ON o.id = oe.organization_id
		WHERE oe.enterprise_id = ? ORDER BY o.formed, o.id`, rowID)
	if err != nil {
		return EnterprisePage{}, fmt.Errorf("store: unable to list organisations of %q: %w", sourceID, err)
	}
	var orgIDs []int64
	for rows.Next() {
		var id int64
		var o OrganizationRef
		if err := rows.Scan(&id, &o.Name, &o.Kind); err != nil {
			rows.Close()
			return EnterprisePage{}, fmt.Errorf("store: unable to list organisations of %q: %w", sourceID, err)
		}
		orgIDs = append(orgIDs, id)
		p.Organizations = append(p.Organizations, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return EnterprisePage{}, fmt.Errorf("store: unable to list organisations of %q: %w", sourceID, err)
	}

	if p.Brands, err = s.brandsOfOrganizations(ctx, orgIDs); err != nil {
		return EnterprisePage{}, err
	}
	if p.Awards, err = s.awardsOfOrganizations(ctx, orgIDs); err != nil {
		return EnterprisePage{}, err
	}
	ents := []int64{rowID}
	if p.Responsibility, err = s.responsibilityTotals(ctx, ents); err != nil {
		return EnterprisePage{}, err
	}
	for _, t := range p.Responsibility {
		p.RecordCount += t.Records
	}
	if p.Records, err = s.responsibilityRecords(ctx, ents, enterpriseRecordLimit); err != nil {
		return EnterprisePage{}, err
	}
	if p.Activities, err = s.activitiesOfEnterprise(ctx, rowID, orgIDs, enterpriseActivityLimit); err != nil {
		return EnterprisePage{}, err
	}
	if len(p.Brands) == 0 && len(p.Awards) == 0 && p.RecordCount == 0 && len(p.Activities) == 0 {
		return EnterprisePage{}, ErrNotFound
	}
	return p, nil
}

// placeholders gives "?, ?, ?" for n values and the values as arguments.
func placeholders[T any](ids []T) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", "), args
}

// enterprisesOfOrganizations maps each organisation to the enterprises it
// covers, in one query.
func (s *Store) enterprisesOfOrganizations(ctx context.Context, orgIDs []int64) (map[int64][]EnterpriseRef, error) {
	out := map[int64][]EnterpriseRef{}
	// In chunks, to stay far below the database's limit on parameters.
	const chunk = 500
	for len(orgIDs) > chunk {
		if err := s.enterprisesOfOrganizationsInto(ctx, orgIDs[:chunk], out); err != nil {
			return nil, err
		}
		orgIDs = orgIDs[chunk:]
	}
	if len(orgIDs) == 0 {
		return out, nil
	}
	return out, s.enterprisesOfOrganizationsInto(ctx, orgIDs, out)
}

func (s *Store) enterprisesOfOrganizationsInto(ctx context.Context, orgIDs []int64, out map[int64][]EnterpriseRef) error {
	in, args := placeholders(orgIDs)
	rows, err := s.read.QueryContext(ctx, `
		SELECT oe.organization_id, e.source_id, e.name, e.stage, coalesce(e.sector, '')
		FROM organization_enterprises oe JOIN enterprises e ON e.id = oe.enterprise_id
		WHERE oe.organization_id IN (`+in+`) ORDER BY oe.organization_id, oe.position`, args...)
	if err != nil {
		return fmt.Errorf("store: unable to list enterprises of organisations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var e EnterpriseRef
		if err := rows.Scan(&id, &e.ID, &e.Name, &e.Stage, &e.Sector); err != nil {
			return fmt.Errorf("store: unable to list enterprises of organisations: %w", err)
		}
		out[id] = append(out[id], e)
	}
	return rows.Err()
}
