package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// enterpriseKind is the enterprises' part of the write path: an
// enterprise and its stage history. An enterprise's id may change: the
// records that refer to it hold its row.
var enterpriseKind = recordKind[Enterprise]{
	collection: Enterprises,
	load:       loadEnterprise,
	id:         func(e Enterprise) string { return e.ID },
	title:      func(e Enterprise) string { return e.Name },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, e Enterprise) (rowWrite, error) {
		err := duplicateEnterprise(ctx, tx, ps, e, key)
		return func(at stamp) (int64, error) {
			key, err := insertOrUpdate(ctx, tx, key,
				`INSERT INTO enterprises (source_id, name, credit_code, stage, employees, sector, founded, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?8, ?9, ?10)`,
				`UPDATE enterprises SET source_id = ?, name = ?, credit_code = ?, stage = ?, employees = ?,
				sector = ?, founded = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				e.ID, e.Name, nullable(e.CreditCode), e.Stage, nullableInt(e.Employees), nullable(e.Sector), nullable(e.Founded), at.at, at.by)
			if err != nil {
				return 0, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_stages WHERE enterprise_id = ?`, key); err != nil {
				return 0, err
			}
			for i, h := range e.StageHistory {
				if _, err := tx.ExecContext(ctx, `INSERT INTO enterprise_stages (enterprise_id, position, stage, since) VALUES (?, ?, ?, ?)`,
					key, i+1, h.Stage, h.Since); err != nil {
					return 0, err
				}
			}
			return key, nil
		}, err
	},
	remove: func(ctx context.Context, tx *writeTx, key int64, _ string) error {
		return deleteRows(ctx, tx, key, `DELETE FROM enterprise_stages WHERE enterprise_id = ?`, `DELETE FROM enterprises WHERE id = ?`)
	},
}

// EnterpriseByID returns the enterprise with interchange id id, as the
// interchange format has it, and its rowid; ErrNotFound when there is none.
func (s *Store) EnterpriseByID(ctx context.Context, id string) (Enterprise, int64, error) {
	return loadByID(ctx, s.read, enterpriseKind, id)
}

// loadEnterprise also returns the enterprise's title in the audit log.
func loadEnterprise(ctx context.Context, q querier, key int64) (Enterprise, string, error) {
	var (
		e                     Enterprise
		code, sector, founded sql.NullString
		employees             sql.NullInt64
	)
	err := q.QueryRowContext(ctx, `SELECT source_id, name, credit_code, stage, employees, sector, founded, version
		FROM enterprises WHERE id = ? AND park_id = ?`, key, ParkOf(ctx)).Scan(&e.ID, &e.Name, &code, &e.Stage, &employees, &sector, &founded, &e.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Enterprise{}, "", ErrNotFound
	}
	if err != nil {
		return Enterprise{}, "", fmt.Errorf("store: unable to fetch enterprise %d: %w", key, err)
	}
	e.CreditCode, e.Sector, e.Founded, e.Employees = textOf(code), textOf(sector), textOf(founded), intOrNil(employees)
	err = eachRow(ctx, q, `SELECT stage, since FROM enterprise_stages WHERE enterprise_id = ? ORDER BY position`, []any{key}, func(rows *sql.Rows) error {
		var h StageEntry
		err := rows.Scan(&h.Stage, &h.Since)
		e.StageHistory = append(e.StageHistory, h)
		return err
	})
	if err != nil {
		return Enterprise{}, "", fmt.Errorf("store: unable to fetch the stages of enterprise %q: %w", e.ID, err)
	}
	return e, e.Name, nil
}

// SaveEnterprise creates an enterprise (oldID "") or replaces the one with
// interchange id oldID, which may change its id: references follow, as they
// hold the row. A record the rules refuse gives a *RecordError; a
// replacement made against another version than the stored one (e.Version)
// a *ConflictError.
func (s *Store) SaveEnterprise(ctx context.Context, actor Actor, oldID string, e Enterprise) (AuditEntry, error) {
	return saveByIDIn(ctx, s, actor, enterpriseKind, oldID, e)
}

// saveEnterprise is SaveEnterprise inside a change: an upload saves many in one.
func saveEnterprise(ctx context.Context, tx *writeTx, actor Actor, now, oldID string, e Enterprise) (AuditEntry, error) {
	return saveByID(ctx, tx, actor, now, enterpriseKind, oldID, e)
}

// enterpriseReferrers are the records that refer to an enterprise, by title.
var enterpriseReferrers = []referrerQuery{
	{"surveys", `SELECT ` + dateTextSQL("date") + ` FROM surveys WHERE enterprise_id = ? ORDER BY date`},
	{"organizations", `SELECT o.name FROM organization_enterprises l JOIN organizations o ON o.id = l.organization_id WHERE l.enterprise_id = ? ORDER BY o.id`},
	{"staff", `SELECT s.name FROM staff_enterprises l JOIN staff s ON s.id = l.staff_id WHERE l.enterprise_id = ? ORDER BY s.id`},
	{"services", `SELECT ` + dateTextSQL("date") + ` || ' ' || ` + labelSQL("kind", ServiceKinds) + ` FROM services WHERE enterprise_id = ? ORDER BY date`},
	{"members", `SELECT name FROM members WHERE enterprise_id = ? ORDER BY id`},
	{"activities", `SELECT a.title FROM activity_enterprises l JOIN activities a ON a.id = l.activity_id WHERE l.enterprise_id = ? ORDER BY a.date`},
	{"designations", `SELECT year || '年' || ` + labelSQL("kind", DesignationKinds) + ` FROM designations WHERE enterprise_id = ? ORDER BY year`},
	{"responsibility", `SELECT ` + dateTextSQL("date") + ` || ' ' || ` + labelSQL("kind", ResponsibilityKinds) + ` FROM responsibility WHERE enterprise_id = ? ORDER BY date`},
}

// DeleteEnterprise deletes the enterprise with interchange id id at
// version version and its stage history. It is refused with a
// *ConflictError when it changed since version, and with a
// *ReferencedError while other records refer to it: nothing is deleted
// silently along with it.
func (s *Store) DeleteEnterprise(ctx context.Context, actor Actor, id string, version int64) (AuditEntry, error) {
	return deleteByIDIn(ctx, s, actor, enterpriseKind, id, version)
}

// SuggestEnterpriseID proposes an unused interchange id for a new
// enterprise: ent- and the next number.
func (s *Store) SuggestEnterpriseID(ctx context.Context) (string, error) {
	return s.suggestID(ctx, "enterprises", "ent")
}
