package web

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
	"parkportal/store/demo"
	"parkportal/store/pgcluster"
)

// newPublicServer is the test server with the demonstration park imported,
// plus unpublished material that must never show: a draft and a submitted
// activity, and draft and submitted responsibility records, each with words
// found nowhere else.
func newPublicServer(t testing.TB, options ...func(*Config)) *testServer {
	t.Helper()
	return newTestServerOn(t, demoCopy(t), options...)
}

// demoCopy is a copy of the demonstration database for one test.
func demoCopy(t testing.TB) string {
	t.Helper()
	demoDB.once.Do(makeDemoDatabase)
	if demoDB.err != nil {
		t.Fatalf("import demo: %v", demoDB.err)
	}
	if db := pgcluster.TestDatabaseLike(t, "portal_demo", copyDemo); db != "" {
		return db
	}
	b, err := os.ReadFile(demoDB.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "portal.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// copyDemo copies the demo database into the PostgreSQL database dsn.
func copyDemo(dsn string) error {
	ctx := context.Background()
	src, err := store.Open(ctx, demoDB.path)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer dst.Close()
	_, err = src.CopyTo(ctx, dst, nil)
	return err
}

// demoDB is the database newPublicServer starts from, made once per test
// binary (TestMain removes it): a copy of its file costs a test a few
// milliseconds, an import of the park a tenth of a second.
var demoDB struct {
	once      sync.Once
	dir, path string
	err       error
}

// RemoveDemoDatabase removes the database newPublicServer starts from;
// the package's TestMain calls it once the tests have run.
func RemoveDemoDatabase() {
	if demoDB.dir != "" {
		os.RemoveAll(demoDB.dir)
	}
}

// makeDemoDatabase imports the demonstration park and the unpublished
// records that no public page may show, on the test clock, and keeps a
// copy (a backup, so that the copy is whole).
func makeDemoDatabase() {
	ctx := context.Background()
	d := &demoDB
	if d.dir, d.err = os.MkdirTemp("", "portal-demo-"); d.err != nil {
		return
	}
	s, err := store.Open(ctx, filepath.Join(d.dir, "import.db"))
	if err != nil {
		d.err = err
		return
	}
	defer s.Close()
	s.SetClock(func() time.Time { return testStart })
	var doc map[string]any
	if d.err = json.Unmarshal(demo.Park(), &doc); d.err != nil {
		return
	}
	doc["activities"] = append(doc["activities"].([]any),
		map[string]any{"program": "brand", "kind": "lecture", "title": "未发布活动甲乙丙", "date": "2023-06-01", "summary": "未发布摘要", "status": "draft"},
		map[string]any{"program": "uplift", "kind": "lecture", "title": "待审活动丁戊己", "date": "2024-06-01", "status": "submitted"})
	doc["responsibility"] = append(doc["responsibility"].([]any),
		map[string]any{"enterprise": "ent-001", "kind": "employment_aid", "date": "2023-05-05", "beneficiaries": 500, "note": "未发布履责庚辛壬", "status": "draft"},
		map[string]any{"enterprise": "ent-001", "kind": "disability_employment", "date": "2023-05-06", "beneficiaries": 300, "note": "待审履责癸子丑", "status": "submitted"})
	b, err := json.Marshal(doc)
	if err != nil {
		d.err = err
		return
	}
	if _, d.err = s.Import(ctx, bytes.NewReader(b), store.ImportOptions{}); d.err != nil {
		return
	}
	d.path = filepath.Join(d.dir, "demo.db")
	d.err = s.Backup(ctx, d.path)
}

// renameEnterprise saves enterprise id under a new name, through the write
// path (which moves the revision).
func (ts *testServer) renameEnterprise(id, name string) {
	ts.t.Helper()
	e, _, err := ts.Store.EnterpriseByID(context.Background(), id)
	if err != nil {
		ts.t.Fatal(err)
	}
	e.Name = name
	if _, err := ts.Store.SaveEnterprise(context.Background(), testActor, id, e); err != nil {
		ts.t.Fatal(err)
	}
}

// anon fetches a page without cookies, following no redirects, with the
// given header names and values ("Host" sets the request's host).
func (ts *testServer) anon(path string, header ...string) (*http.Response, string) {
	ts.t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.HTTP.URL+path, nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1] // net/http sends req.Host, not a Host header
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestPublicPagesRender(t *testing.T) {
	ts := newPublicServer(t)
	// The pages that show the park's figures as charts.
	charted := map[string]bool{"/programs/incubation": true, "/programs/uplift": true, "/programs/brand": true, "/responsibility": true, "/reports/2023": true}
	for _, path := range []string{
		"/", "/programs/incubation", "/programs/uplift", "/programs/brand", "/brands", "/benchmarks",
		"/responsibility", "/reports", "/reports/2023", "/reports/definitions", "/enterprises/ent-001",
	} {
		res, body := ts.anon(path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, res.StatusCode)
			continue
		}
		d := doc(t, body)
		if n := d.Find("main h1").Length(); n != 1 {
			t.Errorf("%s has %d h1, want 1", path, n)
		}
		if d.Find(`meta[name="description"]`).AttrOr("content", "") == "" {
			t.Errorf("%s has no description", path)
		}
		// Every chart is an image with a text alternative, beside a table.
		figures := d.Find("figure.figure")
		if charted[path] && figures.Length() == 0 {
			t.Errorf("%s shows no chart", path)
		}
		figures.Each(func(_ int, f *goquery.Selection) {
			svg := f.Find("svg.chart-svg")
			if svg.AttrOr("role", "") != "img" || !strings.Contains(svg.AttrOr("aria-label", ""), "柱状图") {
				t.Errorf("%s: chart without role=img and aria-label", path)
			}
			if f.Find("table caption").Length() == 0 {
				t.Errorf("%s: chart without a table of its numbers", path)
			}
		})
	}
	for _, path := range []string{"/programs/nope", "/brands/0", "/brands/x", "/brands/999999", "/enterprises/nope", "/reports/1999", "/reports/1999.json", "/reports/2023.xml", "/reports/abcd"} {
		if res, _ := ts.anon(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
}

func TestHomeShowsProgrammesWithFigures(t *testing.T) {
	ts := newPublicServer(t)
	_, body := ts.anon("/")
	d := doc(t, body)
	if got, want := d.Find(`[data-testid="programs"] article`).Length(), 3; got != want {
		t.Errorf("programme cards = %d, want %d", got, want)
	}
	for _, slug := range []string{"incubation", "uplift", "brand"} {
		if d.Find(`[data-testid="program-figures-`+slug+`"] dd`).Length() != 3 {
			t.Errorf("programme %s shows no figures", slug)
		}
	}
	if d.Find(`[data-testid="latest-brands"] li`).Length() == 0 || d.Find(`[data-testid="latest-activities"] li`).Length() == 0 {
		t.Error("home shows no brands or no activities")
	}
	if !strings.Contains(d.Find("h1").Text(), "跟党一起创业") {
		t.Errorf("h1 = %q, want the park brand", d.Find("h1").Text())
	}
}

// The article's demonstration enterprise: 91 people from Qinghai helped into
// jobs and 11 people with disabilities, on its own public page.
func TestLifangPageShowsItsResponsibility(t *testing.T) {
	ts := newPublicServer(t)
	res, body := ts.anon("/enterprises/ent-001")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", res.StatusCode)
	}
	d := doc(t, body)
	if got := d.Find("h1").Text(); got != "湖南立方新能源科技有限责任公司" {
		t.Errorf("h1 = %q", got)
	}
	totals := d.Find(`[data-testid="responsibility-totals"]`)
	if got, want := strings.TrimSpace(totals.Find(`[data-key="employment_aid"] .stat-value`).Text()), "91人"; got != want {
		t.Errorf("employment_aid = %q, want %q", got, want)
	}
	if got, want := strings.TrimSpace(totals.Find(`[data-key="disability_employment"] .stat-value`).Text()), "11人"; got != want {
		t.Errorf("disability_employment = %q, want %q", got, want)
	}
}

func TestReportDataMatchesTheReport(t *testing.T) {
	ts := newPublicServer(t)
	ctx := context.Background()
	cal, err := ts.Store.ReportCalendar(ctx)
	if err != nil || len(cal.Years) == 0 {
		t.Fatalf("years %v, err %v", cal.Years, err)
	}
	for _, y := range cal.Years {
		r, err := ts.Store.Report(ctx, y)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(r)
		res, body := ts.anon(fmt.Sprintf("/reports/%d.json", y))
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%d.json: %d %s", y, res.StatusCode, res.Header.Get("Content-Type"))
		}
		var got, exp any
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		_ = json.Unmarshal(want, &exp)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%d.json = %s, want %s", y, body, want)
		}
		if b, _ := reportJSON(r); body != string(b) {
			t.Errorf("%d.json is not the CLI's bytes", y)
		}
	}
	// 2023 reproduces the article.
	_, body := ts.anon("/reports/2023.json")
	var r store.Report
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	if r.Incubation.StartupsCovered != 55 || r.Uplift.MembersDeveloped != 68 || r.Brand.BenchmarksCityOrAbove != 9 {
		t.Errorf("2023 figures = %+v", r)
	}
}

