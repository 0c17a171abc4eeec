package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parkportal/store"
)

// The demonstration park's organisations the tests pick: 翼智 names one,
// 峻 is in four names, 长沙 in none.
const (
	pickedOrgID   = "org-10"
	pickedOrgName = "株洲翼智微电子有限责任公司党支部"
	// unrelatedOrgName is an organisation no page has a reason to show.
	unrelatedOrgName = "株洲无关测试科技有限公司党支部"
)

// pickerClients are a staff and an admin client on the demonstration park
// with one organisation more, which nothing refers to.
func pickerClients(t *testing.T) (ts *testServer, staff, admin *http.Client, token string) {
	t.Helper()
	ts, staff, token = staffClient(t)
	ts.addOrganization("org-unrelated", unrelatedOrgName)
	ts.addUser("root", store.RoleAdmin, "")
	admin, _ = ts.login("root", "root-password")
	return ts, staff, admin, token
}

// Ledgers, their filters and the forms choose an organisation by typing:
// no page lists the park's organisations.
func TestPagesDoNotListEveryOrganization(t *testing.T) {
	ts, staff, admin, _ := pickerClients(t)
	for _, p := range []struct {
		client *http.Client
		path   string
		field  string
	}{
		{staff, "/workbench/activities", "organizer"},
		{staff, "/workbench/members", "organization"},
		{staff, "/workbench/awards", "organization"},
		{staff, "/workbench/review", "organization"},
		{staff, "/workbench/activities/new", "organizer"},
		{staff, "/workbench/members/new", "organization"},
		{staff, "/workbench/awards/new", "organization"},
		{staff, "/workbench/brands/new", "organization"},
		{admin, "/admin/users/new", "organization"},
	} {
		res, body := ts.get(p.client, p.path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", p.path, res.StatusCode)
		}
		if strings.Contains(body, unrelatedOrgName) {
			t.Errorf("%s lists an organisation it has no reason to show", p.path)
		}
		d := doc(t, body)
		if n := d.Find(`option[value^="org-"]`).Length(); n > 0 {
			t.Errorf("%s offers %d organisations in a select", p.path, n)
		}
		input := d.Find(`input#` + p.field + `[name="` + p.field + `"]`)
		if got := input.AttrOr("data-suggest", ""); got != "/workbench/suggest/organizations" {
			t.Errorf("%s: the %s picker asks %q for suggestions", p.path, p.field, got)
		}
		if list := input.AttrOr("list", ""); list == "" || d.Find("datalist#"+list).Length() != 1 {
			t.Errorf("%s: the %s picker has no datalist (%q)", p.path, p.field, list)
		}
	}
}

// countOf reads a ledger's 共 N … count.
func countOf(t *testing.T, body string) int {
	t.Helper()
	text := doc(t, body).Find(`[data-testid="result-count"]`).Text()
	return atoiOr(strings.Fields(strings.NewReplacer("共", " ", ",", "").Replace(text))[0])
}

