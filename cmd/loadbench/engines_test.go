package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
)

// A page on PostgreSQL must keep 0.8 of its SQLite ratio, warm and cold,
// each where both engines measured it.
func TestEngineMisses(t *testing.T) {
	sqlite := row{page: page{route: "/brands", role: public}, warm: true, cold: true, warmRatio: 0.9, coldRatio: 0.05}
	for _, c := range []struct {
		name string
		pg   row
		want []string
	}{
		{"both kept", row{warm: true, cold: true, warmRatio: 0.73, coldRatio: 0.041}, nil},
		{"warm below", row{warm: true, cold: true, warmRatio: 0.71, coldRatio: 0.041}, []string{"warm"}},
		{"cold below", row{warm: true, cold: true, warmRatio: 1.2, coldRatio: 0.039}, []string{"cold"}},
		{"errors", row{warm: true, cold: true, warmRatio: 1, coldRatio: 1, nonSuccess: 2}, []string{"errors"}},
		{"cold not measured there", row{warm: true, warmRatio: 1}, nil},
	} {
		r := sqlite
		pg := c.pg
		r.postgres = &pg
		if got := r.engineMisses(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if (row{}).engineMisses() != nil {
		t.Error("a page not measured on PostgreSQL misses nothing")
	}
}

// The harness runs nginx with the deployment's own file: the addresses it
// replaces must be there, and none may be left.
func TestNginxSiteIsTheDeploymentsFile(t *testing.T) {
	conf, err := os.ReadFile("../../" + nginxConf)
	if err != nil {
		t.Fatal(err)
	}
	site, err := nginxSite(string(conf), "portal_cold", "127.0.0.1:9000", [2]string{"127.0.0.1:9001", "127.0.0.1:9002"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"listen 127.0.0.1:9000;", "server 127.0.0.1:9001 ", "server 127.0.0.1:9002 ", "upstream portal_cold {", "proxy_pass http://portal_cold;"} {
		if !strings.Contains(site, want) {
			t.Errorf("no %q in\n%s", want, site)
		}
	}
	for _, gone := range []string{":8080", ":8081", ":8082", "http://portal;"} {
		if strings.Contains(site, gone) {
			t.Errorf("%q left in\n%s", gone, site)
		}
	}
	if _, err := nginxSite("upstream other {}", "x", "a", [2]string{"b", "c"}); err == nil {
		t.Error("a file without the deployment's addresses is refused")
	}
}

// lostWrites finds acknowledged writes the database does not hold.
func TestLostWritesAreCounted(t *testing.T) {
	ctx := context.Background()
	p, err := makePark(ctx, t.TempDir(), parkSetup{enterprises: 40, seed: 1, sizes: parkSizes, secretaries: 2, filings: 1}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	before, err := submittedFilingsAt(ctx, p.db, p.secretaryOrgs)
	if err != nil {
		t.Fatal(err)
	}
	none := acknowledged{saves: map[string]int{"ent-000001": 0}, filings: []int{0, 0}}
	if lost, err := lostWrites(ctx, p.db, p.secretaryOrgs, before, none); err != nil || lost != 0 {
		t.Errorf("nothing acknowledged: %d lost, %v", lost, err)
	}
	// Two saves of an enterprise still at version 1, one filing never made.
	missing := acknowledged{saves: map[string]int{"ent-000001": 2, "ent-000002": 0}, filings: []int{0, 1}}
	if lost, err := lostWrites(ctx, p.db, p.secretaryOrgs, before, missing); err != nil || lost != 3 {
		t.Errorf("two saves and a filing missing: %d lost, %v", lost, err)
	}
}
