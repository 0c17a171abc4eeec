package web

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"parkportal/store/pgcluster"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/static"
	"parkportal/store"
	"parkportal/views"
)

// Every page is cheap by design (issue 19): no statement a page runs reads
// a table that grows with the park in full. The test requests every GET
// route of the router (and the ledgers' filters and a far page), each on
// an empty page cache, on a park of 10,000 enterprises, records every
// statement the store runs for it, and asks SQLite's EXPLAIN QUERY PLAN
// how each runs (planProblems says what fails).

// planRule names statements: those of a route's pages (every route when
// empty, the routes ending in what follows a leading *) whose text holds
// statement (any when empty).
type planRule struct{ route, statement, reason string }

func (r planRule) matches(route, query string) bool {
	routeMatches := r.route == "" || r.route == route ||
		strings.HasPrefix(r.route, "*") && strings.HasSuffix(route, r.route[1:])
	return routeMatches && (r.statement == "" || strings.Contains(oneLine(query), r.statement))
}

// planExceptions are the statements that may read a growing table in full,
// each with its reason.
var planExceptions = []planRule{
	{route: "*.xlsx", reason: "a ledger's export writes every record it selects (issue 19: an export of 100,000 activities in under 3 s)"},
	{route: "/sitemap.xml", reason: "the sitemap lists every public page for search engines, each enterprise's and published brand's among them: read whole by design, once a crawl"},
}

// planQueries are what some routes' bare URLs need: the survey form is
// reached from an enterprise's page, a picker's suggestions answer what
// was typed.
var planQueries = map[string]string{
	"/workbench/surveys/new":           "?enterprise={ent}",
	"/workbench/suggest/enterprises":   "?q=%E7%A7%91%E6%8A%80",          // 科技
	"/search":                          "?q=%E8%AE%B2%E5%A0%82",          // 讲堂: two characters, the short index
	"/workbench/suggest/organizations": "?q=%E5%85%9A%E6%94%AF%E9%83%A8", // 党支部
}

// planVariants are requests beyond each route's bare URL: a far page (the
// 50th, or the last of a shorter ledger) and each filter and order of the
// staff ledgers, whose statements differ. Not here: the free-text search
// (LIKE '%…%' reads every row it cannot rule out), the enterprise ledger's
// coverage, 专精特新 and survey-year filters and the staff ledger's
// serving filter, computed per record (their counts read every record).
var planVariants = map[string][]string{
	// three characters (trigrams), one (a prefix of the short index), both
	// at once, and a far page of one kind
	"/search": {"?q=%E5%A4%A7%E8%AE%B2%E5%A0%82", "?q=%E8%AE%B2", "?q=%E5%A4%A7%E8%AE%B2%E5%A0%82+%E4%BC%81%E4%B8%9A",
		"?q=%E7%A7%91%E6%8A%80&kind=enterprise&page=20", "?q=%E7%A7%91%E6%8A%80&kind=responsibility"},
	"/workbench/activities":     {"?page={far}", "?program=incubation", "?year=2024", "?status=published", "?organizer={org}", "?sort=title", "?sort=-participants", "?sort=date"},
	"/workbench/members":        {"?page={far}", "?organization={org}", "?stage=full", "?management=yes", "?developed=2024", "?sort=name", "?sort=-since"},
	"/workbench/awards":         {"?page={far}", "?kind=shuangqiang_liuhao", "?level=city", "?year=2024", "?organization={org}"},
	"/workbench/responsibility": {"?page={far}", "?kind=employment_aid", "?year=2024", "?status=published", "?sort=-beneficiaries"},
	"/workbench/brands":         {"?page={far}", "?status=published"},
	"/workbench/enterprises":    {"?page={far}", "?stage=growth", "?sector={sector}", "?sort=name", "?sort=-employees", "?sort=founded"},
	"/workbench/organizations":  {"?page={far}", "?kind=branch", "?formed=2023"},
	"/workbench/staff":          {"?page={far}", "?role=specialist"},
	"/workbench/services":       {"?page={far}", "?kind=legal", "?year=2024", "?effective=yes", "?sort=-saving"},
	"/workbench/surveys":        {"?page={far}", "?year=2024", "?meets=yes", "?sort=employees"},
	"/workbench/designations":   {"?page={far}", "?kind=zjtx_provincial", "?year=2024"},
	"/workbench/platforms":      {"?kind=science_park"},
}

// planFixture is what fills the routes' parameters: real records of the
// park.
type planFixture struct {
	byArea map[string]string // "workbench/enterprises" → an enterprise's id …
	// what {org}, {ent} and {sector} stand for in planQueries and
	// planVariants
	org, ent, sector string
}

