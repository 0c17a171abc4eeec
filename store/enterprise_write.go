package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// EnterpriseByID returns the enterprise with interchange id id, as the
// interchange format has it, and its rowid; ErrNotFound when there is none.
func (s *Store) EnterpriseByID(ctx context.Context, id string) (Enterprise, int64, error) {
	return loadEnterprise(ctx, s.Read, id)
}

func loadEnterprise(ctx context.Context, q querier, id string) (Enterprise, int64, error) {
	var (
		rowid                 int64
		e                     Enterprise
		code, sector, founded sql.NullString
		employees             sql.NullInt64
	)
	err := q.QueryRowContext(ctx, `SELECT id, source_id, name, credit_code, stage, employees, sector, founded, version
		FROM enterprises WHERE source_id = ?`, id).Scan(&rowid, &e.ID, &e.Name, &code, &e.Stage, &employees, &sector, &founded, &e.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Enterprise{}, 0, ErrNotFound
	}
	if err != nil {
		return Enterprise{}, 0, fmt.Errorf("store: unable to fetch enterprise %q: %w", id, err)
	}
	e.CreditCode, e.Sector, e.Founded, e.Employees = textOf(code), textOf(sector), textOf(founded), intOrNil(employees)
	rows, err := q.QueryContext(ctx, `SELECT stage, since FROM enterprise_stages WHERE enterprise_id = ? ORDER BY position`, rowid)
	if err != nil {
		return Enterprise{}, 0, fmt.Errorf("store: unable to fetch the stages of enterprise %q: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h StageEntry
		if err := rows.Scan(&h.Stage, &h.Since); err != nil {
			return Enterprise{}, 0, err
		}
		e.StageHistory = append(e.StageHistory, h)
	}
	return e, rowid, rows.Err()
}

// SaveEnterprise creates an enterprise (oldID "") or replaces the one with
// interchange id oldID, which may change its id: references follow, as they
// hold the row. A record the rules refuse gives a *RecordError; a
// replacement made against another version than the stored one (e.Version)
// a *ConflictError.
func (s *Store) SaveEnterprise(ctx context.Context, actor Actor, oldID string, e Enterprise) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveEnterprise(ctx, tx, actor, now, oldID, e)
	})
}

// saveEnterprise is SaveEnterprise inside a change: an upload saves many in one.
func saveEnterprise(ctx context.Context, tx *writeTx, actor Actor, now, oldID string, e Enterprise) (AuditEntry, error) {
	entry := AuditEntry{Collection: "enterprises", Action: ActionCreate, RecordID: e.ID, Title: e.Name}
	var rowid int64
	if oldID != "" {
		before, key, err := loadEnterprise(ctx, tx, oldID)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "enterprises", key, before.Name, e.Version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		rowid, entry.Action, entry.Version = key, ActionUpdate, before.Version+1
		if entry.Before, err = recordJSON(before); err != nil {
			return AuditEntry{}, err
		}
	}
	ps := problems(append(e.Validate(), textProblems(e)...))
	if err := duplicateID(ctx, tx, &ps, "enterprises", e.ID, rowid); err != nil {
		return AuditEntry{}, err
	}
	if err := duplicateEnterprise(ctx, tx, &ps, e, rowid); err != nil {
		return AuditEntry{}, err
	}
	if len(ps) > 0 {
		return AuditEntry{}, &RecordError{Collection: "enterprises", Problems: ps}
	}
	args := []any{e.ID, e.Name, nullable(e.CreditCode), e.Stage, nullableInt(e.Employees), nullable(e.Sector), nullable(e.Founded), now, actor.Username}
	if rowid == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO enterprises (source_id, name, credit_code, stage, employees, sector, founded, updated_at, updated_by, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?8, ?9)`, args...)
		if err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to create enterprise: %w", err)
		}
		if rowid, err = res.LastInsertId(); err != nil {
			return AuditEntry{}, err
		}
		entry.Version = 1
	} else {
		if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET source_id = ?, name = ?, credit_code = ?, stage = ?, employees = ?,
			sector = ?, founded = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, rowid)...); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update enterprise: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_stages WHERE enterprise_id = ?`, rowid); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update enterprise stages: %w", err)
		}
	}
	for i, h := range e.StageHistory {
		if _, err := tx.ExecContext(ctx, `INSERT INTO enterprise_stages (enterprise_id, position, stage, since) VALUES (?, ?, ?, ?)`,
			rowid, i+1, h.Stage, h.Since); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to write enterprise stages: %w", err)
		}
	}
	after, err := recordJSON(e)
	if err != nil {
		return AuditEntry{}, err
	}
	entry.RecordKey, entry.After = rowid, after
	return entry, nil
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
// *ReferencedError while other records refer to it: nothing is deleted
// silently along with it; and with a *ConflictError when it changed since
// version.
func (s *Store) DeleteEnterprise(ctx context.Context, actor Actor, id string, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, rowid, err := loadEnterprise(ctx, tx, id)
		if err != nil {
			return AuditEntry{}, err
		}
		by, err := referrers(ctx, tx, rowid, enterpriseReferrers)
		if err != nil {
			return AuditEntry{}, err
		}
		if len(by) > 0 {
			return AuditEntry{}, &ReferencedError{Collection: "enterprises", Title: before.Name, By: by}
		}
		if err := checkVersion(ctx, tx, "enterprises", rowid, before.Name, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		for _, q := range []string{`DELETE FROM enterprise_stages WHERE enterprise_id = ?`, `DELETE FROM enterprises WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, rowid); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to delete enterprise %q: %w", id, err)
			}
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "enterprises", Action: ActionDelete, RecordKey: rowid, RecordID: id, Title: before.Name, Before: b, Version: before.Version}, nil
	})
}

// EnterpriseReferrers lists what refers to the enterprise with interchange
// id id (what would stop its delete), for the confirmation page.
func (s *Store) EnterpriseReferrers(ctx context.Context, id string) ([]Referrer, error) {
	tx, err := s.Read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read: %w", err)
	}
	defer tx.Rollback()
	_, rowid, err := loadEnterprise(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return referrers(ctx, tx, rowid, enterpriseReferrers)
}

// SuggestEnterpriseID proposes an unused interchange id for a new
// enterprise: ent- and the next number.
func (s *Store) SuggestEnterpriseID(ctx context.Context) (string, error) {
	return s.suggestID(ctx, "enterprises", "ent")
}
