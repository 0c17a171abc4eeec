package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// A published activity has a page of its own, linked from its programme,
// enterprise and brand pages and from the sitemap; a draft or a
// submission has none.
func TestActivityPages(t *testing.T) {
	path := demoCopy(t)
	ts := newTestServerOn(t, path)
	_, body := ts.anon("/programs/incubation")
	href, ok := doc(t, body).Find(`[data-testid="program-stories"] .story-title a`).First().Attr("href")
	if !ok || !strings.HasPrefix(href, "/activities/") {
		t.Fatalf("the programme's stories link to %q", href)
	}
	res, body := ts.anon(href)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", href, res.StatusCode)
	}
	d := doc(t, body)
	if d.Find("main h1").Length() != 1 || !strings.Contains(d.Find(".facts").Text(), "孵化工程") {
		t.Errorf("%s reads %q", href, d.Find("main").Text())
	}
	// An activity with enterprises and an organiser that has a brand.
	var full string
	for _, page := range []string{"/brands/1", "/enterprises/ent-005"} {
		_, body := ts.anon(page)
		links := doc(t, body).Find(`.story-title a[href^="/activities/"]`)
		if links.Length() == 0 {
			t.Errorf("%s links to no activity page", page)
		}
		if full == "" {
			full = links.First().AttrOr("href", "")
		}
	}
	_, body = ts.anon(full)
	d = doc(t, body)
	if d.Find(`[data-testid="activity-enterprises"] a[href^="/enterprises/"]`).Length() == 0 {
		t.Errorf("%s names no enterprise: %q", full, d.Find(".facts").Text())
	}
	if _, ok := d.Find(`.facts a[href^="/brands/"]`).Attr("href"); !ok {
		t.Errorf("%s does not link its organiser's brand: %q", full, d.Find(".facts").Text())
	}
	_, sitemap := ts.anon("/sitemap.xml")
	if !strings.Contains(sitemap, href+"</loc>") || !strings.Contains(sitemap, full+"</loc>") {
		t.Errorf("the sitemap does not list %s and %s", href, full)
	}
	db := rawDB(t, ts.Store.Path())
	var draft, submitted string
	if err := db.QueryRow(`SELECT (SELECT id FROM activities WHERE title = '未发布活动甲乙丙'), (SELECT id FROM activities WHERE title = '待审活动丁戊己')`).Scan(&draft, &submitted); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"/activities/" + draft, "/activities/" + submitted, "/activities/0", "/activities/x", "/activities/99999999"} {
		if res, _ := ts.anon(page); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", page, res.StatusCode)
		}
	}
	if strings.Contains(sitemap, "/activities/"+draft+"<") || strings.Contains(sitemap, "/activities/"+submitted+"<") {
		t.Error("the sitemap lists an unpublished activity")
	}
}

func TestSearchPage(t *testing.T) {
	ts := newPublicServer(t)
	search := func(query string) *goquery.Document {
		t.Helper()
		res, body := ts.anon("/search?" + query)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /search?%s = %d", query, res.StatusCode)
		}
		return doc(t, body)
	}
	// 党课: two characters, found in the demonstration park's activities.
	d := search("q=" + url.QueryEscape("党课"))
	hits := d.Find(`[data-testid="search-activity"] .search-hit`)
	if hits.Length() != 4 || !strings.Contains(d.Find(`[data-testid="search-activity"] h2`).Text(), "4条") {
		t.Errorf("党课 finds %d activities: %q", hits.Length(), d.Find("main").Text())
	}
	hits.Each(func(_ int, h *goquery.Selection) {
		if h.Find("time[datetime]").Length() != 1 || h.Find("mark").Text() == "" || !strings.HasPrefix(h.Find("h3 a").AttrOr("href", ""), "/activities/") {
			t.Errorf("a result lacks its date, mark or link: %q", h.Text())
		}
	})
	if v := d.Find("#search-q").AttrOr("value", ""); v != "党课" {
		t.Errorf("the search box holds %q", v)
	}
	// Several kinds at once, each grouped, with a link to all of a kind.
	d = search("q=" + url.QueryEscape("党"))
	for _, id := range []string{"search-activity", "search-brand"} {
		if d.Find(`[data-testid="`+id+`"] .search-hit`).Length() != searchGroupSize {
			t.Errorf("党: %s shows %d results", id, d.Find(`[data-testid="`+id+`"] .search-hit`).Length())
		}
	}
	more, _ := d.Find(`[data-testid="search-activity"] a[href*="kind=activity"]`).Attr("href")
	d = search(strings.TrimPrefix(more, "/search?"))
	if n := d.Find(`.search-hit`).Length(); n != searchPageSize || d.Find(`[data-testid="pager"]`).Length() != 1 {
		t.Errorf("%s shows %d results and %d pagers", more, n, d.Find(`[data-testid="pager"]`).Length())
	}
	next, _ := d.Find(`[data-testid="pager"] a[rel="next"]`).Attr("href")
	if d2 := search(strings.TrimPrefix(next, "/search?")); d2.Find(".search-hit").First().Text() == d.Find(".search-hit").First().Text() {
		t.Errorf("page 2 (%s) begins as page 1", next)
	}
	// Report years and enterprises' public fields.
	if d := search("q=2023"); d.Find(`[data-testid="search-report"] a[href="/reports/2023"]`).Length() != 1 {
		t.Errorf("2023 does not find its report: %q", d.Find("main").Text())
	}
	if d := search("q=" + url.QueryEscape("立方新能源")); d.Find(`[data-testid="search-enterprise"] a[href="/enterprises/ent-001"]`).Length() != 1 {
		t.Errorf("立方新能源 does not find its enterprise: %q", d.Find("main").Text())
	}
	// Nothing unpublished, whatever is asked.
	for _, q := range []string{"未发布活动甲乙丙", "待审活动", "未发布履责", "待审履责癸子丑", "甲乙丙"} {
		if d := search("q=" + url.QueryEscape(q)); d.Find(".search-hit").Length() != 0 || d.Find(`[data-testid="search-none"]`).Length() != 1 {
			t.Errorf("%s finds %q", q, d.Find("main").Text())
		}
	}
	// Junk gets the page, not an error: operators, quotes, a huge query,
	// an unknown kind, a far page.
	for _, q := range []string{"q=" + url.QueryEscape(`"党课" OR NEAR(* ^`), "q=" + strings.Repeat("%E5%85%9A", 5000), "q=" + url.QueryEscape("党课") + "&kind=nope",
		"q=" + url.QueryEscape("党课") + "&kind=activity&page=99999", "q=%ff%fe", "q=", ""} {
		search(q)
	}
	// A page past a kind's last is not there; search pages are for people,
	// not search engines, whose index would repeat whatever a link asks.
	if res, _ := ts.anon("/search?q=" + url.QueryEscape("党课") + "&kind=activity&page=2"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a page past the last: %d, want 404", res.StatusCode)
	}
	if d := search("q=" + url.QueryEscape("党课")); d.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
		t.Error("a search page invites indexing")
	}
	if _, robots := ts.anon("/robots.txt"); !strings.Contains(robots, "Disallow: /search\n") {
		t.Errorf("robots.txt lets crawlers search:\n%s", robots)
	}
}
