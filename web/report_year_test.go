package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
)

// inChina is a time on the park's clock (UTC+8).
func inChina(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, time.FixedZone("CST", 8*3600))
}

// demoIn2026 is the demonstration park (records to 30 November 2026) with
// one more survey dated in 2026, served on 6 December 2026.
func demoIn2026(t *testing.T) *testServer {
	t.Helper()
	return demoOn(t, inChina(2026, 12, 6, 9, 0))
}

// demoOn is the demonstration park with one more survey, dated on 1 March
// of now's year, served at now.
func demoOn(t *testing.T, now time.Time) *testServer {
	t.Helper()
	ts := newPublicServer(t)
	ts.clock.now = now
	if _, err := ts.Store.SaveSurvey(context.Background(), testActor, 0, store.Survey{
		Enterprise: "ent-003", Date: fmt.Sprintf("%d-03-01", now.Year()), FixedPremises: true, Employees: 12, Operating: true,
	}); err != nil {
		t.Fatal(err)
	}
	return ts
}

// homeLead is the line over the home page's programmes that names the year
// of their figures.
const homeLead = `[aria-labelledby="programs-heading"] .section-lead`

// squeezed is a selection's text without white space.
func squeezed(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), "") }

// With a record dated in the year in progress, the public pages, the report
// list and the dashboard headline the last complete year; the year in
// progress appears only labelled with its day, in China time.
func TestReportingYearIsTheLastCompleteYear(t *testing.T) {
	ts := demoIn2026(t)
	const label = "2026年（截至12月6日）"

	_, body := ts.anon("/")
	d := doc(t, body)
	lead := squeezed(d.Find(homeLead))
	if !strings.Contains(lead, "以下为2025年的主要数据") {
		t.Errorf("home headlines %q; want the last complete year, 2025", lead)
	}
	if !strings.Contains(lead, label) || strings.Contains(body, "以下为2026年") {
		t.Errorf("home names the year in progress %q; want it only as %s", lead, label)
	}
	if got := squeezed(d.Find(".hero-links .button-secondary")); got != "2025年度报告" {
		t.Errorf("home's report button = %q, want 2025年度报告", got)
	}

	_, body = ts.anon("/reports")
	d = doc(t, body)
	first := d.Find(`[data-testid="report-years"] > li`).First()
	if got := squeezed(first.Find("h3")); got != "2025年度报告" {
		t.Errorf("the report list starts with %q, want 2025年度报告", got)
	}
	d.Find(`[data-testid="report-years"] h3`).Each(func(_ int, h *goquery.Selection) {
		if strings.Contains(h.Text(), "2026") {
			t.Errorf("the year in progress is among the complete years: %q", h.Text())
		}
	})
	if got := squeezed(d.Find(`[data-testid="report-current"] h3`)); !strings.Contains(got, label) {
		t.Errorf("the year in progress is listed as %q, want %s", got, label)
	}

	_, body = ts.anon("/programs/incubation")
	d = doc(t, body)
	if got := squeezed(d.Find("#year-heading")); got != "2025年主要数据" {
		t.Errorf("programme page headlines %q, want 2025年主要数据", got)
	}
	history := d.Find(`[data-testid="program-history"]`)
	if !strings.Contains(history.Find("svg").First().AttrOr("aria-label", ""), "2026（截至12月6日）") {
		t.Errorf("the chart does not label the year in progress: %q", history.Find("svg").First().AttrOr("aria-label", ""))
	}
	if history.Find(`table tbody th:contains("`+label+`")`).Length() == 0 {
		t.Errorf("the table over the years does not label the year in progress %s", label)
	}

	res, body := ts.anon("/reports/2026")
	d = doc(t, body)
	if res.StatusCode != http.StatusOK || !strings.Contains(squeezed(d.Find("h1")), label) || d.Find(`[data-testid="in-progress"]`).Length() != 1 {
		t.Errorf("/reports/2026: %d, h1 %q; want it labelled %s with a note", res.StatusCode, squeezed(d.Find("h1")), label)
	}
	if got := squeezed(d.Find("title")); !strings.Contains(got, label) {
		t.Errorf("/reports/2026 title %q, want %s", got, label)
	}

	// The dashboard defaults to the reporting year and offers the year in
	// progress, labelled.
	ts.addUser("clerk", store.RoleStaff, "")
	c, _ := ts.login("clerk", "clerk-password")
	_, body = ts.get(c, "/workbench")
	d = doc(t, body)
	if got := d.Find(`#year option[selected]`).AttrOr("value", ""); got != "2025" {
		t.Errorf("the dashboard defaults to %q, want 2025", got)
	}
	if got := squeezed(d.Find(`#year option[value="2026"]`)); got != label {
		t.Errorf("the dashboard offers the year in progress as %q, want %s", got, label)
	}
	if got := squeezed(d.Find("#reports-heading")); got != "2025年数据" {
		t.Errorf("the dashboard's heading = %q, want 2025年数据", got)
	}
	_, body = ts.get(c, "/workbench?year=2026")
	d = doc(t, body)
	if got := squeezed(d.Find("#reports-heading")); got != label+"数据" || d.Find(`[data-testid="in-progress"]`).Length() != 1 {
		t.Errorf("the dashboard on the year in progress is headed %q, want %s数据 with a note", got, label)
	}
}