func loadPlanFixture(ctx context.Context, t *testing.T, db *sql.DB) planFixture {
	t.Helper()
	one := func(query string, args ...any) string {
		t.Helper()
		var v string
		if err := db.QueryRowContext(ctx, query, args...).Scan(&v); err != nil {
			t.Fatalf("query-plan fixture: %s: %v", query, err)
		}
		return v
	}
	org := one(`SELECT organization FROM users WHERE username = 'plan-secretary'`)
	published := one(`SELECT id FROM filings WHERE title = '查询计划 已发布'`)
	member := `SELECT %s FROM members m JOIN organizations o ON o.id = m.organization_id WHERE o.source_id = ? AND m.full IS NULL ORDER BY m.id LIMIT 1`
	ent := one(`SELECT source_id FROM enterprises ORDER BY id LIMIT 1`)
	f := planFixture{org: org, ent: ent, sector: one(`SELECT sector FROM enterprises WHERE sector != '' ORDER BY id LIMIT 1`), byArea: map[string]string{
		"workbench/enterprises":    ent,
		"workbench/organizations":  org,
		"workbench/members":        one(fmt.Sprintf(member, "m.source_id"), org),
		"workbench/staff":          one(`SELECT source_id FROM staff ORDER BY id LIMIT 1`),
		"workbench/review":         one(`SELECT id FROM filings WHERE title = '查询计划 待审核'`),
		"workbench/activities":     one(`SELECT record_key FROM filings WHERE id = ?`, published),
		"workbench/responsibility": one(`SELECT id FROM responsibility ORDER BY id LIMIT 1`),
		"workbench/designations":   one(`SELECT id FROM designations ORDER BY id LIMIT 1`),
		"workbench/awards":         one(`SELECT id FROM awards ORDER BY id LIMIT 1`),
		"workbench/platforms":      one(`SELECT id FROM platforms ORDER BY id LIMIT 1`),
		"workbench/services":       one(`SELECT id FROM services ORDER BY id LIMIT 1`),
		"workbench/brands":         one(`SELECT id FROM brands ORDER BY id LIMIT 1`),
		"workbench/surveys":        one(`SELECT id FROM surveys ORDER BY id LIMIT 1`),
		"org/members":              one(fmt.Sprintf(member, "m.id"), org),
		"org/filings":              published,
		"org/filings edit":         one(`SELECT id FROM filings WHERE title = '查询计划 草稿'`),
		"admin/users":              one(`SELECT id FROM users WHERE username = 'plan-secretary'`),
		"enterprises":              ent,
		"brands":                   one(`SELECT id FROM brands WHERE status = 'published' ORDER BY id LIMIT 1`),
		"activities":               one(`SELECT id FROM activities WHERE status = 'published' AND organizer_id IS NOT NULL ORDER BY id LIMIT 1`),
		"photos":                   one(`SELECT photo_id FROM activity_photos ORDER BY photo_id LIMIT 1`),
		"programs":                 views.Programs[0].Slug,
		"reports":                  "2024",
		"static":                   strings.TrimPrefix(static.URL("css/site.css"), "/static/"),
	}}
	return f
}

// fill puts real records into a route's parameters; ok is false when it
// does not know the route's.
func (f planFixture) fill(route string) (string, bool) {
	// The annual return's routes: the year the test files, its first version.
	switch route {
	case "/workbench/returns/:year":
		return "/workbench/returns/2024", true
	case "/workbench/returns/:year/:file":
		return "/workbench/returns/2024/1.pdf", true
	case "/district/returns/:park/:year/:file":
		return "/district/returns/park/2024/1.xlsx", true
	}
	ok := true
	path := routeParam.ReplaceAllStringFunc(route, func(string) string {
		segments := strings.Split(strings.Trim(route, "/"), "/")
		key := segments[0]
		if len(segments) > 1 && segments[0] != "enterprises" && segments[0] != "brands" && segments[0] != "photos" && segments[0] != "activities" &&
			segments[0] != "programs" && segments[0] != "reports" && segments[0] != "static" {
			key = segments[0] + "/" + segments[1]
		}
		if route == "/org/filings/:id/edit" || route == "/org/filings/:id/check" { // a draft's
			key = "org/filings edit"
		}
		v, found := f.byArea[key]
		if !found {
			ok = false
		}
		return v
	})
	return path, ok
}

// expand puts the fixture's records into a query.
func (f planFixture) expand(query string) string {
	return strings.NewReplacer("{org}", f.org, "{ent}", f.ent, "{sector}", url.QueryEscape(f.sector)).Replace(query)
}

// planRecorder keeps the statements the store runs while it records.
type planRecorder struct {
	mu    sync.Mutex
	on    bool
	seen  map[string]bool
	stmts []planStatement
}

type planStatement struct {
	query string
	args  []any
}

func (r *planRecorder) observe(query string, args []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.on || r.seen[query] {
		return
	}
	r.seen[query] = true
	r.stmts = append(r.stmts, planStatement{query, slices.Clone(args)})
}

func (r *planRecorder) start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on, r.seen, r.stmts = true, map[string]bool{}, nil
}

func (r *planRecorder) stop() []planStatement {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.stmts
}

// pageLink finds the page numbers a ledger's pager links to.
var pageLink = regexp.MustCompile(`[?&;]page=(\d+)`)

