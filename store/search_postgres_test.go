package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"
)

// On PostgreSQL a search reads the park's newest entries first and looks
// the rest up through the grams' index (postgresSearch): whichever it
// reads, the counts and pages are those of the patterns alone, over every
// entry of the park.
func TestSearchReadsTheSameWalkedOrLookedUp(t *testing.T) {
	s := openDemo(t)
	if !s.OnServer() {
		t.Skip("the walk and the grams' index are PostgreSQL's search; SQLite's is FTS5 (TestSearchFindsWhatThePublicSees runs on both)")
	}
	ctx := context.Background()
	defer func(w int) { searchWalk = w }(searchWalk)
	type result struct {
		count int
		more  bool
		ids   []int64
	}
	// truth is every match by the patterns alone, newest first.
	truth := func(terms []string, kind int) []int64 {
		patterns := make([]string, len(terms))
		for i, term := range terms {
			patterns[i] = "%" + term + "%"
		}
		var out []int64
		err := eachRow(ctx, s.read, postgresSearchWalkSQL(kind), []any{patterns, nil, 1 << 30, nil, ParkOf(ctx), 1 << 30}, func(rows *sql.Rows) error {
			var e int64
			err := rows.Scan(&e)
			out = append(out, e&(1<<37-1))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	const limit = 10
	compared := 0
	for _, q := range []string{"党", "企", "党课", "党课 不存在", "创新创业", "企业 党", "株洲", "A", "服务 中心", "静默新材料", "①"} {
		terms := SearchTerms(q)
		for _, kind := range SearchKinds {
			all := truth(terms, kind)
			for _, offset := range []int{0, 10, 40, 95} {
				want := result{count: min(len(all), SearchCountCap), more: len(all) > SearchCountCap}
				if want.count > offset {
					hits, err := s.searchRecordsInOrder(ctx, kind, all[offset:min(offset+limit, len(all))])
					if err != nil {
						t.Fatal(err)
					}
					for _, h := range hits {
						want.ids = append(want.ids, h.ID)
					}
				}
				compared += len(want.ids)
				for _, walk := range []int{0, 1, 7, 1000} {
					searchWalk = walk
					pages, err := s.PublicSearch(ctx, terms, []int{kind}, offset, limit)
					if err != nil {
						t.Fatal(err)
					}
					got := result{count: pages[0].Count, more: pages[0].More}
					for _, h := range pages[0].Hits {
						got.ids = append(got.ids, h.ID)
					}
					if got.count != want.count || got.more != want.more || !slices.Equal(got.ids, want.ids) {
						t.Errorf("%q kind %d from %d, walking %d: %+v; by the patterns alone: %+v", q, kind, offset, walk, got, want)
					}
				}
			}
		}
	}
	if compared < 150 {
		t.Errorf("the queries found %d hits in all: too few to compare", compared)
	}
}

// A text's grams hold every gram of each term ILIKE finds in it, whatever
// the characters: case, full-width forms, circled and superscript digits,
// punctuation and spaces around them.
func TestTextGramsHoldWhatILIKEFinds(t *testing.T) {
	s := openDemo(t)
	if !s.OnServer() {
		t.Skip("text_grams and term_grams are PostgreSQL's functions (migration 00034)")
	}
	for _, c := range []struct{ text, term string }{
		{"措施①：落实到人", "措施①"}, {"措施①：落实到人", "①"}, {"面积100m²，投资½", "m²"}, {"面积100m²，投资½", "½"},
		{"ALPHA科技", "alpha科"}, {"Ｐａｒｋ园区", "ｐａｒｋ"}, {"ΣΙΓΜΑ", "σιγμα"}, {"党建，引领 发展", "党建"}, {"党建，引领 发展", "引领"},
		{"一", "一"}, {"⑴项目", "⑴项"},
	} {
		var ilike, grams bool
		err := s.read.QueryRowContext(context.Background(), `SELECT ?1 ILIKE '%' || ?2 || '%', text_grams(?1) @> term_grams(ARRAY[?2])`, c.text, c.term).Scan(&ilike, &grams)
		if err != nil {
			t.Fatal(err)
		}
		if !ilike {
			t.Errorf("%q ILIKE %q is false: the case is wrong", c.text, c.term)
		} else if !grams {
			t.Errorf("%q: its grams lack %q's, which ILIKE finds", c.text, c.term)
		}
	}
}
