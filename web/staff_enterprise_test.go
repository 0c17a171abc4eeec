package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
)

// staffClient signs in a staff member on a server holding the demo park
// and returns the client and a CSRF token its forms carry.
func staffClient(t *testing.T) (*testServer, *http.Client, string) {
	t.Helper()
	ts := newPublicServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c, res := ts.login("clerk", "clerk-password")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	return ts, c, ts.csrf(c, "/workbench/enterprises/new")
}

func TestEnterpriseLedgerFiltersSortsAndPages(t *testing.T) {
	ts, c, _ := staffClient(t)
	res, body := ts.get(c, "/workbench/enterprises")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("ledger: %d", res.StatusCode)
	}
	d := doc(t, body)
	rows := d.Find(`[data-testid="ledger"] tbody tr`).Length()
	if rows != ledgerPageSize {
		t.Errorf("page 1 shows %d rows, want %d", rows, ledgerPageSize)
	}
	if !strings.Contains(d.Find("title").Text(), "第1页") {
		t.Errorf("title %q lacks the page number", d.Find("title").Text())
	}
	if d.Find(`[data-testid="pager"] a[rel="next"]`).Length() != 1 {
		t.Error("no link to the next page")
	}
	// A filter shows as a removable tag and narrows the list.
	_, body = ts.get(c, "/workbench/enterprises?stage=startup&coverage=sanyou&q=株洲")
	d = doc(t, body)
	tags := d.Find(`[data-testid="filter-tags"] a.tag`)
	if tags.Length() != 3 {
		t.Errorf("%d filter tags, want 3", tags.Length())
	}
	remove, _ := tags.First().Attr("href")
	if strings.Contains(remove, "q=") || !strings.Contains(remove, "stage=startup") {
		t.Errorf("the search tag removes itself to %q", remove)
	}
	stages := d.Find(`[data-testid="ledger"] tbody tr td:nth-child(3)`)
	if stages.Length() == 0 {
		t.Error("the filtered list shows no enterprise (株洲 start-ups meeting 三有)")
	}
	stages.Each(func(_ int, s *goqueryS) {
		if s.Text() != "初创期" {
			t.Errorf("a filtered row's stage is %q", s.Text())
		}
	})
	// Sorting by employees, descending.
	_, body = ts.get(c, "/workbench/enterprises?sort=-employees")
	first := doc(t, body).Find(`[data-testid="ledger"] tbody tr`).First().Find("td.num").Text()
	_, body = ts.get(c, "/workbench/enterprises?sort=employees")
	last := doc(t, body).Find(`[data-testid="ledger"] tbody tr`).First().Find("td.num").Text()
	if first == "" || last == "" || atoiOr(first) < atoiOr(last) {
		t.Errorf("descending starts at %q, ascending at %q", first, last)
	}
	// Junk in the query is dropped, a page past the end is 404.
	if res, _ := ts.get(c, "/workbench/enterprises?stage=nonsense&sort=drop&page=abc"); res.StatusCode != http.StatusOK {
		t.Errorf("junk query: %d", res.StatusCode)
	}
	if res, _ := ts.get(c, "/workbench/enterprises?page=999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("page 999: %d, want 404", res.StatusCode)
	}
}

