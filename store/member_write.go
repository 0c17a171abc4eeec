package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// memberKind is the members' part of the write path: the rules of member
// development on all five dates, and an organisation and enterprise that
// exist.
var memberKind = recordKind[Member]{
	collection: Members,
	load:       loadMember,
	id:         func(m Member) string { return m.ID },
	title:      func(m Member) string { return m.Name },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, m Member) (rowWrite, error) {
		org, err := resolveRef(ctx, tx, ps, Organizations, "organization", m.Organization)
		if err != nil {
			return nil, err
		}
		enterprise, err := resolveRef(ctx, tx, ps, Enterprises, "enterprise", m.Enterprise)
		var ent any
		if enterprise != 0 {
			ent = enterprise
		}
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO members (source_id, name, birth, organization_id, enterprise_id, management,
				applied, activist, candidate, probationary, "full", updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?12, ?13, ?14)`,
				`UPDATE members SET source_id = ?, name = ?, birth = ?, organization_id = ?,
				enterprise_id = ?, management = ?, applied = ?, activist = ?, candidate = ?, probationary = ?, "full" = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				m.ID, m.Name, nullable(m.Birth), org, ent, m.Management, m.Applied, nullable(m.Activist),
				nullable(m.Candidate), nullable(m.Probationary), nullable(m.Full), at.at, at.by)
		}, err
	},
}

// MemberByID returns the member with interchange id id, as the interchange
// format has it, and its rowid; ErrNotFound when there is none. Members'
// personal data is for staff and their own organisation only.
func (s *Store) MemberByID(ctx context.Context, id string) (Member, int64, error) {
	return loadByID(ctx, s.read, memberKind, id)
}

// loadMember also returns the member's title in the audit log.
func loadMember(ctx context.Context, q querier, key int64) (Member, string, error) {
	var m Member
	var birth, enterprise, activist, candidate, probationary, full sql.NullString
	err := q.QueryRowContext(ctx, `SELECT m.source_id, m.name, m.birth, o.source_id, e.source_id, m.management,
			m.applied, m.activist, m.candidate, m.probationary, m.full, m.version
		FROM members m JOIN organizations o ON o.id = m.organization_id LEFT JOIN enterprises e ON e.id = m.enterprise_id
		WHERE m.id = ? AND m.park_id = ?`, key, ParkOf(ctx)).Scan(&m.ID, &m.Name, &birth, &m.Organization, &enterprise, &m.Management,
		&m.Applied, &activist, &candidate, &probationary, &full, &m.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Member{}, "", ErrNotFound
	}
	if err != nil {
		return Member{}, "", fmt.Errorf("store: unable to fetch member %d: %w", key, err)
	}
	m.Birth, m.Enterprise = textOf(birth), textOf(enterprise)
	m.Activist, m.Candidate, m.Probationary, m.Full = textOf(activist), textOf(candidate), textOf(probationary), textOf(full)
	return m, m.Name, nil
}

// SaveMember records a member (oldID "") or replaces the one with
// interchange id oldID: the rules of member development are checked on all
// five dates, and the organisation and enterprise must exist. A record the
// rules refuse gives a *RecordError, one made against another version than
// the stored one (m.Version) a *ConflictError.
func (s *Store) SaveMember(ctx context.Context, actor Actor, oldID string, m Member) (AuditEntry, error) {
	return saveByIDIn(ctx, s, actor, memberKind, oldID, m)
}

// saveMember is SaveMember inside a change: an upload saves many in one.
func saveMember(ctx context.Context, tx *writeTx, actor Actor, now, oldID string, m Member) (AuditEntry, error) {
	return saveByID(ctx, tx, actor, now, memberKind, oldID, m)
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
	err := eachRow(ctx, s.read, `SELECT m.id, m.source_id, m.name, COALESCE(e.source_id, ''), m.management, m.applied,
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
	return deleteByIDIn(ctx, s, actor, memberKind, id, version)
}
