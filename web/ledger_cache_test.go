package web

import (
	"net/http"
	"testing"

	"parkportal/store"
)

// The ledger pages kept in the page cache stay there on the engine: a
// second request of each costs what a second request of the dashboard
// costs (the session and the revision), without building the page again.
func TestCachedLedgerPagesAreServedFromTheCache(t *testing.T) {
	store.EnableStatementCounting()
	ts, c, _ := staffClient(t)
	again := func(path string) int64 {
		t.Helper()
		if res, _ := ts.get(c, path); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		before := ts.Store.Statements()
		ts.get(c, path)
		return ts.Store.Statements() - before
	}
	floor := again("/workbench")
	for _, path := range []string{
		"/workbench/staff",
		"/workbench/staff?role=instructor",
		"/workbench/enterprises",
		"/workbench/enterprises?stage=startup&sort=-employees",
		"/workbench/enterprises/ent-001",
		"/workbench/enterprises/ent-001?done=saved",
		"/workbench/organizations",
		"/workbench/organizations?kind=branch",
		"/workbench/organizations/org-01",
		"/workbench/members/mem-001",
	} {
		if n := again(path); n != floor {
			t.Errorf("%s again: %d statements, the dashboard again %d", path, n, floor)
		}
	}
}
