package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// StaffRow is one staff member (两员) with the enterprises assigned to them.
type StaffRow struct {
	ID, Name, Since, Until string
	Roles                  []string
	Enterprises            []EnterpriseLink
}

// StaffFilter selects the staff ledger.
type StaffFilter struct {
	Query   string // in the name or the id
	Role    string // specialist | instructor
	Serving string // a date: only those serving on it (since by it, no until before it)
	Offset  int
	Limit   int // 0: no limit (an export)
}

// StaffLedger lists one page of the staff the filter selects, in the order
// they were recorded, with their enterprises, and how many it selects.
// Queries: count, page.
func (s *Store) StaffLedger(ctx context.Context, f StaffFilter) ([]StaffRow, int, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = append(where, `(st.name LIKE ? ESCAPE '\' OR st.source_id LIKE ? ESCAPE '\')`), append(args, likePattern(q), likePattern(q))
	}
	switch f.Role {
	case "specialist":
		where = append(where, "st.specialist = 1")
	case "instructor":
		where = append(where, "st.instructor = 1")
	}
	if f.Serving != "" {
		where, args = append(where, "st.since <= ? AND (st.until IS NULL OR st.until >= ?)"), append(args, f.Serving, f.Serving)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*) FROM staff st`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count staff: %w", err)
	}
	q := `SELECT st.source_id, st.name, st.since, COALESCE(st.until, ''), st.specialist, st.instructor,
			COALESCE((SELECT group_concat(e.source_id || char(31) || e.name, char(30)) FROM staff_enterprises l
				JOIN enterprises e ON e.id = l.enterprise_id WHERE l.staff_id = st.id), '')
		FROM staff st` + cond + ` ORDER BY st.id`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	var out []StaffRow
	err := eachRow(ctx, s.Read, q, args, func(rows *sql.Rows) error {
		var r StaffRow
		var specialist, instructor bool
		var list string
		if err := rows.Scan(&r.ID, &r.Name, &r.Since, &r.Until, &specialist, &instructor, &list); err != nil {
			return err
		}
		if specialist {
			r.Roles = append(r.Roles, "specialist")
		}
		if instructor {
			r.Roles = append(r.Roles, "instructor")
		}
		for _, item := range strings.Split(list, "\x1e") {
			if id, name, ok := strings.Cut(item, "\x1f"); ok {
				r.Enterprises = append(r.Enterprises, EnterpriseLink{ID: id, Name: name})
			}
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list staff: %w", err)
	}
	return out, total, nil
}

// EnterprisesLacking lists, by name, up to limit enterprises that no
// serving staff member of role (specialist or instructor) is assigned to,
// and how many there are. Serving: no until date before today.
func (s *Store) EnterprisesLacking(ctx context.Context, role, today string, limit int) ([]EnterpriseLink, int, error) {
	if role != "specialist" && role != "instructor" {
		return nil, 0, fmt.Errorf("store: unknown staff role %q", role)
	}
	cond := ` FROM enterprises e WHERE NOT EXISTS (SELECT 1 FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
		WHERE l.enterprise_id = e.id AND st.` + role + ` = 1 AND (st.until IS NULL OR st.until >= ?))`
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*)`+cond, today).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count enterprises without a %s: %w", role, err)
	}
	var out []EnterpriseLink
	err := eachRow(ctx, s.Read, `SELECT e.source_id, e.name`+cond+` ORDER BY e.id LIMIT ?`, []any{today, limit}, func(rows *sql.Rows) error {
		var l EnterpriseLink
		err := rows.Scan(&l.ID, &l.Name)
		out = append(out, l)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list enterprises without a %s: %w", role, err)
	}
	return out, total, nil
}
