package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web"
)

// The pages measured are the router's GET routes (web's Routes), every
// one of them but the few below, each filled in with records of the
// synthetic park found by following the links of the pages themselves,
// and requested as the role its area is for. A new page is measured
// without a change here; one the harness cannot reach fails
// TestEveryGetRouteIsMeasured.

// notMeasured are the GET routes the harness leaves out, each with why.
var notMeasured = map[string]string{
	"/static/*":         "stylesheets, scripts and images embedded in the binary under content-hashed names: no page, and the same bytes whatever the park's size",
	"/photos/:id":       "the synthetic park has no photos (a secretary uploads them with a filing); a photo is a file served as it was stored, the same whatever the park's size",
	"/photos/:id/thumb": "as /photos/:id",
}

// role is who a page is requested as.
type role int

const (
	public role = iota
	staff
	secretary
	admin
)

func (r role) String() string {
	return [...]string{"public", "staff", "secretary", "admin"}[r]
}

// roleOf is the role a route's area is for: staff for the workspace
// (admins may look too), a secretary for their organisation's, an
// administrator for user management, no one signed in elsewhere (a
// secretary for their own account's settings).
func roleOf(path string) role {
	under := func(area string) bool { return path == area || strings.HasPrefix(path, area+"/") }
	switch {
	case under("/workbench"):
		return staff
	case under("/org"), under("/account"):
		return secretary
	case under("/admin"), under("/district"): // the district's table: an admin sees it too
		return admin
	}
	return public
}

// pageKind says which targets a page has.
type pageKind int

const (
	ordinary pageKind = iota
	floorPage
	export
)

// kindOf is a route's kind: the floor, an export (a ledger's workbook, a filed return's PDF or workbook,
// or the sitemap: the whole park's public pages in one document, read by a
// crawler now and then, as a clerk downloads a ledger), or a page.
func kindOf(route string) pageKind {
	switch {
	case route == floorPath:
		return floorPage
	case strings.HasSuffix(route, ".xlsx"), route == "/sitemap.xml", strings.HasSuffix(route, "/:file"):
		return export
	}
	return ordinary
}

const floorPath = "/healthz"

// queries are the query strings a route is measured with: the ones its
// page is not useful without.
var queries = map[string]string{
	"/workbench/suggest/enterprises":   "q=" + url.QueryEscape("科技"), // a picker's typeahead
	"/workbench/suggest/organizations": "q=" + url.QueryEscape("园区"),
	"/search":                          "q=" + url.QueryEscape("讲堂"), // two characters: the short index
}

// variants are further URLs of a route measured as rows of their own:
// the filters and deep pages whose cost differs from the route's first
// page.
var variants = []string{
	"/workbench/enterprises?stage=startup&coverage=sanyou&sort=-employees",
	"/workbench/activities?program=incubation",
	"/workbench/activities?page=200",
	"/search?q=" + url.QueryEscape("创新创业大赛"),                       // trigrams
	"/search?q=" + url.QueryEscape("党"),                            // one character: a prefix of many tokens
	"/search?q=" + url.QueryEscape("讲堂") + "&kind=activity&page=5", // the last page of one kind
	"/search?q=" + url.QueryEscape("科技"),                           // enterprises, each checked for a public page
	"/search?q=" + url.QueryEscape("党 红色CEO大讲堂"),                   // a common character and a long term: one MATCH of the short index
}

// page is one URL measured: its route, the URL and whose session it is
// requested with.
type page struct {
	route   string // the router's pattern
	path    string // the URL's path and query
	role    role
	kind    pageKind
	variant bool // one of variants: another URL of a route measured already
	cookie  string
	label   string // the row's name, when neither its route nor its URL says what it is
}

// name is the page's row label: its route, or its URL for a variant.
func (p page) name() string {
	if p.label != "" {
		return p.label
	}
	if p.variant {
		return p.path
	}
	return p.route
}

