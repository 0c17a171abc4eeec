package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// browserForm is what a browser posts from the first form of the page at
// path (its action, and every field as the page fills it in), with
// fields set over it.
func (ts *testServer) browserForm(t testing.TB, c *http.Client, path string, fields url.Values) (string, url.Values) {
	t.Helper()
	res, err := c.Get(ts.HTTP.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	return formOfPage(t, string(b), fields)
}

// formOfPage serialises the first form of a page that posts, as a browser
// would: inputs (checked ones only where checkable), selects, text areas.
func formOfPage(t testing.TB, body string, fields url.Values) (string, url.Values) {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	form := d.Find(`main form[method="post"]`).First()
	if form.Length() == 0 {
		t.Fatal("no form on the page")
	}
	action, _ := form.Attr("action")
	out := url.Values{}
	form.Find("input, select, textarea").Each(func(_ int, in *goquery.Selection) {
		name, ok := in.Attr("name")
		if !ok || name == "" {
			return
		}
		switch {
		case in.Is("select"):
			if v, ok := in.Find("option[selected]").Attr("value"); ok {
				out.Add(name, v)
			} else {
				out.Add(name, in.Find("option").First().AttrOr("value", ""))
			}
		case in.Is("textarea"):
			out.Add(name, in.Text())
		case in.AttrOr("type", "") == "checkbox" || in.AttrOr("type", "") == "radio":
			if _, checked := in.Attr("checked"); checked {
				out.Add(name, in.AttrOr("value", "on"))
			}
		case in.AttrOr("type", "") == "file" || in.AttrOr("type", "") == "submit":
		default:
			out.Add(name, in.AttrOr("value", ""))
		}
	})
	for k, v := range fields {
		out[k] = v
	}
	return action, out
}

// Every edit form, delete confirmation and the member board's next stage
// carries the version it was opened on: two clerks open one record, the
// first saves, and the second's save (or delete) answers 409 with what
// changed and the record's new version, keeping nothing back; saving from
// that page again goes through.
func TestEveryEditFormIsMadeAgainstAVersion(t *testing.T) {
	ts, c, _ := staffClient(t)
	ts.addUser("clerk-b", "staff", "")
	b, _ := ts.login("clerk-b", "clerk-b-password")
	record := func(ledger string) string {
		_, body := ts.get(c, ledger)
		href, ok := doc(t, body).Find(`[data-testid="ledger"] tbody tr th a`).First().Attr("href")
		if !ok {
			t.Fatalf("no record in %s", ledger)
		}
		return href
	}
	var pages []string
	for _, ledger := range []string{"enterprises", "surveys", "organizations", "staff", "services", "members", "activities",
		"platforms", "designations", "brands", "awards", "responsibility"} {
		href := record("/workbench/" + ledger)
		pages = append(pages, href+"/edit")
		if ledger != "enterprises" && ledger != "organizations" { // others refer to these
			pages = append(pages, href+"/delete")
		}
	}
	// An enterprise and an organisation nothing refers to, to delete.
	for path, form := range map[string]url.Values{
		"/workbench/enterprises":   {"id": {"ent-new"}, "name": {"新企业"}, "stage": {"startup"}},
		"/workbench/organizations": {"id": {"org-new"}, "name": {"新支部"}, "kind": {"branch"}, "formed": {"2024-06-01"}, "enterprises": {"ent-003"}},
	} {
		action, f := ts.browserForm(t, c, path+"/new", form)
		res, _ := ts.post(c, action, f)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("new record: %d", res.StatusCode)
		}
		pages = append(pages, path+"/"+form.Get("id")+"/delete")
	}
	pages = append(pages, "/workbench/members/mem-218/next")
	for _, page := range pages {
		t.Run(page, func(t *testing.T) {
			actionA, formA := ts.browserForm(t, c, page, nil)
			actionB, formB := ts.browserForm(t, b, page, nil)
			if formA.Get("version") == "" || formB.Get("version") != formA.Get("version") {
				t.Fatalf("the form names version %q (and %q)", formA.Get("version"), formB.Get("version"))
			}
			if strings.HasSuffix(page, "/delete") {
				// The first clerk changes the record instead.
				edit := strings.TrimSuffix(page, "/delete") + "/edit"
				editAction, editForm := ts.browserForm(t, c, edit, nil)
				if res, _ := ts.post(c, editAction, editForm); res.StatusCode != http.StatusSeeOther {
					t.Fatalf("the first clerk's save: %d", res.StatusCode)
				}
			} else if res, _ := ts.post(c, actionA, formA); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("the first clerk's save: %d", res.StatusCode)
			}
			res, body := ts.post(b, actionB, formB)
			if res.StatusCode != http.StatusConflict {
				t.Fatalf("the second clerk's save against the same version: %d, want 409", res.StatusCode)
			}
			d := doc(t, body)
			if panel := d.Find(`[data-testid="conflict"]`).Text(); !strings.Contains(panel, "clerk") {
				t.Errorf("the conflict panel does not say who changed it: %q", panel)
			}
			var fill url.Values
			if strings.HasSuffix(page, "/next") { // the form now asks for the stage after the one recorded
				fill = url.Values{"date": {"2026-03-02"}}
			}
			action, again := formOfPage(t, body, fill)
			if again.Get("version") == formB.Get("version") {
				t.Fatal("the page after a conflict still names the version the clerk opened")
			}
			if res, _ := ts.post(b, action, again); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("saving again after seeing both: %d", res.StatusCode)
			}
		})
	}
}

