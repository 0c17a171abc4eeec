package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ResponsibilityByKey returns the social-responsibility record with rowid
// key, as the interchange format has it; ErrNotFound when there is none.
func (s *Store) ResponsibilityByKey(ctx context.Context, key int64) (Responsibility, error) {
	r, _, err := loadResponsibility(ctx, s.Read, key)
	return r, err
}

// loadResponsibility also returns the record's title in the audit log.
func loadResponsibility(ctx context.Context, q querier, key int64) (Responsibility, string, error) {
	var r Responsibility
	var id, note sql.NullString
	var name, status string
	err := q.QueryRowContext(ctx, `SELECT x.source_id, e.source_id, e.name, x.kind, x.date, x.beneficiaries, x.note, x.status, x.version
		FROM responsibility x JOIN enterprises e ON e.id = x.enterprise_id WHERE x.id = ?`, key).
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
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveResponsibility(ctx, tx, actor, now, key, r)
	})
}

// saveResponsibility is SaveResponsibility inside a change's transaction.
func saveResponsibility(ctx context.Context, tx *writeTx, actor Actor, now string, key int64, r Responsibility) (AuditEntry, error) {
	entry := AuditEntry{Collection: "responsibility", Action: ActionCreate, RecordID: r.ID}
	if key != 0 {
		before, name, err := loadResponsibility(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "responsibility", key, name, r.Version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		entry.Action, entry.Version = ActionUpdate, before.Version+1
		if entry.Before, err = recordJSON(before); err != nil {
			return AuditEntry{}, err
		}
	}
	ps := problems(append(r.Validate(), textProblems(r)...))
	if err := duplicateID(ctx, tx, &ps, "responsibility", r.ID, key); err != nil {
		return AuditEntry{}, err
	}
	enterprise, err := resolveRef(ctx, tx, &ps, "enterprises", "enterprise", r.Enterprise)
	if err != nil {
		return AuditEntry{}, err
	}
	if len(ps) > 0 {
		return AuditEntry{}, &RecordError{Collection: "responsibility", Problems: ps}
	}
	if tx.checkOnly {
		return AuditEntry{}, nil // a filing's check: the rules hold, nothing is written
	}
	args := []any{nullable(r.ID), enterprise, r.Kind, r.Date, r.Beneficiaries, nullable(r.Note), published(r.Status), now, actor.Username}
	if key == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO responsibility (source_id, enterprise_id, kind, date, beneficiaries, note, status, updated_at, updated_by, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?8, ?9)`, args...)
		if err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to record responsibility: %w", err)
		}
		if key, err = res.LastInsertId(); err != nil {
			return AuditEntry{}, err
		}
		entry.Version = 1
	} else if _, err := tx.ExecContext(ctx, `UPDATE responsibility SET source_id = ?, enterprise_id = ?, kind = ?, date = ?, beneficiaries = ?,
		note = ?, status = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
		return AuditEntry{}, fmt.Errorf("store: unable to update responsibility: %w", err)
	}
	_, title, err := loadResponsibility(ctx, tx, key)
	if err != nil {
		return AuditEntry{}, err
	}
	if entry.After, err = recordJSON(r); err != nil {
		return AuditEntry{}, err
	}
	entry.RecordKey, entry.Title = key, title
	return entry, nil
}

// DeleteResponsibility deletes the record with rowid key; nothing refers
// to it.
func (s *Store) DeleteResponsibility(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, title, err := loadResponsibility(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "responsibility", key, title, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM responsibility WHERE id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete responsibility record %d: %w", key, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "responsibility", Action: ActionDelete, RecordKey: key, RecordID: before.ID, Title: title, Before: b, Version: before.Version}, nil
	})
}
