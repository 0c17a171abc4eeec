package store

import (
	"context"
	"slices"
	"testing"
)

// On PostgreSQL a search reads the park's newest entries first and looks
// the rest up through the grams' index (postgresSearch): whichever it
// reads, the counts and pages are the same. With the walk over every entry
// the patterns alone decide, the truth the index's answers are held to.
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
	search := func(walk int, q string, kind, offset int) result {
		searchWalk = walk
		pages, err := s.PublicSearch(ctx, SearchTerms(q), []int{kind}, offset, 5)
		if err != nil {
			t.Fatal(err)
		}
		r := result{count: pages[0].Count, more: pages[0].More}
		for _, h := range pages[0].Hits {
			r.ids = append(r.ids, h.ID)
		}
		return r
	}
	found := 0
	for _, q := range []string{"党", "企", "党课", "党课 不存在", "创新创业", "企业 党", "株洲", "A", "服务 中心", "静默新材料"} {
		for _, kind := range SearchKinds {
			for _, offset := range []int{0, 5, 40} {
				want := search(1<<30, q, kind, offset)
				found += len(want.ids)
				for _, walk := range []int{0, 1, 7} {
					if got := search(walk, q, kind, offset); got.count != want.count || got.more != want.more || !slices.Equal(got.ids, want.ids) {
						t.Errorf("%q kind %d from %d, walking %d: %+v; walking every entry: %+v", q, kind, offset, walk, got, want)
					}
				}
			}
		}
	}
	if found < 100 {
		t.Errorf("the queries found %d hits in all: too few to compare", found)
	}
}
