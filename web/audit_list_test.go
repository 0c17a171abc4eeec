package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parkportal/store"
)

// Admins read the whole audit log, filtered by user, collection and date;
// staff may not.
func TestAuditLogForAdmins(t *testing.T) {
	ts, c, token := staffClient(t)
	ts.post(c, "/workbench/enterprises", url.Values{"_csrf": {token}, "id": {"ent-a1"}, "name": {"审计测试<企业>"}, "stage": {"startup"}})
	if res, _ := ts.get(c, "/admin/audit"); res.StatusCode != http.StatusForbidden {
		t.Errorf("staff on /admin/audit: %d, want 403", res.StatusCode)
	}
	ts.addUser("boss", store.RoleAdmin, "")
	admin, _ := ts.login("boss", "boss-password")
	_, body := ts.get(admin, "/admin/audit")
	rows := doc(t, body).Find(`[data-testid="audit-table"] tbody tr`)
	if rows.Length() != 2 {
		t.Fatalf("%d entries, want the import and the new enterprise", rows.Length())
	}
	first := rows.First().Text()
	if !strings.Contains(first, "clerk") || !strings.Contains(first, "新建") || !strings.Contains(first, "审计测试<企业>") {
		t.Errorf("the newest entry reads %q", first)
	}
	if strings.Contains(body, "审计测试<企业>") {
		t.Error("a title is not escaped")
	}
	_, body = ts.get(admin, "/admin/audit?user=clerk&collection=enterprises")
	d := doc(t, body)
	if n := d.Find(`[data-testid="audit-table"] tbody tr`).Length(); n != 1 {
		t.Errorf("filtered by clerk and enterprises: %d rows, want 1", n)
	}
	if n := d.Find(`[data-testid="filter-tags"] a.tag`).Length(); n != 2 {
		t.Errorf("%d filter tags, want 2", n)
	}
	_, body = ts.get(admin, "/admin/audit?from=2000-01-01&to=2000-01-02")
	if n := doc(t, body).Find(`[data-testid="audit-table"] tbody tr`).Length(); n != 0 {
		t.Errorf("a day long ago shows %d entries", n)
	}
}
