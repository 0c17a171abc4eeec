package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// MemberStageChoices are the five stages of member development as a
// person stands in them (入党申请人 … 正式党员), for filters.
var MemberStageChoices = []Choice{
	{"applied", "入党申请人"}, {"activist", "入党积极分子"}, {"candidate", "发展对象"}, {"probationary", "预备党员"}, {"full", "正式党员"},
}

// MemberFilter selects the member ledger.
type MemberFilter struct {
	Query        string // in the name or the id
	Organization string
	Stage        string // the latest stage reached
	Management   string // yes | no
	Developed    int    // admitted as probationary in this year (the report's 发展党员), when not 0
	Sort         string // "" (by organisation and name), name, since (the latest stage's date); "-" reverses
	Offset       int
	Limit        int
}

// MemberLedgerRow is one line of the member ledger.
type MemberLedgerRow struct {
	ID, Name, Organization, OrganizationName, EnterpriseName, Stage, Since string
	Management                                                             bool
}

// MemberLedger lists one page of the members the filter selects, by
// organisation and name, and how many it selects. Queries: count (the
// kept total when nothing is filtered), page (its ids on an index that
// serves the order).
func (s *Store) MemberLedger(ctx context.Context, f MemberFilter) ([]MemberLedgerRow, int, error) {
	from, args, filtered := memberWhere(ctx, f)
	var total int
	var err error
	if !filtered {
		total, err = ledgerTotal(ctx, s.read, "members")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count members: %w", err)
	}
	order := memberOrder(f.Sort)
	q := `SELECT m.source_id, m.name, o.source_id, o.name, COALESCE(e.name, ''), ` + memberStageSQLOf("m") + `,
		COALESCE(m.full, m.probationary, m.candidate, m.activist, m.applied), m.management
		FROM members m JOIN organizations o ON o.id = m.organization_id LEFT JOIN enterprises e ON e.id = m.enterprise_id`
	if page, pageArgs := pageOf("m.id", from, order, args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += strings.TrimPrefix(from, memberFrom)
	}
	var out []MemberLedgerRow
	err = eachRow(ctx, s.read, q+` ORDER BY `+order, args, func(rows *sql.Rows) error {
		var r MemberLedgerRow
		err := rows.Scan(&r.ID, &r.Name, &r.Organization, &r.OrganizationName, &r.EnterpriseName, &r.Stage, &r.Since, &r.Management)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list members: %w", err)
	}
	return out, total, nil
}

// MemberSheetRow is a member as the member ledger's spreadsheet has it:
// the record and the names of its organisation and enterprise.
type MemberSheetRow struct {
	Member
	OrganizationName, EnterpriseName string
}

// MembersForSheet lists every member the filter selects (Offset and Limit
// aside), whole, in the ledger's order. Queries: one.
func (s *Store) MembersForSheet(ctx context.Context, f MemberFilter) ([]MemberSheetRow, error) {
	from, args, _ := memberWhere(ctx, f)
	q := `SELECT m.source_id, m.name, COALESCE(m.birth, ''), o.source_id, o.name, COALESCE(e.source_id, ''), COALESCE(e.name, ''), m.management,
		m.applied, COALESCE(m.activist, ''), COALESCE(m.candidate, ''), COALESCE(m.probationary, ''), COALESCE(m.full, '')
		FROM (SELECT m.*` + from + `) m JOIN organizations o ON o.id = m.organization_id LEFT JOIN enterprises e ON e.id = m.enterprise_id
		ORDER BY m.organization_id, m.name, m.id`
	var out []MemberSheetRow
	err := eachRow(ctx, s.read, q, args, func(rows *sql.Rows) error {
		var r MemberSheetRow
		err := rows.Scan(&r.ID, &r.Name, &r.Birth, &r.Organization, &r.OrganizationName, &r.Enterprise, &r.EnterpriseName, &r.Management,
			&r.Applied, &r.Activist, &r.Candidate, &r.Probationary, &r.Full)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list members: %w", err)
	}
	return out, nil
}

// MembersByIDs returns the members with the given interchange ids, as the
// interchange format has them, by id. Queries: one per 500 ids.
func (s *Store) MembersByIDs(ctx context.Context, ids []string) (map[string]Member, error) {
	out := map[string]Member{}
	for start := 0; start < len(ids); start += idChunk {
		chunk := ids[start:min(len(ids), start+idChunk)]
		args := []any{ParkOf(ctx)}
		for _, id := range chunk {
			args = append(args, id)
		}
		err := eachRow(ctx, s.read, `SELECT m.source_id, m.name, COALESCE(m.birth, ''), o.source_id, COALESCE(e.source_id, ''), m.management,
			m.applied, COALESCE(m.activist, ''), COALESCE(m.candidate, ''), COALESCE(m.probationary, ''), COALESCE(m.full, ''), m.version
			FROM members m JOIN organizations o ON o.id = m.organization_id LEFT JOIN enterprises e ON e.id = m.enterprise_id
			WHERE m.park_id = ? AND m.source_id IN (?`+strings.Repeat(", ?", len(chunk)-1)+`)`, args, func(rows *sql.Rows) error {
			var m Member
			err := rows.Scan(&m.ID, &m.Name, &m.Birth, &m.Organization, &m.Enterprise, &m.Management,
				&m.Applied, &m.Activist, &m.Candidate, &m.Probationary, &m.Full, &m.Version)
			out[m.ID] = m
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("store: unable to fetch members: %w", err)
		}
	}
	return out, nil
}

// memberSorts are the member ledger's orders, by key.
var memberSorts = map[string]string{
	// each served by an index of migration 00013
	"name": "m.name, m.id", "-name": "m.name DESC, m.id DESC",
	"since":  "COALESCE(m.full, m.probationary, m.candidate, m.activist, m.applied), m.id",
	"-since": "COALESCE(m.full, m.probationary, m.candidate, m.activist, m.applied) DESC, m.id DESC",
}

func memberOrder(sort string) string {
	if o, ok := memberSorts[sort]; ok {
		return o
	}
	return "m.organization_id, m.name, m.id"
}

// memberFrom is the FROM of the member ledger's statements.
const memberFrom = ` FROM members m`

// memberWhere is the FROM and WHERE of the members a filter selects.
func memberWhere(ctx context.Context, f MemberFilter) (string, []any, bool) {
	where, args := inPark(ctx, "m")
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `(m.name LIKE ? ESCAPE '\' OR m.source_id LIKE ? ESCAPE '\')`), append(args, likePattern(q), likePattern(q))
	}
	if f.Organization != "" {
		where, args = append(where, "m.organization_id = (SELECT id FROM organizations WHERE park_id = ? AND source_id = ?)"), append(args, ParkOf(ctx), f.Organization)
		pinned(where)
	}
	if f.Stage != "" {
		where, args = append(where, memberStageSQLOf("m")+" = ?"), append(args, f.Stage)
	}
	switch f.Management {
	case "yes":
		where = append(where, "m.management = 1")
	case "no":
		where = append(where, "m.management = 0")
	}
	if f.Developed != 0 {
		// The year as members_ledger_developed indexes it, so that the
		// ledger's order follows it in the index.
		where, args = append(where, "substr(m.probationary, 1, 4) = ?"), append(args, fmt.Sprintf("%04d", f.Developed))
	}
	return memberFrom + whereOf(where), args, !unfiltered(where)
}
