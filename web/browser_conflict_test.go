package web_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"parkportal/store"
)

// loadDemoParkAndTwoClerks is the demonstration park with a second staff
// account and a secretary.
func loadDemoParkAndTwoClerks(ctx context.Context, s *store.Store) error {
	if err := loadDemoParkAndSecretary(ctx, s); err != nil {
		return err
	}
	_, err := s.CreateUser(ctx, browserActor, store.NewUser{Username: "staff2", Role: store.RoleStaff, Password: testPassword})
	return err
}

// shoot saves screenshots of tab, at a desktop's width and a phone's, as
// name-desktop.png and name-phone.png when PORTAL_SCREENSHOTS names a
// folder (for looking at the page, not for the test).
func shoot(t *testing.T, tab context.Context, name string) {
	dir := os.Getenv("PORTAL_SCREENSHOTS")
	if dir == "" {
		return
	}
	for _, w := range []struct {
		suffix string
		width  int64
	}{{"desktop", 1280}, {"phone", 375}} {
		do(t, tab, chromedp.EmulateViewport(w.width, 800))
		png := run(t, tab, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(dir, name+"-"+w.suffix+".png"), png, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// Two clerks open one enterprise in two windows. The first saves; the
// second's save comes back with what the first changed beside what they
// typed, which is kept; the second merges and saves, and both changes stay.
func TestBrowserTwoClerksOneRecord(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndTwoClerks)
	a, b := newTab(t), newTab(t)
	signIn(t, a, site, "staff1", testPassword)
	signIn(t, b, site, "staff2", testPassword)
	const edit = "/workbench/enterprises/ent-001/edit"
	for _, tab := range []context.Context{a, b} {
		do(t, tab, chromedp.Navigate(site.URL+edit), chromedp.WaitVisible(chromedp.ID("sector")))
	}
	do(t, a, chromedp.Clear(chromedp.ID("sector")), chromedp.SendKeys(chromedp.ID("sector"), "新能源电池"))
	if got := submit(t, a, `[data-testid="enterprise-form"] button[type="submit"]`); got != http.StatusOK {
		t.Fatalf("the first clerk's save: %d", got)
	}
	do(t, b, chromedp.Clear(chromedp.ID("employees")), chromedp.SendKeys(chromedp.ID("employees"), "321"))
	if got := submit(t, b, `[data-testid="enterprise-form"] button[type="submit"]`); got != http.StatusConflict {
		t.Fatalf("the second clerk's save: %d, want 409", got)
	}
	panel := run(t, b, chromedp.Text(chromedp.CSS(`[data-testid="conflict"]`)))
	for _, want := range []string{"staff1", "所属行业", "新能源电池", "员工人数", "321"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the conflict panel does not show %q: %q", want, panel)
		}
	}
	if got := run(t, b, chromedp.Value(chromedp.ID("employees"))); got != "321" {
		t.Errorf("what the second clerk typed was not kept: %q", got)
	}
	shoot(t, b, "conflict")
	// Merge: take the first clerk's sector, keep one's own count, save.
	do(t, b, chromedp.Clear(chromedp.ID("sector")), chromedp.SendKeys(chromedp.ID("sector"), "新能源电池"))
	if got := submit(t, b, `[data-testid="enterprise-form"] button[type="submit"]`); got != http.StatusOK {
		t.Fatalf("the merged save: %d", got)
	}
	summary := run(t, b, chromedp.Text(chromedp.CSS(`[data-testid="summary"]`)))
	if !strings.Contains(summary, "新能源电池") || !strings.Contains(summary, "321") {
		t.Errorf("after the merge the record shows %q", summary)
	}
}

// Staff corrected a published activity; its secretary then changed the
// filing (still with the old count) and submitted it. The reviewer sees
// the submission beside the record as it is now, the corrected count
// marked as what a publish would undo; when the record changes again while
// the page is open, the publish is refused and the page shows the record
// as it is now; publishing from there goes through.
func TestBrowserReviewOfACorrectedRecord(t *testing.T) {
	browser(t)
	var recordKey, filingID int64
	site := startSite(t, func(ctx context.Context, s *store.Store) error {
		if err := loadDemoParkAndTwoClerks(ctx, s); err != nil {
			return err
		}
		sec, clerk := store.Actor{Username: "sec04"}, store.Actor{Username: "staff2"}
		ten := 10
		a := &store.ActivityFiling{Activity: store.Activity{Program: "incubation", Kind: "lecture", Title: "党课进车间", Date: "2026-02-20",
			Enterprises: []string{"ent-003"}, Participants: &ten, Summary: "车间里讲党课。"}}
		f, err := s.SaveFiling(ctx, sec, "org-04", store.FilingSave{Kind: store.FilingActivity, Body: a, Submit: true})
		if err != nil {
			return err
		}
		entry, err := s.PublishFiling(ctx, clerk, f.ID, 1, 0, nil)
		if err != nil {
			return err
		}
		corrected, err := s.ActivityByKey(ctx, entry.RecordKey)
		if err != nil {
			return err
		}
		n := 99
		corrected.Participants = &n
		if _, err := s.SaveActivity(ctx, clerk, entry.RecordKey, corrected); err != nil {
			return err
		}
		a.Summary = "车间里讲党课，职工踊跃参加。"
		stamp, err := s.FilingStamp(ctx, f.ID)
		if err != nil {
			return err
		}
		_, err = s.SaveFiling(ctx, sec, "org-04", store.FilingSave{ID: f.ID, Stamp: stamp, Kind: store.FilingActivity, Body: a, Submit: true})
		recordKey, filingID = entry.RecordKey, f.ID
		return err
	})
	// The secretary's form says what staff changed since.
	sec := newTab(t)
	signIn(t, sec, site, "sec04", testPassword)
	do(t, sec, chromedp.Navigate(site.URL+"/org/filings/"+strconv.FormatInt(filingID, 10)+"/edit"), chromedp.WaitVisible(chromedp.ID("title")))
	if note := run(t, sec, chromedp.Text(chromedp.CSS(`[data-testid="ledger-changed"]`))); !strings.Contains(note, "参与人数：10 → 99") {
		t.Errorf("the secretary's form says %q", note)
	}
	shoot(t, sec, "filing-ledger-changed")
	staff := newTab(t)
	signIn(t, staff, site, "staff1", testPassword)
	do(t, staff,
		chromedp.Navigate(site.URL+"/workbench/review"),
		chromedp.Click(chromedp.CSS(`[data-testid="review-queue"] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="publish-form"]`)),
	)
	if note := run(t, staff, chromedp.Text(chromedp.CSS(`[data-testid="later-changes"]`))); !strings.Contains(note, "staff2") {
		t.Errorf("the page does not say who changed the record: %q", note)
	}
	row := run(t, staff, chromedp.Evaluate[string](`[...document.querySelectorAll('[data-testid="diff"] tbody tr')]
		.filter(tr => tr.querySelector('[data-testid="overwrites"]')).map(tr => tr.innerText.replace(/\s+/g, ' ')).join('|')`))
	if !strings.Contains(row, "参与人数") || !strings.Contains(row, "99") || !strings.Contains(row, "10") || strings.Contains(row, "活动简介") {
		t.Errorf("the rows marked as overwriting a later change: %q", row)
	}
	shoot(t, staff, "review-corrected")
	// The record changes again while the page is open.
	ctx := context.Background()
	now, err := site.Store.ActivityByKey(ctx, recordKey)
	if err != nil {
		t.Fatal(err)
	}
	now.Title = "党课进车间（更正）"
	if _, err := site.Store.SaveActivity(ctx, store.Actor{Username: "staff2"}, recordKey, now); err != nil {
		t.Fatal(err)
	}
	if got := submit(t, staff, `[data-testid="publish"]`); got != http.StatusConflict {
		t.Fatalf("a publish from a page opened before the record changed: %d, want 409", got)
	}
	if summary := run(t, staff, chromedp.Text(chromedp.CSS(`[data-testid="error-summary"]`))); !strings.Contains(summary, "台账记录在您打开此页后") {
		t.Errorf("the refusal says %q", summary)
	}
	if got := submit(t, staff, `[data-testid="publish"]`); got != http.StatusOK {
		t.Fatalf("the publish from the page as it is now: %d", got)
	}
	if f, _ := site.Store.FilingOf(ctx, filingID, ""); f.Status != store.FilingPublished {
		t.Errorf("the filing is %s after the publish", f.Status)
	}
}
