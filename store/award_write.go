package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// AwardByKey returns the award with rowid key, as the interchange format
// has it; ErrNotFound when there is none.
func (s *Store) AwardByKey(ctx context.Context, key int64) (Award, error) {
	a, _, err := loadAward(ctx, s.Read, key)
	return a, err
}

// loadAward also returns the award's title in the audit log.
func loadAward(ctx context.Context, q querier, key int64) (Award, string, error) {
	var a Award
	var id, title sql.NullString
	var name string
	err := q.QueryRowContext(ctx, `SELECT a.source_id, o.source_id, o.name, a.kind, a.level, a.year, a.title, a.version
		FROM awards a JOIN organizations o ON o.id = a.organization_id WHERE a.id = ?`, key).
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
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		entry := AuditEntry{Collection: "awards", Action: ActionCreate, RecordID: a.ID}
		if key != 0 {
			before, name, err := loadAward(ctx, tx, key)
			if err != nil {
				return AuditEntry{}, err
			}
			if err := checkVersion(ctx, tx, "awards", key, name, a.Version, before.Version, before); err != nil {
				return AuditEntry{}, err
			}
			entry.Action, entry.Version = ActionUpdate, before.Version+1
			if entry.Before, err = recordJSON(before); err != nil {
				return AuditEntry{}, err
			}
		}
		ps := problems(append(a.Validate(), textProblems(a)...))
		if err := duplicateID(ctx, tx, &ps, "awards", a.ID, key); err != nil {
			return AuditEntry{}, err
		}
		organization, err := resolveRef(ctx, tx, &ps, "organizations", "organization", a.Organization)
		if err != nil {
			return AuditEntry{}, err
		}
		if len(ps) > 0 {
			return AuditEntry{}, &RecordError{Collection: "awards", Problems: ps}
		}
		args := []any{nullable(a.ID), organization, a.Kind, a.Level, a.Year, nullable(a.Title), now, actor.Username}
		if key == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO awards (source_id, organization_id, kind, level, year, title, updated_at, updated_by, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?7, ?8)`, args...)
			if err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to record award: %w", err)
			}
			if key, err = res.LastInsertId(); err != nil {
				return AuditEntry{}, err
			}
			entry.Version = 1
		} else if _, err := tx.ExecContext(ctx, `UPDATE awards SET source_id = ?, organization_id = ?, kind = ?, level = ?, year = ?, title = ?,
			updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update award: %w", err)
		}
		_, title, err := loadAward(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if entry.After, err = recordJSON(a); err != nil {
			return AuditEntry{}, err
		}
		entry.RecordKey, entry.Title = key, title
		return entry, nil
	})
}

// DeleteAward deletes the award with rowid key; nothing refers to it.
func (s *Store) DeleteAward(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, title, err := loadAward(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "awards", key, title, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM awards WHERE id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete award %d: %w", key, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "awards", Action: ActionDelete, RecordKey: key, RecordID: before.ID, Title: title, Before: b, Version: before.Version}, nil
	})
}