// getRoutes are the GET routes of the portal's router, the floor first,
// then by role and path.
func getRoutes(rs []*echo.Route) []string {
	var out []string
	for _, r := range rs {
		if r.Method == http.MethodGet && !slices.Contains(out, r.Path) {
			out = append(out, r.Path)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == floorPath:
			return -1
		case b == floorPath:
			return 1
		}
		if roleOf(a) != roleOf(b) {
			return int(roleOf(a) - roleOf(b))
		}
		return strings.Compare(a, b)
	})
	return out
}

// portalRoutes builds the portal's server over s without serving and
// returns its GET routes.
func portalRoutes(s *store.Store) ([]string, error) {
	srv, err := web.New(web.Config{Store: s, Logger: slog.New(slog.DiscardHandler), SessionKey: make([]byte, 32),
		Site: views.Site{Name: "园区党建工作平台"}})
	if err != nil {
		return nil, err
	}
	return getRoutes(srv.Routes()), nil
}

// matcher tells which route of the portal a path is, with an Echo router
// holding the same routes (so static segments win over parameters, as in
// the portal); a path of the measured park's public site is its route
// without the site's prefix, as the portal routes it.
type matcher struct {
	e    *echo.Echo
	site string
}

func newMatcher(routes []string, site string) matcher {
	e := echo.New()
	for _, r := range routes {
		e.GET(r, func(echo.Context) error { return nil })
	}
	return matcher{e, site}
}

func (m matcher) route(path string) string {
	if m.site != "" && strings.HasPrefix(path, m.site+"/") {
		path = path[len(m.site):]
	} else if m.site != "" && path != "/" && views.SitePage(path) {
		return "" // another park's site (/parks/bench-2/…), or an address that moved
	}
	c := m.e.NewContext(nil, nil)
	m.e.Router().Find(http.MethodGet, path, c)
	return c.Path()
}

// sessions are the Cookie headers of each role's account.
type sessions map[role]string

// plan lists the pages to measure on the server at base, the floor first:
// every GET route but the exceptions and those keep rejects, its
// parameters filled in from links the pages show, then the variants. A
// route without parameters that does not answer alone (a form that names
// its enterprise in the query) takes the URL of a link to it too. It
// fails naming the routes it found no URL for.
func plan(ctx context.Context, base string, routes []string, site string, who sessions, keep func(route, path string) bool, logf func(string, ...any)) ([]page, error) {
	m := newMatcher(routes, site)
	found := map[string]string{} // route → path and query
	var want []string            // routes to find a link to
	var queue []string           // pages to read for links, in turn
	for _, r := range routes {
		if _, skip := notMeasured[r]; skip {
			continue
		}
		if strings.Contains(r, ":") {
			want = append(want, r)
			continue
		}
		found[r] = sitePath(site, r+queryOf(r))
		if kindOf(r) != export {
			queue = append(queue, found[r])
		}
	}
	c := crawler{base: base, who: who, m: m, seen: map[string][]string{}, visited: map[string]bool{}}
	// Every page without parameters is read for links first, then each
	// page found for a route with parameters, in turn; where a route is
	// still missing, more pages of the route above it are read.
	seeds := len(queue)
	for {
		for len(queue) > 0 && (len(want) > 0 || c.reads < seeds) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			path := queue[0]
			queue = queue[1:]
			links, status, err := c.read(path)
			if err != nil {
				return nil, err
			}
			if r := m.route(pathOf(path)); status != http.StatusOK && found[r] == path {
				// Not this one: a route without parameters wants its
				// query from a link, one with parameters another record.
				delete(found, r)
				want = append(want, r)
			}
			for _, l := range links {
				r := m.route(pathOf(l))
				if !slices.Contains(want, r) || strings.Contains(lastSegment(pathOf(l)), ".") && !strings.Contains(lastSegment(r), ".") && lastSegment(r) != ":file" {
					continue // taken, or a file of a page's route (/reports/2026.json)
				}
				if strings.Contains(r, ":") {
					l = pathOf(l) // a record's page as such
				} else if !strings.Contains(l, "?") {
					continue // answered 4xx alone
				}
				found[r] = l
				want = slices.DeleteFunc(want, func(w string) bool { return w == r })
				queue = append(queue, l)
			}
		}
		if len(want) == 0 {
			break
		}
		// More pages of each missing route's parent (a member whose next
		// stage can be recorded is not always the first member).
		for _, r := range want {
			for _, l := range c.seen[parentRoute(r, routes)] {
				if !c.visited[l] && len(queue) < 200 {
					queue = append(queue, l)
				}
			}
		}
		if len(queue) == 0 || c.reads > maxCrawl {
			return nil, fmt.Errorf("no link to a page of %s that answers found on %d pages read", strings.Join(want, ", "), c.reads)
		}
	}
	logf("found a URL for every GET route on %d pages read", c.reads)

	out := []page{{route: floorPath, path: floorPath, kind: floorPage}}
	add := func(route, path string, variant bool) {
		if route == floorPath || !keep(route, path) {
			return
		}
		r := roleOf(route)
		out = append(out, page{route: route, path: path, role: r, kind: kindOf(route), variant: variant, cookie: who[r]})
	}
	for _, r := range routes {
		if path, ok := found[r]; ok {
			add(r, path, false)
		}
	}
	if site != "" && keep("/", "/") {
		out = append(out, page{route: "/", path: "/", role: public, variant: true, label: districtPage})
	}
	for _, v := range variants {
		// A deep page a smaller park does not have is not measured there.
		v = sitePath(site, v)
		r := m.route(pathOf(v))
		if status, _, err := getOnce(base, page{path: v, cookie: who[roleOf(r)]}); err != nil {
			return nil, err
		} else if status != http.StatusOK {
			logf("%s answers %d on this park: not measured", v, status)
			continue
		}
		add(r, v, true)
	}
	return out, nil
}