func TestReportCSV(t *testing.T) {
	ts := newPublicServer(t)
	res, body := ts.anon("/reports/2023.csv")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if !strings.HasPrefix(body, "\uFEFFkey,指标,数值,上年,变化\r\n") {
		t.Errorf("CSV does not start with a BOM and its header: %q", body[:40])
	}
	if !strings.Contains(res.Header.Get("Content-Disposition"), "report-2023.csv") {
		t.Errorf("Content-Disposition = %q", res.Header.Get("Content-Disposition"))
	}
	if !strings.Contains(body, "\r\nincubation.startups_covered,新覆盖初创期企业,55,") {
		t.Errorf("CSV has no row for startups_covered = 55:\n%s", body)
	}
	if !strings.Contains(body, "\r\nincubation.equipment_saving_ratio,设备共享为企业节省成本,0.5,") {
		t.Errorf("CSV ratio row missing:\n%s", body)
	}
	flat := reportFigures(t, ts, 2023)
	if got, want := strings.Count(body, "\r\n"), len(flat)+1; got != want {
		t.Errorf("CSV lines = %d, want %d (header and one per figure)", got, want)
	}
}

// reportFigures are year's report as its figures, one per key; a failed
// read or none at all fails the test.
func reportFigures(t *testing.T, ts *testServer, year int) []figureValue {
	t.Helper()
	r, err := ts.Store.Report(context.Background(), year)
	if err != nil {
		t.Fatal(err)
	}
	flat, err := flattenReport(r)
	if err != nil || len(flat) == 0 {
		t.Fatalf("the %d report's figures: %d, %v", year, len(flat), err)
	}
	return flat
}

