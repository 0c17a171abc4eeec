package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Forms choose an enterprise by typing: its id, its full name, or part of
// either with the suggestions that follow. A park has thousands, too many
// for a select.

// EnterpriseSuggestions lists at most limit enterprises whose name or id
// holds text (name_search.go): the one it names first, then names that
// begin with it.
func (s *Store) EnterpriseSuggestions(ctx context.Context, text string, limit int) ([]EnterpriseLink, error) {
	return s.nameSuggestions(ctx, "enterprises", text, limit)
}

// EnterpriseIDsFor turns what a clerk typed into enterprise ids: a value
// that is an enterprise's id stays; one that is exactly the name of one
// enterprise (and no id) becomes its id; anything else is kept as typed,
// for the write path to refuse with its message.
func (s *Store) EnterpriseIDsFor(ctx context.Context, typed []string) ([]string, error) {
	return s.idsFor(ctx, "enterprises", typed)
}

// OrganizationIDsFor is EnterpriseIDsFor for party organisations.
func (s *Store) OrganizationIDsFor(ctx context.Context, typed []string) ([]string, error) {
	return s.idsFor(ctx, "organizations", typed)
}

// idsFor turns ids or unique full names typed for records of table
// (enterprises or organizations) into ids. Queries: one per 500 values.
func (s *Store) idsFor(ctx context.Context, table string, typed []string) ([]string, error) {
	out := make([]string, len(typed))
	copy(out, typed)
	if len(typed) == 0 {
		return out, nil
	}
	ids := map[string]bool{}
	byName := map[string][]string{}
	for start := 0; start < len(typed); start += idChunk {
		chunk := typed[start:min(len(typed), start+idChunk)]
		args := make([]any, len(chunk))
		for i, t := range chunk {
			args[i] = t
		}
		in := `(?` + strings.Repeat(", ?", len(chunk)-1) + `)`
		err := eachRow(ctx, s.read, `SELECT source_id, name FROM `+table+` WHERE park_id = ? AND (source_id IN `+in+` OR name IN `+in+`)`,
			append(append([]any{ParkOf(ctx)}, args...), args...),
			func(rows *sql.Rows) error {
				var id, name string
				err := rows.Scan(&id, &name)
				if !ids[id] {
					ids[id] = true
					byName[name] = append(byName[name], id)
				}
				return err
			})
		if err != nil {
			return nil, fmt.Errorf("store: unable to look up %s: %w", table, err)
		}
	}
	for i, t := range typed {
		if !ids[t] && len(byName[t]) == 1 {
			out[i] = byName[t][0]
		}
	}
	return out, nil
}

// idChunk is how many ids one IN list holds (SQLite allows 32,766
// parameters; smaller lists keep each statement cheap to prepare).
const idChunk = 500

// EnterprisesByIDs returns the enterprises with the given interchange ids,
// as the interchange format has them, by id; unknown ids are left out.
// Queries: two per 500 ids.
func (s *Store) EnterprisesByIDs(ctx context.Context, ids []string) (map[string]Enterprise, error) {
	out := map[string]Enterprise{}
	for start := 0; start < len(ids); start += idChunk {
		chunk := ids[start:min(len(ids), start+idChunk)]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		in := `(?` + strings.Repeat(", ?", len(chunk)-1) + `)`
		rowids := map[int64]string{}
		err := eachRow(ctx, s.read, `SELECT id, source_id, name, credit_code, stage, employees, sector, founded, version FROM enterprises WHERE park_id = ? AND source_id IN `+in, append([]any{ParkOf(ctx)}, args...),
			func(rows *sql.Rows) error {
				var rowid int64
				var e Enterprise
				var code, sector, founded sql.NullString
				var employees sql.NullInt64
				if err := rows.Scan(&rowid, &e.ID, &e.Name, &code, &e.Stage, &employees, &sector, &founded, &e.Version); err != nil {
					return err
				}
				e.CreditCode, e.Sector, e.Founded, e.Employees = textOf(code), textOf(sector), textOf(founded), intOrNil(employees)
				out[e.ID], rowids[rowid] = e, e.ID
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("store: unable to fetch enterprises: %w", err)
		}
		err = eachRow(ctx, s.read, `SELECT l.enterprise_id, l.stage, l.since FROM enterprise_stages l JOIN enterprises e ON e.id = l.enterprise_id
			WHERE e.park_id = ? AND e.source_id IN `+in+` ORDER BY l.enterprise_id, l.position`, append([]any{ParkOf(ctx)}, args...), func(rows *sql.Rows) error {
			var rowid int64
			var h StageEntry
			if err := rows.Scan(&rowid, &h.Stage, &h.Since); err != nil {
				return err
			}
			e := out[rowids[rowid]]
			e.StageHistory = append(e.StageHistory, h)
			out[rowids[rowid]] = e
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("store: unable to fetch enterprise stages: %w", err)
		}
	}
	return out, nil
}
