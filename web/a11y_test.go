package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/net/html"

	"parkportal/store"
	"parkportal/store/demo"
)

// a11yWidths are the viewports every page is checked at.
var a11yWidths = []struct {
	name          string
	width, height int64
	phone         bool
}{
	{"desktop", 1280, 900, false},
	{"phone", 375, 812, true},
}

// a11yTags are the WCAG 2.1 A and AA rules; GB/T 37668-2019 asks for the same.
const a11yTags = `['wcag2a','wcag2aa','wcag21a','wcag21aa']`

// maxCrawledPages caps the public crawl; maxPerPattern keeps it varied, so
// that sixty enterprise pages do not crowd out everything else.
const (
	maxCrawledPages = 60
	maxPerPattern   = 3
)

// TestAccessibility runs axe-core (WCAG 2.1 A and AA) on every public page
// reachable from the home page and on the signed-in pages, at desktop and
// phone widths, and fails on any serious or critical violation. It also
// checks the page language, that nothing scrolls sideways on a phone and that
// the first Tab reaches a visible skip link.
func TestAccessibility(t *testing.T) {
	browser(t) // skip at once when there is none
	axe := axeSource(t)
	site := startSite(t, loadDemoParkAndUsers)
	public := crawlPublicPages(t, site.URL)
	t.Logf("checking %d public pages: %s", len(public), strings.Join(public, " "))

	type check struct {
		key     string // the path that names the page in reports
		role    string // who is signed in: "" for the public
		prepare func(t *testing.T, tab context.Context)
	}
	var checks []check
	for _, p := range public {
		checks = append(checks, check{key: p, prepare: func(t *testing.T, tab context.Context) {
			do(t, tab, chromedp.Navigate(site.URL+p))
		}})
	}
	navigate := func(p string) func(t *testing.T, tab context.Context) {
		return func(t *testing.T, tab context.Context) { do(t, tab, chromedp.Navigate(site.URL+p)) }
	}
	checks = append(checks,
		check{key: "/login (wrong password)", prepare: func(t *testing.T, tab context.Context) {
			signIn(t, tab, site, "nobody", "wrong-password-1")
		}},
		check{key: "/search?q=党课", prepare: navigate("/search?q=%E5%85%9A%E8%AF%BE")},
		check{key: "/search?q=党&kind=activity (paged)", prepare: navigate("/search?q=%E5%85%9A&kind=activity&page=2")},
		check{key: "/search (nothing found)", prepare: navigate("/search?q=%E6%97%A0%E6%AD%A4%E8%AF%8D")},
		check{key: "/workbench", role: "staff1", prepare: navigate("/workbench")},
		check{key: "/workbench/enterprises", role: "staff1", prepare: navigate("/workbench/enterprises")},
		check{key: "/workbench/enterprises (filtered)", role: "staff1", prepare: navigate("/workbench/enterprises?stage=startup&coverage=sanyou&sort=-employees")},
		check{key: "/workbench/enterprises/ent-001", role: "staff1", prepare: navigate("/workbench/enterprises/ent-001")},
		check{key: "/workbench/enterprises/ent-001/edit", role: "staff1", prepare: navigate("/workbench/enterprises/ent-001/edit")},
		check{key: "/workbench/enterprises/ent-001/delete", role: "staff1", prepare: navigate("/workbench/enterprises/ent-001/delete")},
		check{key: "/workbench/enterprises/new (errors shown)", role: "staff1", prepare: func(t *testing.T, tab context.Context) {
			do(t, tab, chromedp.Navigate(site.URL+"/workbench/enterprises/new"))
			ctx, cancel := context.WithTimeout(tab, stepTimeout)
			defer cancel()
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`[data-testid="enterprise-form"] button[type="submit"]`)))
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("submitting an empty enterprise form gave status %d, want 422", resp.Status)
			}
		}},
		check{key: "/workbench/surveys/new", role: "staff1", prepare: navigate("/workbench/surveys/new?enterprise=ent-001")},
		check{key: "/workbench/pipeline", role: "staff1", prepare: navigate("/workbench/pipeline")},
		check{key: "/workbench/organizations", role: "staff1", prepare: navigate("/workbench/organizations")},
		check{key: "/workbench/staff", role: "staff1", prepare: navigate("/workbench/staff")},
		check{key: "/workbench/services", role: "staff1", prepare: navigate("/workbench/services/savings?year=2023")},
		check{key: "/workbench/organizations/org-15/members", role: "staff1", prepare: navigate("/workbench/organizations/org-15/members")},
		check{key: "/workbench/members/mem-218", role: "staff1", prepare: navigate("/workbench/members/mem-218")},
		check{key: "/workbench/members/mem-218/next", role: "staff1", prepare: navigate("/workbench/members/mem-218/next")},
		check{key: "/workbench/members/new", role: "staff1", prepare: navigate("/workbench/members/new?organization=org-15")},
		check{key: "/workbench/organizations/new", role: "staff1", prepare: navigate("/workbench/organizations/new?kind=joint_branch&enterprises=ent-196&enterprises=ent-224")},
		check{key: "/workbench/organizations/" + testOrganizationID, role: "staff1", prepare: navigate("/workbench/organizations/" + testOrganizationID)},
		check{key: "/workbench/activities", role: "staff1", prepare: navigate("/workbench/activities?program=brand&year=2023")},
		check{key: "/workbench/activities/1", role: "staff1", prepare: navigate("/workbench/activities/1")},
		check{key: "/workbench/activities/new (errors shown)", role: "staff1", prepare: func(t *testing.T, tab context.Context) {
			do(t, tab, chromedp.Navigate(site.URL+"/workbench/activities/new"))
			ctx, cancel := context.WithTimeout(tab, stepTimeout)
			defer cancel()
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`[data-testid="activity-form"] button[type="submit"]`)))
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("submitting an empty activity form gave status %d, want 422", resp.Status)
			}
		}},
		check{key: "/workbench/surveys", role: "staff1", prepare: navigate("/workbench/surveys")},
		check{key: "/workbench/members", role: "staff1", prepare: navigate("/workbench/members?stage=probationary")},
		check{key: "/workbench/services", role: "staff1", prepare: navigate("/workbench/services?kind=equipment")},
		check{key: "/workbench/services/new", role: "staff1", prepare: navigate("/workbench/services/new?enterprise=ent-001")},
		check{key: "/workbench/responsibility", role: "staff1", prepare: navigate("/workbench/responsibility")},
		check{key: "/workbench/responsibility/new", role: "staff1", prepare: navigate("/workbench/responsibility/new")},
		check{key: "/workbench/designations", role: "staff1", prepare: navigate("/workbench/designations")},
		check{key: "/workbench/awards", role: "staff1", prepare: navigate("/workbench/awards")},
		check{key: "/workbench/awards/1", role: "staff1", prepare: navigate("/workbench/awards/1")},
		check{key: "/workbench/awards/new", role: "staff1", prepare: navigate("/workbench/awards/new")},
		check{key: "/workbench/platforms", role: "staff1", prepare: navigate("/workbench/platforms")},
		check{key: "/workbench/platforms/new", role: "staff1", prepare: navigate("/workbench/platforms/new")},
		check{key: "/workbench/brands", role: "staff1", prepare: navigate("/workbench/brands")},
		check{key: "/workbench/brands/1/edit", role: "staff1", prepare: navigate("/workbench/brands/1/edit")},
		check{key: "/workbench/brands/1/edit (story previewed)", role: "staff1", prepare: func(t *testing.T, tab context.Context) {
			do(t, tab, chromedp.Navigate(site.URL+"/workbench/brands/1/edit"), chromedp.SetValue(chromedp.ID("story"), "支部把**党员先锋岗**设在一线。"),
				chromedp.Click(chromedp.CSS(`[data-testid="story-preview-button"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="story-preview"]`)))
		}},
		check{key: "/workbench/designations/new", role: "staff1", prepare: navigate("/workbench/designations/new")},
		check{key: "/workbench/staff/new", role: "staff1", prepare: navigate("/workbench/staff/new")},
		check{key: "/workbench/staff (filtered)", role: "staff1", prepare: navigate("/workbench/staff?role=instructor&serving=now")},
		check{key: "/workbench/surveys/1", role: "staff1", prepare: navigate("/workbench/surveys/1")},
		check{key: "/workbench/platforms/1", role: "staff1", prepare: navigate("/workbench/platforms/1")},
		check{key: "/workbench/enterprises/upload", role: "staff1", prepare: navigate("/workbench/enterprises/upload")},
		check{key: "/workbench/members/upload", role: "staff1", prepare: navigate("/workbench/members/upload")},
		check{key: "/workbench/services/1/delete", role: "staff1", prepare: navigate("/workbench/services/1/delete")},
		check{key: "/admin/users", role: "admin1", prepare: navigate("/admin/users")},
		check{key: "/admin/audit", role: "admin1", prepare: navigate("/admin/audit")},
		check{key: "/admin/users/new", role: "admin1", prepare: navigate("/admin/users/new")},
		check{key: "/workbench/returns", role: "staff1", prepare: navigate("/workbench/returns")},
		check{key: "/workbench/returns/2023 (not filed)", role: "staff1", prepare: navigate("/workbench/returns/2023")},
		check{key: "/workbench/returns/2022 (filed, errors shown)", role: "staff1", prepare: func(t *testing.T, tab context.Context) {
			// Filed once, for the first width.
			if filed, err := site.Store.AnnualReturns(t.Context(), 2022); err != nil {
				t.Fatal(err)
			} else if len(filed) == 0 {
				if _, err := site.Store.FileReturn(t.Context(), browserActor, store.ReturnFiling{Year: 2022, Head: "李书记", Preparer: "王文员", Phone: "0731-28888888"}); err != nil {
					t.Fatal(err)
				}
			}
			do(t, tab, chromedp.Navigate(site.URL+"/workbench/returns/2022"), chromedp.WaitVisible(chromedp.ID("reason")))
			ctx, cancel := context.WithTimeout(tab, stepTimeout)
			defer cancel()
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`[data-testid="return-form"] button[type="submit"]`)))
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("a correction without its reason gave status %d, want 422", resp.Status)
			}
			run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="error-summary"]`)))
		}},
		check{key: "/district", role: "admin1", prepare: navigate("/district?year=2022")},
		check{key: "/admin/users/1/name", role: "admin1", prepare: navigate("/admin/users/1/name")},
		check{key: "/admin/users/1/email", role: "admin1", prepare: navigate("/admin/users/1/email")},
		check{key: "/admin/outbox", role: "admin1", prepare: navigate("/admin/outbox")},
		check{key: "/account/email", role: "staff1", prepare: navigate("/account/email")},
		check{key: "/admin/users/new (errors shown)", role: "admin1", prepare: func(t *testing.T, tab context.Context) {
			do(t, tab, chromedp.Navigate(site.URL+"/admin/users/new"))
			ctx, cancel := context.WithTimeout(tab, stepTimeout)
			defer cancel()
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="/admin/users"] button[type="submit"]`)))
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("submitting an empty new-user form gave status %d, want 422", resp.Status)
			}
			run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="error-summary"]`)))
		}},
		check{key: "/org", role: "secretary1", prepare: navigate("/org")},
		check{key: "/org/brand (story previewed)", role: "secretary1", prepare: func(t *testing.T, tab context.Context) {
			do(t, tab, chromedp.Navigate(site.URL+"/org/brand"), chromedp.SetValue(chromedp.ID("story"), "支部把**党员先锋岗**设在一线。"),
				chromedp.Click(chromedp.CSS(`[data-testid="story-preview-button"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="story-preview"]`)))
		}},
		check{key: "/org/filings/:id/check (problems shown)", role: "secretary1", prepare: func(t *testing.T, tab context.Context) {
			// a draft saved unfinished, taken to its check page
			do(t, tab, chromedp.Navigate(site.URL+"/org/activities/new"), chromedp.WaitVisible(chromedp.ID("title")),
				chromedp.SendKeys(chromedp.ID("title"), "无障碍检查草稿"))
			do(t, tab, chromedp.Click(chromedp.CSS(`[data-testid="draft"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="submit-from-page"]`)))
			do(t, tab, chromedp.Click(chromedp.CSS(`[data-testid="submit-from-page"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="check-answers"]`)))
			run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="error-summary"]`)))
		}},
	)

	// One browser context per viewer, signed in once; each width gets its
	// own tab in it, and the two widths run side by side.
	viewers := map[string]context.Context{}
	for _, c := range checks {
		if _, ok := viewers[c.role]; !ok {
			tab := newTab(t)
			if c.role != "" {
				signIn(t, tab, site, c.role, testPassword)
			}
			viewers[c.role] = tab
		}
	}

	t.Run("widths", func(t *testing.T) {
		for _, w := range a11yWidths {
			t.Run(w.name, func(t *testing.T) {
				t.Parallel()
				tabs := map[string]context.Context{}
				for role, viewer := range viewers {
					tab := openTab(t, viewer) // a new tab, same cookies
					opts := []chromedp.EmulateViewportOption{}
					if w.phone {
						opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
					}
					do(t, tab, chromedp.EmulateViewport(w.width, w.height, opts...))
					injectAxeOnLoad(t, tab, axe)
					tabs[role] = tab
				}
				for _, c := range checks {
					t.Run(c.key, func(t *testing.T) {
						tab := tabs[c.role]
						c.prepare(t, tab)
						for _, v := range runAxe(t, tab, axe) {
							if v.Impact != "serious" && v.Impact != "critical" {
								t.Logf("%s (%s, not failing): %s [%s]", v.ID, v.Impact, v.Help, v.targets())
								continue
							}
							t.Errorf("%s (%s): %s\n  %s\n  targets: %s", v.ID, v.Impact, v.Help, v.HelpURL, v.targets())
						}
						checkPageBasics(t, tab, w.phone)
					})
				}
			})
		}
	})
}

