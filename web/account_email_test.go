package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parkportal/store"
)

// A secretary sets their own address from the notifications page; a
// malformed one comes back as typed with what is wrong, in Chinese; an
// administrator sets anyone's; each change is in the audit log.
func TestAccountsSetTheirEmail(t *testing.T) {
	ts := newPublicServer(t)
	ts.addUser("sec4", store.RoleSecretary, "org-04")
	ts.addUser("boss", store.RoleAdmin, "")
	clerk := ts.addUser("clerk", store.RoleStaff, "")
	sec, _ := ts.login("sec4", "sec4-password")

	_, body := ts.get(sec, "/org/notifications")
	if doc(t, body).Find(`a[data-testid="email-settings"][href="/account/email"]`).Length() != 1 {
		t.Fatal("the notifications page does not lead to the mail settings")
	}
	_, body = ts.get(sec, "/account/email")
	d := doc(t, body)
	if notices := d.Find(`[data-testid="notices"]`).Text(); !strings.Contains(notices, "退回修改") {
		t.Errorf("a secretary is not told they hear of returned filings: %q", notices)
	}
	if !strings.Contains(body, "尚未配置邮件服务器") {
		t.Error("the page does not say that no mail is sent without a mail server")
	}
	token := ts.csrf(sec, "/account/email")
	res, body := ts.post(sec, "/account/email", url.Values{"_csrf": {token}, "email": {"sec4 at example"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "电子邮箱格式不对") || !strings.Contains(body, `value="sec4 at example"`) {
		t.Fatalf("a malformed address: %d, error shown %v, typed kept %v", res.StatusCode, strings.Contains(body, "电子邮箱格式不对"), strings.Contains(body, `value="sec4 at example"`))
	}
	res, _ = ts.post(sec, "/account/email", url.Values{"_csrf": {token}, "email": {" sec4@example.gov.cn "}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account/email?done=1" {
		t.Fatalf("saving: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = ts.get(sec, "/account/email?done=1")
	if !strings.Contains(body, `value="sec4@example.gov.cn"`) || !strings.Contains(body, "已保存") {
		t.Error("the saved address is not shown")
	}

	admin, _ := ts.login("boss", "boss-password")
	path := "/admin/users/" + itoa(clerk.ID) + "/email"
	if res, _ := ts.get(sec, path); res.StatusCode != http.StatusForbidden {
		t.Errorf("a secretary on %s: %d", path, res.StatusCode)
	}
	res, _ = ts.post(admin, path, url.Values{"_csrf": {ts.csrf(admin, path)}, "email": {"clerk@example.gov.cn"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("an administrator sets a clerk's address: %d", res.StatusCode)
	}
	u, err := ts.Store.UserByID(context.Background(), clerk.ID)
	if err != nil || u.Email != "clerk@example.gov.cn" {
		t.Errorf("the clerk's address: %q, %v", u.Email, err)
	}
	_, body = ts.get(admin, "/admin/users")
	if !strings.Contains(body, "clerk@example.gov.cn") {
		t.Error("the user list does not show the address")
	}
	entries, err := ts.Store.AuditEntries(context.Background(), store.AuditFilter{Collection: "users"})
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, e := range entries {
		if e.Note == "修改电子邮箱" {
			changed++
		}
	}
	if changed != 2 {
		t.Errorf("%d audit entries of address changes, want 2", changed)
	}
}