// The year in progress is served as data too, labelled partial beside the
// spec's JSON object (which keeps its shape) and in the CSV's value column.
func TestYearInProgressDataIsLabelledPartial(t *testing.T) {
	ts := demoIn2026(t)
	res, body := ts.anon("/reports/2026.json")
	if res.StatusCode != http.StatusOK || res.Header.Get("Report-Through") != "2026-12-06" {
		t.Fatalf("/reports/2026.json: %d, Report-Through %q; want 200 through 2026-12-06", res.StatusCode, res.Header.Get("Report-Through"))
	}
	r, err := ts.Store.Report(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := reportJSON(r); body != string(b) {
		t.Errorf("/reports/2026.json is not the spec's object:\n%s", body)
	}
	if res, _ := ts.anon("/reports/2025.json"); res.StatusCode != http.StatusOK || res.Header.Get("Report-Through") != "" {
		t.Errorf("/reports/2025.json: %d, Report-Through %q; want a complete year", res.StatusCode, res.Header.Get("Report-Through"))
	}
	res, body = ts.anon("/reports/2026.csv")
	if !strings.HasPrefix(body, "\uFEFFkey,指标,数值（截至12月6日）,上年,变化\r\n") {
		t.Errorf("the CSV of the year in progress starts %q", body[:min(len(body), 60)])
	}
	if got := res.Header.Get("Content-Disposition"); !strings.Contains(got, "report-2026-through-1206.csv") {
		t.Errorf("Content-Disposition = %q", got)
	}
	for _, path := range []string{"/reports/2027", "/reports/2027.json"} {
		if res, _ := ts.anon(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s (a year not begun) = %d, want 404", path, res.StatusCode)
		}
	}
}

// A year without records between the first and the year in progress is a
// year like any other: 0 in every series, chart and list, never a hole. The
// demonstration park runs to 2026; served in 2028 with a record of 2028,
// 2027 has none.
func TestYearWithoutRecordsShowsAsZero(t *testing.T) {
	ts := demoOn(t, inChina(2028, 12, 6, 9, 0))
	cal := func() []int { // the years the report index offers, in any section
		_, body := ts.anon("/reports")
		var years []int
		doc(t, body).Find(`a[href^="/reports/"]`).Each(func(_ int, a *goquery.Selection) {
			if y, err := strconv.Atoi(strings.TrimPrefix(a.AttrOr("href", ""), "/reports/")); err == nil {
				years = append(years, y)
			}
		})
		return years
	}()
	seen := map[int]bool{}
	first := 9999
	for _, y := range cal {
		seen[y] = true
		first = min(first, y)
	}
	for y := first; y <= 2028; y++ {
		if !seen[y] {
			t.Errorf("the report index has no %d between %d and 2028", y, first)
		}
	}

	res, body := ts.anon("/reports/2027")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/reports/2027 = %d, want the report of a year without records", res.StatusCode)
	}
	if got := squeezed(doc(t, body).Find(`tr[data-key="incubation.startups_covered"] .figure-value`)); got != "0家" {
		t.Errorf("2027 startups_covered = %q, want 0家", got)
	}
	_, body = ts.anon("/reports/2028")
	if got := squeezed(doc(t, body).Find(`tr[data-key="incubation.startups_covered"] td`).Eq(1)); got != "0家" {
		t.Errorf("2028's year before shows %q, want 2027's 0家", got)
	}

	_, body = ts.anon("/programs/uplift")
	d := doc(t, body)
	members := d.Find(`[data-testid="program-history"] figure`).First()
	var bars []string
	for _, part := range strings.Split(members.Find("svg").AttrOr("aria-label", ""), "，") {
		bars = append(bars, strings.Fields(part)[0])
	}
	if got, want := strings.Join(bars, " "), "柱状图：新发展党员（名）。2024 2025 2026 2027 2028（截至12月6日）"; got != want {
		t.Errorf("the members chart's bars: %q, want %q", got, want)
	}
	row := members.Find(`tbody tr:has(th:contains("2027年"))`)
	if got := squeezed(row.Find("td").First()); got != "0名" {
		t.Errorf("2027 in the members table: %q, want 0名", got)
	}

	_, body = ts.anon("/sitemap.xml")
	if !strings.Contains(body, "/reports/2027<") {
		t.Error("the sitemap has no /reports/2027")
	}
	var data map[string]any
	if _, body := ts.anon("/reports/2027.json"); json.Unmarshal([]byte(body), &data) != nil || data["year"] != 2027.0 {
		t.Errorf("/reports/2027.json = %s", body)
	}
}

