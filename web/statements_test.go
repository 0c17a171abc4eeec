package web

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"parkportal/store"
	"parkportal/store/demo"
)

// staffPages are the staff pages whose statements are counted: each must
// cost the same on a small and a large park.
var staffPages = []string{
	"/workbench",
	"/workbench/enterprises",
	"/workbench/enterprises?stage=startup&coverage=sanyou&sort=-employees",
	"/workbench/enterprises?page=2",
	"/workbench/enterprises/ent-000002",
	"/workbench/enterprises/ent-000002/edit",
	"/workbench/pipeline",
	"/workbench/organizations",
	"/workbench/organizations/org-00001",
	"/workbench/organizations/org-00001/members",
	"/workbench/staff",
	"/workbench/services/savings",
	"/workbench/surveys",
	"/workbench/members",
	"/workbench/members?stage=full",
	"/workbench/services",
	"/workbench/services?kind=equipment&year=2024",
	"/workbench/activities",
	"/workbench/activities?program=brand&year=2024",
	"/workbench/activities/1",
	"/workbench/activities/1/edit",
	"/workbench/platforms",
	"/workbench/designations",
	"/workbench/brands",
	"/workbench/brands/1",
	"/workbench/awards",
	"/workbench/awards/1",
	"/workbench/responsibility",
	"/workbench/responsibility/1",
	"/workbench/services/1",
	"/workbench/surveys/1",
	"/workbench/staff/new",
}

// statementsPerPage counts the statements each staff page prepares on a
// generated park of n enterprises, after one request to warm up, with the
// page cache emptied so that the page is built again.
func statementsPerPage(t *testing.T, n int) map[string]int64 {
	t.Helper()
	store.EnableStatementCounting()
	ts := newTestServer(t)
	var doc bytes.Buffer
	if err := demo.Generate(&doc, n, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Store.Import(context.Background(), &doc, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ts.addUser("clerk", store.RoleStaff, "")
	c, _ := ts.login("clerk", "clerk-password")
	out := map[string]int64{}
	for _, p := range staffPages {
		if res, _ := ts.get(c, p); res.StatusCode != http.StatusOK {
			t.Fatalf("%s on a park of %d: %d", p, n, res.StatusCode)
		}
		ts.Server.pages.drop()
		before := ts.Store.Statements()
		ts.get(c, p)
		out[p] = ts.Store.Statements() - before
	}
	return out
}

// Queries per page do not grow with the park: every staff page prepares
// as many statements on a park of 2,000 enterprises as on one of 200.
func TestStaffPagesCostTheSameOnAnyPark(t *testing.T) {
	if testing.Short() {
		t.Skip("short: builds two parks, of 200 and 2,000 enterprises")
	}
	small, large := statementsPerPage(t, 200), statementsPerPage(t, 2000)
	for _, p := range staffPages {
		t.Logf("%-70s %3d statements", p, small[p])
		if small[p] == 0 {
			t.Errorf("%s: no statements counted", p)
		}
		if large[p] != small[p] {
			t.Errorf("%s: %d statements on 200 enterprises, %d on 2,000", p, small[p], large[p])
		}
	}
}

// A cached staff page costs only the session and the viewer: its queries
// run once per revision.
func TestCachedStaffPagesCostOnlyTheSession(t *testing.T) {
	store.EnableStatementCounting()
	ts := newPublicServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c, _ := ts.login("clerk", "clerk-password")
	ts.get(c, "/workbench")
	before := ts.Store.Statements()
	ts.get(c, "/workbench")
	if n := ts.Store.Statements() - before; n > 3 {
		t.Errorf("a cached dashboard prepared %d statements, want the session's and the viewer's", n)
	}
}
