package store

import (
	"context"
	"testing"
	"time"
)

// A returned filing is due from a week after its return until it is
// submitted again, and its comment leads the secretary's page until then,
// whether or not the secretary saved it meanwhile (a saved returned filing
// is a draft).
func TestDueOnReturnedFilingsUntilSubmittedAgain(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	body := &ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2026-03-01", Need: "合同审查"}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingServiceRequest, Submit: true, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReturnFiling(ctx, tester, f.ID, f.Version, "请写明份数"); err != nil {
		t.Fatal(err)
	}
	returned := func(day time.Time) bool {
		t.Helper()
		due, err := s.DueOn(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range due {
			if it.Kind == DueReturned && it.FilingID == f.ID {
				return true
			}
		}
		return false
	}
	now = now.AddDate(0, 0, 2) // the secretary saves it, and does not submit it
	body.Need = "合同审查 3 份"
	f, err = s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingServiceRequest, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if f.Status != FilingDraft {
		t.Fatalf("a returned filing saved is %s, want a draft", f.Status)
	}
	// The secretary's home page still leads with the comment.
	open := func() bool {
		t.Helper()
		list, err := s.ReturnedFilings(ctx, "org-04", 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			if r.ID == f.ID && r.OpenComment() == "请写明份数" {
				return true
			}
		}
		return false
	}
	if !open() {
		t.Error("a returned filing saved as a draft leaves the secretary's list of returned filings")
	}
	if returned(time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)) {
		t.Error("due before a week has passed since the return")
	}
	if !returned(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)) {
		t.Error("a returned filing saved as a draft is not due a week after its return")
	}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingServiceRequest, Body: body, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if returned(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)) {
		t.Error("still due after it was submitted again")
	}
	if open() {
		t.Error("still among the returned filings after it was submitted again")
	}
}
