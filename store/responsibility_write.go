package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// responsibilityKind is the social-responsibility records' part of the
// write path.
var responsibilityKind = recordKind[Responsibility]{
	collection: ResponsibilityRecords,
	load:       loadResponsibility,
	id:         func(r Responsibility) string { return r.ID },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, r Responsibility) (rowWrite, error) {
		enterprise, err := resolveRef(ctx, tx, ps, Enterprises, "enterprise", r.Enterprise)
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO responsibility (source_id, enterprise_id, kind, date, beneficiaries, note, status, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?8, ?9, ?10)`,
				`UPDATE responsibility SET source_id = ?, enterprise_id = ?, kind = ?, date = ?, beneficiaries = ?,
				note = ?, status = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(r.ID), enterprise, r.Kind, r.Date, r.Beneficiaries, nullable(r.Note), published(r.Status), at.at, at.by)
		}, err
	},
}

// ResponsibilityByKey returns the social-responsibility record with rowid
// key, as the interchange format has it; ErrNotFound when there is none.
func (s *Store) ResponsibilityByKey(ctx context.Context, key int64) (Responsibility, error) {
	r, _, err := loadResponsibility(ctx, s.read, key)
	return r, err
}

// loadResponsibility also returns the record's title in the audit log.
func loadResponsibility(ctx context.Context, q querier, key int64) (Responsibility, string, error) {
	var r Responsibility
	var id, note sql.NullString
	var name, status string
	err := q.QueryRowContext(ctx, `SELECT x.source_id, e.source_id, e.name, x.kind, x.date, x.beneficiaries, x.note, x.status, x.version
		FROM responsibility x JOIN enterprises e ON e.id = x.enterprise_id WHERE x.id = ? AND x.park_id = ?`, key, ParkOf(ctx)).
		Scan(&id, &r.Enterprise, &name, &r.Kind, &r.Date, &r.Beneficiaries, &note, &status, &r.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Responsibility{}, "", ErrNotFound
	}
	if err != nil {
		return Responsibility{}, "", fmt.Errorf("store: unable to fetch responsibility record %d: %w", key, err)
	}
	r.ID, r.Note, r.Status = textOf(id), textOf(note), unlessPublished(status)
	return r, responsibilityTitle(name, r), nil
}

// responsibilityTitle names a record in the audit log: 某公司 2023年5月5日
// 就业帮扶 (without the enterprise when it is "").
func responsibilityTitle(enterprise string, r Responsibility) string {
	return strings.TrimSpace(enterprise + " " + dateText(r.Date) + " " + Label(ResponsibilityKinds, r.Kind))
}

// SaveResponsibility records a social-responsibility record (key 0) or
// replaces the one with rowid key. Its enterprise must exist. A record the
// rules refuse gives a *RecordError.
func (s *Store) SaveResponsibility(ctx context.Context, actor Actor, key int64, r Responsibility) (AuditEntry, error) {
	return saveIn(ctx, s, actor, responsibilityKind, key, r)
}

// DeleteResponsibility deletes the record with rowid key; nothing refers
// to it.
func (s *Store) DeleteResponsibility(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, responsibilityKind, key, version)
}