// axeViolation is the part of an axe-core violation a report needs.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

func (v axeViolation) targets() string {
	var ts []string
	for _, n := range v.Nodes {
		ts = append(ts, fmt.Sprint(n.Target...))
	}
	return strings.Join(ts, ", ")
}

// injectAxeOnLoad has the tab evaluate axe-core in every document it loads
// from now on, which costs less than sending the 550 KB source per page.
func injectAxeOnLoad(t *testing.T, tab context.Context, axe string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: axe}); err != nil {
		t.Fatal(err)
	}
}

// runAxe runs axe-core on the page the tab shows and returns its WCAG 2.1
// A/AA violations. When the page has no axe yet, it injects the source with
// Evaluate: Runtime.evaluate is not subject to the page's CSP.
func runAxe(t *testing.T, tab context.Context, axe string) []axeViolation {
	t.Helper()
	if !run(t, tab, chromedp.Evaluate[bool](`typeof axe === 'object'`)) {
		run(t, tab, chromedp.Evaluate[chromedp.Void](axe))
	}
	return run(t, tab, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {runOnly: {type: 'tag', values: `+a11yTags+`}, resultTypes: ['violations']})
			.then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
}

// pageBasics is what checkPageBasics reads from the page.
type pageBasics struct {
	Lang         string `json:"lang"`
	ScrollWidth  int    `json:"scrollWidth"`
	InnerWidth   int    `json:"innerWidth"`
	Focused      string `json:"focused"` // the focused element after one Tab
	FocusVisible bool   `json:"focusVisible"`
	InView       bool   `json:"inView"`
	Outline      string `json:"outline"`
	TargetExists bool   `json:"targetExists"`
}