// The day and the year turn at midnight in China on the one clock, and no
// cached page, ETag or Last-Modified keeps yesterday's label: on 2 January
// the year just ended is the reporting year and the new one is in progress.
func TestReportingYearTurnsAtMidnight(t *testing.T) {
	ts := demoIn2026(t)
	ts.clock.now = inChina(2026, 12, 31, 23, 59)
	res, body := ts.anon("/")
	lead := squeezed(doc(t, body).Find(homeLead))
	if !strings.Contains(lead, "以下为2025年的主要数据") || !strings.Contains(lead, "2026年（截至12月31日）") {
		t.Fatalf("on 31 December the home page says %q", lead)
	}
	etag, modified := res.Header.Get("ETag"), res.Header.Get("Last-Modified")

	ts.clock.now = inChina(2027, 1, 1, 0, 1)
	res, body = ts.anon("/", "If-None-Match", etag)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("after midnight, yesterday's ETag got %d, want the page of the new day", res.StatusCode)
	}
	lead = squeezed(doc(t, body).Find(homeLead))
	if !strings.Contains(lead, "以下为2026年的主要数据") || !strings.Contains(lead, "2027年（截至1月1日）") {
		t.Errorf("after midnight the home page says %q; want 2026 headlined and 2027年（截至1月1日）", lead)
	}
	if res, _ := ts.anon("/", "If-Modified-Since", modified); res.StatusCode != http.StatusOK {
		t.Errorf("after midnight, yesterday's Last-Modified got %d, want the page of the new day", res.StatusCode)
	}

	ts.clock.now = inChina(2027, 1, 2, 9, 0)
	_, body = ts.anon("/")
	if lead := squeezed(doc(t, body).Find(homeLead)); !strings.Contains(lead, "2027年（截至1月2日）") {
		t.Errorf("on 2 January the home page says %q; want 2027年（截至1月2日）", lead)
	}
	_, body = ts.anon("/reports")
	d := doc(t, body)
	if got := squeezed(d.Find(`[data-testid="report-years"] > li h3`).First()); got != "2026年度报告" {
		t.Errorf("on 2 January the report list starts with %q, want 2026年度报告", got)
	}
	if got := squeezed(d.Find(`[data-testid="report-current"] h3`)); !strings.Contains(got, "2027年（截至1月2日）") {
		t.Errorf("on 2 January the year in progress is listed as %q", got)
	}
	res, body = ts.anon("/reports/2027")
	if res.StatusCode != http.StatusOK || !strings.Contains(squeezed(doc(t, body).Find("h1")), "2027年（截至1月2日）") {
		t.Errorf("/reports/2027 on 2 January: %d, h1 %q", res.StatusCode, squeezed(doc(t, body).Find("h1")))
	}
	_, body = ts.anon("/reports/2026")
	if d := doc(t, body); d.Find(`[data-testid="in-progress"]`).Length() != 0 || strings.Contains(squeezed(d.Find("h1")), "截至") {
		t.Errorf("/reports/2026 on 2 January is still labelled in progress: %q", squeezed(d.Find("h1")))
	}

	ts.addUser("clerk", store.RoleStaff, "")
	c, _ := ts.login("clerk", "clerk-password")
	_, body = ts.get(c, "/workbench")
	d = doc(t, body)
	if got := d.Find(`#year option[selected]`).AttrOr("value", ""); got != "2026" {
		t.Errorf("on 2 January the dashboard defaults to %q, want 2026", got)
	}
	if got := squeezed(d.Find(`#year option[value="2027"]`)); got != "2027年（截至1月2日）" {
		t.Errorf("on 2 January the dashboard offers %q for 2027", got)
	}
}
