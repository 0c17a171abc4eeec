package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// The public search (/search) reads two full-text indexes that the
// triggers of migration 00026 keep for published material only: a trigram
// index for terms of three characters or more and an index of two-character
// tokens for shorter ones, a pair for each kind. An entry's rowid holds its
// date and its record's id, so a kind's newest matches are read by walking
// its index backwards and stopping at a page, whatever the park's size.

// Kinds of search results.
const (
	SearchActivity = iota + 1
	SearchBrand
	SearchResponsibility
	SearchEnterprise
)

// SearchKinds are the kinds in the order results show them.
var SearchKinds = []int{SearchActivity, SearchBrand, SearchEnterprise, SearchResponsibility}

// searchIndex is each kind's pair of indexes: the trigram one, and the
// short one is its name with _short. Enterprises have the pickers' index
// of names instead (enterpriseMatch).
var searchIndex = map[int]string{
	SearchActivity: "search_activity", SearchBrand: "search_brand", SearchResponsibility: "search_responsibility",
}

const (
	// maxSearchTerms and maxSearchTermRunes bound what one query asks of
	// the indexes; the rest of a longer query is left out.
	maxSearchTerms     = 5
	maxSearchTermRunes = 30
	// SearchCountCap is where a kind's count stops, and its pages:
	// "100条以上" tells a visitor as much as an exact figure, and
	// counting stops reading.
	SearchCountCap = 100
)

// SearchTerms splits a visitor's query into the terms that are searched:
// runs of letters and digits (spaces and punctuation separate them), each
// once, at most maxSearchTerms of at most maxSearchTermRunes characters.
func SearchTerms(q string) []string {
	var terms []string
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		if r := []rune(f); len(r) > maxSearchTermRunes {
			f = string(r[:maxSearchTermRunes])
		}
		if slices.Contains(terms, f) {
			continue
		}
		terms = append(terms, f)
		if len(terms) == maxSearchTerms {
			break
		}
	}
	return terms
}

// searchMatch is the statement that lists the rowids of a kind's entries
// holding every term, and its arguments (?1 or ?2). Terms of three
// characters or more go to the trigram index. A query with a shorter term
// goes whole to the short index, where a term of one character is a prefix
// of the two-character tokens, one of two is a token, and a longer one is
// the phrase of its two-character windows (创新创业 is 创新 新创 创业, which
// follow each other only where the text holds 创新创业): one MATCH, whose
// AND FTS5 evaluates by stepping the terms' postings together, so that a
// term in nearly every record (党) costs no more than the rarest one.
func (d dialect) searchMatch(kind int, terms []string) (string, []any) {
	var long, short []string
	for _, t := range terms {
		if len([]rune(t)) < 3 {
			short = append(short, t)
		} else {
			long = append(long, t)
		}
	}
	if kind == SearchEnterprise {
		return enterpriseMatch(terms)
	}
	index := searchIndex[kind]
	if len(short) == 0 {
		quoted := make([]string, len(long))
		for i, t := range long {
			quoted[i] = `"` + t + `"` // terms hold letters and digits only
		}
		return `SELECT rowid AS entry FROM ` + index + ` WHERE ` + index + ` MATCH ?1`, []any{strings.Join(quoted, " AND "), nil}
	}
	var phrases []string
	for _, t := range terms {
		switch r := []rune(t); len(r) {
		case 1:
			phrases = append(phrases, `"`+t+`"*`)
		case 2:
			phrases = append(phrases, `"`+t+`"`)
		default:
			windows := make([]string, len(r)-1)
			for i := range windows {
				windows[i] = string(r[i : i+2])
			}
			phrases = append(phrases, `"`+strings.Join(windows, " ")+`"`)
		}
	}
	return `SELECT rowid AS entry FROM ` + index + `_short WHERE ` + index + `_short MATCH ?2`, []any{nil, strings.Join(phrases, " AND ")}
}