// checkPageBasics checks the page language, sideways scrolling on a phone
// and that the first Tab lands on a visible "skip to content" link.
func checkPageBasics(t *testing.T, tab context.Context, phone bool) {
	t.Helper()
	// A form that came back with problems has moved focus to its summary.
	if summary := run(t, tab, chromedp.Evaluate[string](`(() => {
		const s = document.querySelector('.error-summary[tabindex]');
		if (!s) return 'none';
		return document.activeElement === s ? 'focused' : 'not focused';
	})()`)); summary == "not focused" {
		t.Error("the error summary is not focused after a submission with problems")
	}
	// Start the Tab order from the top of the document, as a fresh load does
	// (focusing the body moves the sequential-navigation starting point too).
	run(t, tab, chromedp.Evaluate[chromedp.Void](`(() => {
		const b = document.body;
		b.setAttribute('tabindex', '-1'); b.focus(); b.blur(); b.removeAttribute('tabindex');
		window.scrollTo(0, 0);
	})()`))
	do(t, tab, chromedp.KeyEvent(kb.Tab))
	b := run(t, tab, chromedp.Evaluate[pageBasics](`(() => {
		const el = document.activeElement, cs = getComputedStyle(el), r = el.getBoundingClientRect();
		const href = el.getAttribute('href') || '';
		return {
			lang: document.documentElement.lang,
			scrollWidth: document.documentElement.scrollWidth,
			innerWidth: window.innerWidth,
			focused: el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + (href ? '[href=' + href + ']' : ''),
			focusVisible: el.matches(':focus-visible'),
			inView: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
			outline: cs.outlineStyle + ' ' + cs.outlineWidth,
			targetExists: href.startsWith('#') && !!document.getElementById(href.slice(1)),
		};
	})()`))
	if got, want := b.Lang, "zh-CN"; got != want {
		t.Errorf("<html lang> = %q, want %q", got, want)
	}
	if phone && b.ScrollWidth > b.InnerWidth {
		t.Errorf("page scrolls sideways on a phone: scrollWidth %d > innerWidth %d", b.ScrollWidth, b.InnerWidth)
	}
	if !strings.HasPrefix(b.Focused, "a.skip-link") {
		t.Errorf("first Tab focuses %s, want the skip link (a.skip-link)", b.Focused)
		return
	}
	if !b.TargetExists {
		t.Errorf("skip link %s points at no element", b.Focused)
	}
	if !b.FocusVisible || !b.InView || strings.HasPrefix(b.Outline, "none") || strings.HasSuffix(b.Outline, " 0px") {
		t.Errorf("skip link focus is not visible: focus-visible=%v in-view=%v outline=%q", b.FocusVisible, b.InView, b.Outline)
	}
}

