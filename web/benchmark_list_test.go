package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
)

// The honour roll is a page of awards at a time, newest year and highest
// level first, under figures over all of them: how many awards, and how
// many organisations are city benchmarks or above and “双强六好”.
func TestHonourRollIsPaged(t *testing.T) {
	ts := newPublicServer(t)
	ctx := context.Background()
	var counted struct{ awards, cityOrAbove, shuangqiang int }
	count := func() { // over every award, as the export holds them
		var export bytes.Buffer
		if err := ts.Store.Export(ctx, &export); err != nil {
			t.Fatal(err)
		}
		var doc struct{ Awards []store.Award }
		if err := json.Unmarshal(export.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		cityOrAbove, shuangqiang := map[string]bool{}, map[string]bool{}
		for _, a := range doc.Awards {
			if a.Kind == "benchmark_org" && a.Level != "district" {
				cityOrAbove[a.Organization] = true
			}
			if a.Kind == "shuangqiang_liuhao" {
				shuangqiang[a.Organization] = true
			}
		}
		counted.awards, counted.cityOrAbove, counted.shuangqiang = len(doc.Awards), len(cityOrAbove), len(shuangqiang)
	}
	count()
	for i := counted.awards; i < honourRollPageSize+5; i++ {
		a := store.Award{Organization: fmt.Sprintf("org-%02d", 1+i%50), Kind: "shuangqiang_liuhao", Level: "district", Year: 2015 + i%8}
		if i%3 == 0 {
			a.Kind, a.Level = "benchmark_org", "city"
		}
		if _, err := ts.Store.SaveAward(ctx, testActor, 0, a); err != nil {
			t.Fatal(err)
		}
	}
	count()
	_, body := ts.anon("/benchmarks")
	d := doc(t, body)
	if n := d.Find("li.honour").Length(); n != honourRollPageSize {
		t.Errorf("the first page lists %d awards, want %d", n, honourRollPageSize)
	}
	for key, want := range map[string]int{"awards": counted.awards, "benchmarks_city_or_above": counted.cityOrAbove, "shuangqiang_liuhao": counted.shuangqiang} {
		got := d.Find(`[data-testid="benchmark-stats"] [data-key="` + key + `"] .stat-value`).Text()
		if !strings.HasPrefix(got, fmt.Sprint(want)) {
			t.Errorf("%s = %q, want %d (counted over every award)", key, got, want)
		}
	}
	var years []string
	d.Find(`[data-testid="honour-year"] h2`).Each(func(_ int, h *goquery.Selection) { years = append(years, h.Text()) })
	if len(years) < 2 || !slices.IsSortedFunc(years, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("the first page's years %v, want the newest first", years)
	}
	next, ok := d.Find(`[data-testid="pager"] a[rel="next"]`).Attr("href")
	if !ok || next != "/benchmarks?page=2" {
		t.Fatalf("next page %q", next)
	}
	_, body = ts.anon(next)
	if n := doc(t, body).Find("li.honour").Length(); n != counted.awards-honourRollPageSize {
		t.Errorf("the second page lists %d awards, want %d", n, counted.awards-honourRollPageSize)
	}
	if res, _ := ts.anon("/benchmarks?page=3"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a page past the last: %d, want 404", res.StatusCode)
	}
}
