package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// OrganizationByID returns the party organisation with interchange id id,
// as the interchange format has it, and its rowid; ErrNotFound when there
// is none.
func (s *Store) OrganizationByID(ctx context.Context, id string) (Organization, int64, error) {
	return loadOrganization(ctx, s.Read, id)
}

func loadOrganization(ctx context.Context, q querier, id string) (Organization, int64, error) {
	var rowid int64
	var o Organization
	var secretary sql.NullString
	err := q.QueryRowContext(ctx, `SELECT id, source_id, name, kind, formed, secretary, version FROM organizations WHERE source_id = ?`, id).
		Scan(&rowid, &o.ID, &o.Name, &o.Kind, &o.Formed, &secretary, &o.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Organization{}, 0, ErrNotFound
	}
	if err != nil {
		return Organization{}, 0, fmt.Errorf("store: unable to fetch organisation %q: %w", id, err)
	}
	o.Secretary = textOf(secretary)
	o.Enterprises = []string{}
	rows, err := q.QueryContext(ctx, `SELECT e.source_id FROM organization_enterprises l JOIN enterprises e ON e.id = l.enterprise_id
		WHERE l.organization_id = ? ORDER BY l.position`, rowid)
	if err != nil {
		return Organization{}, 0, fmt.Errorf("store: unable to fetch the enterprises of organisation %q: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return Organization{}, 0, err
		}
		o.Enterprises = append(o.Enterprises, e)
	}
	return o, rowid, rows.Err()
}

