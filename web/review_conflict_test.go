package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// fileAndPublish has secretary c submit an activity filing made of form
// and staff publish it; it returns the filing's id and the record's page.
func fileAndPublish(t *testing.T, ts *testServer, staff, c *http.Client, form url.Values) (string, string) {
	t.Helper()
	form.Set("action", "submit")
	res, _ := ts.postMultipart(c, "/org/activities", form, nil)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	action, publish := ts.browserForm(t, staff, "/workbench/review/"+m[1], nil)
	if res, _ := ts.post(staff, action, publish); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	f, err := ts.Store.FilingOf(context.Background(), mustAtoi(t, m[1]), "")
	if err != nil {
		t.Fatal(err)
	}
	return m[1], staffActivityHref(f.RecordKey)
}

// diffRow is one row of the review page's comparison.
func diffRow(d *goquery.Document, label string) (old, new string, overwrites bool) {
	d.Find(`[data-testid="diff"] tbody tr`).EachWithBreak(func(_ int, tr *goquery.Selection) bool {
		if strings.TrimSpace(tr.Find("th").Contents().First().Text()) != label {
			return true
		}
		old, new = strings.TrimSpace(tr.Find("td").Eq(0).Text()), strings.TrimSpace(tr.Find("td").Eq(1).Text())
		overwrites = tr.Find(`[data-testid="overwrites"]`).Length() == 1
		return false
	})
	return
}

// A publish must not undo a correction: staff corrected a published
// activity (participants 10 → 99); its secretary then edited the
// published filing (still 10) and submitted it. The review compares the
// submission with the record as it is now, marks the field a publish would
// put back and says who changed it; a publish from a page opened before a
// further change is refused (409); one from the page as it is now goes
// through, by decision.
func TestReviewOfACorrectedRecord(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	form := activityFiling(token, "党课进车间")
	form.Set("participants", "10")
	id, record := fileAndPublish(t, ts, staff, secA, form)

	// Staff correct the participants.
	action, edit := ts.browserForm(t, staff, record+"/edit", url.Values{"participants": {"99"}})
	if res, _ := ts.post(staff, action, edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the correction: %d", res.StatusCode)
	}
	// The secretary, opening the published filing to change it, sees
	// what staff changed in the record since.
	_, body := ts.get(secA, "/org/filings/"+id+"/edit")
	if note := doc(t, body).Find(`[data-testid="ledger-changed"]`).Text(); !strings.Contains(note, "参与人数：10 → 99") {
		t.Errorf("the secretary's form does not say what staff changed: %q", note)
	}
	// They edit it from their copy.
	action, change := ts.browserForm(t, secA, "/org/filings/"+id+"/edit", url.Values{"summary": {"车间里讲党课，十名职工参加。"}, "action": {"submit"}})
	if res, _ := ts.postMultipart(secA, action, change, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the secretary's edit: %d", res.StatusCode)
	}

	res, body := ts.get(staff, "/workbench/review/"+id)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("review: %d", res.StatusCode)
	}
	d := doc(t, body)
	if h := d.Find("#diff-heading").Text(); !strings.Contains(h, "台账现有记录") {
		t.Errorf("the submission is compared with %q, want the record as it is now", h)
	}
	if old, new, overwrites := diffRow(d, "参与人数"); old != "99" || new != "10" || !overwrites {
		t.Errorf("participants: record %q, submission %q, marked %v; want 99 → 10 marked as overwriting", old, new, overwrites)
	}
	if _, new, overwrites := diffRow(d, "活动简介"); !strings.Contains(new, "十名职工参加") || overwrites {
		t.Errorf("the summary, which only the secretary changed: submission %q, marked %v; want it unmarked", new, overwrites)
	}
	if note := d.Find(`[data-testid="later-changes"]`).Text(); !strings.Contains(note, "clerk") {
		t.Errorf("the page does not say who changed the record since: %q", note)
	}
	action, publish := formOfPage(t, body, nil)
	if !strings.HasSuffix(action, "/publish") || publish.Get("record_version") == "" {
		t.Fatalf("the publish form (%s) names no record version: %v", action, publish)
	}

	// Another change after the page was opened: the publish is refused.
	action2, edit2 := ts.browserForm(t, staff, record+"/edit", url.Values{"title": {"党课进车间（更正）"}})
	if res, _ := ts.post(staff, action2, edit2); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the second correction: %d", res.StatusCode)
	}
	res, body = ts.post(staff, action, publish)
	if res.StatusCode != http.StatusConflict || !strings.Contains(doc(t, body).Find(".error-summary").Text(), "台账记录在您打开此页后") {
		t.Fatalf("a publish from a page opened before the record changed: %d", res.StatusCode)
	}
	if a, _ := ts.Store.ActivityByKey(context.Background(), mustAtoi(t, strings.TrimPrefix(record, "/workbench/activities/"))); a.Participants == nil || *a.Participants != 99 {
		t.Fatal("the refused publish changed the record")
	}
	// From the page as it is now, by decision.
	action, publish = formOfPage(t, body, nil)
	if res, _ := ts.post(staff, action, publish); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the publish from the page as it is now: %d", res.StatusCode)
	}
}