// unplanned are statements that have no plan to ask for.
var unplanned = regexp.MustCompile(`(?i)^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|END)\b`)

func TestQueryPlans(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it asks SQLite how each statement is planned (EXPLAIN QUERY PLAN)")
	if testing.Short() {
		t.Skip("short: builds a park of 10,000 enterprises")
	}
	ctx := context.Background()
	path := planParkFile(t)
	rec := &planRecorder{}
	st, err := store.Open(ctx, path, store.WithStatementObserver(rec.observe))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	plain, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { plain.Close() })
	indexTable := map[string]string{}
	if err := eachIndex(ctx, plain, func(index, table string) { indexTable[index] = table }); err != nil {
		t.Fatal(err)
	}
	fixture := loadPlanFixture(ctx, t, plain)

	clock := &testClock{now: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	srv, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), SessionKey: []byte(strings.Repeat("k", 32)), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ts := &testServer{t: t, Store: st, Server: srv, HTTP: hs, clock: clock}
	clients := map[string]*http.Client{"": ts.client()}
	for area, user := range map[string]string{"workbench": "plan-staff", "org": "plan-secretary", "admin": "plan-admin"} {
		c, res := ts.login(user, planParkPassword)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("signing in as %s: %d", user, res.StatusCode)
		}
		clients[area] = c
	}
	clients["account"] = clients["org"]    // one's own account: a secretary's, the busiest
	clients["district"] = clients["admin"] // the district's table: admins see it too
	// A filed return for its pages (the clock's last year is over).
	if _, err := st.FileReturn(ctx, store.Actor{Username: "plan-staff"}, store.ReturnFiling{Year: 2024, Head: "李", Preparer: "王", Phone: "13800000000"}); err != nil {
		t.Fatal(err)
	}

	exceptionUsed := make([]bool, len(planExceptions))
	// first is the rule of rules that names the statement, marked used.
	first := func(rules []planRule, used []bool, route, query string) (planRule, bool) {
		for i, r := range rules {
			if r.matches(route, query) {
				used[i] = true
				return r, true
			}
		}
		return planRule{}, false
	}
	routes := srv.echo.Routes()
	slices.SortFunc(routes, func(a, b *echo.Route) int { return strings.Compare(a.Path, b.Path) })
	for _, r := range routes {
		if r.Method != http.MethodGet {
			continue
		}
		path, ok := fixture.fill(r.Path)
		if !ok {
			t.Errorf("GET %s: the test does not know a record to fill its parameters with (planFixture)", r.Path)
			continue
		}
		area := strings.Split(strings.Trim(r.Path, "/"), "/")[0]
		client, ok := clients[area]
		if !ok {
			client = clients[""]
		}
		urls := []string{path + fixture.expand(planQueries[r.Path])}
		for _, v := range planVariants[r.Path] {
			urls = append(urls, path+fixture.expand(v))
		}
		far := 1
		for _, u := range urls {
			if strings.Contains(u, "{far}") {
				u = strings.ReplaceAll(u, "{far}", strconv.Itoa(min(50, far)))
			}
			srv.pages.drop()
			rec.start()
			res, body := ts.get(client, u)
			stmts := rec.stop()
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET %s (route %s): %d, want 200", u, r.Path, res.StatusCode)
				continue
			}
			for _, m := range pageLink.FindAllStringSubmatch(body, -1) {
				n, _ := strconv.Atoi(m[1])
				far = max(far, n)
			}
			var report strings.Builder
			for _, s := range stmts {
				if unplanned.MatchString(s.query) {
					continue
				}
				plan, err := queryPlan(ctx, plain, s.query, s.args)
				if err != nil {
					fmt.Fprintf(&report, "\n  statement: %s\n  EXPLAIN QUERY PLAN failed: %v\n", oneLine(s.query), err)
					continue
				}
				problems := planProblems(s.query, plan, indexTable)
				if len(problems) == 0 {
					continue
				}
				if _, ok := first(planExceptions, exceptionUsed, r.Path, s.query); ok {
					continue
				}
				fmt.Fprintf(&report, "\n  statement: %s\n  args: %v\n  plan:\n%s  problems:\n    %s\n",
					oneLine(s.query), s.args, indent(planText(plan), "    "), strings.Join(problems, "\n    "))
			}
			if report.Len() > 0 {
				t.Errorf("GET %s reads a table that grows with the park in full:%s", u, report.String())
			}
		}
	}
	for i, used := range exceptionUsed {
		if !used {
			t.Errorf("the exception %+v excused no statement: take it off planExceptions", planExceptions[i])
		}
	}
}

var spaces = regexp.MustCompile(`\s+`)

// oneLine is a statement on one line.
func oneLine(query string) string { return strings.TrimSpace(spaces.ReplaceAllString(query, " ")) }

func indent(text, prefix string) string {
	lines := strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n")
	return prefix + strings.Join(lines, prefix) + "\n"
}
