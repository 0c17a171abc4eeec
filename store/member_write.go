package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// MemberByID returns the member with interchange id id, as the interchange
// format has it, and its rowid; ErrNotFound when there is none. Members'
// personal data is for staff and their own organisation only.
func (s *Store) MemberByID(ctx context.Context, id string) (Member, int64, error) {
	return loadMember(ctx, s.Read, id)
}

func loadMember(ctx context.Context, q querier, id string) (Member, int64, error) {
	var rowid int64
	var m Member
	var birth, enterprise, activist, candidate, probationary, full sql.NullString
	err := q.QueryRowContext(ctx, `SELECT m.id, m.source_id, m.name, m.birth, o.source_id, e.source_id, m.management,
			m.applied, m.activist, m.candidate, m.probationary, m.full, m.version
		FROM members m JOIN organizations o ON o.id = m.organization_id LEFT JOIN enterprises e ON e.id = m.enterprise_id
		WHERE m.source_id = ?`, id).Scan(&rowid, &m.ID, &m.Name, &birth, &m.Organization, &enterprise, &m.Management,
		&m.Applied, &activist, &candidate, &probationary, &full, &m.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Member{}, 0, ErrNotFound
	}
	if err != nil {
		return Member{}, 0, fmt.Errorf("store: unable to fetch member %q: %w", id, err)
	}
	m.Birth, m.Enterprise = textOf(birth), textOf(enterprise)
	m.Activist, m.Candidate, m.Probationary, m.Full = textOf(activist), textOf(candidate), textOf(probationary), textOf(full)
	return m, rowid, nil
}

// SaveMember records a member (oldID "") or replaces the one with
// interchange id oldID: the rules of member development are checked on all
// five dates, and the organisation and enterprise must exist. A record the
// rules refuse gives a *RecordError, one made against another version than
// the stored one (m.Version) a *ConflictError.
func (s *Store) SaveMember(ctx context.Context, actor Actor, oldID string, m Member) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveMember(ctx, tx, actor, now, oldID, m)
	})
}

// saveMember is SaveMember inside a change: an upload saves many in one.
func saveMember(ctx context.Context, tx *writeTx, actor Actor, now, oldID string, m Member) (AuditEntry, error) {
	entry := AuditEntry{Collection: "members", Action: ActionCreate, RecordID: m.ID, Title: m.Name}
	var rowid int64
	if oldID != "" {
		before, key, err := loadMember(ctx, tx, oldID)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "members", key, before.Name, m.Version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		rowid, entry.Action, entry.Version = key, ActionUpdate, before.Version+1
		if entry.Before, err = recordJSON(before); err != nil {
			return AuditEntry{}, err
		}
	}
	ps := problems(append(m.Validate(), textProblems(m)...))
	if err := duplicateID(ctx, tx, &ps, "members", m.ID, rowid); err != nil {
		return AuditEntry{}, err
	}
	org, err := resolveRef(ctx, tx, &ps, "organizations", "organization", m.Organization)
	if err != nil {
		return AuditEntry{}, err
	}
	enterprise, err := resolveRef(ctx, tx, &ps, "enterprises", "enterprise", m.Enterprise)
	if err != nil {
		return AuditEntry{}, err
	}
	if len(ps) > 0 {
		return AuditEntry{}, &RecordError{Collection: "members", Problems: ps}
	}
	if tx.checkOnly {
		return AuditEntry{}, nil // a filing's check: the rules hold, nothing is written
	}
	var ent any
	if enterprise != 0 {
		ent = enterprise
	}
	args := []any{m.ID, m.Name, nullable(m.Birth), org, ent, m.Management, m.Applied, nullable(m.Activist),
		nullable(m.Candidate), nullable(m.Probationary), nullable(m.Full), now, actor.Username}
	if rowid == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO members (source_id, name, birth, organization_id, enterprise_id, management,
			applied, activist, candidate, probationary, full, updated_at, updated_by, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?12, ?13)`, args...)
		if err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to record member: %w", err)
		}
		if rowid, err = res.LastInsertId(); err != nil {
			return AuditEntry{}, err
		}
		entry.Version = 1
	} else if _, err := tx.ExecContext(ctx, `UPDATE members SET source_id = ?, name = ?, birth = ?, organization_id = ?,
		enterprise_id = ?, management = ?, applied = ?, activist = ?, candidate = ?, probationary = ?, full = ?,
		updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, rowid)...); err != nil {
		return AuditEntry{}, fmt.Errorf("store: unable to update member: %w", err)
	}
	after, err := recordJSON(m)
	if err != nil {
		return AuditEntry{}, err
	}
	entry.RecordKey, entry.After = rowid, after
	return entry, nil
}

// MemberRow is a member on an organisation's board.
type MemberRow struct {
	Member
	Key   int64
	Stage string // the latest stage reached: applied … full
}

// OrganizationMembers lists an organisation's members by the latest stage
// reached, oldest step first. Queries: one.
func (s *Store) OrganizationMembers(ctx context.Context, orgRowID int64) ([]MemberRow, error) {
	var out []MemberRow
	err := eachRow(ctx, s.Read, `SELECT m.id, m.source_id, m.name, COALESCE(e.source_id, ''), m.management, m.applied,
			COALESCE(m.activist, ''), COALESCE(m.candidate, ''), COALESCE(m.probationary, ''), COALESCE(m.full, ''), `+memberStageSQLOf("m")+`
		FROM members m LEFT JOIN enterprises e ON e.id = m.enterprise_id WHERE m.organization_id = ?
		ORDER BY COALESCE(m.full, m.probationary, m.candidate, m.activist, m.applied), m.id`, []any{orgRowID}, func(rows *sql.Rows) error {
		var r MemberRow
		err := rows.Scan(&r.Key, &r.ID, &r.Name, &r.Enterprise, &r.Management, &r.Applied, &r.Activist, &r.Candidate, &r.Probationary, &r.Full, &r.Stage)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list members: %w", err)
	}
	return out, nil
}

// memberStageSQLOf is the latest stage (applied … full) that the members
// row named alias has reached.
func memberStageSQLOf(alias string) string {
	a := alias + "."
	return `CASE WHEN ` + a + `full IS NOT NULL THEN 'full' WHEN ` + a + `probationary IS NOT NULL THEN 'probationary'
	WHEN ` + a + `candidate IS NOT NULL THEN 'candidate' WHEN ` + a + `activist IS NOT NULL THEN 'activist' ELSE 'applied' END`
}

// SuggestMemberID proposes an unused interchange id for a new member:
// mem- and the next number.
func (s *Store) SuggestMemberID(ctx context.Context) (string, error) {
	return s.suggestID(ctx, "members", "mem")
}

// DeleteMember deletes the member with interchange id id; nothing refers
// to members. The audit entry keeps the record, personal data included,
// for staff and admins only, as the ledger does. It is refused with a
// *ConflictError when the member changed since version.
func (s *Store) DeleteMember(ctx context.Context, actor Actor, id string, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, rowid, err := loadMember(ctx, tx, id)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "members", rowid, before.Name, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM members WHERE id = ?`, rowid); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete member %q: %w", id, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "members", Action: ActionDelete, RecordKey: rowid, RecordID: id, Title: before.Name, Before: b, Version: before.Version}, nil
	})
}
