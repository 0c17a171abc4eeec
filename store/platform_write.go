package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// platformKind is the platforms' part of the write path; nothing refers
// to a platform.
var platformKind = recordKind[Platform]{
	collection: Platforms,
	load:       loadPlatform,
	id:         func(p Platform) string { return p.ID },
	title:      func(p Platform) string { return p.Name },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, p Platform) (rowWrite, error) {
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO platforms (source_id, kind, name, established, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?5, ?6, ?7)`,
				`UPDATE platforms SET source_id = ?, kind = ?, name = ?, established = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(p.ID), p.Kind, p.Name, p.Established, at.at, at.by)
		}, nil
	},
}

// PlatformByKey returns the platform with rowid key, as the interchange
// format has it; ErrNotFound when there is none.
func (s *Store) PlatformByKey(ctx context.Context, key int64) (Platform, error) {
	p, _, err := loadPlatform(ctx, s.read, key)
	return p, err
}

// loadPlatform also returns the platform's title in the audit log: its
// name.
func loadPlatform(ctx context.Context, q querier, key int64) (Platform, string, error) {
	var p Platform
	var id sql.NullString
	err := q.QueryRowContext(ctx, `SELECT source_id, kind, name, established, version FROM platforms WHERE id = ? AND park_id = ?`, key, ParkOf(ctx)).
		Scan(&id, &p.Kind, &p.Name, &p.Established, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Platform{}, "", ErrNotFound
	}
	if err != nil {
		return Platform{}, "", fmt.Errorf("store: unable to fetch platform %d: %w", key, err)
	}
	p.ID = textOf(id)
	return p, p.Name, nil
}

// SavePlatform records a platform (key 0) or replaces the one with rowid
// key. A record the rules refuse gives a *RecordError.
func (s *Store) SavePlatform(ctx context.Context, actor Actor, key int64, p Platform) (AuditEntry, error) {
	return saveIn(ctx, s, actor, platformKind, key, p)
}

// DeletePlatform deletes the platform with rowid key; nothing refers to it.
func (s *Store) DeletePlatform(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, platformKind, key, version)
}
