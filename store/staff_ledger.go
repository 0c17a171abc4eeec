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

// StaffLedger lists one page of the staff, by name, with their enterprises,
// and how many staff there are. Queries: count, page.
func (s *Store) StaffLedger(ctx context.Context, offset, limit int) ([]StaffRow, int, error) {
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*) FROM staff`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count staff: %w", err)
	}
	var out []StaffRow
	err := eachRow(ctx, s.Read, `SELECT st.source_id, st.name, st.since, COALESCE(st.until, ''), st.specialist, st.instructor,
			COALESCE((SELECT group_concat(e.source_id || char(31) || e.name, char(30)) FROM staff_enterprises l
				JOIN enterprises e ON e.id = l.enterprise_id WHERE l.staff_id = st.id), '')
		FROM staff st ORDER BY st.id LIMIT ? OFFSET ?`, []any{limit, offset}, func(rows *sql.Rows) error {
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