// axeSource reads axe.min.js from node_modules at the module root (npm ci
// installs it); without it the test skips, or fails when CI=true.
func axeSource(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package directory")
		}
		dir = parent
	}
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		skipOrFail(t, "accessibility tests", "node_modules/axe-core/axe.min.js missing (run npm ci)")
	}
	return string(b)
}

// crawlPublicPages follows same-origin links from the home page, signed
// out, and returns the paths (with query) of the HTML pages it found, the
// sign-in page and the 404 page included.
func crawlPublicPages(t *testing.T, base string) []string {
	t.Helper()
	origin, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: stepTimeout}
	queue := []string{"/", "/login", "/no-such-page"}
	seen := map[string]bool{}
	perPattern := map[string]int{}
	var pages []string
	for len(queue) > 0 && len(pages) < maxCrawledPages {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		if pat := pathPattern(p); perPattern[pat] >= maxPerPattern {
			continue
		} else {
			perPattern[pat]++
		}
		resp, err := client.Get(base + p)
		if err != nil {
			t.Fatalf("crawling %s: %v", p, err)
		}
		final := resp.Request.URL.RequestURI()
		isHTML := strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")
		var links []string
		if isHTML {
			links = pageLinks(resp, origin)
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("crawling: %s answers %d", p, resp.StatusCode)
		}
		if !isHTML {
			continue
		}
		if resp.StatusCode == http.StatusNotFound && p != "/no-such-page" {
			// The public site is still being built; a dead link is worth a
			// line in the log, and its 404 page is audited once anyway.
			t.Logf("crawling: dead link %s (404)", p)
			continue
		}
		if final != p { // a redirect, e.g. to /login?next=…
			if seen[final] {
				continue
			}
			seen[final] = true
		}
		pages = append(pages, final)
		for _, l := range links {
			if !seen[l] {
				queue = append(queue, l)
			}
		}
	}
	if !slices.Contains(pages, "/login") || !slices.Contains(pages, "/no-such-page") {
		t.Errorf("crawl missed the sign-in or the 404 page: %v", pages)
	}
	return pages
}