// A ledger's organisation filter takes an id or the full name, shows the
// organisation as a removable tag and keeps its id in the list's links;
// a text that names none comes back at the field as typed, filtering
// nothing, with the organisations it could mean as links.
func TestOrganizationFilterTakesANameOrAnID(t *testing.T) {
	ts, c, _, _ := pickerClients(t)
	_, body := ts.get(c, "/workbench/activities")
	all := countOf(t, body)
	for _, typed := range []string{pickedOrgID, pickedOrgName, " " + pickedOrgName + " "} {
		_, body := ts.get(c, "/workbench/activities?organizer="+url.QueryEscape(typed)+"&sort=date")
		d := doc(t, body)
		n := countOf(t, body)
		if n == 0 || n >= all {
			t.Errorf("organizer %q: %d of %d activities", typed, n, all)
		}
		d.Find(`[data-testid="ledger"] tbody tr`).Each(func(_ int, row *goqueryS) {
			if got := row.Find("td").Eq(3).Text(); got != pickedOrgName {
				t.Errorf("organizer %q: a row organised by %q", typed, got)
			}
		})
		tag := d.Find(`[data-testid="filter-tags"] a.tag`).FilterFunction(func(_ int, s *goqueryS) bool {
			return strings.Contains(s.Text(), "组织单位")
		})
		if !strings.Contains(tag.Text(), "组织单位："+pickedOrgName) {
			t.Errorf("organizer %q: tag %q", typed, tag.Text())
		}
		if href := tag.AttrOr("href", ""); strings.Contains(href, "organizer") || !strings.Contains(href, "sort=date") {
			t.Errorf("organizer %q: the tag removes it with %q", typed, href)
		}
		if got := d.Find("#organizer").AttrOr("value", ""); got != pickedOrgName {
			t.Errorf("organizer %q: the field shows %q", typed, got)
		}
		if d.Find("#organizer-error").Length() != 0 {
			t.Errorf("organizer %q: an error at the field", typed)
		}
		// The list's links carry the id, whatever was typed.
		sort := d.Find(`th a[href*="sort="]`).First().AttrOr("href", "")
		if !strings.Contains(sort, "organizer="+pickedOrgID) {
			t.Errorf("organizer %q: a sort link %q", typed, sort)
		}
		if export := d.Find(`[data-testid="export"]`).AttrOr("href", ""); !strings.Contains(export, "organizer="+pickedOrgID) {
			t.Errorf("organizer %q: the export %q", typed, export)
		}
	}

	// Nothing found: the error at the field, the text kept, no filter.
	_, body = ts.get(c, "/workbench/activities?organizer="+url.QueryEscape("长沙<b>"))
	d := doc(t, body)
	if msg := d.Find("#organizer-error").Text(); !strings.Contains(msg, "没有找到名称或编号为“长沙<b>”的党组织") {
		t.Errorf("unknown organiser: message %q", msg)
	}
	if got := d.Find("#organizer").AttrOr("value", ""); got != "长沙<b>" {
		t.Errorf("unknown organiser kept as %q", got)
	}
	if strings.Contains(body, "长沙<b>") {
		t.Error("the typed text is not escaped")
	}
	if got := d.Find("#organizer").AttrOr("aria-describedby", ""); !strings.Contains(got, "organizer-error") {
		t.Errorf("the field is described by %q", got)
	}
	if n := countOf(t, body); n != all {
		t.Errorf("an unknown organiser filters to %d of %d", n, all)
	}
	if d.Find(`[data-testid="filter-tags"]`).Length() != 0 {
		t.Error("an unknown organiser shows a tag")
	}

	// Several: each a link that applies it, with the other filters.
	_, body = ts.get(c, "/workbench/activities?year=2024&organizer="+url.QueryEscape("峻"))
	d = doc(t, body)
	if msg := d.Find("#organizer-error").Text(); !strings.Contains(msg, "没有名称或编号为“峻”的党组织") {
		t.Errorf("several organisers: message %q", msg)
	}
	links := d.Find(`[data-testid="pick-candidates"] a`)
	if links.Length() != 4 {
		t.Fatalf("峻 offers %d organisations, want 4: %q", links.Length(), links.Text())
	}
	links.Each(func(_ int, a *goqueryS) {
		href := a.AttrOr("href", "")
		if !strings.Contains(a.Text(), "峻") || !strings.Contains(href, "organizer=org-") || !strings.Contains(href, "year=2024") {
			t.Errorf("candidate %q links to %q", a.Text(), href)
		}
	})
	_, body = ts.get(c, links.First().AttrOr("href", ""))
	if tags := doc(t, body).Find(`[data-testid="filter-tags"]`).Text(); !strings.Contains(tags, "组织单位："+links.First().Text()) {
		t.Errorf("following a candidate: tags %q", tags)
	}

	// One: the link names it.
	_, body = ts.get(c, "/workbench/activities?organizer="+url.QueryEscape("翼智"))
	if got := doc(t, body).Find(`[data-testid="pick-candidates"] a`).Text(); got != pickedOrgName {
		t.Errorf("翼智 offers %q", got)
	}
}

// The member and award ledgers and the review queue filter by an
// organisation typed the same way.
func TestOtherLedgersFilterByAnOrganizationTyped(t *testing.T) {
	ts, c, _, _ := pickerClients(t)
	for _, l := range []struct{ path, key, tag string }{
		{"/workbench/members", "organization", "所属党组织："},
		{"/workbench/awards", "organization", "党组织："},
		{"/workbench/review?status=published", "organization", "党组织："},
	} {
		sep := "?"
		if strings.Contains(l.path, "?") {
			sep = "&"
		}
		res, body := ts.get(c, l.path+sep+l.key+"="+url.QueryEscape("中共湖南峻鑫电子科技有限公司委员会"))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", l.path, res.StatusCode)
		}
		d := doc(t, body)
		if tags := d.Find(`[data-testid="filter-tags"]`).Text(); !strings.Contains(tags, l.tag+"中共湖南峻鑫电子科技有限公司委员会") {
			t.Errorf("%s by name: tags %q", l.path, tags)
		}
		_, body = ts.get(c, l.path+sep+l.key+"="+url.QueryEscape("长沙"))
		if msg := doc(t, body).Find("#" + l.key + "-error").Text(); !strings.Contains(msg, "没有找到") {
			t.Errorf("%s, unknown: message %q", l.path, msg)
		}
	}
	// The member ledger counts the organisation's members only.
	_, body := ts.get(c, "/workbench/members?organization=org-02")
	byID := doc(t, body).Find(`[data-testid="result-count"]`).Text()
	_, body = ts.get(c, "/workbench/members?organization="+url.QueryEscape("中共湖南峻鑫电子科技有限公司委员会"))
	if byName := doc(t, body).Find(`[data-testid="result-count"]`).Text(); byName != byID || byID == "" {
		t.Errorf("members by name %q, by id %q", byName, byID)
	}
	_, body = ts.get(c, "/workbench/members")
	if all := doc(t, body).Find(`[data-testid="result-count"]`).Text(); all == byID {
		t.Errorf("the filter by organisation changed nothing: %q", all)
	}
}

