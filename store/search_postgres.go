package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// On PostgreSQL a term is found where the text holds it, in any case, as
// ILIKE '%term%' finds it; the grams (migration 00034: each text's
// characters and pairs of characters, in a GIN index) find the candidates
// without reading whole tables. Terms hold letters and digits only, so
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
// likeRuns of the text and ?7 its runs (nameRuns): the id, the name key
// and the matches each found by an index of their own (a disjunction would
// read the whole table), the matches through the grams (migration 00034).
func postgresNameSuggestionSQL(table string, phrase bool) string {
	q := `SELECT source_id, name FROM ` + table + ` WHERE id IN (SELECT id FROM ` + table + ` WHERE park_id = ?6 AND source_id = ?1
		UNION ALL SELECT id FROM ` + table + ` WHERE park_id = ?6 AND name_key = ?2`
	if phrase {
		q += ` UNION ALL (SELECT id FROM ` + table + ` WHERE park_id = ?6 AND grams @> term_grams(CAST(?7 AS text[]))
			AND (name ILIKE ?5 OR source_id ILIKE ?5) LIMIT ?3)`
	}
	q += `)`
	return customPlan + q + ` ORDER BY source_id <> ?1 AND name_key <> ?2, NOT starts_with(name, ?4), name, id LIMIT ?3`
}

// nameRuns are the runs of letters and digits that likeRuns puts in order.
func nameRuns(text string) []string {
	return strings.FieldsFunc(strings.Trim(likeRuns(text), "%"), func(r rune) bool { return r == '%' })
}

// customPlan marks a statement that PostgreSQL plans again for each
// execution's arguments (pgConn runs it as an unnamed statement): the
// searches, whose best plan depends on how common their terms are, where a
// plan kept for the statement would be the same for every term.
const customPlan = "/* custom plan */ "

// searchWalk is how many of a park's newest entries of a kind a search
// reads in order before it turns to the grams' index: a common term finds
// its page and its count (SearchCountCap) among them; a rarer one, fewer
// than one in ten entries, is looked up.
var searchWalk = 1000

// postgresSearchSource is where a kind's entries are on PostgreSQL: the
// table, its key in the order results show (newest first) and the text.
type postgresSearchSource struct{ table, key, text string }

var postgresSearchSources = map[int]postgresSearchSource{
	SearchActivity:       {"search_activity", "entry", "text"},
	SearchBrand:          {"search_brand", "entry", "text"},
	SearchResponsibility: {"search_responsibility", "entry", "text"},
	SearchEnterprise:     {"enterprises", "id", "name"},
}

// postgresSearchInPark is the condition a kind's matches meet besides
// their park's: an enterprise's, a public page.
func postgresSearchInPark(kind int) string {
	if kind == SearchEnterprise {
		return searchPublicEnterprise
	}
	return ""
}

// searchConditions are a kind's matches' conditions: those given and the
// kind's own (postgresSearchInPark).
func searchConditions(kind int, given ...string) []string {
	if in := postgresSearchInPark(kind); in != "" {
		given = append(given, in)
	}
	return given
}

// postgresSearchWalkSQL lists the matches, newest first and at most ?3, of
// the park's (?5) ?6 newest entries of kind, by the patterns (?1) alone.
// Ordered by the park too, so that PostgreSQL reads the park's index (the
// key's own would read every newer park's entries first); the matches keep
// that order and the walk stops at ?3.
func postgresSearchWalkSQL(kind int) string {
	src := postgresSearchSources[kind]
	return `(SELECT m.entry FROM (SELECT ` + src.key + ` AS entry, ` + src.text + ` AS text FROM ` + src.table +
		` WHERE park_id = ?5 ORDER BY park_id DESC, ` + src.key + ` DESC LIMIT ?6) m` +
		whereOf(searchConditions(kind, `m.text ILIKE ALL (CAST(?1 AS text[]))`)) + ` ORDER BY m.entry DESC LIMIT ?3)`
}

// postgresWalkedSQL adds to the walk one row more: how many entries it
// read, as -1 minus the count (entries are positive).
func postgresWalkedSQL(kind int) string {
	return ` UNION ALL SELECT -1 - count(*) FROM (SELECT 1 FROM ` + postgresSearchSources[kind].table + ` WHERE park_id = ?5 LIMIT ?6) walked`
}

// postgresSearch is PublicSearch's page of one kind on PostgreSQL, ?1 the
// terms' patterns, ?2 the terms, ?5 the park. It reads the park's
// searchWalk newest entries first, with the terms' patterns alone; when
// they hold the count's cap (a common term), they answer. Otherwise the
// count, and the page if the walk did not reach it, come from the grams'
// index, checked with the patterns.
func (s *Store) postgresSearch(ctx context.Context, kind int, terms []string, offset, limit int) (SearchPage, error) {
	src := postgresSearchSources[kind]
	patterns := make([]string, len(terms))
	for i, t := range terms {
		patterns[i] = "%" + t + "%"
	}
	p := SearchPage{Kind: kind}
	args := []any{patterns, terms, SearchCountCap + 1, nil, ParkOf(ctx), searchWalk}
	var newest []int64
	walked := 0
	err := eachRow(ctx, s.read, postgresSearchWalkSQL(kind)+postgresWalkedSQL(kind), args, func(rows *sql.Rows) error {
		var e int64
		if err := rows.Scan(&e); err != nil {
			return err
		}
		if e < 0 {
			walked = int(-e - 1)
		} else {
			newest = append(newest, e)
		}
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("store: unable to search: %w", err)
	}
	matched := `SELECT m.entry FROM (SELECT ` + src.key + ` AS entry FROM ` + src.table + ` WHERE park_id = ?5
		AND grams @> term_grams(CAST(?2 AS text[])) AND ` + src.text + ` ILIKE ALL (CAST(?1 AS text[]))) m` + whereOf(searchConditions(kind))
	// A walk that read fewer entries than it may read all the park's: it
	// found every match (a small park, or a small kind: most brands).
	count := len(newest)
	if count <= SearchCountCap && walked >= searchWalk {
		if err := s.read.QueryRowContext(ctx, customPlan+`SELECT count(*) FROM (`+matched+` LIMIT ?3) x`, args...).Scan(&count); err != nil {
			return p, fmt.Errorf("store: unable to count search results: %w", err)
		}
	}
	// The walk holds every match when it found fewer than the cap and the
	// index counts no more.
	all := len(newest) <= SearchCountCap && count == len(newest)
	p.Count, p.More = min(count, SearchCountCap), count > SearchCountCap
	if p.Count <= offset {
		return p, nil
	}
	var entries []int64
	if offset+limit <= len(newest) || all {
		entries = newest[offset:min(offset+limit, len(newest))]
	} else {
		args[2], args[3] = limit, offset
		err := eachRow(ctx, s.read, customPlan+matched+` ORDER BY m.entry DESC LIMIT ?3 OFFSET ?4`, args, func(rows *sql.Rows) error {
			var e int64
			err := rows.Scan(&e)
			entries = append(entries, e)
			return err
		})
		if err != nil {
			return p, fmt.Errorf("store: unable to search: %w", err)
		}
	}
	ids := make([]int64, len(entries))
	for i, e := range entries {
		ids[i] = e & (1<<37 - 1) // entryID
	}
	p.Hits, err = s.searchRecordsInOrder(ctx, kind, ids)
	return p, err
}
