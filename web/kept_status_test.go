package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"parkportal/store"
)

// A clerk's form has no review status: saving an edit leaves the status
// the record had (a secretary's filing waiting, a draft imported) as it
// is, instead of publishing it.
func TestStaffEditKeepsTheReviewStatus(t *testing.T) {
	ts, c, _ := staffClient(t)
	ctx := context.Background()
	actor := store.Actor{Username: "clerk"}
	a, err := ts.Store.SaveActivity(ctx, actor, 0, store.Activity{Program: "incubation", Kind: "lecture", Title: "草稿中的党课",
		Date: "2024-03-01", Status: store.FilingDraft})
	if err != nil {
		t.Fatal(err)
	}
	r, err := ts.Store.SaveResponsibility(ctx, actor, 0, store.Responsibility{Enterprise: "ent-001", Kind: "volunteering",
		Date: "2024-03-05", Beneficiaries: 3, Status: store.FilingSubmitted})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		href, field, value, want string
		status                   func() (string, error)
	}{
		{staffActivityHref(a.RecordKey), "title", "车间里的党课", store.FilingDraft, func() (string, error) {
			a, err := ts.Store.ActivityByKey(ctx, a.RecordKey)
			return a.Status, err
		}},
		{staffResponsibilityHref(r.RecordKey), "beneficiaries", "4", store.FilingSubmitted, func() (string, error) {
			r, err := ts.Store.ResponsibilityByKey(ctx, r.RecordKey)
			return r.Status, err
		}},
	} {
		action, form := ts.browserForm(t, c, tc.href+"/edit", url.Values{tc.field: {tc.value}})
		if _, ok := form["status"]; ok {
			t.Fatalf("%s: the form has a status field", tc.href)
		}
		if res, _ := ts.post(c, action, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: edit %d", tc.href, res.StatusCode)
		}
		got, err := tc.status()
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s: status %q after a clerk's edit, want %q", tc.href, got, tc.want)
		}
		_, body := ts.get(c, tc.href)
		if v := doc(t, body).Find(`[data-testid="history"] .changes`).Text(); v == "" {
			t.Errorf("%s: the edit left no history", tc.href)
		}
	}
}
