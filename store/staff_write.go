package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// StaffByID returns the staff member (两员) with interchange id id, as the
// interchange format has it, and their rowid; ErrNotFound when there is
// none.
func (s *Store) StaffByID(ctx context.Context, id string) (Staff, int64, error) {
	return loadStaff(ctx, s.Read, id)
}

func loadStaff(ctx context.Context, q querier, id string) (Staff, int64, error) {
	var rowid int64
	var v Staff
	var specialist, instructor bool
	var until sql.NullString
	err := q.QueryRowContext(ctx, `SELECT id, source_id, name, specialist, instructor, since, until, version FROM staff WHERE source_id = ?`, id).
		Scan(&rowid, &v.ID, &v.Name, &specialist, &instructor, &v.Since, &until, &v.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Staff{}, 0, ErrNotFound
	}
	if err != nil {
		return Staff{}, 0, fmt.Errorf("store: unable to fetch staff %q: %w", id, err)
	}
	v.Until = textOf(until)
	v.Roles = []string{}
	if specialist {
		v.Roles = append(v.Roles, "specialist")
	}
	if instructor {
		v.Roles = append(v.Roles, "instructor")
	}
	err = eachRow(ctx, q, `SELECT e.source_id FROM staff_enterprises l JOIN enterprises e ON e.id = l.enterprise_id
		WHERE l.staff_id = ? ORDER BY l.position`, []any{rowid}, func(rows *sql.Rows) error {
		var e string
		err := rows.Scan(&e)
		v.Enterprises = append(v.Enterprises, e)
		return err
	})
	if err != nil {
		return Staff{}, 0, fmt.Errorf("store: unable to fetch the enterprises of staff %q: %w", id, err)
	}
	return v, rowid, nil
}

// SaveStaff creates a staff member (oldID "") or replaces the one with
// interchange id oldID. The enterprises assigned must exist. A record the
// rules refuse gives a *RecordError, one made against another version than
// the stored one (v.Version) a *ConflictError.
func (s *Store) SaveStaff(ctx context.Context, actor Actor, oldID string, v Staff) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		entry := AuditEntry{Collection: "staff", Action: ActionCreate, RecordID: v.ID, Title: v.Name}
		var rowid int64
		if oldID != "" {
			before, key, err := loadStaff(ctx, tx, oldID)
			if err != nil {
				return AuditEntry{}, err
			}
			if err := checkVersion(ctx, tx, "staff", key, before.Name, v.Version, before.Version, before); err != nil {
				return AuditEntry{}, err
			}
			rowid, entry.Action, entry.Version = key, ActionUpdate, before.Version+1
			if entry.Before, err = recordJSON(before); err != nil {
				return AuditEntry{}, err
			}
		}
		ps := problems(append(v.Validate(), textProblems(v)...))
		if err := duplicateID(ctx, tx, &ps, "staff", v.ID, rowid); err != nil {
			return AuditEntry{}, err
		}
		assigned := make([]int64, len(v.Enterprises))
		for i, id := range v.Enterprises {
			var err error
			if assigned[i], err = resolveRef(ctx, tx, &ps, "enterprises", fmt.Sprintf("enterprises[%d]", i+1), id); err != nil {
				return AuditEntry{}, err
			}
		}
		if len(ps) > 0 {
			return AuditEntry{}, &RecordError{Collection: "staff", Problems: ps}
		}
		args := []any{v.ID, v.Name, slices.Contains(v.Roles, "specialist"), slices.Contains(v.Roles, "instructor"), v.Since, nullable(v.Until), now, actor.Username}
		if rowid == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO staff (source_id, name, specialist, instructor, since, until, updated_at, updated_by, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?7, ?8)`, args...)
			if err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to create staff: %w", err)
			}
			if rowid, err = res.LastInsertId(); err != nil {
				return AuditEntry{}, err
			}
			entry.Version = 1
		} else {
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET source_id = ?, name = ?, specialist = ?, instructor = ?, since = ?, until = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, rowid)...); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to update staff: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM staff_enterprises WHERE staff_id = ?`, rowid); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to update the enterprises of staff: %w", err)
			}
		}
		for i, e := range assigned {
			if _, err := tx.ExecContext(ctx, `INSERT INTO staff_enterprises (staff_id, enterprise_id, position) VALUES (?, ?, ?)`, rowid, e, i+1); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to write the enterprises of staff: %w", err)
			}
		}
		after, err := recordJSON(v)
		if err != nil {
			return AuditEntry{}, err
		}
		entry.RecordKey, entry.After = rowid, after
		return entry, nil
	})
}

// DeleteStaff deletes the staff member with interchange id id and their
// assignments (nothing else refers to staff); refused with a
// *ConflictError when the record changed since version.
func (s *Store) DeleteStaff(ctx context.Context, actor Actor, id string, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, rowid, err := loadStaff(ctx, tx, id)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "staff", rowid, before.Name, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		for _, q := range []string{`DELETE FROM staff_enterprises WHERE staff_id = ?`, `DELETE FROM staff WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, rowid); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to delete staff %q: %w", id, err)
			}
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "staff", Action: ActionDelete, RecordKey: rowid, RecordID: id, Title: before.Name, Before: b, Version: before.Version}, nil
	})
}

// SuggestStaffID proposes an unused interchange id for a new staff
// member: staff- and the next number.
func (s *Store) SuggestStaffID(ctx context.Context) (string, error) {
	return s.suggestID(ctx, "staff", "staff")
}
