package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// designationKind is the designations' part of the write path.
var designationKind = recordKind[Designation]{
	collection: Designations,
	load:       loadDesignation,
	id:         func(d Designation) string { return d.ID },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, d Designation) (rowWrite, error) {
		enterprise, err := resolveRef(ctx, tx, ps, Enterprises, "enterprise", d.Enterprise)
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO designations (source_id, enterprise_id, kind, year, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?5, ?6, ?7)`,
				`UPDATE designations SET source_id = ?, enterprise_id = ?, kind = ?, year = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(d.ID), enterprise, d.Kind, d.Year, at.at, at.by)
		}, err
	},
}

// DesignationByKey returns the designation with rowid key, as the
// interchange format has it; ErrNotFound when there is none.
func (s *Store) DesignationByKey(ctx context.Context, key int64) (Designation, error) {
	d, _, err := loadDesignation(ctx, s.read, key)
	return d, err
}

// loadDesignation also returns the designation's title in the audit log.
func loadDesignation(ctx context.Context, q querier, key int64) (Designation, string, error) {
	var d Designation
	var id sql.NullString
	var name string
	err := q.QueryRowContext(ctx, `SELECT d.source_id, e.source_id, e.name, d.kind, d.year, d.version
		FROM designations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.id = ? AND d.park_id = ?`, key, ParkOf(ctx)).
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
	return saveIn(ctx, s, actor, designationKind, key, d)
}

// DeleteDesignation deletes the designation with rowid key; nothing refers
// to it.
func (s *Store) DeleteDesignation(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, designationKind, key, version)
}
