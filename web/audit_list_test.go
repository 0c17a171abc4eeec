package web

import (
	"context"
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
	if rows.Length() != 4 {
		t.Fatalf("%d entries, want the import, the new enterprise and the two accounts", rows.Length())
	}
	saved := rows.Eq(1).Text() // after boss's account
	if !strings.Contains(saved, "clerk") || !strings.Contains(saved, "新建") || !strings.Contains(saved, "审计测试<企业>") {
		t.Errorf("the enterprise's entry reads %q", saved)
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

// Creating, disabling, enabling an account and resetting its password
// each show in the log as 账号, naming the account, what was done and the
// admin who did it, and never the password.
func TestAccountChangesShowInTheAuditLog(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("root", store.RoleAdmin, "")
	admin, _ := ts.login("root", "root-password")
	token := ts.csrf(admin, "/admin/users/new")
	if res, _ := ts.post(admin, "/admin/users", url.Values{"_csrf": {token}, "username": {"zhang"}, "role": {"staff"}, "password": {"first-password-9"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	u, err := ts.Store.UserByUsername(context.Background(), "zhang")
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ path, password string }{
		{"/disable", ""}, {"/enable", ""}, {"/password", "second-password-9"},
	} {
		form := url.Values{"_csrf": {token}}
		if step.password != "" {
			form.Set("password", step.password)
		}
		if res, _ := ts.post(admin, "/admin/users/"+itoa(u.ID)+step.path, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d", step.path, res.StatusCode)
		}
	}
	_, body := ts.get(admin, "/admin/audit?collection=users&user=root")
	rows := doc(t, body).Find(`[data-testid="audit-table"] tbody tr`)
	want := []string{"重置密码", "启用账号", "停用账号", "新建账号"}
	if rows.Length() != len(want) {
		t.Fatalf("%d account entries by root, want %d", rows.Length(), len(want))
	}
	for i, what := range want {
		row := rows.Eq(i).Text()
		if !strings.Contains(row, "root") || !strings.Contains(row, "账号") || !strings.Contains(row, "zhang") || !strings.Contains(row, what) {
			t.Errorf("entry %d reads %q, want root, 账号, zhang and %s", i, row, what)
		}
	}
	if strings.Contains(body, "first-password-9") || strings.Contains(body, "second-password-9") || strings.Contains(body, "argon2") {
		t.Error("the audit log shows a password or its hash")
	}
}
