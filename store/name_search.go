package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// Pickers find enterprises and party organisations by any part of their
// name or id through a search index (migration 00018): one character a
// token, so that two characters typed in the middle of a Chinese name find
// it. A suggestion costs a few index lookups however large the park.

// searchTables are the tables a picker searches and their search index.
var searchTables = map[string]string{"enterprises": "enterprise_search", "organizations": "organization_search"}

// searchPhrase is text as a phrase of the search index: its letters and
// digits, one token each, in order ("" when it has none). The index drops
// spaces and punctuation the same way, so 中共 株洲 finds 中共株洲.
func searchPhrase(text string) string {
	var b strings.Builder
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return `"` + b.String() + `"`
}

// nameSuggestions lists at most limit records of table (enterprises or
// organizations) whose name or id holds text, as {id, name}: the one
// whose id or name it is first, then names that begin with it, then by
// name. Queries: one, through the id, name and search indexes.
func (s *Store) nameSuggestions(ctx context.Context, table, text string, limit int) ([]EnterpriseLink, error) {
	index, ok := searchTables[table]
	text = strings.TrimSpace(text)
	if !ok || text == "" || limit <= 0 {
		return nil, nil
	}
	if r := []rune(text); len(r) > 100 {
		text = string(r[:100])
	}
	args := []any{text, NameKey(text), limit, text, searchPhrase(text), ParkOf(ctx)}
	phrase := args[4].(string)
	q := nameSuggestionSQL(table, index, phrase != "")
	if s.d.postgres {
		args[4] = likeRuns(text)
		args = append(args, nameRuns(text))
		q = postgresNameSuggestionSQL(table, phrase != "")
	}
	var out []EnterpriseLink
	err := eachRow(ctx, s.read, q, args, func(rows *sql.Rows) error {
		var e EnterpriseLink
		err := rows.Scan(&e.ID, &e.Name)
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to search %s: %w", table, err)
	}
	return out, nil
}

// nameSuggestionSQL is nameSuggestions' statement: ?1 the text, ?2 its
// NameKey, ?3 the limit, ?4 the text again, ?5 its searchPhrase (used
// when phrase), ?6 the park.
func nameSuggestionSQL(table, index string, phrase bool) string {
	q := `SELECT source_id, name FROM ` + table + ` WHERE (park_id = ?6 AND source_id = ?1 OR park_id = ?6 AND name_key = ?2`
	if phrase {
		q += ` OR park_id = ?6 AND id IN (SELECT rowid FROM ` + index + ` WHERE ` + index + ` MATCH ?5 LIMIT ?3)`
	}
	q += `)`
	return q + ` ORDER BY source_id != ?1 AND name_key != ?2, instr(name, ?4) != 1, name, id LIMIT ?3`
}