// pageLinks returns the same-origin link targets of an HTML response as
// paths with query, without fragments, static files or sign-out.
func pageLinks(resp *http.Response, origin *url.URL) []string {
	var links []string
	z := html.NewTokenizer(resp.Body)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if string(name) != "a" || !hasAttr {
			continue
		}
		for {
			k, v, more := z.TagAttr()
			if string(k) == "href" {
				if u, err := resp.Request.URL.Parse(string(v)); err == nil && u.Host == origin.Host && u.Scheme == origin.Scheme {
					if p := u.EscapedPath(); !strings.HasPrefix(p, "/static/") && p != "/logout" {
						u.Fragment = ""
						links = append(links, u.RequestURI())
					}
				}
			}
			if !more {
				break
			}
		}
	}
}

var digits = regexp.MustCompile(`[0-9]+`)

// pathPattern groups pages of one kind: /enterprises/ent-017 and
// /enterprises/ent-018 share /enterprises/ent-#, while /reports/2023 and
// /reports/2023.csv differ.
func pathPattern(p string) string {
	path, query, _ := strings.Cut(p, "?")
	pat := digits.ReplaceAllString(path, "#")
	if query != "" {
		q, _ := url.ParseQuery(query)
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range q {
				if !yield(k) {
					return
				}
			}
		})
		pat += "?" + strings.Join(keys, "&")
	}
	return pat
}

// loadDemoPark fills the store with the demonstration park so that the
// public pages have something to show.
func loadDemoPark(ctx context.Context, s *store.Store) error {
	_, err := s.Import(ctx, bytes.NewReader(demo.Park()), store.ImportOptions{})
	return err
}
