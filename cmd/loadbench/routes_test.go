package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web"
)

// Every GET route of the portal's router is measured by the benchmark or
// named, with its reason, in notMeasured: the plan finds a URL for each
// route on a small synthetic park, and each answers 2xx as the role the
// benchmark requests it as. A new page the plan cannot reach (a new area,
// a parameter no page links to) fails here, not silently in the benchmark.
func TestEveryGetRouteIsMeasured(t *testing.T) {
	ctx := context.Background()
	p, err := makePark(ctx, t.TempDir(), parkSetup{enterprises: 60, seed: 1, sizes: parkSizes, secretaries: 1, filings: 3, others: 1}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, p.db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv, err := web.New(web.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), SessionKey: []byte(strings.Repeat("k", 32)),
		Site: views.Site{Name: "园区党建工作平台"}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	routes := getRoutes(srv.Routes())
	if len(routes) < 50 || !slices.Contains(routes, floorPath) {
		t.Fatalf("the router lists %d GET routes (%v), not the portal's", len(routes), routes)
	}
	for r := range notMeasured {
		if !slices.Contains(routes, r) {
			t.Errorf("notMeasured names %s, which is no GET route: take it off the list", r)
		}
	}
	who, err := signInAll(hs.URL, p)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := plan(ctx, hs.URL, routes, p.site, who, func(string, string) bool { return true }, t.Logf)
	if err != nil {
		t.Fatalf("the benchmark cannot measure every page: %v", err)
	}
	measured := map[string]bool{}
	for _, pg := range pages {
		if pg.variant {
			continue
		}
		measured[pg.route] = true
		status, _, err := getOnce(hs.URL, pg)
		if err != nil {
			t.Fatal(err)
		}
		if status < 200 || status > 299 {
			t.Errorf("%s (%s, as %s) answered %d", pg.path, pg.route, pg.role, status)
		}
	}
	for _, r := range routes {
		_, excepted := notMeasured[r]
		if !measured[r] && !excepted {
			t.Errorf("GET %s is not measured by the benchmark and not in notMeasured", r)
		}
	}
	// In a district the park's public pages are its site's, and the
	// district's page is measured too.
	district := false
	for _, pg := range pages {
		if pg.label == districtPage {
			district = true
			if status, _, err := getOnce(hs.URL, pg); err != nil || status != 200 {
				t.Errorf("the district's page: %d %v", status, err)
			}
		}
		if pg.role == public && pg.label == "" && views.SitePage(pg.route) && !strings.HasPrefix(pg.path, p.site+"/") {
			t.Errorf("%s is measured at %s, not on the park's site %s", pg.route, pg.path, p.site)
		}
	}
	if p.site == "" || !district {
		t.Errorf("the park of a district of two: site %q, district's page measured: %v", p.site, district)
	}
	t.Logf("%d GET routes: %d measured, %d excepted", len(routes), len(measured), len(notMeasured))
}

// A path is routed as the portal routes it: static segments before
// parameters, files of a parameter's route to it.
func TestMatcherRoutesAsThePortal(t *testing.T) {
	m := newMatcher([]string{"/reports", "/reports/:year", "/reports/definitions", "/workbench/members/:id", "/workbench/members/new", "/workbench/members/:id/next"}, "")
	for path, want := range map[string]string{
		"/reports/2026":               "/reports/:year",
		"/reports/2026.json":          "/reports/:year",
		"/reports/definitions":        "/reports/definitions",
		"/workbench/members/new":      "/workbench/members/new",
		"/workbench/members/m-1":      "/workbench/members/:id",
		"/workbench/members/m-1/next": "/workbench/members/:id/next",
		"/nowhere":                    "",
	} {
		if got := m.route(path); got != want {
			t.Errorf("route(%s) = %q, want %q", path, got, want)
		}
	}
	if got := parentRoute("/workbench/members/:id/next", []string{"/workbench/members", "/workbench/members/:id"}); got != "/workbench/members/:id" {
		t.Errorf("parentRoute = %q", got)
	}
}
