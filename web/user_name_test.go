package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// userNameURL is the admin's form for the display name of username, as
// the user list links it.
func userNameURL(t *testing.T, ts *testServer, admin *http.Client, username string) string {
	t.Helper()
	_, body := ts.get(admin, "/admin/users")
	href := ""
	doc(t, body).Find(`[data-testid="user-table"] a`).Each(func(_ int, a *goquery.Selection) {
		if strings.HasSuffix(a.AttrOr("href", ""), "/name") && strings.HasSuffix(a.Text(), "："+username) {
			href = a.AttrOr("href", "")
		}
	})
	if href == "" {
		t.Fatalf("the user list has no name form for %s", username)
	}
	return href
}

// An admin gives users their display names (姓名), on creating them or
// later; the header, a record's history, the review pages and the audit
// log show them in place of login names; the audit log keeps the name an
// author had when they made the change.
func TestDisplayNamesShowWhereUsersAreNamed(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	admin, _ := ts.login("boss", "boss-password")
	res, body := ts.post(admin, "/admin/users", url.Values{"_csrf": {ts.csrf(admin, "/admin/users/new")}, "username": {"zhoumin"},
		"display_name": {"周敏"}, "role": {"staff"}, "password": {"a-long-password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.StatusCode, body)
	}
	_, body = ts.get(admin, "/admin/users")
	if !strings.Contains(doc(t, body).Find(`[data-testid="display-name"]`).Text(), "周敏") {
		t.Error("the user list does not show the new user's name")
	}
	// The secretary gets a name afterwards.
	form := userNameURL(t, ts, admin, "seca")
	res, body = ts.post(admin, form, url.Values{"_csrf": {ts.csrf(admin, form)}, "display_name": {"陈建华"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("naming seca: %d\n%s", res.StatusCode, body)
	}
	// A name with an invisible reordering mark is refused at its field.
	res, body = ts.post(admin, form, url.Values{"_csrf": {ts.csrf(admin, form)}, "display_name": {"陈\u202e建华"}})
	if res.StatusCode != http.StatusUnprocessableEntity || doc(t, body).Find("#display_name-error").Length() != 1 {
		t.Errorf("a name with a control character: %d", res.StatusCode)
	}

	staff, _ := ts.login("zhoumin", "a-long-password")
	for _, page := range []string{"/workbench/enterprises", "/workbench/review"} { // a cached page and one rendered anew
		_, body := ts.get(staff, page)
		if got := doc(t, body).Find(".account a").First().Text(); got != "周敏（园区工作人员）" {
			t.Errorf("%s: the header names the viewer %q", page, got)
		}
	}

	// The secretary files; 周敏 returns it; the review pages name both.
	token := ts.csrf(secA, "/org/activities/new")
	filing := activityFiling(token, "党课进车间")
	filing.Set("action", "submit")
	res, _ = ts.postMultipart(secA, "/org/activities", filing, nil)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	review := "/workbench/review/" + m[1]
	if res, _ := ts.post(staff, review+"/return", url.Values{"_csrf": {ts.csrf(staff, review)}, "version": {"1"}, "comment": {"请补充照片"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", res.StatusCode)
	}
	_, body = ts.get(staff, review)
	if text := doc(t, body).Find("main").Text(); !strings.Contains(text, "陈建华 提交") || !strings.Contains(text, "已退回（周敏）") {
		t.Errorf("the review page's versions: %q", text)
	}
	_, body = ts.get(secA, "/org/filings/"+m[1])
	if text := doc(t, body).Find("main").Text(); !strings.Contains(text, "已退回（周敏）") || strings.Contains(text, "zhoumin") {
		t.Errorf("the secretary's filing page: %q", text)
	}

	// 周敏 edits an organisation: its history names her.
	edit := "/workbench/organizations/org-04/edit"
	_, body = ts.get(staff, edit)
	_, values := formOfPage(t, body, nil)
	values.Set("secretary", "陈建华")
	if res, body := ts.post(staff, "/workbench/organizations/org-04", values); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", res.StatusCode, body)
	}
	_, body = ts.get(staff, "/workbench/organizations/org-04")
	if who := doc(t, body).Find(`[data-testid="history"] .timeline-title`).First().Text(); !strings.Contains(who, "周敏") {
		t.Errorf("the history names the editor %q", who)
	}

	// Renamed, 周敏 is 周敏华 from now on; the log keeps what she was called.
	form = userNameURL(t, ts, admin, "zhoumin")
	if res, _ := ts.post(admin, form, url.Values{"_csrf": {ts.csrf(admin, form)}, "display_name": {"周敏华"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", res.StatusCode)
	}
	_, body = ts.get(staff, "/workbench/review")
	if got := doc(t, body).Find(".account a").First().Text(); got != "周敏华（园区工作人员）" {
		t.Errorf("after the rename the header says %q", got)
	}
	_, body = ts.get(admin, "/admin/audit?user=zhoumin")
	rows := doc(t, body).Find(`[data-testid="audit-table"] tbody tr`)
	if rows.Length() < 2 {
		t.Fatalf("zhoumin's audit entries: %d", rows.Length())
	}
	rows.Each(func(_ int, r *goquery.Selection) {
		if who := r.Find("td").Eq(1).Text(); !strings.Contains(who, "周敏") || strings.Contains(who, "周敏华") || !strings.Contains(who, "zhoumin") {
			t.Errorf("an entry of zhoumin's names its author %q", who)
		}
	})
	_, body = ts.get(admin, "/admin/audit")
	if text := doc(t, body).Find(`[data-testid="audit-table"] tbody tr`).First().Text(); !strings.Contains(text, "账号") || !strings.Contains(text, "zhoumin") {
		t.Errorf("the rename's entry: %q", text)
	}
}
