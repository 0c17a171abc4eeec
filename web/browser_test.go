package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"parkportal/store"
)

// TestBrowserSignIn is the foundation's acceptance journey in a real
// browser: each role signs in through the form and lands on its own page; a
// wrong password is refused in Chinese and stays on the sign-in page; the
// session cookie is HttpOnly and SameSite=Lax.
func TestBrowserSignIn(t *testing.T) {
	browser(t) // skip at once when there is none
	site := startSite(t, func(ctx context.Context, s *store.Store) error {
		if err := addTestOrganization(ctx, s); err != nil {
			return err
		}
		return addTestUsers(ctx, s)
	})

	landings := []struct {
		username string
		path     string
		heading  string // the landing page's h1
	}{
		{"staff1", "/workbench", "工作台"},
		{"admin1", "/admin/users", "用户管理"},
		{"secretary1", "/org", testOrganizationName},
	}
	for _, tc := range landings {
		t.Run(tc.username, func(t *testing.T) {
			tab := newTab(t)
			if got, want := signIn(t, tab, site, tc.username, testPassword), int64(http.StatusOK); got != want {
				t.Errorf("landing page status = %d, want %d", got, want)
			}
			if got, want := pathOf(t, run(t, tab, chromedp.Location())), tc.path; got != want {
				t.Errorf("landed on %s, want %s", got, want)
			}
			if got := run(t, tab, chromedp.Text(chromedp.CSS("main h1"))); strings.TrimSpace(got) != tc.heading {
				t.Errorf("landing heading = %q, want %q", got, tc.heading)
			}
			assertSessionCookie(t, tab, site)
		})
	}

	t.Run("wrong password", func(t *testing.T) {
		tab := newTab(t)
		if got, want := signIn(t, tab, site, "staff1", "not-the-password"), int64(http.StatusUnprocessableEntity); got != want {
			t.Errorf("status = %d, want %d", got, want)
		}
		if got, want := pathOf(t, run(t, tab, chromedp.Location())), "/login"; got != want {
			t.Errorf("after a wrong password the browser is on %s, want %s", got, want)
		}
		msg := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="login-error"]`)))
		if want := "用户名或密码不正确"; !strings.Contains(msg, want) {
			t.Errorf("error shown = %q, want it to contain %q", msg, want)
		}
		// The typed name is kept; the password is not.
		if got := run(t, tab, chromedp.Value(chromedp.ID("username"))); got != "staff1" {
			t.Errorf("username field = %q, want it kept as staff1", got)
		}
		if got := run(t, tab, chromedp.Value(chromedp.ID("password"))); got != "" {
			t.Errorf("password field kept its value %q", got)
		}
		cookies, err := chromedp.Call(tab, network.GetCookies, network.GetCookiesParams{URLs: []string{site.URL}})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cookies.Cookies {
			if c.Name == "portal_session" {
				t.Errorf("a failed sign-in set a session cookie")
			}
		}
	})
}

// assertSessionCookie checks the signed-in browser's session cookie.
func assertSessionCookie(t *testing.T, tab context.Context, site *testSite) {
	t.Helper()
	res, err := chromedp.Call(tab, network.GetCookies, network.GetCookiesParams{URLs: []string{site.URL}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Cookies {
		if c.Name != "portal_session" {
			continue
		}
		if !c.HTTPOnly {
			t.Errorf("session cookie is not HttpOnly")
		}
		if got, want := c.SameSite, network.CookieSameSiteLax; got != want {
			t.Errorf("session cookie SameSite = %q, want %q", got, want)
		}
		if got, want := c.Path, "/"; got != want {
			t.Errorf("session cookie path = %q, want %q", got, want)
		}
		return
	}
	t.Errorf("no portal_session cookie after signing in; cookies: %v", cookieNames(res.Cookies))
}

func cookieNames(cs []*network.Cookie) []string {
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	return names
}

// pathOf is the path of an absolute URL.
func pathOf(t testing.TB, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// TestScreenshots saves the README's screenshots when PORTAL_SCREENSHOTS
// names a folder: the home page, a brand page and the sign-in page, at
// desktop and phone widths, over the demonstration park. Each is a PNG of the
// viewport (not the full page), which keeps it under 400 KB.
//
//	PORTAL_SCREENSHOTS=docs/screenshots go test -run TestScreenshots ./web/
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("PORTAL_SCREENSHOTS")
	if dir == "" {
		t.Skip("set PORTAL_SCREENSHOTS=DIR to save screenshots")
	}
	if !filepath.IsAbs(dir) {
		// go test runs in the package folder; a relative DIR means the
		// module root, where the command was most likely typed.
		dir = filepath.Join("..", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tab := newTab(t)
	site := startSite(t, loadDemoPark)

	do(t, tab, chromedp.Navigate(site.URL+"/brands"))
	brand := run(t, tab, chromedp.Evaluate[string](`(document.querySelector('main a[href^="/brands/"]') || {getAttribute: () => ''}).getAttribute('href')`))
	if brand == "" {
		t.Fatal("no brand page linked from /brands")
	}
	shots := []struct{ name, path string }{
		{"home", "/"},
		{"brand", brand},
		{"login", "/login"},
	}
	for _, w := range a11yWidths {
		opts := []chromedp.EmulateViewportOption{}
		if w.phone {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		do(t, tab, chromedp.EmulateViewport(w.width, w.height, opts...))
		for _, s := range shots {
			do(t, tab, chromedp.Navigate(site.URL+s.path))
			// No scrollbar in the picture (a README image is not a window).
			run(t, tab, chromedp.Evaluate[chromedp.Void](`document.documentElement.style.scrollbarWidth = 'none'`))
			run(t, tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise))
			png := run(t, tab, chromedp.CaptureScreenshot())
			name := filepath.Join(dir, s.name+"-"+w.name+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %s (%d KB)", name, s.path, len(png)/1024)
			if len(png) > 400<<10 {
				t.Errorf("%s is %d KB, over the 400 KB a README image should take", name, len(png)/1024)
			}
		}
	}
}