// A refused save answers 422 with the summary and each message at its
// field, and every typed value kept and escaped; the fixed save goes to the
// record (303), which the audit log and the public site know at once.
func TestEnterpriseFormRefusesThenSaves(t *testing.T) {
	ts, c, token := staffClient(t)
	form := url.Values{
		"_csrf": {token}, "id": {"ent-new-1"}, "name": {"株洲<b>新</b>科技有限公司"}, "credit_code": {"914403001922038217"},
		"stage": {"startup"}, "employees": {"十二"}, "sector": {"新材料"}, "founded": {"2024-02-30"},
		"stage_history.stage": {"startup", ""}, "stage_history.since": {"2024/01/01", ""},
	}
	res, body := ts.post(c, "/workbench/enterprises", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("refused save: %d, want 422", res.StatusCode)
	}
	d := doc(t, body)
	summary := d.Find(`[data-testid="error-summary"] li`)
	for _, field := range []string{"credit_code", "employees", "founded", "stage_history-1-since"} {
		if d.Find("#"+field+"-error").Length() != 1 {
			t.Errorf("no message at %s", field)
		}
		if d.Find(`[data-testid="error-summary"] a[href="#`+field+`"]`).Length() != 1 {
			t.Errorf("the summary does not link to %s", field)
		}
	}
	if summary.Length() != 4 {
		t.Errorf("%d problems in the summary, want 4:\n%s", summary.Length(), summary.Text())
	}
	if msg := d.Find("#credit_code-error").Text(); !strings.Contains(msg, "统一社会信用代码") || strings.Contains(msg, "credit_code") {
		t.Errorf("the credit code message %q is not in the clerk's words", msg)
	}
	if got, _ := d.Find("#name").Attr("value"); got != "株洲<b>新</b>科技有限公司" {
		t.Errorf("name kept as %q", got)
	}
	if strings.Contains(body, "<b>新</b>") {
		t.Error("the typed name is not escaped")
	}
	for id, want := range map[string]string{"employees": "十二", "credit_code": "914403001922038217", "founded": "2024-02-30", "stage_history-1-since": "2024/01/01"} {
		if got, _ := d.Find("#" + id).Attr("value"); got != want {
			t.Errorf("%s kept as %q, want %q", id, got, want)
		}
	}
	if _, _, err := ts.Store.EnterpriseByID(context.Background(), "ent-new-1"); err == nil {
		t.Error("a refused save wrote the enterprise")
	}

	form.Set("credit_code", "914403001922038216")
	form.Set("employees", "12")
	form.Set("founded", "2024-02-01")
	form["stage_history.since"] = []string{"2024-01-01", ""}
	res, _ = ts.post(c, "/workbench/enterprises", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/workbench/enterprises/ent-new-1?done=saved" {
		t.Fatalf("save: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = ts.get(c, "/workbench/enterprises/ent-new-1?done=saved")
	d = doc(t, body)
	if d.Find(`[data-testid="notice"]`).Length() != 1 || !strings.Contains(d.Find(`[data-testid="summary"]`).Text(), "914403001922038216") {
		t.Error("the record page does not show the saved enterprise")
	}
	if !strings.Contains(d.Find(`[data-testid="history"]`).Text(), "新建") || !strings.Contains(d.Find(`[data-testid="history"]`).Text(), "clerk") {
		t.Errorf("the history lacks the creation: %s", d.Find(`[data-testid="history"]`).Text())
	}

	// An edit shows in the history field by field and on the public site
	// at the next request.
	edit := ts.csrf(c, "/workbench/enterprises/ent-001/edit")
	_, body = ts.get(c, "/workbench/enterprises/ent-001/edit")
	d = doc(t, body)
	change := url.Values{"_csrf": {edit}}
	d.Find(`[data-testid="enterprise-form"] input, [data-testid="enterprise-form"] select`).Each(func(_ int, s *goqueryS) {
		name, _ := s.Attr("name")
		if name == "" || name == "_csrf" {
			return
		}
		v, _ := s.Attr("value")
		if s.Is("select") {
			v, _ = s.Find("option[selected]").Attr("value")
		}
		change.Add(name, v)
	})
	change.Set("name", "湖南立方新能源科技股份有限公司")
	if _, public := ts.anon("/enterprises/ent-001"); !strings.Contains(public, "湖南立方新能源科技有限责任公司") {
		t.Fatal("the public page does not show the old name first")
	}
	res, _ = ts.post(c, "/workbench/enterprises/ent-001", change)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	_, body = ts.get(c, "/workbench/enterprises/ent-001")
	history := doc(t, body).Find(`[data-testid="history"]`).Text()
	if !strings.Contains(history, "修改") || !strings.Contains(history, "湖南立方新能源科技有限责任公司") || !strings.Contains(history, "湖南立方新能源科技股份有限公司") {
		t.Errorf("the history does not show the change of name: %s", history)
	}
	if _, public := ts.anon("/enterprises/ent-001"); !strings.Contains(public, "湖南立方新能源科技股份有限公司") {
		t.Error("the public page does not show the new name at the next request")
	}
}

// An enterprise others refer to is not deleted; the page says by what. One
// nothing refers to is, behind a confirmation.
func TestEnterpriseDeleteIsConfirmedAndRefusedWhileReferenced(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.get(c, "/workbench/enterprises/ent-001/delete")
	if refusal := doc(t, body).Find(`[data-testid="delete-refused"]`).Text(); !strings.Contains(refusal, "社会责任") {
		t.Errorf("the confirmation page does not say what refers to ent-001: %q", refusal)
	}
	res, body := ts.post(c, "/workbench/enterprises/ent-001/delete", url.Values{"_csrf": {token}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "不能删除") {
		t.Errorf("delete of a referenced enterprise: %d", res.StatusCode)
	}
	if _, _, err := ts.Store.EnterpriseByID(context.Background(), "ent-001"); err != nil {
		t.Errorf("the refused delete removed it: %v", err)
	}
	ts.post(c, "/workbench/enterprises", url.Values{"_csrf": {token}, "id": {"ent-gone"}, "name": {"待删除企业"}, "stage": {"startup"}})
	_, body = ts.get(c, "/workbench/enterprises/ent-gone/delete")
	if doc(t, body).Find(`form[action="/workbench/enterprises/ent-gone/delete"] button`).Length() != 1 {
		t.Fatal("no confirmation button")
	}
	res, _ = ts.post(c, "/workbench/enterprises/ent-gone/delete", ts.opened(c, "/workbench/enterprises/ent-gone/delete", nil))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if res, _ := ts.get(c, "/workbench/enterprises/ent-gone"); res.StatusCode != http.StatusNotFound {
		t.Errorf("the deleted enterprise's page: %d, want 404", res.StatusCode)
	}
	entries := ts.audit(store.AuditFilter{Collection: "enterprises"})
	if len(entries) != 2 || entries[0].Action != store.ActionDelete || entries[0].Title != "待删除企业" {
		t.Errorf("audit entries = %+v", entries)
	}
}

// A survey is recorded from the enterprise's page; unanswered questions
// come back as problems at their fields.
func TestSurveyForm(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.get(c, "/workbench/enterprises/ent-001")
	add, _ := doc(t, body).Find(`a[href^="/workbench/surveys/new"]`).Attr("href")
	if add != "/workbench/surveys/new?enterprise=ent-001" {
		t.Fatalf("the link to record a survey is %q", add)
	}
	res, body := ts.post(c, "/workbench/surveys", url.Values{"_csrf": {token}, "enterprise": {"ent-001"}, "date": {"2024-03-01"}, "employees": {"x"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("refused survey: %d", res.StatusCode)
	}
	d := doc(t, body)
	for _, f := range []string{"fixed_premises", "operating", "employees"} {
		if d.Find("#"+f+"-error").Length() != 1 {
			t.Errorf("no message at %s", f)
		}
	}
	if got, _ := d.Find("#date").Attr("value"); got != "2024-03-01" {
		t.Errorf("date kept as %q", got)
	}
	res, _ = ts.post(c, "/workbench/surveys", url.Values{"_csrf": {token}, "enterprise": {"ent-001"}, "date": {"2024-03-01"},
		"fixed_premises": {"true"}, "employees": {"15"}, "operating": {"true"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("survey: %d", res.StatusCode)
	}
	_, body = ts.get(c, res.Header.Get("Location"))
	if !strings.Contains(doc(t, body).Find(`[data-testid="summary"]`).Text(), "符合“三有”待组建") {
		t.Error("the enterprise does not show as meeting 三有 after the survey")
	}
	if res, _ := ts.post(c, "/workbench/surveys", url.Values{"_csrf": {token}, "enterprise": {"nope"}, "date": {"2024-03-01"},
		"fixed_premises": {"true"}, "employees": {"15"}, "operating": {"true"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a survey of no enterprise: %d, want 404", res.StatusCode)
	}
}

// Every /workbench route refuses anonymous visitors (sent to sign in, or
// 403 for a form) and secretaries (403), and changes nothing.
func TestWorkbenchRoutesRefuseSecretariesAndVisitors(t *testing.T) {
	ts := newPublicServer(t)
	ts.addOrganization("org-x", "某党支部")
	ts.addUser("sec", store.RoleSecretary, "org-x")
	sec, _ := ts.login("sec", "sec-password")
	secToken := ts.csrf(sec, "/org")
	// A staff member's visits fill the workspace's cache first: what is
	// cached is still behind the role check.
	ts.addUser("clerk", store.RoleStaff, "")
	clerk, _ := ts.login("clerk", "clerk-password")
	clerkToken := ts.csrf(clerk, "/workbench/enterprises/new")
	// A visitor with a good CSRF token of their own, so that what refuses
	// their posts is the role check, not the token check.
	anon := ts.client()
	anonToken := ts.csrf(anon, "/login")
	rev := ts.revision()
	form := func(token string) url.Values {
		return url.Values{"_csrf": {token}, "id": {"ent-001"}, "name": {"被改了"}, "stage": {"startup"},
			"username": {"planted"}, "role": {"admin"}, "password": {"a-long-password"}}
	}
	workbench, admin := 0, 0
	for _, r := range ts.Server.echo.Routes() {
		isWorkbench := r.Path == "/workbench" || strings.HasPrefix(r.Path, "/workbench/")
		isAdmin := strings.HasPrefix(r.Path, "/admin/")
		if !isWorkbench && !isAdmin {
			continue
		}
		if isWorkbench {
			workbench++
		} else {
			admin++
		}
		path := strings.NewReplacer(":id", "ent-001", ":key", "1").Replace(r.Path)
		// Who must be refused: visitors and secretaries everywhere here,
		// staff too on the admin pages.
		refused := map[string]struct {
			c     *http.Client
			token string
		}{"secretary": {sec, secToken}}
		if isAdmin {
			refused["staff"] = struct {
				c     *http.Client
				token string
			}{clerk, clerkToken}
		}
		switch r.Method {
		case http.MethodGet:
			ts.get(clerk, path)
			res, _ := ts.get(anon, path)
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
				t.Errorf("anonymous GET %s: %d to %q", path, res.StatusCode, res.Header.Get("Location"))
			}
			for who, v := range refused {
				if res, _ := ts.get(v.c, path); res.StatusCode != http.StatusForbidden {
					t.Errorf("%s GET %s: %d, want 403", who, path, res.StatusCode)
				}
			}
		default:
			if res, _ := ts.post(anon, path, form(anonToken)); res.StatusCode != http.StatusForbidden {
				t.Errorf("anonymous %s %s with a good token: %d, want 403", r.Method, path, res.StatusCode)
			}
			for who, v := range refused {
				if res, _ := ts.post(v.c, path, form(v.token)); res.StatusCode != http.StatusForbidden {
					t.Errorf("%s %s %s: %d, want 403", who, r.Method, path, res.StatusCode)
				}
			}
		}
	}
	if workbench < 25 || admin < 7 {
		t.Errorf("only %d workbench and %d admin routes checked", workbench, admin)
	}
	if after := ts.revision(); after != rev {
		t.Error("refused requests changed the records")
	}
	if _, err := ts.Store.UserByUsername(context.Background(), "planted"); err == nil {
		t.Error("a refused request created a user")
	}
}

type goqueryS = goquery.Selection

func atoiOr(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// The error summary lists problems in the order of the form's fields.
func TestErrorSummaryFollowsTheForm(t *testing.T) {
	ts, c, token := staffClient(t)
	_, body := ts.post(c, "/workbench/surveys", url.Values{"_csrf": {token}, "enterprise": {"ent-001"}, "employees": {"十个"}})
	var got []string
	doc(t, body).Find(`[data-testid="error-summary"] a`).Each(func(_ int, s *goqueryS) {
		href, _ := s.Attr("href")
		got = append(got, href)
	})
	if want := []string{"#date", "#fixed_premises", "#employees", "#operating"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("summary order %v, want %v", got, want)
	}
}

// A form refuses what the import of its export would: a NUL, or a text
// past the import's limit, said at its field.
func TestEnterpriseFormRefusesTextTheImportWould(t *testing.T) {
	ts, c, token := staffClient(t)
	for _, name := range []string{"甲\x00乙科技有限公司", strings.Repeat("长", 30000)} {
		res, body := ts.post(c, "/workbench/enterprises", url.Values{"_csrf": {token}, "id": {"ent-t1"}, "name": {name}, "stage": {"startup"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc(t, body).Find("#name-error").Text(), "企业名称") {
			t.Errorf("name of %d bytes: %d, %q", len(name), res.StatusCode, doc(t, body).Find("#name-error").Text())
		}
	}
}