// Two clerks, one record: the second sees, field by field, what the first
// changed beside what they typed, and everything they typed is kept; they
// merge and save, and both changes are kept.
func TestTwoClerksOneRecordMerge(t *testing.T) {
	ts, a, _ := staffClient(t)
	ts.addUser("clerk-b", "staff", "")
	b, _ := ts.login("clerk-b", "clerk-b-password")
	const edit = "/workbench/enterprises/ent-001/edit"
	actionA, formA := ts.browserForm(t, a, edit, url.Values{"sector": {"新能源电池"}})
	actionB, formB := ts.browserForm(t, b, edit, url.Values{"employees": {"321"}})
	if res, _ := ts.post(a, actionA, formA); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("clerk A: %d", res.StatusCode)
	}
	res, body := ts.post(b, actionB, formB)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("clerk B: %d, want 409", res.StatusCode)
	}
	d := doc(t, body)
	rows := map[string][]string{}
	d.Find(`[data-testid="conflict-rows"] tbody tr`).Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
		rows[strings.TrimSpace(tr.Find("th").Contents().First().Text())] = cells
	})
	// 您打开时 | 对方保存后（现在） | 您填写的
	if got := rows["所属行业"]; len(got) != 3 || got[1] != "新能源电池" || got[2] == "新能源电池" {
		t.Errorf("the other clerk's change: %v", got)
	}
	if got := rows["员工人数"]; len(got) != 3 || got[2] != "321" {
		t.Errorf("what clerk B typed: %v (rows %v)", got, rows)
	}
	if !strings.Contains(d.Find(`[data-testid="conflict"]`).Text(), "clerk") {
		t.Error("the panel does not name the other clerk")
	}
	if got, _ := d.Find("#employees").Attr("value"); got != "321" {
		t.Errorf("the typed count was kept as %q", got)
	}
	if e := ts.enterprise("ent-001"); e.Sector != "新能源电池" || e.Employees != nil && *e.Employees == 321 {
		t.Fatalf("the refused save was written: %+v", e)
	}
	// Clerk B merges: keeps A's sector, and saves.
	action, merged := formOfPage(t, body, url.Values{"sector": {"新能源电池"}})
	if res, _ := ts.post(b, action, merged); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the merged save: %d", res.StatusCode)
	}
	e := ts.enterprise("ent-001")
	if e.Sector != "新能源电池" || e.Employees == nil || *e.Employees != 321 {
		t.Errorf("after the merge: sector %q, employees %v", e.Sector, e.Employees)
	}
}

// The conflict panel names the records a field refers to, as a record's
// history does, not their ids.
func TestConflictNamesTheRecordsReferredTo(t *testing.T) {
	ts, a, _ := staffClient(t)
	ts.addUser("clerk-b", "staff", "")
	b, _ := ts.login("clerk-b", "clerk-b-password")
	const edit = "/workbench/organizations/org-01/edit"
	o, _, err := ts.Store.OrganizationByID(context.Background(), "org-01")
	if err != nil {
		t.Fatal(err)
	}
	actionA, formA := ts.browserForm(t, a, edit, url.Values{"enterprises": append(o.Enterprises, "ent-099")})
	actionB, formB := ts.browserForm(t, b, edit, url.Values{"secretary": {"王书记"}})
	if res, _ := ts.post(a, actionA, formA); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("clerk A: %d", res.StatusCode)
	}
	res, body := ts.post(b, actionB, formB)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("clerk B: %d, want 409", res.StatusCode)
	}
	names, err := ts.Store.EnterpriseNames(context.Background(), []string{"ent-099"})
	if err != nil || names["ent-099"] == "" {
		t.Fatalf("ent-099's name: %v, %v", names, err)
	}
	panel := doc(t, body).Find(`[data-testid="conflict-rows"]`).Text()
	if !strings.Contains(panel, names["ent-099"]) || strings.Contains(panel, "ent-099") {
		t.Errorf("the panel names the enterprise added as %q", panel)
	}
}