// A form takes the organisation's full name or id; a text that names none,
// or several, comes back at the field as typed, naming those it could
// mean; the form shows a record's organisation by its name.
func TestFormsPickAnOrganizationByNameOrID(t *testing.T) {
	ts, c, _, _ := pickerClients(t)
	activity := func(organizer string) url.Values {
		return url.Values{"_csrf": {ts.csrf(c, "/workbench/activities/new")}, "title": {"党课" + organizer}, "program": {"brand"}, "kind": {"讲堂"},
			"date": {"2025-06-01"}, "organizer": {organizer}}
	}
	for _, typed := range []string{pickedOrgName, pickedOrgID, ""} {
		res, _ := ts.post(c, "/workbench/activities", activity(typed))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("an activity organised by %q: %d", typed, res.StatusCode)
		}
		entries, err := ts.Store.AuditEntries(context.Background(), store.AuditFilter{Collection: "activities"})
		if err != nil {
			t.Fatal(err)
		}
		var saved store.Activity
		if err := json.Unmarshal(entries[0].After, &saved); err != nil {
			t.Fatal(err)
		}
		want := pickedOrgID
		if typed == "" {
			want = "" // a park-level activity
		}
		if saved.Organizer != want {
			t.Errorf("organizer %q saved as %q, want %q", typed, saved.Organizer, want)
		}
		if typed == pickedOrgID {
			// Its form shows the organisation's name.
			where := strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
			_, body := ts.get(c, where+"/edit")
			if got := doc(t, body).Find("#organizer").AttrOr("value", ""); got != pickedOrgName {
				t.Errorf("the edit form shows the organiser as %q", got)
			}
		}
	}
	for typed, want := range map[string]string{
		"长沙": "组织单位：没有找到名称或编号为“长沙”的党组织",
		"峻":  "组织单位：“峻”对应多个党组织：中共湖南峻泽轨道科技股份有限公司委员会（org-08）",
		"翼智": "组织单位：没有名称或编号为“翼智”的党组织。是否要找“" + pickedOrgName + "”（编号 " + pickedOrgID + "）？",
	} {
		form := activity(typed)
		form.Set("date", "2025-13-01")
		res, body := ts.post(c, "/workbench/activities", form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("organizer %q: %d", typed, res.StatusCode)
		}
		d := doc(t, body)
		if msg := d.Find("#organizer-error").Text(); !strings.Contains(msg, want) {
			t.Errorf("organizer %q: message %q, want %q in it", typed, msg, want)
		}
		if d.Find(`[data-testid="error-summary"] a[href="#organizer"]`).Length() != 1 {
			t.Errorf("organizer %q: the summary does not lead to the field", typed)
		}
		if d.Find("#date-error").Length() != 1 {
			t.Errorf("organizer %q: the date's problem is not shown with it", typed)
		}
		if got := d.Find("#organizer").AttrOr("value", ""); got != typed {
			t.Errorf("organizer %q kept as %q", typed, got)
		}
		if got := d.Find("#title").AttrOr("value", ""); got != "党课"+typed {
			t.Errorf("organizer %q: the title kept as %q", typed, got)
		}
	}

	// The member, award and brand forms and the admin's account form alike.
	member := url.Values{"_csrf": {ts.csrf(c, "/workbench/members/new")}, "id": {"m-pick-1"}, "name": {"张三"}, "birth": {"1990-01-01"},
		"organization": {pickedOrgName}, "applied": {"2025-03-01"}}
	res, _ := ts.post(c, "/workbench/members", member)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/workbench/organizations/"+pickedOrgID+"/members?done=saved" {
		t.Errorf("a member of %s: %d %s", pickedOrgName, res.StatusCode, res.Header.Get("Location"))
	}
	member.Set("id", "m-pick-2")
	member.Set("organization", "峻")
	res, body := ts.post(c, "/workbench/members", member)
	if msg := doc(t, body).Find("#organization-error").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "所属党组织：“峻”对应多个党组织") {
		t.Errorf("a member of 峻: %d %q", res.StatusCode, msg)
	}
	award := url.Values{"_csrf": {ts.csrf(c, "/workbench/awards/new")}, "organization": {pickedOrgName}, "kind": {"benchmark_org"}, "level": {"city"}, "year": {"2025"}}
	res, body = ts.post(c, "/workbench/awards", award)
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("an award of %s: %d %s", pickedOrgName, res.StatusCode, doc(t, body).Find(`[data-testid="error-summary"]`).Text())
	} else if _, body := ts.get(c, res.Header.Get("Location")); !strings.Contains(body, pickedOrgName) {
		t.Error("the award's page does not name its organisation")
	}
	award.Set("organization", "长沙")
	award.Set("year", "二〇二五")
	res, body = ts.post(c, "/workbench/awards", award)
	d := doc(t, body)
	if msg := d.Find("#organization-error").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "没有找到") || d.Find("#year-error").Length() != 1 {
		t.Errorf("an award of 长沙: %d %q, year's message %q", res.StatusCode, msg, d.Find("#year-error").Text())
	}
	brand := url.Values{"_csrf": {ts.csrf(c, "/workbench/brands/new")}, "organization": {"长沙"}, "name": {"翼智先锋"}, "launched": {"2025-01-01"}, "status": {"published"}}
	res, body = ts.post(c, "/workbench/brands", brand)
	if msg := doc(t, body).Find("#organization-error").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "党组织：没有找到") {
		t.Errorf("a brand of 长沙: %d %q", res.StatusCode, msg)
	}
	brand.Set("organization", "org-unrelated")
	if res, body := ts.post(c, "/workbench/brands", brand); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a brand of org-unrelated: %d %s", res.StatusCode, doc(t, body).Find(`[data-testid="error-summary"]`).Text())
	}
}

