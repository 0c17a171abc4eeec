package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parkportal/store"
)

func TestAdminCreatesAUserWhoCanSignIn(t *testing.T) {
	ts := newTestServer(t)
	ts.addOrganization("org-7", "乙公司党支部")
	ts.addUser("root", store.RoleAdmin, "")
	admin, _ := ts.login("root", "root-password")
	token := ts.csrf(admin, "/admin/users/new")
	res, _ := ts.post(admin, "/admin/users", url.Values{"_csrf": {token}, "username": {"newsec"}, "role": {"secretary"}, "organization": {"org-7"}, "password": {"a-long-password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	_, body := ts.get(admin, res.Header.Get("Location"))
	if !strings.Contains(body, "用户已创建") || !strings.Contains(body, "乙公司党支部") {
		t.Error("the list does not confirm the new user and their organisation")
	}
	c, res := ts.login("newsec", "a-long-password")
	if res.Header.Get("Location") != "/org" {
		t.Fatalf("new secretary lands on %q", res.Header.Get("Location"))
	}
	if _, body := ts.get(c, "/org"); !strings.Contains(body, "乙公司党支部") {
		t.Error("secretary does not see their organisation")
	}
}

func TestNewUserFormSaysWhatIsWrongAndKeepsWhatWasTyped(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("root", store.RoleAdmin, "")
	admin, _ := ts.login("root", "root-password")
	token := ts.csrf(admin, "/admin/users/new")
	res, body := ts.post(admin, "/admin/users", url.Values{"_csrf": {token}, "username": {"王<b>书记"}, "role": {"secretary"}, "password": {"short"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	d := doc(t, body)
	if got := d.Find("#username").AttrOr("value", ""); got != "王<b>书记" {
		t.Errorf("username kept as %q", got)
	}
	if strings.Contains(body, "王<b>书记") {
		t.Error("the typed username is not escaped")
	}
	if got := d.Find("#role option[selected]").AttrOr("value", ""); got != "secretary" {
		t.Errorf("role kept as %q", got)
	}
	for _, field := range []string{"organization", "password"} {
		if d.Find("#"+field+"-error").Length() != 1 {
			t.Errorf("no message at field %s", field)
		}
		if d.Find(`[data-testid="error-summary"] a[href="#`+field+`"]`).Length() != 1 {
			t.Errorf("summary does not link to %s", field)
		}
	}
	// A duplicate name is reported at the field.
	_, body = ts.post(admin, "/admin/users", url.Values{"_csrf": {token}, "username": {"root"}, "role": {"staff"}, "password": {"0123456789ab"}})
	if got := doc(t, body).Find("#username-error").Text(); !strings.Contains(got, "已被使用") {
		t.Errorf("duplicate name message = %q", got)
	}
}

func TestAdminResetsAPasswordAndEndsSessions(t *testing.T) {
	ts := newTestServer(t)
	u := ts.addUser("clerk", store.RoleStaff, "")
	ts.addUser("root", store.RoleAdmin, "")
	clerk, _ := ts.login("clerk", "clerk-password")
	admin, _ := ts.login("root", "root-password")
	path := "/admin/users/" + itoa(u.ID) + "/password"
	token := ts.csrf(admin, path)
	if res, body := ts.post(admin, path, url.Values{"_csrf": {token}, "password": {"short"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "至少需要 10 个字符") {
		t.Fatalf("short password: %d", res.StatusCode)
	}
	if res, _ := ts.post(admin, path, url.Values{"_csrf": {token}, "password": {"brand-new-password"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: %d", res.StatusCode)
	}
	if res, _ := ts.get(clerk, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Error("the old session survived a password reset")
	}
	if _, res := ts.login("clerk", "brand-new-password"); res.StatusCode != http.StatusSeeOther {
		t.Error("new password does not work")
	}
	if res, _ := ts.get(admin, "/admin/users/9999/password"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: %d", res.StatusCode)
	}
}

func TestSecretarySeesOnlyTheirOwnOrganization(t *testing.T) {
	ts := newTestServer(t)
	ts.addOrganization("org-a", "甲公司党支部")
	ts.addOrganization("org-b", "乙公司党支部")
	ts.addUser("sec", store.RoleSecretary, "org-a")
	c, _ := ts.login("sec", "sec-password")
	for _, path := range []string{"/org", "/org?id=org-b", "/org?organization=org-b"} {
		_, body := ts.get(c, path)
		if !strings.Contains(body, "甲公司党支部") || strings.Contains(body, "乙公司党支部") {
			t.Errorf("%s: secretary sees another organisation", path)
		}
	}
	if _, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "x", Role: store.RoleSecretary, Organization: "org-none", Password: "0123456789"}); err == nil {
		t.Error("a secretary bound to an unknown organisation was created")
	}
}

func TestAdminCannotDisableThemselves(t *testing.T) {
	ts := newTestServer(t)
	me := ts.addUser("root", store.RoleAdmin, "")
	other := ts.addUser("clerk", store.RoleStaff, "")
	admin, _ := ts.login("root", "root-password")
	_, body := ts.get(admin, "/admin/users")
	d := doc(t, body)
	if d.Find(`form[action="/admin/users/`+itoa(me.ID)+`/disable"]`).Length() != 0 {
		t.Error("the list offers to disable the signed-in admin")
	}
	if d.Find(`form[action="/admin/users/`+itoa(other.ID)+`/disable"]`).Length() != 1 {
		t.Error("the list does not offer to disable another user")
	}
	token := ts.csrf(admin, "/admin/users")
	if res, _ := ts.post(admin, "/admin/users/"+itoa(me.ID)+"/disable", url.Values{"_csrf": {token}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("self-disable: %d, want 400", res.StatusCode)
	}
}