// enterpriseMatch finds enterprises by name in the pickers' index
// (migration 00018), where every character is a token: each term is the
// phrase of its characters, whatever its length. Its rowid is the
// enterprise's, so the newest recorded come first.
func enterpriseMatch(terms []string) (string, []any) {
	phrases := make([]string, len(terms))
	for i, t := range terms {
		phrases[i] = "name : " + searchPhrase(t)
	}
	return `SELECT rowid AS entry FROM enterprise_search WHERE enterprise_search MATCH ?2`, []any{nil, strings.Join(phrases, " AND ")}
}

// entryID is the record id in an entry's rowid (migration 00026).
const entryID = `(m.entry & 137438953471)` // 2^37 - 1

// SearchHit is one published record a search found.
type SearchHit struct {
	Kind  int
	ID    int64  // the record's row id: /activities/{id}, /brands/{id}
	Ref   string // the enterprise's interchange id (enterprises, responsibility)
	Title string
	Date  string
	Text  string // what the excerpt is cut from: a summary, a slogan and story, a note, a sector
	Label string // the kind of activity or record, the organisation, the enterprise
	Extra string // an activity's programme, a responsibility record's kind
}

// SearchPage is one kind's results: how many there are (at most
// SearchCountCap, More when there are more than that) and the page asked
// for, newest first.
type SearchPage struct {
	Kind  int
	Count int
	More  bool
	Hits  []SearchHit
}