// A resubmission after a return is compared with the version returned,
// the return's comment beside it, not with a published version that does
// not exist.
func TestResubmissionIsComparedWithTheReturnedVersion(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	form := activityFiling(token, "党课进车间")
	form.Set("action", "submit")
	res, _ := ts.postMultipart(secA, "/org/activities", form, nil)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	review := "/workbench/review/" + m[1]
	_, body := ts.get(staff, review)
	d := doc(t, body)
	ret := d.Find(`form[data-testid="return-form"]`)
	tok, _ := ret.Find(`input[name="_csrf"]`).Attr("value")
	if res, _ := ts.post(staff, review+"/return", url.Values{"_csrf": {tok}, "version": {"1"}, "comment": {"请写明参加人数的来源"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", res.StatusCode)
	}
	action, change := ts.browserForm(t, secA, "/org/filings/"+m[1]+"/edit", url.Values{"participants": {"26"}, "action": {"submit"}})
	if res, _ := ts.postMultipart(secA, action, change, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", res.StatusCode)
	}
	_, body = ts.get(staff, review)
	d = doc(t, body)
	if h := d.Find("#diff-heading").Text(); !strings.Contains(h, "退回的第 1 版") {
		t.Errorf("the resubmission is compared with %q, want the returned version", h)
	}
	if old, new, _ := diffRow(d, "参与人数"); old != "25" || new != "26" {
		t.Errorf("participants %q → %q, want 25 → 26", old, new)
	}
	if note := d.Find(`[data-testid="return-note"]`).Text(); !strings.Contains(note, "请写明参加人数的来源") {
		t.Errorf("the return's comment is not shown: %q", note)
	}
}

// A secretary's next-stage form is made against the member as it was
// opened: when staff changed the member meanwhile, the form comes back
// (409) with what they changed and everything typed; submitting from there
// goes through.
func TestSecretaryFormOpenedBeforeAStaffChange(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	m, key, err := ts.Store.MemberByID(context.Background(), "mem-207") // org-04
	if err != nil {
		t.Fatal(err)
	}
	page := "/org/members/" + strconv.FormatInt(key, 10) + "/next"
	action, form := ts.browserForm(t, secA, page, url.Values{"probationary": {"2025-10-10"}, "action": {"submit"}})
	if form.Get("record_version") != strconv.FormatInt(m.Version, 10) {
		t.Fatalf("the form names version %q, want %d", form.Get("record_version"), m.Version)
	}
	editAction, edit := ts.browserForm(t, staff, staffMemberHref("mem-207")+"/edit", url.Values{"name": {m.Name + "（更正）"}})
	if res, _ := ts.post(staff, editAction, edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the staff correction: %d", res.StatusCode)
	}
	res, body := ts.postMultipart(secA, action, form, nil)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("a next stage filed from a form opened before the correction: %d, want 409", res.StatusCode)
	}
	d := doc(t, body)
	if note := d.Find(`[data-testid="ledger-changed"]`).Text(); !strings.Contains(note, m.Name+"（更正）") {
		t.Errorf("the form does not say what staff changed: %q", note)
	}
	if got, _ := d.Find(`#probationary`).Attr("value"); got != "2025-10-10" {
		t.Errorf("the typed date was kept as %q", got)
	}
	action, again := formOfPage(t, body, nil)
	if again.Get("record_version") == form.Get("record_version") {
		t.Fatal("the form after the refusal still names the version it was opened on")
	}
	if res, _ := ts.postMultipart(secA, action, again, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submitting from the page as it is now: %d", res.StatusCode)
	}
}

// A filing of a ledger record, resubmitted after a return, is compared with
// the record as it is now, and the return's note says what the secretary
// changed in answer to it.
func TestResubmissionOfARecordSaysWhatAnsweredTheReturn(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	_, key, err := ts.Store.MemberByID(context.Background(), "mem-207") // org-04, a candidate
	if err != nil {
		t.Fatal(err)
	}
	action, form := ts.browserForm(t, secA, "/org/members/"+strconv.FormatInt(key, 10)+"/next", url.Values{"probationary": {"2025-10-10"}, "action": {"submit"}})
	res, _ := ts.postMultipart(secA, action, form, nil)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	review := "/workbench/review/" + m[1]
	_, body := ts.get(staff, review)
	tok, _ := doc(t, body).Find(`form[data-testid="return-form"] input[name="_csrf"]`).Attr("value")
	if res, _ := ts.post(staff, review+"/return", url.Values{"_csrf": {tok}, "version": {"1"}, "comment": {"预备党员日期应为支部大会日期"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", res.StatusCode)
	}
	action, change := ts.browserForm(t, secA, "/org/filings/"+m[1]+"/edit", url.Values{"probationary": {"2025-10-16"}, "action": {"submit"}})
	if res, _ := ts.postMultipart(secA, action, change, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", res.StatusCode)
	}
	_, body = ts.get(staff, review)
	d := doc(t, body)
	if h := d.Find("#diff-heading").Text(); !strings.Contains(h, "台账现有记录") {
		t.Errorf("compared with %q, want the record as it is now", h)
	}
	note := d.Find(`[data-testid="return-note"]`).Text()
	if !strings.Contains(note, "预备党员日期应为支部大会日期") || !strings.Contains(d.Find(`[data-testid="since-return"]`).Text(), "2025年10月16日") {
		t.Errorf("the return's note does not say what answered it: %q", note)
	}
}

// A secretary's filing opened in two windows: the second save, made on the
// filing as the first found it, comes back (409) with everything typed and
// who changed the filing; saved from there, it goes through.
func TestFilingOpenedInTwoWindows(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	form := activityFiling(token, "党课进车间")
	form.Set("action", "draft")
	res, _ := ts.postMultipart(secA, "/org/activities", form, nil)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("draft: %d", res.StatusCode)
	}
	edit := "/org/filings/" + m[1] + "/edit"
	action1, one := ts.browserForm(t, secA, edit, url.Values{"title": {"党课进车间（一）"}, "action": {"draft"}})
	action2, two := ts.browserForm(t, secA, edit, url.Values{"title": {"党课进车间（二）"}, "action": {"draft"}})
	if one.Get("filing_stamp") == "" {
		t.Fatal("the filing form names no stamp")
	}
	if res, _ := ts.postMultipart(secA, action1, one, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first window: %d", res.StatusCode)
	}
	res, body := ts.postMultipart(secA, action2, two, nil)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("the second window: %d, want 409", res.StatusCode)
	}
	d := doc(t, body)
	if got, _ := d.Find("#title").Attr("value"); got != "党课进车间（二）" {
		t.Errorf("the title typed in the second window was kept as %q", got)
	}
	if !strings.Contains(d.Find(".error-summary").Text(), "在您打开后已由") {
		t.Errorf("the refusal says %q", d.Find(".error-summary").Text())
	}
	action, again := formOfPage(t, body, url.Values{"action": {"draft"}})
	if res, _ := ts.postMultipart(secA, action, again, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving from the page as it is now: %d", res.StatusCode)
	}
}
