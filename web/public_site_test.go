package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
	"parkportal/views"
)

// TestEachParkHasItsOwnPublicSite: with two parks, / is the district's
// page, each park's site lives under /parks/{park}/ with every link to
// its pages kept there, its pages hold its records only, and the
// one-park addresses move to the first park's site.
func TestEachParkHasItsOwnPublicSite(t *testing.T) {
	p := newTwoParks(t, func(c *Config) { c.Site.BaseURL = "https://dj.example.cn" })
	ts := p.ts
	anon := ts.client()

	// The district's page: both parks side by side, each linking to its site.
	res, body := ts.get(anon, "/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/: %d", res.StatusCode)
	}
	d := doc(t, body)
	if n := d.Find(`[data-testid="park-card"]`).Length(); n != 2 {
		t.Errorf("the district's page shows %d parks, want 2", n)
	}
	for _, href := range []string{"/parks/park/", "/parks/xiangtan/"} {
		if d.Find(`[data-testid="park-card"] h3 a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("the district's page does not link %s", href)
		}
	}
	if got := d.Find(`link[rel="canonical"]`).AttrOr("href", ""); got != "https://dj.example.cn/" {
		t.Errorf("the district page's canonical link is %q", got)
	}

	// Its table adds the parks up: each park's column is the park's
	// report, the district's is their sum.
	cal, err := ts.Store.ReportCalendar(store.WithPark(context.Background(), store.District))
	if err != nil {
		t.Fatal(err)
	}
	year := cal.ReportingYear()
	var want [3]float64
	for i, side := range p.parks {
		r, err := ts.Store.Report(side.ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = float64(r.Brand.BrandsPublished)
		want[2] += want[i]
	}
	row := d.Find(`[data-testid="district-table"] tbody tr`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find("th").Text() == figureDefinition("brand.brands_published").Label
	})
	var got [3]float64
	row.Find("td").Each(func(i int, s *goquery.Selection) {
		if i < 3 {
			got[i], _ = strconv.ParseFloat(strings.TrimRight(strings.ReplaceAll(s.Text(), ",", ""), "个"), 64)
		}
	})
	if got != want || want[2] == 0 {
		t.Errorf("brands published, park A, park B, district: %v, want %v", got, want)
	}

	// The one-park addresses lead to the first park's site (found, not
	// moved for good: the first park's id may change, a district go back
	// to one park).
	for from, to := range map[string]struct {
		code     int
		location string
	}{
		"/brands":                      {302, "/parks/park/brands"},
		"/reports/2023.json?x=1":       {302, "/parks/park/reports/2023.json?x=1"},
		"/enterprises/a%2Fb":           {302, "/parks/park/enterprises/a%2Fb"},
		"/parks/xiangtan":              {301, "/parks/xiangtan/"},
		"/parks/xiangtan?page=2":       {301, "/parks/xiangtan/?page=2"},
		"/search?q=%E5%85%9A%E5%BB%BA": {302, "/parks/park/search?q=%E5%85%9A%E5%BB%BA"},
	} {
		res, _ := ts.get(anon, from)
		if res.StatusCode != to.code || res.Header.Get("Location") != to.location {
			t.Errorf("%s: %d to %q, want %d to %q", from, res.StatusCode, res.Header.Get("Location"), to.code, to.location)
		}
	}
	for _, path := range []string{"/parks/nope/", "/parks/xiangtan/workbench", "/parks/xiangtan/login", "/parks/xiangtan/static/css/site.css", "/parks/xiangtan/parks/park/"} {
		if res, _ := ts.get(anon, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}

	// A page the park's site does not have is said in its own words.
	b, err := ts.Store.ParkBySlug(context.Background(), "xiangtan")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/parks/xiangtan/workbench", "/parks/xiangtan/enterprises/nope"} {
		res, body := ts.get(anon, path)
		d := doc(t, body)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(d.Find(".brand").Text(), b.Name) || d.Find(`.site-nav a[href="/parks/xiangtan/brands"]`).Length() != 1 {
			t.Errorf("%s: %d, headed %q", path, res.StatusCode, d.Find(".brand").Text())
		}
	}

	// A list of several pages links its pages on the park's site.
	_, body = ts.get(anon, "/parks/xiangtan/search?q=%E5%85%9A&kind=activity")
	pager := doc(t, body).Find(`[data-testid="pager"] a`)
	if pager.Length() == 0 {
		t.Errorf("park B's search for 党 has one page: no pager to check")
	}
	pager.Each(func(_ int, a *goquery.Selection) {
		if href := a.AttrOr("href", ""); !strings.HasPrefix(href, "/parks/xiangtan/search?") {
			t.Errorf("park B's search pager links %s", href)
		}
	})

	// Park A's site first, so that park B's pages are rendered while A's
	// are cached: no page may be shared between them.
	crawlSite(t, ts, "/parks/park", p.parks[1].needles, 40)
	pages := crawlSite(t, ts, "/parks/xiangtan", p.parks[0].needles, 400)
	if pages < 100 {
		t.Errorf("park B's site has %d pages, want its whole site", pages)
	}
	_, body = ts.get(anon, "/parks/xiangtan/")
	d = doc(t, body)
	if !strings.Contains(d.Find(".brand-slogan").Text(), b.Name) || !strings.Contains(b.Name, "湘潭") {
		t.Errorf("park B's header is %q", d.Find(".brand").Text())
	}
	if got := d.Find(`link[rel="canonical"]`).AttrOr("href", ""); got != "https://dj.example.cn/parks/xiangtan/" {
		t.Errorf("park B's home page's canonical link is %q", got)
	}

	// Its open data is its own report.
	r, err := ts.Store.Report(p.parks[1].ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	res, body = ts.get(anon, "/parks/xiangtan/reports/2023.json")
	var data struct {
		Brand struct {
			BrandsPublished int `json:"brands_published"`
		} `json:"brand"`
		Uplift struct {
			MembersDeveloped int `json:"members_developed"`
		} `json:"uplift"`
	}
	if err := json.Unmarshal([]byte(body), &data); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("park B's 2023.json: %d %v", res.StatusCode, err)
	}
	if data.Brand.BrandsPublished != r.Brand.BrandsPublished || data.Uplift.MembersDeveloped != r.Uplift.MembersDeveloped {
		t.Errorf("park B's 2023.json: %+v, want its report's %d brands and %d members", data, r.Brand.BrandsPublished, r.Uplift.MembersDeveloped)
	}

	// Sitemaps: the district's lists the parks' sites; each park's, its
	// own pages under its address; robots.txt names them all.
	for path, prefix := range map[string]string{"/sitemap.xml": "https://dj.example.cn/", "/parks/xiangtan/sitemap.xml": "https://dj.example.cn/parks/xiangtan/"} {
		_, body := ts.get(anon, path)
		var set sitemapURLSet
		if err := xml.Unmarshal([]byte(body), &set); err != nil || len(set.URLs) < 3 {
			t.Fatalf("%s: %d addresses, %v", path, len(set.URLs), err)
		}
		for _, u := range set.URLs {
			if !strings.HasPrefix(u.Loc, prefix) {
				t.Errorf("%s lists %s", path, u.Loc)
			}
		}
	}
	_, body = ts.get(anon, "/robots.txt")
	for _, line := range []string{"Sitemap: https://dj.example.cn/sitemap.xml", "Sitemap: https://dj.example.cn/parks/xiangtan/sitemap.xml", "Disallow: /parks/*/search"} {
		if !strings.Contains(body, line+"\n") {
			t.Errorf("robots.txt lacks %q:\n%s", line, body)
		}
	}

	// Park B's staff work under their park's name, and the public links
	// of their pages lead to its site.
	_, body = ts.get(p.parks[1].staff, "/workbench")
	d = doc(t, body)
	if !strings.Contains(d.Find(".brand").Text(), b.Name) || d.Find(`.site-nav a[href="/parks/xiangtan/brands"]`).Length() != 1 {
		t.Errorf("park B's workbench header: %q, nav %v", d.Find(".brand").Text(), d.Find(".site-nav a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") }))
	}
	// A change of the park shows on its staff's next page.
	if _, err := ts.Store.SetPark(context.Background(), testActor, "xiangtan", store.ParkChange{Footer: ptrTo("主办：湘潭园区党工委")}); err != nil {
		t.Fatal(err)
	}
	if _, body = ts.get(p.parks[1].staff, "/workbench"); !strings.Contains(body, "主办：湘潭园区党工委") {
		t.Errorf("park B's staff page lacks the park's new footer")
	}
}

func ptrTo(s string) *string { return &s }

// TestAParkOnItsOwnHostServesItsSiteAtTheRoot: a park with a host of its
// own answers there at /, its links without a prefix, its canonical
// links on its host, also when read under the district's address.
func TestAParkOnItsOwnHostServesItsSiteAtTheRoot(t *testing.T) {
	p := newTwoParks(t, func(c *Config) { c.Site.BaseURL = "https://dj.example.cn" })
	ts := p.ts
	c, err := ts.Store.AddPark(context.Background(), testActor, store.ParkInfo{Slug: "liling", Name: "醴陵陶瓷产业园", Brand: "红色窑火", Host: "liling.example.cn", Footer: "主办：醴陵市委组织部"})
	if err != nil {
		t.Fatal(err)
	}
	get := func(host, path string) (*http.Response, *goquery.Document) {
		req, _ := http.NewRequest(http.MethodGet, ts.HTTP.URL+path, nil)
		req.Host = host
		res, err := ts.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		d, err := goquery.NewDocumentFromReader(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res, d
	}
	for _, path := range []string{"/", "/brands", "/reports"} {
		res, d := get("liling.example.cn", path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s on its host: %d", path, res.StatusCode)
		}
		if got := d.Find(".brand-name").Text(); got != c.Brand {
			t.Errorf("%s on its host is headed %q", path, got)
		}
		if !strings.Contains(d.Find(".site-footer").Text(), "主办：醴陵市委组织部") {
			t.Errorf("%s on its host lacks its footer line", path)
		}
		d.Find("a[href], form[action]").Each(func(_ int, s *goquery.Selection) {
			href := s.AttrOr("href", s.AttrOr("action", ""))
			if strings.HasPrefix(href, "/parks/") {
				t.Errorf("%s on its host links %s", path, href)
			}
		})
		if got := d.Find(`link[rel="canonical"]`).AttrOr("href", ""); got != "https://liling.example.cn"+path {
			t.Errorf("%s on its host: canonical %q", path, got)
		}
		// Under the district's address: the same page, the canonical
		// link on the park's host.
		res, d = get("dj.example.cn", "/parks/liling"+path)
		if got := d.Find(`link[rel="canonical"]`).AttrOr("href", ""); res.StatusCode != http.StatusOK || got != "https://liling.example.cn"+path {
			t.Errorf("/parks/liling%s: %d, canonical %q", path, res.StatusCode, got)
		}
	}
	// Its staff, signed in on its host, work there: their pages' public
	// links lead to its site at /.
	if _, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "lclerk", Role: store.RoleStaff, Park: c.ID, Password: "lclerk-password"}); err != nil {
		t.Fatal(err)
	}
	staff, res := ts.login("lclerk", "lclerk-password")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.HTTP.URL+"/workbench", nil)
	req.Host = "liling.example.cn"
	for _, ck := range staff.Jar.Cookies(req.URL) { // the client sends none to another Host
		req.AddCookie(ck)
	}
	res, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK || d.Find(`.site-nav a[href="/brands"]`).Length() != 1 {
		t.Errorf("its staff's workbench on its host: %d %s, nav %v", res.StatusCode, res.Header.Get("Location"), d.Find(".site-nav a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") }))
	}

	// The district's page links the park on its host.
	_, d = get("dj.example.cn", "/")
	if d.Find(`[data-testid="park-card"] h3 a[href="https://liling.example.cn/"]`).Length() != 1 {
		t.Errorf("the district's page does not link the park's host")
	}
}

// TestOneParkKeepsItsAddresses: a portal of one park serves its site at
// /, as before there were parks; the park's address under /parks/ moves
// there.
func TestOneParkKeepsItsAddresses(t *testing.T) {
	ts := newPublicServer(t)
	anon := ts.client()
	res, body := ts.get(anon, "/")
	if res.StatusCode != http.StatusOK || doc(t, body).Find(`[data-testid="programs"]`).Length() != 1 {
		t.Fatalf("/: %d, not the park's home page", res.StatusCode)
	}
	if strings.Contains(body, "/parks/") || strings.Contains(body, "全区") {
		t.Errorf("a one-park portal's home page speaks of a district")
	}
	for from, to := range map[string]string{"/parks/park/brands?page=2": "/brands?page=2", "/parks/park/enterprises/a%2Fb": "/enterprises/a%2Fb"} {
		res, _ = ts.get(anon, from)
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != to {
			t.Errorf("%s: %d to %q, want 302 to %q", from, res.StatusCode, res.Header.Get("Location"), to)
		}
	}
}

// crawlSite follows every link of a park's public site from its home
// page (prefix + "/"), up to limit pages, and fails on a page that is not
// 200, holds one of foreign (another park's names), or links a page of a
// public site outside prefix (the district's page, /, excepted). It
// returns how many pages it read.
func crawlSite(t *testing.T, ts *testServer, prefix string, foreign []string, limit int) int {
	t.Helper()
	anon := ts.client()
	seen := map[string]bool{prefix + "/": true}
	queue := []string{prefix + "/"}
	n := 0
	for len(queue) > 0 && n < limit {
		path := queue[0]
		queue = queue[1:]
		res, body := ts.get(anon, path)
		n++
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, res.StatusCode)
			continue
		}
		for _, name := range foreign {
			if strings.Contains(body, name) {
				t.Errorf("%s shows another park's %q", path, name)
			}
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc(t, body).Find("a[href], form[action], link[href], img[src]").Each(func(_ int, s *goquery.Selection) {
			href := s.AttrOr("href", s.AttrOr("action", s.AttrOr("src", "")))
			href, _, _ = strings.Cut(href, "#")
			switch {
			case href == "/" || !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//"):
				return
			case strings.HasPrefix(href, "/static/") || strings.HasPrefix(href, "/photos/") || href == "/login":
				return
			case !strings.HasPrefix(href, prefix+"/"):
				t.Errorf("%s links %s, outside its site", path, href)
			case views.SitePage(strings.TrimPrefix(href, prefix)) && !seen[href] && !strings.HasSuffix(href, ".csv"):
				seen[href] = true
				queue = append(queue, href)
			}
		})
	}
	return n
}
