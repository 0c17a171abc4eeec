package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// On PostgreSQL the searches run on pg_trgm's trigram indexes (see
// migrations_postgres): a term is found where the text holds it, in any
// case, as ILIKE '%term%' finds it. Terms hold letters and digits only, so
// they need no escaping in a pattern.

// likeRuns is text as an ILIKE pattern: its runs of letters and digits in
// order, cut where Latin meets Chinese too, anything between and around
// them, so that 中共 株洲 finds 中共株洲 and Alpha科技 finds Alpha 科技, as
// the SQLite index's phrase does ("" when text has none).
func likeRuns(text string) string {
	var b strings.Builder
	wasASCII, in := false, false
	for _, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			in = false
			continue
		}
		ascii := r < utf8.RuneSelf
		if !in || ascii != wasASCII {
			b.WriteByte('%')
		}
		b.WriteRune(r)
		in, wasASCII = true, ascii
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + "%"
}

// postgresNameSuggestionSQL is nameSuggestionSQL on PostgreSQL, ?5 being
// likeRuns of the text.
func postgresNameSuggestionSQL(table string, phrase bool) string {
	q := `SELECT source_id, name FROM ` + table + ` WHERE (park_id = ?6 AND source_id = ?1 OR park_id = ?6 AND name_key = ?2`
	if phrase {
		q += ` OR id IN (SELECT id FROM ` + table + ` WHERE park_id = ?6 AND (name ILIKE ?5 OR source_id ILIKE ?5) LIMIT ?3)`
	}
	q += `)`
	return q + ` ORDER BY source_id <> ?1 AND name_key <> ?2, NOT starts_with(name, ?4), name, id LIMIT ?3`
}

// postgresSearchMatch is searchMatch on PostgreSQL: the entries whose text
// holds every term, the patterns in ?1 (an array).
func postgresSearchMatch(kind int, terms []string) (string, []any) {
	patterns := make([]string, len(terms))
	for i, t := range terms {
		patterns[i] = "%" + t + "%"
	}
	if kind == SearchEnterprise {
		return `SELECT id AS entry FROM enterprises WHERE name ILIKE ALL (CAST(?1 AS text[]))`, []any{patterns, nil}
	}
	return `SELECT entry FROM ` + searchIndex[kind] + ` WHERE text ILIKE ALL (CAST(?1 AS text[]))`, []any{patterns, nil}
}