// An admin binds a secretary's account to an organisation by its name; a
// name that is no organisation's comes back at the field.
func TestAdminPicksASecretarysOrganization(t *testing.T) {
	ts, _, admin, _ := pickerClients(t)
	token := ts.csrf(admin, "/admin/users/new")
	form := url.Values{"_csrf": {token}, "username": {"yizhi"}, "role": {"secretary"}, "organization": {"翼智"}, "password": {"short"}}
	res, body := ts.post(admin, "/admin/users", form)
	d := doc(t, body)
	if msg := d.Find("#organization-error").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "是否要找“"+pickedOrgName+"”") {
		t.Errorf("a secretary of 翼智: %d %q", res.StatusCode, msg)
	}
	var fields []string
	d.Find(`[data-testid="error-summary"] a`).Each(func(_ int, a *goqueryS) { fields = append(fields, a.AttrOr("href", "")) })
	if strings.Join(fields, " ") != "#organization #password" {
		t.Errorf("the summary lists %v, in the form's order", fields)
	}
	if got := d.Find("#organization").AttrOr("value", ""); got != "翼智" {
		t.Errorf("the organisation kept as %q", got)
	}
	form.Set("organization", pickedOrgName)
	form.Set("password", "a-long-password")
	if res, _ := ts.post(admin, "/admin/users", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a secretary of %s: %d", pickedOrgName, res.StatusCode)
	}
	users, _, err := ts.Store.Users(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Username == "yizhi" && u.Organization != pickedOrgID {
			t.Errorf("the secretary is bound to %q", u.Organization)
		}
	}
	if _, body := ts.get(admin, "/admin/users"); !strings.Contains(body, pickedOrgName) || strings.Contains(body, unrelatedOrgName) {
		t.Error("the user list does not name the secretary's organisation, or names one no user has")
	}
}

// The suggestions: staff's, JSON, at most 20, by any part of the name or
// the id.
func TestSuggestOrganizations(t *testing.T) {
	ts, c, _, _ := pickerClients(t)
	suggest := func(q string) []struct{ ID, Name string } {
		t.Helper()
		res, body := ts.get(c, "/workbench/suggest/organizations?q="+url.QueryEscape(q))
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "application/json") || res.Header.Get("Cache-Control") != "private, no-store" {
			t.Fatalf("suggest %q: %d %s %s", q, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
		}
		var got []struct{ ID, Name string }
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("suggest %q: %s (%v)", q, body, err)
		}
		return got
	}
	if got := suggest("翼智"); len(got) != 1 || got[0].ID != pickedOrgID || got[0].Name != pickedOrgName {
		t.Errorf("翼智: %v", got)
	}
	if got := suggest("org-10"); len(got) == 0 || got[0].ID != pickedOrgID {
		t.Errorf("org-10: %v", got)
	}
	if got := suggest("峻"); len(got) != 4 {
		t.Errorf("峻: %v", got)
	}
	if got := suggest("株洲"); len(got) != suggestionLimit {
		t.Errorf("株洲: %d suggestions, want the limit %d", len(got), suggestionLimit)
	}
	if got := suggest(""); len(got) != 0 {
		t.Errorf("nothing typed: %v", got)
	}
	if got := suggest(strings.Repeat("峻", 5000)); len(got) != 0 {
		t.Errorf("a long text: %v", got)
	}
}
