package web

import (
	"net/http"
	"testing"

	"parkportal/store"
)

// With RenderEveryRequest (the load benchmark's cold run) the public and
// staff pages render for every request and the page cache keeps none of
// them; without it, the same requests fill the cache.
func TestRenderEveryRequestKeepsNoPage(t *testing.T) {
	for _, every := range []bool{false, true} {
		ts := newTestServer(t)
		ts.addUser("clerk", store.RoleStaff, "")
		if every {
			ts.Server.RenderEveryRequest()
		}
		staff, _ := ts.login("clerk", "clerk-password")
		anonymous := ts.client()
		for range 2 {
			for _, get := range []struct {
				c    *http.Client
				path string
			}{{anonymous, "/"}, {anonymous, "/reports"}, {anonymous, "/sitemap.xml"}, {staff, "/"}, {staff, "/workbench"}, {staff, "/workbench/enterprises"}} {
				if res, _ := ts.get(get.c, get.path); res.StatusCode != http.StatusOK {
					t.Fatalf("every=%v: %s answered %s", every, get.path, res.Status)
				}
			}
		}
		entries, _ := ts.Server.pages.stats()
		if every && entries != 0 {
			t.Errorf("rendering every request, the page cache kept %d entries", entries)
		}
		if !every && entries < 5 {
			t.Errorf("with the cache on, it kept %d entries, want the 5 pages", entries)
		}
	}
}
