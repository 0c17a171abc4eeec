package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// staffKind is the staff's (两员) part of the write path: a staff member
// and the enterprises assigned to them, in their order.
var staffKind = recordKind[Staff]{
	collection: StaffRecords,
	load:       loadStaff,
	id:         func(v Staff) string { return v.ID },
	title:      func(v Staff) string { return v.Name },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, v Staff) (rowWrite, error) {
		assigned, err := staffEnterprises.resolve(ctx, tx, ps, v.Enterprises)
		return func(at stamp) (int64, error) {
			key, err := insertOrUpdate(ctx, tx, key,
				`INSERT INTO staff (source_id, name, specialist, instructor, since, until, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?7, ?8, ?9)`,
				`UPDATE staff SET source_id = ?, name = ?, specialist = ?, instructor = ?, since = ?, until = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				v.ID, v.Name, slices.Contains(v.Roles, "specialist"), slices.Contains(v.Roles, "instructor"), v.Since, nullable(v.Until), at.at, at.by)
			if err != nil {
				return 0, err
			}
			return key, staffEnterprises.write(ctx, tx, key, assigned)
		}, err
	},
	remove: func(ctx context.Context, tx *writeTx, key int64, _ string) error {
		return deleteRows(ctx, tx, key, `DELETE FROM staff_enterprises WHERE staff_id = ?`, `DELETE FROM staff WHERE id = ?`)
	},
}

// StaffByID returns the staff member (两员) with interchange id id, as the
// interchange format has it, and their rowid; ErrNotFound when there is
// none.
func (s *Store) StaffByID(ctx context.Context, id string) (Staff, int64, error) {
	return loadByID(ctx, s.read, staffKind, id)
}

// loadStaff also returns the staff member's title in the audit log.
func loadStaff(ctx context.Context, q querier, key int64) (Staff, string, error) {
	var v Staff
	var specialist, instructor bool
	var until sql.NullString
	err := q.QueryRowContext(ctx, `SELECT source_id, name, specialist, instructor, since, until, version FROM staff WHERE id = ? AND park_id = ?`, key, ParkOf(ctx)).
		Scan(&v.ID, &v.Name, &specialist, &instructor, &v.Since, &until, &v.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Staff{}, "", ErrNotFound
	}
	if err != nil {
		return Staff{}, "", fmt.Errorf("store: unable to fetch staff %d: %w", key, err)
	}
	v.Until = textOf(until)
	v.Roles = []string{}
	if specialist {
		v.Roles = append(v.Roles, "specialist")
	}
	if instructor {
		v.Roles = append(v.Roles, "instructor")
	}
	if v.Enterprises, err = staffEnterprises.read(ctx, q, key, nil); err != nil {
		return Staff{}, "", fmt.Errorf("store: unable to fetch the enterprises of staff %q: %w", v.ID, err)
	}
	return v, v.Name, nil
}

// SaveStaff creates a staff member (oldID "") or replaces the one with
// interchange id oldID. The enterprises assigned must exist. A record the
// rules refuse gives a *RecordError, one made against another version than
// the stored one (v.Version) a *ConflictError.
func (s *Store) SaveStaff(ctx context.Context, actor Actor, oldID string, v Staff) (AuditEntry, error) {
	return saveByIDIn(ctx, s, actor, staffKind, oldID, v)
}

// DeleteStaff deletes the staff member with interchange id id and their
// assignments (nothing else refers to staff); refused with a
// *ConflictError when the record changed since version.
func (s *Store) DeleteStaff(ctx context.Context, actor Actor, id string, version int64) (AuditEntry, error) {
	return deleteByIDIn(ctx, s, actor, staffKind, id, version)
}

// SuggestStaffID proposes an unused interchange id for a new staff
// member: staff- and the next number.
func (s *Store) SuggestStaffID(ctx context.Context) (string, error) {
	return s.suggestID(ctx, "staff", "staff")
}
