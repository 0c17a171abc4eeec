package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// PlatformByKey returns the platform with rowid key, as the interchange
// format has it; ErrNotFound when there is none.
func (s *Store) PlatformByKey(ctx context.Context, key int64) (Platform, error) {
	return loadPlatform(ctx, s.Read, key)
}

func loadPlatform(ctx context.Context, q querier, key int64) (Platform, error) {
	var p Platform
	var id sql.NullString
	err := q.QueryRowContext(ctx, `SELECT source_id, kind, name, established, version FROM platforms WHERE id = ?`, key).
		Scan(&id, &p.Kind, &p.Name, &p.Established, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Platform{}, ErrNotFound
	}
	if err != nil {
		return Platform{}, fmt.Errorf("store: unable to fetch platform %d: %w", key, err)
	}
	p.ID = textOf(id)
	return p, nil
}

// SavePlatform records a platform (key 0) or replaces the one with rowid
// key. A record the rules refuse gives a *RecordError.
func (s *Store) SavePlatform(ctx context.Context, actor Actor, key int64, p Platform) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		entry := AuditEntry{Collection: "platforms", Action: ActionCreate, RecordID: p.ID, Title: p.Name}
		if key != 0 {
			before, err := loadPlatform(ctx, tx, key)
			if err != nil {
				return AuditEntry{}, err
			}
			if err := checkVersion(ctx, tx, "platforms", key, before.Name, p.Version, before.Version, before); err != nil {
				return AuditEntry{}, err
			}
			entry.Action, entry.Version = ActionUpdate, before.Version+1
			if entry.Before, err = recordJSON(before); err != nil {
				return AuditEntry{}, err
			}
		}
		ps := problems(append(p.Validate(), textProblems(p)...))
		if err := duplicateID(ctx, tx, &ps, "platforms", p.ID, key); err != nil {
			return AuditEntry{}, err
		}
		if len(ps) > 0 {
			return AuditEntry{}, &RecordError{Collection: "platforms", Problems: ps}
		}
		args := []any{nullable(p.ID), p.Kind, p.Name, p.Established, now, actor.Username}
		if key == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO platforms (source_id, kind, name, established, updated_at, updated_by, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?5, ?6)`, args...)
			if err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to record platform: %w", err)
			}
			if key, err = res.LastInsertId(); err != nil {
				return AuditEntry{}, err
			}
			entry.Version = 1
		} else if _, err := tx.ExecContext(ctx, `UPDATE platforms SET source_id = ?, kind = ?, name = ?, established = ?,
			updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update platform: %w", err)
		}
		var err error
		if entry.After, err = recordJSON(p); err != nil {
			return AuditEntry{}, err
		}
		entry.RecordKey = key
		return entry, nil
	})
}

// DeletePlatform deletes the platform with rowid key; nothing refers to it.
func (s *Store) DeletePlatform(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, err := loadPlatform(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "platforms", key, before.Name, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM platforms WHERE id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete platform %d: %w", key, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "platforms", Action: ActionDelete, RecordKey: key, RecordID: before.ID, Title: before.Name, Before: b, Version: before.Version}, nil
	})
}