func pathOf(u string) string { return strings.SplitN(u, "?", 2)[0] }

// sitePath is path (a route's, with its query) as the measured park's
// site serves it: under site's prefix when it is a page of a park's
// public site (views.SitePage), as it is otherwise.
func sitePath(site, path string) string {
	if site != "" && views.SitePage(path) {
		return site + path
	}
	return path
}

// districtPage is the row of the district's own page, /, in a district:
// its route is the park's home page's, measured under the park's site.
const districtPage = "/ (the district's page)"

// maxCrawl bounds the pages the plan reads.
const maxCrawl = 2000

func lastSegment(path string) string { return path[strings.LastIndex(path, "/")+1:] }

// parentRoute is the longest route that route extends by a segment or
// more (/workbench/members/:id for /workbench/members/:id/next).
func parentRoute(route string, routes []string) string {
	for p := route; strings.Contains(p, "/"); {
		p = p[:strings.LastIndex(p, "/")]
		if slices.Contains(routes, p) {
			return p
		}
	}
	return ""
}

// crawler reads pages as their role and keeps the links they show, by
// route.
type crawler struct {
	base    string
	who     sessions
	m       matcher
	seen    map[string][]string // route → paths linked, in order
	visited map[string]bool
	reads   int
}

var hrefAttr = regexp.MustCompile(`href="(/[^"#]*)"`)

// read fetches path (and query) as the role of its route and returns its
// status and, from a page that answers 200, the URLs of the portal it
// links to, each path once.
func (c *crawler) read(path string) ([]string, int, error) {
	c.visited[path] = true
	c.reads++
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	if cookie := c.who[roleOf(c.m.route(pathOf(path)))]; cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return nil, 0, fmt.Errorf("reading %s for links: %s", path, resp.Status)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), echo.MIMETextHTML) {
		return nil, resp.StatusCode, nil
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, err
	}
	var out []string
	for _, m := range hrefAttr.FindAllSubmatch(body, -1) {
		u, err := url.Parse(html.UnescapeString(string(m[1])))
		if err != nil || u.Path == "" || strings.HasPrefix(u.Path, "//") {
			continue
		}
		r := c.m.route(u.Path)
		if r == "" || slices.Contains(c.seen[r], u.Path) {
			continue
		}
		c.seen[r] = append(c.seen[r], u.Path)
		link := u.Path
		if u.RawQuery != "" {
			link += "?" + u.RawQuery
		}
		out = append(out, link)
	}
	return out, resp.StatusCode, nil
}

func queryOf(route string) string {
	if q := queries[route]; q != "" {
		return "?" + q
	}
	return ""
}
