package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The survey ledger keeps what is its own on the ledger engine: it has no
// button to a new survey (surveys are recorded from an enterprise's
// page), a new survey's 取消 goes back to its enterprise, a saved survey,
// new or changed, goes back to its enterprise's page, and its export is
// named without the quotes of its heading.
func TestSurveyLedgerKeepsItsOwnWays(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/surveys")
	d := doc(t, body)
	if d.Find(`a[href="/workbench/surveys/new"]`).Length() != 0 {
		t.Error("the survey ledger offers a new survey of no enterprise")
	}
	if got := d.Find("h1").Text(); got != "“三有”摸排台账" {
		t.Errorf("heading %q", got)
	}
	_, body = ts.get(c, "/workbench/surveys/new?enterprise=ent-001")
	if cancel, _ := doc(t, body).Find(`[data-testid="survey-form"] .actions a`).Attr("href"); cancel != "/workbench/enterprises/ent-001" {
		t.Errorf("a new survey's 取消 goes to %q", cancel)
	}
	form := ts.opened(c, "/workbench/surveys/new?enterprise=ent-001", url.Values{"date": {"2024-03-01"},
		"fixed_premises": {"true"}, "employees": {"15"}, "operating": {"true"}})
	res, _ := ts.post(c, "/workbench/surveys", form)
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/workbench/enterprises/ent-001?done=survey" {
		t.Fatalf("a new survey: %d to %q", res.StatusCode, got)
	}
	href, _ := d.Find(`[data-testid="ledger"] tbody tr th a`).First().Attr("href")
	_, body = ts.get(c, href+"/edit")
	if cancel, _ := doc(t, body).Find(`[data-testid="survey-form"] .actions a`).Attr("href"); cancel != href {
		t.Errorf("a survey's edit 取消 goes to %q, want %q", cancel, href)
	}
	enterprise, _ := doc(t, body).Find(`input[name="enterprise"]`).Attr("value")
	date, _ := doc(t, body).Find("#date").Attr("value")
	res, _ = ts.post(c, href, ts.opened(c, href+"/edit", url.Values{"date": {date},
		"fixed_premises": {"true"}, "employees": {"3"}, "operating": {"true"}}))
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/workbench/enterprises/"+enterprise+"?done=survey" {
		t.Fatalf("a changed survey: %d to %q", res.StatusCode, got)
	}
	res, _ = ts.get(c, "/workbench/surveys.xlsx")
	if got := res.Header.Get("Content-Disposition"); !strings.Contains(got, `filename="surveys.xlsx"`) ||
		!strings.Contains(got, url.PathEscape("三有摸排台账-")) {
		t.Errorf("the export is sent as %q", got)
	}
}
