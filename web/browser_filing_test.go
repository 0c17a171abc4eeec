package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"parkportal/store"
)

// loadDemoParkAndSecretary is the demonstration park with staff1 and
// sec04, the secretary of org-04 (which covers ent-003).
func loadDemoParkAndSecretary(ctx context.Context, s *store.Store) error {
	if err := loadDemoParkAndUsers(ctx, s); err != nil {
		return err
	}
	_, err := s.CreateUser(ctx, browserActor, store.NewUser{Username: "sec04", Role: store.RoleSecretary, Organization: "org-04", Password: testPassword})
	return err
}

// activityFormFilled opens a secretary's activity form and fills it in as
// they would: title, programme, kind, date, an enterprise and the summary.
func activityFormFilled(site *testSite, title string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(site.URL + "/org/activities/new"),
		chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SetValue(chromedp.ID("program"), "incubation"),
		chromedp.SetValue(chromedp.ID("kind"), "lecture"),
		chromedp.SetValue(chromedp.ID("date"), "2026-02-20"),
		chromedp.Click(chromedp.CSS(`input[name="enterprises"][value="ent-003"]`)),
		chromedp.SendKeys(chromedp.ID("summary"), "车间里讲党课。"),
	}
}

// A secretary files an activity with a photo from the browser; staff
// return it with a comment; the secretary sees the comment, fixes the
// title and submits again; staff publish; it shows on the public site.
func TestBrowserFilingJourney(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndSecretary)
	photoFile := filepath.Join(t.TempDir(), "IMG_0001.jpg")
	if err := os.WriteFile(photoFile, cameraPhoto(t), 0o600); err != nil {
		t.Fatal(err)
	}
	sec, staff := newTab(t), newTab(t)
	signIn(t, sec, site, "sec04", testPassword)
	signIn(t, staff, site, "staff1", testPassword)

	do(t, sec, activityFormFilled(site, "党课进车间")...)
	do(t, sec,
		chromedp.SetUploadFiles(chromedp.ID("photos-upload"), []string{photoFile}),
		chromedp.Click(chromedp.CSS(`[data-testid="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
	)
	if status := run(t, sec, chromedp.Text(chromedp.CSS(`[data-testid="status"]`))); status != "待审核" {
		t.Fatalf("status after submit %q", status)
	}
	if n := run(t, sec, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="photos"] img').length`)); n != 1 {
		t.Fatalf("%d photos on the filing, want 1", n)
	}

	// Staff return it with a comment.
	do(t, staff,
		chromedp.Navigate(site.URL+"/workbench/review"),
		chromedp.Click(chromedp.CSS(`[data-testid="review-queue"] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="return-form"]`)),
		chromedp.SendKeys(chromedp.ID("comment"), "请写明第几期"),
		chromedp.Click(chromedp.CSS(`[data-testid="return"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
	)

	// The secretary sees the comment, fixes and resubmits.
	do(t, sec,
		chromedp.Navigate(site.URL+"/org"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="filings"]`)),
	)
	if filings := run(t, sec, chromedp.Text(chromedp.CSS(`[data-testid="filings"]`))); !strings.Contains(filings, "请写明第几期") || !strings.Contains(filings, "已退回") {
		t.Fatalf("the workspace does not show the return: %q", filings)
	}
	do(t, sec,
		chromedp.Click(chromedp.CSS(`[data-testid="filings"] a`)),
		chromedp.Click(chromedp.CSS(`[data-testid="edit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="return-comment"]`)),
		chromedp.SetValue(chromedp.ID("title"), "党课进车间（第二期）"),
		chromedp.Click(chromedp.CSS(`[data-testid="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
	)

	// Staff publish; the public site shows it.
	do(t, staff,
		chromedp.Navigate(site.URL+"/workbench/review"),
		chromedp.Click(chromedp.CSS(`[data-testid="review-queue"] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="publish-form"]`)),
	)
	if diff := run(t, staff, chromedp.Text(chromedp.CSS(`[data-testid="diff"]`))); !strings.Contains(diff, "党课进车间（第二期）") {
		t.Fatalf("the review does not show the new title: %q", diff)
	}
	do(t, staff,
		chromedp.Click(chromedp.CSS(`[data-testid="publish"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
		chromedp.Navigate(site.URL+"/programs/incubation"),
	)
	if body := run(t, staff, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "党课进车间（第二期）") {
		t.Fatal("the published activity is not on the public programme page")
	}
}

// Secretary A opens secretary B's record URLs and posts B's form in the
// browser: refused, nothing changed.
func TestBrowserSecretaryCannotReachAnotherOrganization(t *testing.T) {
	browser(t)
	site := startSite(t, func(ctx context.Context, s *store.Store) error {
		if err := loadDemoParkAndSecretary(ctx, s); err != nil {
			return err
		}
		_, err := s.CreateUser(ctx, browserActor, store.NewUser{Username: "sec02", Role: store.RoleSecretary, Organization: "org-02", Password: testPassword})
		return err
	})
	a, b := newTab(t), newTab(t)
	signIn(t, a, site, "sec04", testPassword)
	signIn(t, b, site, "sec02", testPassword)
	do(t, b,
		chromedp.Navigate(site.URL+"/org/services/new"),
		chromedp.SetValue(chromedp.ID("enterprise"), "ent-013"),
		chromedp.SetValue(chromedp.ID("kind"), "legal"),
		chromedp.SetValue(chromedp.ID("date"), "2026-02-01"),
		chromedp.SendKeys(chromedp.ID("need"), "合同审查"),
		chromedp.Click(chromedp.CSS(`[data-testid="draft"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
	)
	bURL := run(t, b, chromedp.Location())
	bPath := bURL[len(site.URL):strings.Index(bURL, "?")]
	do(t, a, chromedp.Navigate(site.URL+bPath))
	if h := run(t, a, chromedp.Text(chromedp.CSS("h1"))); strings.Contains(h, "服务申请") {
		t.Fatalf("A sees B's filing: %q", h)
	}
	// A posts B's form from A's own page: the form's action changed to B's.
	do(t, a,
		chromedp.Navigate(site.URL+"/org/services/new"),
		chromedp.SetValue(chromedp.ID("enterprise"), "ent-003"),
		chromedp.SetValue(chromedp.ID("kind"), "venue"),
		chromedp.SetValue(chromedp.ID("date"), "2026-02-02"),
		chromedp.SendKeys(chromedp.ID("need"), "改掉"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid="filing-form"]').action = "`+bPath+`"`),
	)
	ctx, cancel := context.WithTimeout(a, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`[data-testid="submit"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 404 {
		t.Errorf("A's post to B's filing: %d, want 404", resp.Status)
	}
	do(t, b, chromedp.Navigate(site.URL+bPath))
	if body := run(t, b, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "合同审查") || strings.Contains(body, "改掉") || !strings.Contains(body, "草稿") {
		t.Errorf("B's filing changed: %q", body)
	}
}

// cameraPhoto is a small JPEG.
func cameraPhoto(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for x := range 640 {
		img.Set(x, x%480, color.RGBA{200, 20, 30, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A member stage filed too early is refused in the browser, naming the
// rule, and the form keeps the date typed. The stages recorded are shown
// as text, not asked.
func TestBrowserMemberStageTooEarlyNamesTheRule(t *testing.T) {
	browser(t)
	site := startSite(t, func(ctx context.Context, s *store.Store) error {
		if err := loadDemoParkAndSecretary(ctx, s); err != nil {
			return err
		}
		// 张晨波 (mem-207) of org-04 became a probationary member on
		// 2025-10-10.
		m, _, err := s.MemberByID(ctx, "mem-207")
		if err != nil {
			return err
		}
		m.Probationary = "2025-10-10"
		_, err = s.SaveMember(ctx, store.Actor{Username: "test"}, m.ID, m)
		return err
	})
	tab := newTab(t)
	signIn(t, tab, site, "sec04", testPassword)
	do(t, tab,
		chromedp.Navigate(site.URL+"/org"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="org-members"]`)),
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('[data-testid="org-members"] a[href$="/next"]')].find(a => a.textContent.includes("张晨波")).click()`),
		chromedp.WaitVisible(chromedp.ID("name")),
	)
	name := run(t, tab, chromedp.Value(chromedp.ID("name")))
	if name != "张晨波" {
		t.Fatalf("the next-stage form is of %q", name)
	}
	if got := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="readonly-probationary"]`))); got != "2025年10月10日" {
		t.Errorf("the recorded probationary date shows as %q", got)
	}
	do(t, tab, chromedp.Evaluate[chromedp.Void](`document.getElementById("full").value = "2026-03-01"`))
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`[data-testid="submit"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 422 {
		t.Fatalf("full membership five months after probation: %d, want 422", resp.Status)
	}
	summary := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="error-summary"]`)))
	if !strings.Contains(summary, "一年") {
		t.Errorf("the error summary does not name the one-year rule: %q", summary)
	}
	if msg := run(t, tab, chromedp.Text(chromedp.ID("full-error"))); !strings.Contains(msg, "一年") {
		t.Errorf("the field's message: %q", msg)
	}
	if v := run(t, tab, chromedp.Value(chromedp.ID("full"))); v != "2026-03-01" {
		t.Errorf("the form lost the date typed: %q", v)
	}
}
