package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A saved draft is submitted from its own page: 提交审核 leads to the
// check page, which lists each answer with a link to change it and
// submits the filing as saved; staff are told. A draft the rules refuse
// lists what to change, linking to each field, and cannot be confirmed; a
// draft changed since the check page was opened is not submitted.
func TestDraftIsSubmittedFromItsPageAfterACheck(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	form := activityFiling(ts.csrf(secA, "/org/activities/new"), "党课进车间")
	form.Set("action", "save")
	res, body := ts.postMultipart(secA, "/org/activities", form, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the draft: %d\n%s", res.StatusCode, body)
	}
	page := strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
	_, body = ts.get(secA, page)
	check, ok := doc(t, body).Find(`[data-testid="submit-from-page"]`).Attr("href")
	if !ok || check != page+"/check" {
		t.Fatalf("the draft's page offers no 提交审核 (%q)", check)
	}
	_, body = ts.get(secA, check)
	d := doc(t, body)
	rows := d.Find(`[data-testid="check-answers"] > div`)
	if rows.Length() < 5 || !strings.Contains(rows.Text(), "党课进车间") || !strings.Contains(rows.Text(), "车间里讲党课") {
		t.Fatalf("the check page lists %d answers: %q", rows.Length(), rows.Text())
	}
	if href, _ := rows.First().Find(`a`).Attr("href"); !strings.HasPrefix(href, page+"/edit#") {
		t.Errorf("an answer's 修改 leads to %q, not to its field on the form", href)
	}
	stamp, _ := d.Find(`input[name="filing_stamp"]`).Attr("value")
	token := ts.csrf(secA, check)

	// Changed meanwhile (another tab saved it): not submitted.
	again := activityFiling(ts.csrf(secA, page+"/edit"), "党课进车间（修订）")
	again.Set("action", "save")
	again.Set("filing_stamp", ts.opened(secA, page+"/edit", nil).Get("filing_stamp"))
	if res, body := ts.postMultipart(secA, page, again, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving in another tab: %d\n%s", res.StatusCode, body)
	}
	res, body = ts.post(secA, page+"/submit", url.Values{"_csrf": {token}, "filing_stamp": {stamp}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "党课进车间（修订）") {
		t.Fatalf("a submit of a draft changed since: %d", res.StatusCode)
	}
	stamp, _ = doc(t, body).Find(`input[name="filing_stamp"]`).Attr("value")
	res, _ = ts.post(secA, page+"/submit", url.Values{"_csrf": {token}, "filing_stamp": {stamp}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page+"?done=submitted" {
		t.Fatalf("confirming: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = ts.get(secA, page)
	if got := doc(t, body).Find(`[data-testid="status"]`).Text(); got != "待审核" {
		t.Errorf("after confirming the filing is %q", got)
	}
	if doc(t, body).Find(`[data-testid="submit-from-page"]`).Length() != 0 {
		t.Error("a submitted filing still offers 提交审核")
	}
	_, body = ts.get(staff, "/workbench/review")
	if !strings.Contains(body, "党课进车间（修订）") {
		t.Error("the submitted filing is not in the review queue")
	}

	// A draft the rules refuse: what to change, no confirm button.
	bad := activityFiling(ts.csrf(secA, "/org/activities/new"), "未完成的活动")
	bad.Set("action", "save")
	bad.Del("date")
	bad.Del("summary")
	res, body = ts.postMultipart(secA, "/org/activities", bad, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving an unfinished draft: %d\n%s", res.StatusCode, body)
	}
	page = strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
	_, body = ts.get(secA, page+"/check")
	d = doc(t, body)
	if shown := d.Find(`[data-testid="error-summary"]`).Text(); !strings.Contains(shown, "日期") {
		t.Errorf("the check page does not say before confirming that the date is missing: %q", shown)
	}
	if d.Find(`[data-testid="confirm-submit"]`).Length() != 0 {
		t.Error("a draft the rules refuse can be confirmed")
	}
	// Posted anyway (from a page opened before): refused, naming the same.
	stamp = ts.opened(secA, page+"/edit", nil).Get("filing_stamp")
	res, body = ts.post(secA, page+"/submit", url.Values{"_csrf": {ts.csrf(secA, page+"/check")}, "filing_stamp": {stamp}})
	d = doc(t, body)
	if res.StatusCode != http.StatusUnprocessableEntity || d.Find(`[data-testid="error-summary"] li`).Length() == 0 {
		t.Fatalf("an unfinished draft submitted: %d", res.StatusCode)
	}
	if href, _ := d.Find(`[data-testid="error-summary"] a`).First().Attr("href"); !strings.HasPrefix(href, page+"/edit#") {
		t.Errorf("a problem leads to %q, not to its field", href)
	}
	if d.Find(`[data-testid="confirm-submit"]`).Length() != 0 {
		t.Error("a refused draft can still be confirmed")
	}
}

// A draft's save moves no revision, yet the secretary's pages that show
// the draft (its page, its check page, the lists of filings) show it as
// saved, not as the cache kept it before.
func TestDraftSavesShowOnTheSecretarysPages(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	form := activityFiling(ts.csrf(secA, "/org/activities/new"), "第一稿")
	form.Set("action", "draft")
	res, _ := ts.postMultipart(secA, "/org/activities", form, nil)
	page := strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
	pages := []string{page, page + "/check", "/org/filings", "/org"}
	for _, p := range pages {
		if _, body := ts.get(secA, p); !strings.Contains(body, "第一稿") {
			t.Fatalf("%s does not show the draft", p)
		}
	}
	again := activityFiling(ts.csrf(secA, page+"/edit"), "第二稿")
	again.Set("action", "draft")
	again.Set("filing_stamp", ts.opened(secA, page+"/edit", nil).Get("filing_stamp"))
	if res, _ := ts.postMultipart(secA, page, again, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the draft again: %d", res.StatusCode)
	}
	for _, p := range pages {
		if _, body := ts.get(secA, p); !strings.Contains(body, "第二稿") || strings.Contains(body, "第一稿") {
			t.Errorf("%s still shows the draft as it was before its save", p)
		}
	}
}
