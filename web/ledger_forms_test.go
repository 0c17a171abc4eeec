package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Every ledger's error summary lists its problems in the order the clerk
// meets the fields on its form (the order each ledger registers with the
// engine): an empty form's problems link to fields further down the page
// one after another.
func TestEveryLedgersErrorSummaryFollowsItsForm(t *testing.T) {
	ts, c, token := staffClient(t)
	for _, l := range staffLedgers {
		path := l.listURL()
		t.Run(path, func(t *testing.T) {
			// The survey form is reached from an enterprise's page.
			res, body := ts.get(c, path+"/new?enterprise=ent-001")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("the new form: %d", res.StatusCode)
			}
			place := map[string]int{} // a field's element by its place on the page
			doc(t, body).Find("main form [id]").Each(func(i int, s *goqueryS) {
				place[s.AttrOr("id", "")] = i
			})
			res, body = ts.post(c, path, url.Values{"_csrf": {token}, "enterprise": {"ent-001"}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("an empty form: %d", res.StatusCode)
			}
			var order []string
			last := -1
			doc(t, body).Find(`[data-testid="error-summary"] a`).Each(func(_ int, a *goqueryS) {
				id := strings.TrimPrefix(a.AttrOr("href", ""), "#")
				order = append(order, id)
				if at, ok := place[id]; ok {
					if at < last {
						t.Errorf("the summary %v lists %s after a field below it", order, id)
					}
					last = at
				}
			})
			if len(order) < 2 {
				t.Errorf("an empty form has %d problems: %v", len(order), order)
			}
		})
	}
}
