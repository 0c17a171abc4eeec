package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// searchEntries are the rowids each search index holds, by index, and
// what the published records say they should hold: after every kind of
// write both must agree, and nothing unpublished may be in an index.
func searchEntries(t *testing.T, s *Store) (got, want map[string][]int64) {
	t.Helper()
	ctx := context.Background()
	ids := func(q string) []int64 {
		t.Helper()
		var out []int64
		err := eachRow(ctx, s.read, q, nil, func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			out = append(out, id)
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		slices.Sort(out)
		return out
	}
	entry := func(date string) string {
		return fmt.Sprintf("(max(coalesce(CAST(julianday(%s) - 2415020.5 AS INTEGER), 0), 0) << 37) | id", date)
	}
	records := map[string]string{
		"search_activity":       "SELECT " + entry("date") + " FROM activities WHERE status = 'published'",
		"search_brand":          "SELECT " + entry("launched") + " FROM brands WHERE status = 'published'",
		"search_responsibility": "SELECT " + entry("date") + " FROM responsibility WHERE status = 'published'",
	}
	got, want = map[string][]int64{}, map[string][]int64{}
	if s.d.postgres {
		// PostgreSQL's search tables hold each entry as a row.
		for index, date := range map[string]string{"search_activity": "date", "search_brand": "launched", "search_responsibility": "date"} {
			got[index] = ids("SELECT entry FROM " + index)
			want[index] = ids(strings.Replace(records[index], entry(date), "search_entry("+date+", id)", 1))
		}
		return got, want
	}
	for _, index := range slices.Sorted(maps.Values(searchIndex)) {
		for _, t := range []string{index, index + "_short"} {
			// A contentless index with deletes keeps each entry's size
			// by rowid.
			got[t] = ids("SELECT id FROM " + t + "_docsize")
			want[t] = ids(records[index])
		}
	}
	return got, want
}

func searchTitles(t *testing.T, s *Store, q string, kind int) []string {
	t.Helper()
	pages, err := s.PublicSearch(context.Background(), SearchTerms(q), []int{kind}, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range pages[0].Hits {
		out = append(out, h.Title)
	}
	return out
}

func TestSearchIndexesHoldPublishedRecordsOnly(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	check := func(step string) {
		t.Helper()
		got, want := searchEntries(t, s)
		for index := range want {
			if !slices.Equal(got[index], want[index]) {
				t.Errorf("after %s: %s holds %d entries, the published records make %d", step, index, len(got[index]), len(want[index]))
			}
		}
	}
	check("the import")

	draft, err := s.SaveActivity(ctx, tester, 0, Activity{Program: "brand", Kind: "lecture", Title: "草稿里的微党课比赛", Date: "2025-07-01", Status: "draft"})
	if err != nil {
		t.Fatal(err)
	}
	check("a draft activity")
	if got := searchTitles(t, s, "微党课", SearchActivity); len(got) != 0 {
		t.Errorf("a draft is found: %v", got)
	}
	pub, err := s.SaveActivity(ctx, tester, draft.RecordKey, Activity{Program: "brand", Kind: "lecture", Title: "草稿里的微党课比赛", Date: "2025-07-01", Version: draft.Version})
	if err != nil {
		t.Fatal(err)
	}
	check("publishing it")
	for _, q := range []string{"微党课", "党课", "微", "课比赛 微党"} {
		if got := searchTitles(t, s, q, SearchActivity); !slices.Contains(got, "草稿里的微党课比赛") {
			t.Errorf("%q does not find the published activity: %v", q, got)
		}
	}
	moved, err := s.SaveActivity(ctx, tester, pub.RecordKey, Activity{Program: "brand", Kind: "lecture", Title: "青年理论学习会", Date: "2026-01-02", Version: pub.Version})
	if err != nil {
		t.Fatal(err)
	}
	check("a new title and date")
	if got := searchTitles(t, s, "微党课", SearchActivity); len(got) != 0 {
		t.Errorf("the old title is still found: %v", got)
	}
	if got := searchTitles(t, s, "理论学习", SearchActivity); !slices.Equal(got, []string{"青年理论学习会"}) {
		t.Errorf("the new title finds %v", got)
	}
	if _, err := s.DeleteActivity(ctx, tester, moved.RecordKey, moved.Version); err != nil {
		t.Fatal(err)
	}
	check("deleting it")

	br, err := s.SaveBrand(ctx, tester, 0, Brand{Organization: "org-15", Name: "星火驿站", Launched: "2024-03-01", Status: "published", Story: "党员先锋岗"})
	if err != nil {
		t.Fatalf("%v: %v", err, problemCodes(t, err))
	}
	check("a published brand")
	if got := searchTitles(t, s, "星火驿站", SearchBrand); !slices.Equal(got, []string{"星火驿站"}) {
		t.Errorf("the brand is not found: %v", got)
	}
	if _, err := s.SaveBrand(ctx, tester, br.RecordKey, Brand{Organization: "org-15", Name: "星火驿站", Launched: "2024-03-01", Status: "submitted", Version: br.Version}); err != nil {
		t.Fatal(err)
	}
	check("a brand back to submitted")
	if got := searchTitles(t, s, "星火驿站", SearchBrand); len(got) != 0 {
		t.Errorf("a submitted brand is found: %v", got)
	}
	if _, err := s.SaveResponsibility(ctx, tester, 0, Responsibility{Enterprise: "ent-003", Kind: "employment_aid", Date: "2024-08-01", Beneficiaries: 3, Note: "未发布的助学记录", Status: "submitted"}); err != nil {
		t.Fatal(err)
	}
	check("a submitted responsibility record")
	if got := searchTitles(t, s, "助学记录", SearchResponsibility); len(got) != 0 {
		t.Errorf("a submitted record is found: %v", got)
	}

	e, _, err := s.EnterpriseByID(ctx, "ent-001")
	if err != nil {
		t.Fatal(err)
	}
	e.Name = "湖南立方锂电科技有限责任公司"
	if _, err := s.SaveEnterprise(ctx, tester, "ent-001", e); err != nil {
		t.Fatal(err)
	}
	check("renaming an enterprise")
	if got := searchTitles(t, s, "锂电", SearchEnterprise); !slices.Equal(got, []string{e.Name}) {
		t.Errorf("the renamed enterprise is found as %v", got)
	}
}

// An enterprise is found only when it has a public page, and a query's
// every word must be in a result.
func TestSearchFindsWhatThePublicSees(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	if _, err := s.SaveEnterprise(ctx, tester, "", Enterprise{ID: "ent-quiet", Name: "株洲静默新材料有限公司", Stage: "startup"}); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, s, "静默新材料", SearchEnterprise); len(got) != 0 {
		t.Errorf("an enterprise without a public page is found: %v", got)
	}
	if got := searchTitles(t, s, "党课", SearchActivity); len(got) != 4 {
		t.Errorf("党课 finds %d of the demonstration park's 4 activities: %v", len(got), got)
	}
	if got := searchTitles(t, s, "党课 不存在", SearchActivity); len(got) != 0 {
		t.Errorf("a query with a word no activity holds finds %v", got)
	}
	// 企 is in 102 of the demonstration park's published activities, 党 in
	// 75: the count stops at the cap and says there are more.
	pages, err := s.PublicSearch(ctx, SearchTerms("企"), []int{SearchActivity}, 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	if p := pages[0]; p.Count != SearchCountCap || !p.More {
		t.Errorf("企: count %d, more %v; want %d and more", p.Count, p.More, SearchCountCap)
	}
	pages, err = s.PublicSearch(ctx, SearchTerms("党"), SearchKinds, 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if len(p.Hits) > 5 || p.Count > SearchCountCap || p.More {
			t.Errorf("kind %d: %d hits, count %d", p.Kind, len(p.Hits), p.Count)
		}
		for i := 1; i < len(p.Hits); i++ {
			if p.Hits[i].Date > p.Hits[i-1].Date {
				t.Errorf("kind %d not newest first: %s after %s", p.Kind, p.Hits[i].Date, p.Hits[i-1].Date)
			}
		}
	}
	// Quotes, operators and punctuation are no more than separators; a
	// long word is cut and a long query's further words are left out.
	if got := SearchTerms(`一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三 "党课" OR * NEAR(a b) c`); len(got) != 5 ||
		len([]rune(got[0])) != 30 || got[1] != "党课" || got[2] != "OR" || got[3] != "NEAR" || got[4] != "a" {
		t.Errorf("terms %q", got)
	}
}