// SaveOrganization creates a party organisation (oldID "") or replaces the
// one with interchange id oldID. The enterprises it covers must exist; when
// its id changes, the secretary accounts bound to it follow. A record the
// rules refuse gives a *RecordError, one made against another version than
// the stored one (o.Version) a *ConflictError.
func (s *Store) SaveOrganization(ctx context.Context, actor Actor, oldID string, o Organization) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		entry := AuditEntry{Collection: "organizations", Action: ActionCreate, RecordID: o.ID, Title: o.Name}
		var rowid int64
		if oldID != "" {
			before, key, err := loadOrganization(ctx, tx, oldID)
			if err != nil {
				return AuditEntry{}, err
			}
			if err := checkVersion(ctx, tx, "organizations", key, before.Name, o.Version, before.Version, before); err != nil {
				return AuditEntry{}, err
			}
			rowid, entry.Action, entry.Version = key, ActionUpdate, before.Version+1
			if entry.Before, err = recordJSON(before); err != nil {
				return AuditEntry{}, err
			}
		}
		ps := problems(append(o.Validate(), textProblems(o)...))
		if err := duplicateID(ctx, tx, &ps, "organizations", o.ID, rowid); err != nil {
			return AuditEntry{}, err
		}
		if err := duplicateOrganization(ctx, tx, &ps, o, rowid); err != nil {
			return AuditEntry{}, err
		}
		covered := make([]int64, len(o.Enterprises))
		for i, id := range o.Enterprises {
			var err error
			if covered[i], err = resolveRef(ctx, tx, &ps, "enterprises", fmt.Sprintf("enterprises[%d]", i+1), id); err != nil {
				return AuditEntry{}, err
			}
		}
		if len(ps) > 0 {
			return AuditEntry{}, &RecordError{Collection: "organizations", Problems: ps}
		}
		args := []any{o.ID, o.Name, o.Kind, o.Formed, nullable(o.Secretary), now, actor.Username}
		if rowid == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO organizations (source_id, name, kind, formed, secretary, updated_at, updated_by, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?6, ?7)`, args...)
			if err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to create organisation: %w", err)
			}
			if rowid, err = res.LastInsertId(); err != nil {
				return AuditEntry{}, err
			}
			entry.Version = 1
		} else {
			if _, err := tx.ExecContext(ctx, `UPDATE organizations SET source_id = ?, name = ?, kind = ?, formed = ?, secretary = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, rowid)...); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to update organisation: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM organization_enterprises WHERE organization_id = ?`, rowid); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to update the enterprises of organisation: %w", err)
			}
			if oldID != o.ID {
				if _, err := tx.ExecContext(ctx, `UPDATE users SET organization = ?, updated_at = ? WHERE organization = ?`, o.ID, now, oldID); err != nil {
					return AuditEntry{}, fmt.Errorf("store: unable to rebind secretaries: %w", err)
				}
			}
		}
		for i, e := range covered {
			if _, err := tx.ExecContext(ctx, `INSERT INTO organization_enterprises (organization_id, enterprise_id, position) VALUES (?, ?, ?)`,
				rowid, e, i+1); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to write the enterprises of organisation: %w", err)
			}
		}
		after, err := recordJSON(o)
		if err != nil {
			return AuditEntry{}, err
		}
		entry.RecordKey, entry.After = rowid, after
		return entry, nil
	})
}

// organizationReferrers are the records (and accounts) that refer to an
// organisation, by title.
var organizationReferrers = []referrerQuery{
	{"members", `SELECT name FROM members WHERE organization_id = ? ORDER BY id`},
	{"activities", `SELECT title FROM activities WHERE organizer_id = ? ORDER BY date`},
	{"brands", `SELECT name FROM brands WHERE organization_id = ? ORDER BY id`},
	{"awards", `SELECT COALESCE(title, year || '年' || ` + labelSQL("level", AwardLevels) + ` || ` + labelSQL("kind", AwardKinds) + `) FROM awards WHERE organization_id = ? ORDER BY year`},
	{"users", `SELECT COALESCE(NULLIF(u.display_name, ''), u.username) FROM users u JOIN organizations o ON o.source_id = u.organization
		WHERE o.id = ? ORDER BY u.username`},
}

// DeleteOrganization deletes the organisation with interchange id id and
// the list of enterprises it covers. It is refused with a
// *ReferencedError while members, activities, brands, awards or a
// secretary's account refer to it, and with a *ConflictError when it
// changed since version.
func (s *Store) DeleteOrganization(ctx context.Context, actor Actor, id string, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, rowid, err := loadOrganization(ctx, tx, id)
		if err != nil {
			return AuditEntry{}, err
		}
		by, err := referrers(ctx, tx, rowid, organizationReferrers)
		if err != nil {
			return AuditEntry{}, err
		}
		if len(by) > 0 {
			return AuditEntry{}, &ReferencedError{Collection: "organizations", Title: before.Name, By: by}
		}
		if err := checkVersion(ctx, tx, "organizations", rowid, before.Name, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		for _, q := range []string{`DELETE FROM organization_enterprises WHERE organization_id = ?`, `DELETE FROM organizations WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, rowid); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to delete organisation %q: %w", id, err)
			}
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "organizations", Action: ActionDelete, RecordKey: rowid, RecordID: id, Title: before.Name, Before: b, Version: before.Version}, nil
	})
}

// SuggestOrganizationID proposes an unused interchange id for a new
// organisation: org- and the next number.
func (s *Store) SuggestOrganizationID(ctx context.Context) (string, error) {
	return s.suggestID(ctx, "organizations", "org")
}

// OrganizationMembersByStage counts an organisation's members by the
// latest stage each has reached (applied … full).
func (s *Store) OrganizationMembersByStage(ctx context.Context, rowid int64) (map[string]int, error) {
	out := map[string]int{}
	err := eachRow(ctx, s.Read, `SELECT `+memberStageSQLOf("members")+` AS stage, count(*) FROM members WHERE organization_id = ? GROUP BY stage`,
		[]any{rowid}, func(rows *sql.Rows) error {
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

// OrganizationReferrers lists what refers to the organisation with
// interchange id id, for the delete confirmation.
func (s *Store) OrganizationReferrers(ctx context.Context, id string) ([]Referrer, error) {
	tx, err := s.Read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read: %w", err)
	}
	defer tx.Rollback()
	_, rowid, err := loadOrganization(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return referrers(ctx, tx, rowid, organizationReferrers)
}
