package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
)

// isoDate finds a date written as 2024-07-24, which no page for people
// should show.
var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// A record's history names the records it refers to (enterprises,
// organisations), never their ids; a list that changed says what it
// gained and lost; dates read 2024年7月24日.
func TestHistoryNamesRecordsAndSaysWhatAListGained(t *testing.T) {
	ts, c, token := staffClient(t)
	edit := "/workbench/organizations/org-01/edit"
	_, body := ts.get(c, edit)
	_, form := formOfPage(t, body, nil)
	covered := slices.DeleteFunc(form["enterprises"], func(e string) bool { return e == "" })
	// An enterprise no organisation covers yet, to add.
	var added string
	for _, cov := range []store.Coverage{store.CoverageNone, store.CoverageSurveyed, store.CoverageSanyou} {
		rows, _, err := ts.Store.EnterpriseLedger(context.Background(), store.EnterpriseFilter{Coverage: cov, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) > 0 {
			added = rows[0].ID
			break
		}
	}
	if len(covered) == 0 || added == "" {
		t.Fatalf("org-01 covers %q; no enterprise to add", covered)
	}
	names, err := ts.Store.EnterpriseNames(context.Background(), append([]string{added}, covered...))
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range [][]string{append(slices.Clone(covered), added), covered} {
		_, body := ts.get(c, edit) // each save names the version it was opened on
		_, form := formOfPage(t, body, nil)
		form.Set("_csrf", token)
		form["enterprises"] = list
		if res, body := ts.post(c, "/workbench/organizations/org-01", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving org-01 with %q: %d\n%s", list, res.StatusCode, body)
		}
	}
	_, body = ts.get(c, "/workbench/organizations/org-01")
	history := doc(t, body).Find(`[data-testid="history"]`)
	text := history.Text()
	for _, want := range []string{"增加：" + names[added], "去掉：" + names[added]} {
		if !strings.Contains(text, want) {
			t.Errorf("the organisation's history does not say %q: %q", want, text)
		}
	}
	if strings.Contains(text, "ent-") || strings.Contains(text, names[covered[0]]+"、") {
		t.Errorf("the organisation's history shows ids or whole lists: %q", text)
	}

	// A member's organisation and enterprise by name, dates in words.
	_, body = ts.get(c, "/workbench/members/new?organization=org-01")
	_, form = formOfPage(t, body, nil)
	form.Set("_csrf", token)
	form.Set("name", "王小明")
	form.Set("birth", "1990-05-01")
	form.Set("organization", "org-01")
	form.Set("enterprise", covered[0])
	form.Set("management", "true")
	form.Set("applied", "2024-07-24")
	res, body := ts.post(c, "/workbench/members", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new member: %d\n%s", res.StatusCode, body)
	}
	_, body = ts.get(c, staffMemberHref(form.Get("id")))
	text = doc(t, body).Find(`[data-testid="history"]`).Text()
	for _, want := range []string{"中共株洲瑞源智能装备股份有限公司委员会", names[covered[0]], "2024年7月24日"} {
		if !strings.Contains(text, want) {
			t.Errorf("the member's history does not show %q: %q", want, text)
		}
	}
	if strings.Contains(text, "org-01") || strings.Contains(text, covered[0]) || isoDate.MatchString(text) {
		t.Errorf("the member's history shows ids or ISO dates: %q", text)
	}
}

// Notifications, the review page and the audit log speak in words: dates
// as 2024年7月24日 and times as 2024年7月24日 14:05, photos as a count
// (never their numbers), the members' ledger by its name.
func TestMessagesAndTheAuditLogSpeakInWords(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/services/new")
	service := url.Values{"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"legal"}, "date": {"2024-07-24"}, "need": {"合同审查"}, "action": {"submit"}}
	res, body := ts.post(secA, "/org/services", service)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("service request: %d\n%s", res.StatusCode, body)
	}
	serviceReview := "/workbench/review/" + m[1]
	activity := activityFiling(token, "党课进车间")
	activity.Set("action", "submit")
	res, body = ts.postMultipart(secA, "/org/activities", activity, map[string][][2]string{"photos_upload": {{"IMG_0001.jpg", testJPEG(t)}}})
	m = filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("activity: %d\n%s", res.StatusCode, body)
	}
	activityReview := "/workbench/review/" + m[1]

	_, body = ts.get(staff, "/workbench/notifications")
	text := doc(t, body).Find(`[data-testid="notification-list"]`).Text()
	if !strings.Contains(text, "2024年7月24日") || isoDate.MatchString(text) {
		t.Errorf("staff's notifications: %q", text)
	}
	_, body = ts.get(staff, activityReview)
	d := doc(t, body)
	photos := d.Find(`[data-testid="diff"] tr`).FilterFunction(func(_ int, r *goquery.Selection) bool {
		return strings.Contains(r.Find("th").Text(), "照片")
	}).Text()
	if !strings.Contains(photos, "共 1 张") || strings.Contains(photos, "#") {
		t.Errorf("the review page shows the photos as %q", photos)
	}
	_, body = ts.get(staff, serviceReview)
	_, publish := formOfPage(t, body, url.Values{"effective": {"true"}, "market_cost": {"800"}, "actual_cost": {"0"}})
	if res, body := ts.post(staff, serviceReview+"/publish", publish); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", res.StatusCode, body)
	}
	_, body = ts.get(secA, "/org/notifications")
	if text := doc(t, body).Find(`[data-testid="notification-list"]`).Text(); !strings.Contains(text, "2024年7月24日") || isoDate.MatchString(text) {
		t.Errorf("the secretary's notifications: %q", text)
	}

	admin, _ := ts.login("boss", "boss-password")
	_, body = ts.get(admin, "/admin/audit")
	d = doc(t, body)
	table := d.Find(`[data-testid="audit-table"]`).Text()
	if isoDate.MatchString(table) {
		t.Errorf("the audit log shows ISO dates: %q", table)
	}
	when := d.Find(`[data-testid="audit-table"] tbody tr td`).First().Text()
	if !regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$`).MatchString(when) {
		t.Errorf("an entry's time reads %q", when)
	}
	for _, want := range []string{"2024年7月24日 共享法务", "服务申请：法律服务申请 2024年7月24日"} {
		if !strings.Contains(table, want) {
			t.Errorf("the audit log lacks %q: %q", want, table)
		}
	}
	if got := d.Find(`#collection option[value="members"]`).Text(); got != "党员发展" {
		t.Errorf("the members' ledger is called %q", got)
	}
}