func TestReportPageShowsEveryFigureAndItsDefinition(t *testing.T) {
	ts := newPublicServer(t)
	_, body := ts.anon("/reports/2023")
	d := doc(t, body)
	for _, f := range reportFigures(t, ts, 2023) {
		if d.Find(`tr[data-key="`+f.Key+`"]`).Length() != 1 {
			t.Errorf("report page has no row for %s", f.Key)
		}
		if d.Find(`#def-`+strings.ReplaceAll(f.Key, ".", `\.`)).Length() != 1 {
			t.Errorf("report page has no definition for %s", f.Key)
		}
	}
	if got := strings.TrimSpace(d.Find(`tr[data-key="incubation.startups_covered"] .figure-value`).Text()); got != "55家" {
		t.Errorf("startups_covered = %q, want 55家", got)
	}
	if got := strings.TrimSpace(d.Find(`tr[data-key="incubation.equipment_saving_ratio"] .figure-value`).Text()); got != "50%" {
		t.Errorf("equipment_saving_ratio = %q, want 50%%", got)
	}
	if d.Find(".page-break").Length() < 3 {
		t.Error("report has no page breaks between programmes")
	}
}

func TestBrandShowcaseFilters(t *testing.T) {
	ts := newPublicServer(t)
	_, body := ts.anon("/brands")
	all := doc(t, body).Find(`[data-testid="brand-card"]`).Length()
	if all != 14 { // the demonstration park's published brands, to 2026
		t.Errorf("published brands on the wall = %d, want 14", all)
	}
	_, body = ts.anon("/brands?stage=mature")
	d := doc(t, body)
	if n := d.Find(`[data-testid="brand-card"]`).Length(); n == 0 || n > all {
		t.Errorf("mature brands = %d", n)
	}
	if v, _ := d.Find(`#stage option[selected]`).Attr("value"); v != "mature" {
		t.Errorf("the filter does not keep its choice: %q", v)
	}
	_, body = ts.anon("/brands?stage=startup&sector=" + url.QueryEscape("没有这个行业"))
	d = doc(t, body)
	if d.Find(`[data-testid="brand-card"]`).Length() != 0 || !strings.Contains(d.Find(`[data-testid="brand-count"]`).Text(), "0个") {
		t.Error("an impossible filter still shows brands")
	}
	// A brand page tells its story and practices.
	href, _ := doc(t, ts.mustGet("/brands")).Find(`[data-testid="brand-card"] h3 a`).First().Attr("href")
	_, body = ts.anon(href)
	if doc(t, body).Find(`[data-testid="practices"] li`).Length() == 0 {
		t.Errorf("%s shows no practices", href)
	}
}

