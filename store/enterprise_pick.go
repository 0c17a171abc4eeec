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

// EnterpriseSuggestions lists, by name, at most limit enterprises whose
// name or id holds text: names that begin with it first.
func (s *Store) EnterpriseSuggestions(ctx context.Context, text string, limit int) ([]EnterpriseLink, error) {
	text = strings.TrimSpace(text)
	if text == "" || limit <= 0 {
		return nil, nil
	}
	var out []EnterpriseLink
	err := eachRow(ctx, s.Read, `SELECT source_id, name FROM enterprises WHERE name LIKE ?1 ESCAPE '\' OR source_id LIKE ?1 ESCAPE '\'
		ORDER BY instr(name, ?2) != 1, name, id LIMIT ?3`, []any{likePattern(text), text, limit}, func(rows *sql.Rows) error {
		var e EnterpriseLink
		err := rows.Scan(&e.ID, &e.Name)
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to suggest enterprises: %w", err)
	}
	return out, nil
}

// EnterpriseIDsFor turns what a clerk typed into enterprise ids: a value
// that is an enterprise's id stays; one that is exactly the name of one
// enterprise (and no id) becomes its id; anything else is kept as typed,
// for the write path to refuse with its message.
func (s *Store) EnterpriseIDsFor(ctx context.Context, typed []string) ([]string, error) {
	out := make([]string, len(typed))
	copy(out, typed)
	if len(typed) == 0 {
		return out, nil
	}
	args := make([]any, len(typed))
	for i, t := range typed {
		args[i] = t
	}
	in := `(?` + strings.Repeat(", ?", len(typed)-1) + `)`
	ids := map[string]bool{}
	byName := map[string][]string{}
	err := eachRow(ctx, s.Read, `SELECT source_id, name FROM enterprises WHERE source_id IN `+in+` OR name IN `+in, append(args, args...),
		func(rows *sql.Rows) error {
			var id, name string
			err := rows.Scan(&id, &name)
			ids[id] = true
			byName[name] = append(byName[name], id)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: unable to look up enterprises: %w", err)
	}
	for i, t := range typed {
		if !ids[t] && len(byName[t]) == 1 {
			out[i] = byName[t][0]
		}
	}
	return out, nil
}
