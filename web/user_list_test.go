package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"parkportal/store"
)

// The user list is a page of users at a time, by name, with the names of
// the secretaries' organisations on it: a park has a secretary for each of
// its organisations.
func TestUserListIsPaged(t *testing.T) {
	if testing.Short() {
		t.Skip("short: slow, it makes more than a page of accounts, each hashing a password")
	}
	ts := newTestServer(t)
	ts.addUser("root", store.RoleAdmin, "")
	for i := range ledgerPageSize + 2 {
		org := fmt.Sprintf("org-%03d", i)
		ts.addOrganization(org, fmt.Sprintf("第%03d党支部", i))
		ts.addUser(fmt.Sprintf("sec%03d", i), store.RoleSecretary, org)
	}
	admin, _ := ts.login("root", "root-password")
	_, body := ts.get(admin, "/admin/users")
	d := doc(t, body)
	if n := d.Find(`[data-testid="user-table"] tbody tr`).Length(); n != ledgerPageSize {
		t.Errorf("the first page lists %d users, want %d", n, ledgerPageSize)
	}
	if caption := d.Find("caption").Text(); !strings.Contains(caption, fmt.Sprintf("%d 个", ledgerPageSize+3)) {
		t.Errorf("the list counts %q, want every user", caption)
	}
	if !strings.Contains(body, "第000党支部") {
		t.Error("the first page does not name sec000's organisation")
	}
	next, ok := d.Find(`[data-testid="pager"] a[rel="next"]`).Attr("href")
	if !ok || next != "/admin/users?page=2" {
		t.Fatalf("next page %q", next)
	}
	_, body = ts.get(admin, next)
	d = doc(t, body)
	if n := d.Find(`[data-testid="user-table"] tbody tr`).Length(); n != 3 {
		t.Errorf("the second page lists %d users, want 3", n)
	}
	if !strings.Contains(body, "第051党支部") || strings.Contains(body, "第000党支部") {
		t.Error("the second page does not name its own secretaries' organisations alone")
	}
	if res, _ := ts.get(admin, "/admin/users?page=3"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a page past the last: %d, want 404", res.StatusCode)
	}
}
