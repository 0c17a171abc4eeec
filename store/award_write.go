package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// awardKind is the awards' part of the write path; nothing refers to an
// award.
var awardKind = recordKind[Award]{
	collection: Awards,
	load:       loadAward,
	id:         func(a Award) string { return a.ID },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, a Award) (rowWrite, error) {
		organization, err := resolveRef(ctx, tx, ps, Organizations, "organization", a.Organization)
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO awards (source_id, organization_id, kind, level, year, title, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?7, ?8, ?9)`,
				`UPDATE awards SET source_id = ?, organization_id = ?, kind = ?, level = ?, year = ?, title = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(a.ID), organization, a.Kind, a.Level, a.Year, nullable(a.Title), at.at, at.by)
		}, err
	},
}

// AwardByKey returns the award with rowid key, as the interchange format
// has it; ErrNotFound when there is none.
func (s *Store) AwardByKey(ctx context.Context, key int64) (Award, error) {
	a, _, err := loadAward(ctx, s.read, key)
	return a, err
}

// loadAward also returns the award's title in the audit log.
func loadAward(ctx context.Context, q querier, key int64) (Award, string, error) {
	var a Award
	var id, title sql.NullString
	var name string
	err := q.QueryRowContext(ctx, `SELECT a.source_id, o.source_id, o.name, a.kind, a.level, a.year, a.title, a.version
		FROM awards a JOIN organizations o ON o.id = a.organization_id WHERE a.id = ? AND a.park_id = ?`, key, ParkOf(ctx)).
		Scan(&id, &a.Organization, &name, &a.Kind, &a.Level, &a.Year, &title, &a.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Award{}, "", ErrNotFound
	}
	if err != nil {
		return Award{}, "", fmt.Errorf("store: unable to fetch award %d: %w", key, err)
	}
	a.ID, a.Title = textOf(id), textOf(title)
	return a, AwardTitle(name, a), nil
}

// AwardTitle names an award: its own title, else its organisation, year,
// level and kind.
func AwardTitle(organization string, a Award) string {
	if a.Title != "" {
		return a.Title
	}
	return organization + " " + strconv.Itoa(a.Year) + "年" + Label(AwardLevels, a.Level) + Label(AwardKinds, a.Kind)
}

// SaveAward records an award (key 0) or replaces the one with rowid key.
// Its organisation must exist. A record the rules refuse gives a
// *RecordError.
func (s *Store) SaveAward(ctx context.Context, actor Actor, key int64, a Award) (AuditEntry, error) {
	return saveIn(ctx, s, actor, awardKind, key, a)
}

// DeleteAward deletes the award with rowid key; nothing refers to it.
func (s *Store) DeleteAward(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, awardKind, key, version)
}
