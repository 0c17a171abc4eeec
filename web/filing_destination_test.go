package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Every filing page says where the filing goes once published, per kind:
// activities, brands and responsibility records to the public site;
// member development and service requests to the ledgers only, so their
// pages never speak of the public site at all.
func TestFilingPagesSayWherePublishedFilingsGo(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	kinds := []struct {
		form, post string
		values     url.Values
		public     bool
	}{
		{"/org/activities/new", "/org/activities", activityFiling(token, "党课进车间"), true},
		{"/org/brand", "/org/brands", url.Values{"_csrf": {token}, "name": {"红色引擎"}, "launched": {"2023-01-01"}, "record_version": {recordVersionOf(t, ts, "org-04", 0)}}, true},
		{"/org/responsibility/new", "/org/responsibility", url.Values{"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"volunteering"},
			"date": {"2024-07-24"}, "beneficiaries": {"30"}, "note": {"志愿服务"}}, true},
		{"/org/members/new", "/org/members", url.Values{"_csrf": {token}, "name": {"王小明"}, "management": {"true"}, "applied": {"2024-03-01"},
			"birth": {"1990-01-01"}, "enterprise": {"ent-003"}}, false},
		{"/org/services/new", "/org/services", url.Values{"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"legal"}, "date": {"2024-07-24"},
			"need": {"合同审查"}}, false},
	}
	says := func(page, body string, public bool) {
		t.Helper()
		d := doc(t, body)
		where := d.Find(`[data-testid="destination"]`).Text()
		main := d.Find("main").Text()
		switch {
		case where == "":
			t.Errorf("%s does not say where a published filing goes", page)
		case public && !strings.Contains(where, "在公开网站"):
			t.Errorf("%s says %q, not that it goes to the public site", page, where)
		case !public && (!strings.Contains(where, "只写入") || strings.Contains(main, "公开")):
			t.Errorf("%s, a filing kept from the public, says %q (page: %q)", page, where, main)
		}
	}
	for _, k := range kinds {
		_, body := ts.get(secA, k.form)
		says(k.form, body, k.public)
		k.values.Set("action", "submit")
		res, body := ts.postMultipart(secA, k.post, k.values, nil)
		m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
		if m == nil {
			t.Fatalf("%s: %d\n%s", k.post, res.StatusCode, body)
		}
		filing := "/org/filings/" + m[1]
		_, body = ts.get(secA, filing)
		says(filing, body, k.public)
		_, body = ts.get(secA, filing+"/edit")
		says(filing+"/edit", body, k.public)
		review := "/workbench/review/" + m[1]
		res, body = ts.get(staff, review)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", review, res.StatusCode)
		}
		says(review, body, k.public)
		// Once published, a change's form says what stays meanwhile.
		_, publish := formOfPage(t, body, url.Values{"effective": {"true"}, "market_cost": {"100"}, "actual_cost": {"0"}})
		if res, body := ts.post(staff, review+"/publish", publish); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish %s: %d\n%s", review, res.StatusCode, body)
		}
		_, body = ts.get(secA, filing+"/edit")
		says(filing+"/edit after publishing", body, k.public)
		if note := doc(t, body).Find(`[data-testid="published-note"]`).Text(); note == "" || strings.Contains(note, "公开") != k.public {
			t.Errorf("%s/edit after publishing says %q", filing, note)
		}
	}
	// The queue says it per kind, once for all.
	_, body := ts.get(staff, "/workbench/review")
	if lead := doc(t, body).Find(`[data-testid="destination"]`).Text(); !strings.Contains(lead, "党员发展和服务申请只进台账") {
		t.Errorf("the review queue says %q", lead)
	}
}
