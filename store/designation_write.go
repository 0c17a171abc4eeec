package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// DesignationByKey returns the designation with rowid key, as the
// interchange format has it; ErrNotFound when there is none.
func (s *Store) DesignationByKey(ctx context.Context, key int64) (Designation, error) {
	d, _, err := loadDesignation(ctx, s.Read, key)
	return d, err
}

// loadDesignation also returns the designation's title in the audit log.
func loadDesignation(ctx context.Context, q querier, key int64) (Designation, string, error) {
	var d Designation
	var id sql.NullString
	var name string
	err := q.QueryRowContext(ctx, `SELECT d.source_id, e.source_id, e.name, d.kind, d.year, d.version
		FROM designations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.id = ?`, key).
		Scan(&id, &d.Enterprise, &name, &d.Kind, &d.Year, &d.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Designation{}, "", ErrNotFound
	}
	if err != nil {
		return Designation{}, "", fmt.Errorf("store: unable to fetch designation %d: %w", key, err)
	}
	d.ID = textOf(id)
	return d, name + " " + strconv.Itoa(d.Year) + " " + Label(DesignationKinds, d.Kind), nil
}

// SaveDesignation records a designation (key 0) or replaces the one with
// rowid key. Its enterprise must exist. A record the rules refuse gives a
// *RecordError.
func (s *Store) SaveDesignation(ctx context.Context, actor Actor, key int64, d Designation) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		entry := AuditEntry{Collection: "designations", Action: ActionCreate, RecordID: d.ID}
		if key != 0 {
			before, name, err := loadDesignation(ctx, tx, key)
			if err != nil {
				return AuditEntry{}, err
			}
			if err := checkVersion(ctx, tx, "designations", key, name, d.Version, before.Version, before); err != nil {
				return AuditEntry{}, err
			}
			entry.Action, entry.Version = ActionUpdate, before.Version+1
			if entry.Before, err = recordJSON(before); err != nil {
				return AuditEntry{}, err
			}
		}
		ps := problems(append(d.Validate(), textProblems(d)...))
		if err := duplicateID(ctx, tx, &ps, "designations", d.ID, key); err != nil {
			return AuditEntry{}, err
		}
		enterprise, err := resolveRef(ctx, tx, &ps, "enterprises", "enterprise", d.Enterprise)
		if err != nil {
			return AuditEntry{}, err
		}
		if len(ps) > 0 {
			return AuditEntry{}, &RecordError{Collection: "designations", Problems: ps}
		}
		args := []any{nullable(d.ID), enterprise, d.Kind, d.Year, now, actor.Username}
		if key == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO designations (source_id, enterprise_id, kind, year, updated_at, updated_by, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?5, ?6)`, args...)
			if err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to record designation: %w", err)
			}
			if key, err = res.LastInsertId(); err != nil {
				return AuditEntry{}, err
			}
			entry.Version = 1
		} else if _, err := tx.ExecContext(ctx, `UPDATE designations SET source_id = ?, enterprise_id = ?, kind = ?, year = ?,
			updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update designation: %w", err)
		}
		_, title, err := loadDesignation(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if entry.After, err = recordJSON(d); err != nil {
			return AuditEntry{}, err
		}
		entry.RecordKey, entry.Title = key, title
		return entry, nil
	})
}

// DeleteDesignation deletes the designation with rowid key; nothing refers
// to it.
func (s *Store) DeleteDesignation(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, title, err := loadDesignation(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "designations", key, title, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM designations WHERE id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete designation %d: %w", key, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "designations", Action: ActionDelete, RecordKey: key, RecordID: before.ID, Title: title, Before: b, Version: before.Version}, nil
	})
}