// PublicSearch finds the published records holding every term, for each
// of kinds: the count and the page at offset. Queries per kind: a count
// that reads the index only, a page read backwards from the newest, and
// the page's records by id. Enterprises are those with a public page.
func (s *Store) PublicSearch(ctx context.Context, terms []string, kinds []int, offset, limit int) ([]SearchPage, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	out := make([]SearchPage, 0, len(kinds))
	for _, kind := range kinds {
		if searchIndex[kind] == "" && kind != SearchEnterprise {
			continue
		}
		if s.d.postgres {
			p, err := s.postgresSearch(ctx, kind, terms, offset, limit)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
			continue
		}
		match, args := s.d.searchMatch(kind, terms)
		p := SearchPage{Kind: kind}
		var err error
		if p.Count, err = s.searchCount(ctx, match, args, kind); err != nil {
			return nil, err
		}
		if p.Count > SearchCountCap {
			p.Count, p.More = SearchCountCap, true
		}
		if p.Count > offset {
			if p.Hits, err = s.searchHits(ctx, match, args, kind, offset, limit); err != nil {
				return nil, err
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// searchEnterprise narrows matched enterprise rowids (e holding the
// enterprise) to those of the park (?5) with a public page.
const searchEnterprise = ` WHERE ` + searchPublicEnterprise

// searchPublicEnterprise is searchEnterprise's condition.
const searchPublicEnterprise = `EXISTS (SELECT 1 FROM enterprises e WHERE e.id = ` + entryID + ` AND e.park_id = ?5 AND ` + publicEnterprise + `)`

// searchInPark narrows a kind's matched rowids to the park's (?5) records:
// the indexes hold every park's.
var searchInPark = map[int]string{
	SearchActivity:       ` WHERE EXISTS (SELECT 1 FROM activities x WHERE x.id = ` + entryID + ` AND x.park_id = ?5)`,
	SearchBrand:          ` WHERE EXISTS (SELECT 1 FROM brands x WHERE x.id = ` + entryID + ` AND x.park_id = ?5)`,
	SearchResponsibility: ` WHERE EXISTS (SELECT 1 FROM responsibility x WHERE x.id = ` + entryID + ` AND x.park_id = ?5)`,
	SearchEnterprise:     searchEnterprise,
}

func (s *Store) searchCount(ctx context.Context, match string, args []any, kind int) (int, error) {
	q := `SELECT count(*) FROM (SELECT m.entry FROM (` + match + `) m` + searchInPark[kind] + ` LIMIT ?3) x`
	var n int
	if err := s.read.QueryRowContext(ctx, q, append(args, SearchCountCap+1, nil, ParkOf(ctx))...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count search results: %w", err)
	}
	return n, nil
}

// searchHits reads a page of a kind's matches, newest first, then their
// records.
func (s *Store) searchHits(ctx context.Context, match string, args []any, kind, offset, limit int) ([]SearchHit, error) {
	q := `SELECT ` + entryID + ` FROM (` + match + `) m` + searchInPark[kind] + ` ORDER BY m.entry DESC LIMIT ?3 OFFSET ?4`
	var ids []int64
	err := eachRow(ctx, s.read, q, append(args, limit, offset, ParkOf(ctx)), func(rows *sql.Rows) error {
		var id int64
		ids = append(ids, id)
		return rows.Scan(&ids[len(ids)-1])
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to search: %w", err)
	}
	return s.searchRecordsInOrder(ctx, kind, ids)
}

// searchRecordsInOrder reads the records of a page's ids, in their order.
func (s *Store) searchRecordsInOrder(ctx context.Context, kind int, ids []int64) ([]SearchHit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	hits, err := s.searchRecords(ctx, kind, ids)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read search results: %w", err)
	}
	// In the index's order (newest first); a record that stopped being
	// public since is left out.
	byID := make(map[int64]SearchHit, len(hits))
	for _, h := range hits {
		byID[h.ID] = h
	}
	out := make([]SearchHit, 0, len(ids))
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// searchRecordSQL reads the records of a kind's page by id, published only
// (the unary + keeps SQLite from walking every published record through
// the status indexes instead of looking the page's ids up).
var searchRecordSQL = map[int]string{
	SearchActivity: `SELECT a.id, '', a.title, a.date, coalesce(a.summary, ''), coalesce(o.name, ''), a.program
		FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id
		WHERE a.id IN (%s) AND +a.park_id = ? AND +a.status = 'published'`,
	SearchBrand: `SELECT b.id, '', b.name, b.launched, trim(coalesce(b.slogan, '') || ' ' || coalesce(b.story, '')), o.name, ''
		FROM brands b JOIN organizations o ON o.id = b.organization_id
		WHERE b.id IN (%s) AND +b.park_id = ? AND +b.status = 'published'`,
	SearchResponsibility: `SELECT r.id, e.source_id, e.name, r.date, coalesce(r.note, ''), '', r.kind
		FROM responsibility r JOIN enterprises e ON e.id = r.enterprise_id
		WHERE r.id IN (%s) AND +r.park_id = ? AND +r.status = 'published'`,
	SearchEnterprise: `SELECT e.id, e.source_id, e.name, coalesce(e.founded, ''), coalesce(e.sector, ''), '', e.stage
		FROM enterprises e WHERE e.id IN (%s) AND +e.park_id = ?`,
}

func (s *Store) searchRecords(ctx context.Context, kind int, ids []int64) ([]SearchHit, error) {
	in, args := placeholders(ids)
	var out []SearchHit
	err := eachRow(ctx, s.read, fmt.Sprintf(searchRecordSQL[kind], in), append(args, ParkOf(ctx)), func(rows *sql.Rows) error {
		h := SearchHit{Kind: kind}
		err := rows.Scan(&h.ID, &h.Ref, &h.Title, &h.Date, &h.Text, &h.Label, &h.Extra)
		out = append(out, h)
		return err
	})
	return out, err
}

// optimizeSearch merges each search index into one segment. An import
// writes a park's entries row by row, into dozens of segments that every
// search would then read one by one: merged, a search of a park of 100,000
// activities costs a third (a second and a half, once per import).
// Afterwards the indexes' own automerge keeps the segments few.
func optimizeSearch(ctx context.Context, tx *sql.Tx) error {
	for _, index := range searchIndex {
		for _, t := range []string{index, index + "_short"} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+t+` (`+t+`) VALUES ('optimize')`); err != nil {
				return fmt.Errorf("store: unable to merge the search index %s: %w", t, err)
			}
		}
	}
	return nil
}
