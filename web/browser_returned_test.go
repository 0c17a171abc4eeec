package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"parkportal/store"
)

// A returned filing's comment is the first thing a secretary reads, on a
// 375 px phone without scrolling: at the head of their home page and of
// the filing's page, above the fold.
func TestBrowserReturnedCommentComesFirstOnAPhone(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndSecretary)
	ctx := context.Background()
	sec, err := site.Store.UserByUsername(ctx, "sec04")
	if err != nil {
		t.Fatal(err)
	}
	f, err := site.Store.SaveFiling(ctx, store.Actor{UserID: sec.ID, Username: "sec04"}, "org-04", store.FilingSave{Kind: store.FilingServiceRequest, Submit: true,
		Body: &store.ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2026-03-01", Need: "合同审查"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := site.Store.ReturnFiling(ctx, store.Actor{Username: "staff1"}, f.ID, 1, "请写明合同份数和金额"); err != nil {
		t.Fatal(err)
	}
	tab := newTab(t)
	signIn(t, tab, site, "sec04", testPassword)
	for _, page := range []struct{ path, testid string }{
		{"/org", "returned-first"},
		{"/org/filings/" + strconv.FormatInt(f.ID, 10), "return-comment"},
	} {
		do(t, tab, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch), chromedp.Navigate(site.URL+page.path))
		// The comment's box ends within the first screen, and nothing but
		// the header, the navigation and the breadcrumbs comes before it.
		got := run(t, tab, chromedp.Evaluate[map[string]any](`(() => {
			const el = document.querySelector('[data-testid="`+page.testid+`"]');
			if (!el) return {found: false};
			const r = el.getBoundingClientRect();
			const main = document.querySelector('main');
			const before = [...main.querySelectorAll('h1, h2, table, form, .stats, .summary-list')].filter(x => x.getBoundingClientRect().top < r.top).length;
			return {found: true, bottom: r.bottom, height: innerHeight, text: el.textContent, before: before};
		})()`))
		if got["found"] != true {
			t.Fatalf("%s shows no returned comment", page.path)
		}
		if got["bottom"].(float64) > got["height"].(float64) {
			t.Errorf("%s: the comment ends at %.0f px, below the first screen (%.0f px)", page.path, got["bottom"], got["height"])
		}
		if got["before"].(float64) != 0 {
			t.Errorf("%s: %v headings, tables or forms come before the comment", page.path, got["before"])
		}
		if text, _ := got["text"].(string); !strings.Contains(text, "请写明合同份数和金额") {
			t.Errorf("%s: the comment reads %q", page.path, text)
		}
		shoot(t, tab, "returned-first"+map[bool]string{true: "-home", false: "-filing"}[page.path == "/org"])
	}
}