func TestUnpublishedBrandsAre404(t *testing.T) {
	ts := newPublicServer(t)
	brands, err := ts.Store.BrandLedger(context.Background(), store.BrandLedgerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, b := range brands {
		if b.Status != "published" {
			ids = append(ids, b.Key)
		}
	}
	if len(ids) == 0 {
		t.Fatal("the demonstration park has no unpublished brand to test with")
	}
	for _, id := range ids {
		if res, _ := ts.anon(fmt.Sprintf("/brands/%d", id)); res.StatusCode != http.StatusNotFound {
			t.Errorf("unpublished brand %d = %d, want 404", id, res.StatusCode)
		}
	}
}

func (ts *testServer) mustGet(path string) string {
	ts.t.Helper()
	res, body := ts.anon(path)
	if res.StatusCode != http.StatusOK {
		ts.t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	return body
}

// forbiddenWords lists what no public page may show: members' names and
// birth dates, secretaries' names, and every unpublished brand, activity
// and responsibility record.
func forbiddenWords(t *testing.T, ts *testServer) []string {
	t.Helper()
	var d struct {
		Members []struct {
			Name  string `json:"name"`
			Birth string `json:"birth"`
		} `json:"members"`
		Organizations []struct {
			Secretary string `json:"secretary"`
		} `json:"organizations"`
		Enterprises []struct {
			Name string `json:"name"`
		} `json:"enterprises"`
	}
	if err := json.Unmarshal(demo.Park(), &d); err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, m := range d.Members {
		words = append(words, m.Name)
		if m.Birth != "" {
			words = append(words, m.Birth, dateZh(m.Birth))
		}
	}
	for _, o := range d.Organizations {
		if o.Secretary != "" {
			words = append(words, o.Secretary)
		}
	}
	// Unpublished records, as the export holds them.
	var export bytes.Buffer
	if err := ts.Store.Export(context.Background(), &export); err != nil {
		t.Fatal(err)
	}
	type record struct{ Name, Title, Note, Status string } // an activity's or responsibility's status "" is published
	var records struct{ Brands, Activities, Responsibility []record }
	if err := json.Unmarshal(export.Bytes(), &records); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range slices.Concat(records.Brands, records.Activities, records.Responsibility) {
		if w := r.Name + r.Title + r.Note; r.Status != "" && r.Status != "published" && w != "" {
			words = append(words, w)
			n++
		}
	}
	if n < 5 {
		t.Fatalf("only %d unpublished records to look for", n)
	}
	return words
}

func dateZh(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// TestCrawlPublicSite follows every link from the home page and every
// address of the sitemap: each answers 200 and none shows personal data or
// unpublished material.
func TestCrawlPublicSite(t *testing.T) {
	ts := newPublicServer(t)
	forbidden := forbiddenWords(t, ts)
	var sm sitemapURLSet
	if err := xml.Unmarshal([]byte(ts.mustGet("/sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	queue := []string{"/"}
	for _, u := range sm.URLs {
		p, err := url.Parse(u.Loc)
		if err != nil || !strings.HasPrefix(u.Loc, ts.HTTP.URL) {
			t.Errorf("sitemap address %q is not on this site", u.Loc)
			continue
		}
		queue = append(queue, p.RequestURI())
	}
	seen := map[string]bool{}
	pages := 0
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		res, body := ts.anon(path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, res.StatusCode)
			continue
		}
		pages++
		for _, w := range forbidden {
			if strings.Contains(body, w) {
				t.Errorf("%s shows %q, which must not be public", path, w)
			}
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc(t, body).Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href := a.AttrOr("href", "")
			u, err := url.Parse(href)
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "/static/") || u.Path == "/login" {
				return
			}
			if !seen[u.RequestURI()] {
				queue = append(queue, u.RequestURI())
			}
		})
	}
	if pages < 40 {
		t.Errorf("crawled %d pages, want every programme, brand, enterprise and report", pages)
	}
}

func TestPageCache(t *testing.T) {
	ts := newPublicServer(t)
	count := func() int {
		_, body := ts.anon("/brands")
		return doc(t, body).Find(`[data-testid="brand-card"]`).Length()
	}
	before := count()
	page := func() string {
		_, body := ts.anon("/enterprises/ent-001")
		return body
	}
	if strings.Contains(page(), "缓存测试新名称") {
		t.Fatal("the new name is there before the change")
	}
	// A save in this process shows at the next request.
	ts.renameEnterprise("ent-001", "缓存测试新名称有限公司")
	if !strings.Contains(page(), "缓存测试新名称") {
		t.Error("the next request after a save still shows the old name")
	}
	if got := count(); got != before {
		t.Errorf("the wall shows %d brands after a rename, want %d", got, before)
	}

	// An import replaces the records and is seen too, even from elsewhere.
	small := `{"format":"parkportal/v1","enterprises":[{"id":"e1","name":"新导入企业有限公司","stage":"mature"}],
		"organizations":[{"id":"o1","name":"新导入党支部","kind":"branch","formed":"2024-01-01","enterprises":["e1"]}],
		"brands":[{"organization":"o1","name":"新导入品牌","launched":"2024-02-01","status":"published"}]}`
	// Through a second handle on the same file, as `portal import` run from
	// another process would.
	other, err := store.Open(context.Background(), ts.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Import(context.Background(), strings.NewReader(small), store.ImportOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	// Another process's change is seen at the next check of the revision,
	// not before; on PostgreSQL, which several portals share, the revision
	// is checked at every request.
	if got := count(); got != before && !isPostgres(ts.Store.Path()) {
		t.Errorf("within the check interval the wall shows %d brands, want the cached %d", got, before)
	}
	ts.clock.Advance(revisionCheckEvery)
	_, body := ts.anon("/brands")
	if got := count(); got != 1 || !strings.Contains(body, "新导入品牌") {
		t.Errorf("after an import the wall shows %d brands, want only 新导入品牌", got)
	}
}

func TestConditionalGet(t *testing.T) {
	ts := newPublicServer(t)
	res, _ := ts.anon("/programs/brand")
	etag, modified := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
	if etag == "" || modified == "" {
		t.Fatalf("ETag %q, Last-Modified %q: want both", etag, modified)
	}
	if res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache (revalidate)", res.Header.Get("Cache-Control"))
	}
	res, body := ts.anon("/programs/brand", "If-None-Match", etag)
	if res.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("If-None-Match: %d with %d bytes, want 304 and no body", res.StatusCode, len(body))
	}
	if res.Header.Get("Content-Security-Policy") != "" {
		t.Error("a 304 carries a new CSP nonce that would not match the cached page")
	}
	if res, _ := ts.anon("/programs/brand", "If-Modified-Since", modified); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d, want 304", res.StatusCode)
	}
	if res, _ := ts.anon("/reports/2023.json", "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
		t.Errorf("data file If-None-Match: %d, want 304", res.StatusCode)
	}
	ts.clock.Advance(time.Second) // a change a second later: a new Last-Modified
	ts.renameEnterprise("ent-001", "条件请求测试有限公司")
	ts.clock.Advance(revisionCheckEvery)
	res, _ = ts.anon("/programs/brand", "If-None-Match", etag)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag {
		t.Errorf("after a change: %d with ETag %s, want 200 and a new ETag", res.StatusCode, res.Header.Get("ETag"))
	}
}

// A signed-in viewer gets the same cached content inside a layout of their
// own, never stored by the browser.
func TestSignedInViewerSeesOwnLayout(t *testing.T) {
	ts := newPublicServer(t)
	ts.mustGet("/brands") // fill the cache anonymously
	ts.addUser("staff9", store.RoleStaff, "")
	c, _ := ts.login("staff9", "staff9-password")
	res, body := ts.get(c, "/brands")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if !strings.Contains(body, "staff9") {
		t.Error("the signed-in viewer's name is missing from the cached page")
	}
	if res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("ETag") != "" {
		t.Errorf("Cache-Control %q, ETag %q: want no-store and none", res.Header.Get("Cache-Control"), res.Header.Get("ETag"))
	}
	_, anon := ts.anon("/brands")
	if strings.Contains(anon, "staff9") {
		t.Error("a viewer's name leaked into the cached content")
	}
}

func TestSitemapAndRobots(t *testing.T) {
	ts := newPublicServer(t)
	var sm sitemapURLSet
	if err := xml.Unmarshal([]byte(ts.mustGet("/sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, u := range sm.URLs {
		has[strings.TrimPrefix(u.Loc, ts.HTTP.URL)] = true
	}
	for _, p := range []string{"/", "/programs/incubation", "/brands", "/benchmarks", "/responsibility", "/reports", "/reports/2023", "/reports/definitions", "/enterprises/ent-001"} {
		if !has[p] {
			t.Errorf("sitemap lacks %s", p)
		}
	}
	ids, err := ts.Store.PublishedBrandIDs(context.Background())
	if err != nil || len(ids) == 0 {
		t.Fatalf("published brands: %v, %v", ids, err)
	}
	for _, id := range ids {
		if !has[brandHref(id)] {
			t.Errorf("sitemap lacks brand %d", id)
		}
	}
	robots := ts.mustGet("/robots.txt")
	if !strings.Contains(robots, "Sitemap: "+ts.HTTP.URL+"/sitemap.xml") || !strings.Contains(robots, "Disallow: /admin/") {
		t.Errorf("robots.txt = %q", robots)
	}
}

// Interchange ids are any text: an enterprise whose id holds a space, a
// slash and Chinese still gets a working page, linked from the sitemap.
func TestEnterpriseIDsAreEscaped(t *testing.T) {
	ts := newTestServer(t)
	doc := `{"format":"parkportal/v1","enterprises":[{"id":"企业 A/1?x%41","name":"转义测试企业有限公司","stage":"growth"}],
		"responsibility":[{"enterprise":"企业 A/1?x%41","kind":"volunteering","date":"2024-03-01","beneficiaries":7,"note":"<b>不是标签</b>"}]}`
	if _, err := ts.Store.Import(context.Background(), strings.NewReader(doc), store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	href := enterpriseHref("企业 A/1?x%41")
	if !strings.Contains(ts.mustGet("/sitemap.xml"), href) {
		t.Fatalf("sitemap lacks %s", href)
	}
	body := ts.mustGet(href)
	if !strings.Contains(body, "转义测试企业有限公司") || !strings.Contains(body, "&lt;b&gt;不是标签&lt;/b&gt;") {
		t.Errorf("%s does not show the enterprise with its note escaped", href)
	}
}

// With no records at all every public page still answers, honestly empty.
func TestPublicPagesOnEmptyDatabase(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/", "/programs/incubation", "/programs/uplift", "/programs/brand", "/brands",
		"/benchmarks", "/responsibility", "/reports", "/reports/definitions", "/sitemap.xml", "/robots.txt"} {
		if res, _ := ts.anon(path); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s on an empty database = %d, want 200", path, res.StatusCode)
		}
	}
	if res, _ := ts.anon("/reports/2023"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a report for a year without records = %d, want 404", res.StatusCode)
	}
}
