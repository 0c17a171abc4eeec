package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// organizationKind is the party organisations' part of the write path:
// an organisation and the enterprises it covers, in their order.
var organizationKind = recordKind[Organization]{
	collection: Organizations,
	load:       loadOrganization,
	id:         func(o Organization) string { return o.ID },
	title:      func(o Organization) string { return o.Name },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, o Organization) (rowWrite, error) {
		if err := duplicateOrganization(ctx, tx, ps, o, key); err != nil {
			return nil, err
		}
		covered, err := organizationEnterprises.resolve(ctx, tx, ps, o.Enterprises)
		return func(at stamp) (int64, error) {
			if key != 0 {
				// A new id: the secretaries' accounts bound to the old one follow.
				if _, err := tx.ExecContext(ctx, `UPDATE users SET organization = ?1, updated_at = ?2
					WHERE park_id = ?4 AND organization = (SELECT source_id FROM organizations WHERE id = ?3) AND organization != ?1`, o.ID, at.at, key, ParkOf(ctx)); err != nil {
					return 0, fmt.Errorf("rebinding secretaries: %w", err)
				}
			}
			key, err := insertOrUpdate(ctx, tx, key,
				`INSERT INTO organizations (source_id, name, kind, formed, secretary, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?6, ?7, ?8)`,
				`UPDATE organizations SET source_id = ?, name = ?, kind = ?, formed = ?, secretary = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				o.ID, o.Name, o.Kind, o.Formed, nullable(o.Secretary), at.at, at.by)
			if err != nil {
				return 0, err
			}
			return key, organizationEnterprises.write(ctx, tx, key, covered)
		}, err
	},
	remove: func(ctx context.Context, tx *writeTx, key int64, _ string) error {
		return deleteRows(ctx, tx, key, `DELETE FROM organization_enterprises WHERE organization_id = ?`, `DELETE FROM organizations WHERE id = ?`)
	},
}

// OrganizationByID returns the party organisation with interchange id id,
// as the interchange format has it, and its rowid; ErrNotFound when there
// is none.
func (s *Store) OrganizationByID(ctx context.Context, id string) (Organization, int64, error) {
	return loadByID(ctx, s.read, organizationKind, id)
}

// loadOrganization also returns the organisation's title in the audit log.
func loadOrganization(ctx context.Context, q querier, key int64) (Organization, string, error) {
	var o Organization
	var secretary sql.NullString
	err := q.QueryRowContext(ctx, `SELECT source_id, name, kind, formed, secretary, version FROM organizations WHERE id = ? AND park_id = ?`, key, ParkOf(ctx)).
		Scan(&o.ID, &o.Name, &o.Kind, &o.Formed, &secretary, &o.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Organization{}, "", ErrNotFound
	}
	if err != nil {
		return Organization{}, "", fmt.Errorf("store: unable to fetch organisation %d: %w", key, err)
	}
	o.Secretary = textOf(secretary)
	if o.Enterprises, err = organizationEnterprises.read(ctx, q, key, []string{}); err != nil {
		return Organization{}, "", fmt.Errorf("store: unable to fetch the enterprises of organisation %q: %w", o.ID, err)
	}
	return o, o.Name, nil
}

// SaveOrganization creates a party organisation (oldID "") or replaces the
// one with interchange id oldID. The enterprises it covers must exist; when
// its id changes, the secretary accounts bound to it follow. A record the
// rules refuse gives a *RecordError, one made against another version than
// the stored one (o.Version) a *ConflictError.
func (s *Store) SaveOrganization(ctx context.Context, actor Actor, oldID string, o Organization) (AuditEntry, error) {
	return saveByIDIn(ctx, s, actor, organizationKind, oldID, o)
}

// organizationReferrers are the records (and accounts) that refer to an
// organisation, by title.
var organizationReferrers = []referrerQuery{
	{"members", `SELECT name FROM members WHERE organization_id = ? ORDER BY id`},
	{"activities", `SELECT title FROM activities WHERE organizer_id = ? ORDER BY date`},
	{"brands", `SELECT name FROM brands WHERE organization_id = ? ORDER BY id`},
	{"awards", `SELECT COALESCE(title, year || '年' || ` + labelSQL("level", AwardLevels) + ` || ` + labelSQL("kind", AwardKinds) + `) FROM awards WHERE organization_id = ? ORDER BY year`},
	{"users", `SELECT COALESCE(NULLIF(u.display_name, ''), u.username) FROM users u JOIN organizations o ON o.park_id = u.park_id AND o.source_id = u.organization
		WHERE o.id = ? ORDER BY u.username`},
}

// DeleteOrganization deletes the organisation with interchange id id and
// the list of enterprises it covers. It is refused with a *ConflictError
// when it changed since version, and with a *ReferencedError while
// members, activities, brands, awards or a secretary's account refer to
// it.
func (s *Store) DeleteOrganization(ctx context.Context, actor Actor, id string, version int64) (AuditEntry, error) {
	return deleteByIDIn(ctx, s, actor, organizationKind, id, version)
}

// SuggestOrganizationID proposes an unused interchange id for a new
// organisation: org- and the next number.
func (s *Store) SuggestOrganizationID(ctx context.Context) (string, error) {
	return s.suggestID(ctx, "organizations", "org")
}

// OrganizationMembersByStage counts the members of the organisation with
// interchange id id by the latest stage each has reached (applied …
// full).
func (s *Store) OrganizationMembersByStage(ctx context.Context, id string) (map[string]int, error) {
	out := map[string]int{}
	err := eachRow(ctx, s.read, `SELECT `+memberStageSQLOf("members")+` AS stage, count(*) FROM members
		WHERE organization_id = (SELECT id FROM organizations WHERE park_id = ? AND source_id = ?) GROUP BY stage`,
		[]any{ParkOf(ctx), id}, func(rows *sql.Rows) error {
			var stage string
			var n int
			err := rows.Scan(&stage, &n)
			out[stage] = n
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: unable to count members: %w", err)
	}
	return out, nil
}
