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
// Queries: count (the kept total when nothing is filtered), page (its ids
// first, so that skipped rows' enterprises are not read).
func (s *Store) StaffLedger(ctx context.Context, f StaffFilter) ([]StaffRow, int, error) {
	where, args := inPark(ctx, "st")
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
	cond := whereOf(where)
	var total int
	var err error
	if unfiltered(where) {
		total, err = ledgerTotal(ctx, s.read, "staff")
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM staff st`+cond, args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to count staff: %w", err)
	}
	q := `SELECT st.source_id, st.name, st.since, COALESCE(st.until, ''), st.specialist, st.instructor,
			COALESCE((SELECT string_agg(e.source_id || ` + s.d.char(31) + ` || e.name, ` + s.d.char(30) + ` ORDER BY l.position) FROM staff_enterprises l
				JOIN enterprises e ON e.id = l.enterprise_id WHERE l.staff_id = st.id), '')
		FROM staff st`
	if page, pageArgs := pageOf("st.id", ` FROM staff st`+cond, "st.id", args, f.Limit, f.Offset); page != "" {
		q, args = q+` WHERE `+page, pageArgs
	} else {
		q += cond
	}
	var out []StaffRow
	err = eachRow(ctx, s.read, q+` ORDER BY st.id`, args, func(rows *sql.Rows) error {
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

// EnterprisesLacking lists up to limit enterprises that no serving staff
// member of role (specialist or instructor) is assigned to, and how many
// there are: those never assigned one first, then by how long ago the
// last term ended. Serving: no until date before today. Each enterprise
// keeps its role's latest term end (migration 00013), so the list is an
// index range; the count sums the enterprises per term end that the write
// path keeps (migration 00021), a row per date.
func (s *Store) EnterprisesLacking(ctx context.Context, role, today string, limit int) ([]EnterpriseLink, int, error) {
	if role != "specialist" && role != "instructor" {
		return nil, 0, fmt.Errorf("store: unknown staff role %q", role)
	}
	until := `e.` + role + `_until`
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(sum(enterprises), 0) FROM staffing_ends WHERE park_id = ? AND role = ? AND until < ?`,
		ParkOf(ctx), role, today).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count enterprises without a %s: %w", role, err)
	}
	var out []EnterpriseLink
	err := eachRow(ctx, s.read, `SELECT e.source_id, e.name FROM enterprises e WHERE e.park_id = ? AND `+until+` < ? ORDER BY `+until+`, e.id LIMIT ?`,
		[]any{ParkOf(ctx), today, limit}, func(rows *sql.Rows) error {
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
