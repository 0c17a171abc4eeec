package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// FuzzFormParsers reads arbitrary form bodies with every form parser of
// the portal (staff ledgers, sign-in, accounts, list filters and the
// secretaries' filings) and checks each record they make with the import's
// rules: whatever was typed, nothing panics. The saves behind them are the
// store's, tested there; running the router here under the fuzzer's
// coverage instrumentation (SQLite included) managed a few inputs a minute.
func FuzzFormParsers(f *testing.F) {
	for _, seed := range []string{
		"name=测试企业&id=ent-x1&stage=startup&employees=12&credit_code=91430200MA4L0000X1",
		"title=党课&program=incubation&kind=lecture&date=2026-02-20&participants=-3&enterprises=ent-003&enterprises=ent-013",
		"name=王&applied=2026-13-01&activist=2025-01-01&management=maybe&birth=2020-02-30",
		"enterprise=ent-003&kind=legal&date=2026-02-01&need=%00%ff&market_cost=12.345&actual_cost=-1&effective=true",
		"stage_history[1].stage=growth&stage_history[1].since=2020-01-01&roles=specialist&roles=x&year=20233",
		"username=a&password=&role=secretary&organization=org-04&page=-1&sort=-employees&q=%E4%B8%AD",
		"photos=1&photos=-2&photos=99999999999999999999&logo=3&practices=一%0A二%0A%0A三&beneficiaries=1e9",
	} {
		f.Add(seed)
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, body string) {
		values, err := url.ParseQuery(body)
		if err != nil {
			return // a browser sends well-formed bodies; a malformed one is refused whole
		}
		ctx := func() echo.Context {
			req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
			req.URL.RawQuery = values.Encode() // the list filters read the query
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return e.NewContext(req, httptest.NewRecorder())
		}
		for _, l := range staffLedgers {
			if r, _ := l.readRecord(values); true {
				r.Validate()
			}
		}
		parseLoginForm(ctx())
		parseUserForm(ctx())
		parseBrandListForm(ctx())
		parseEnterpriseListForm(ctx())
		parseLedgerQuery(ctx(), "/workbench/activities", []string{"date", "title"})
		for _, ff := range filingForms {
			body, _ := ff.parse(values)
			if ff.photos != nil {
				_ = ff.photos(body)
			}
		}
	})
}
