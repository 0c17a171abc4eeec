package web_test

// The browser test harness: one headless Chromium shared by every browser
// test of the package (started on first use, stopped by TestMain), and a real
// portal server per test on 127.0.0.1:0 over its own temporary database.

import (
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"parkportal/store"
	"parkportal/store/pgcluster"
	"parkportal/views"
	"parkportal/web"
	"parkportal/web/sheet"
)

// TestMain stops the shared browser after the package's tests have run.
func TestMain(m *testing.M) {
	if os.Getenv(sheet.ChildEnv) == "1" { // this binary started as the spreadsheet reader
		sheet.ChildMain()
	}
	code := pgcluster.RunTests(m, func(dsn string) error {
		s, err := store.Open(context.Background(), dsn)
		if err == nil {
			err = s.Close()
		}
		return err
	})
	stopBrowser()
	web.RemoveDemoDatabase()
	os.Exit(code)
}

// inCI reports whether the tests run in CI, where a missing browser or a
// missing axe-core is a failure rather than a reason to skip.
func inCI() bool { return os.Getenv("CI") == "true" }

// skipOrFail skips the test on a developer's machine and fails it in CI,
// saying which tests and why.
func skipOrFail(t testing.TB, tests, reason string) {
	t.Helper()
	if inCI() {
		t.Fatalf("%s cannot run: %s; CI=true requires them", tests, reason)
	}
	t.Skipf("%s skipped: %s", tests, reason)
}

// browserPath finds an installed Chromium or Chrome.
func browserPath() (string, bool) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// sharedBrowser is the one Chromium the package's tests share: starting it
// costs about a second, a new tab a few milliseconds.
var sharedBrowser struct {
	once   sync.Once
	ctx    context.Context // a chromedp context whose browser is running
	cancel func()
	dir    string // the browser's fresh user-data directory
	err    error
	found  bool
}

// browserFlags are exactly the flags /work/shared/NOTES.md gives for this
// machine: headless as root, and no background traffic to hosts the network
// refuses.
func browserFlags(execPath, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(userDataDir),
	}
}

// browser returns the shared browser's context, starting it on first use. It
// skips the test when no browser is installed (fails when CI=true), and in
// the quick lane (go test -short) whether or not one is.
func browser(t testing.TB) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("short: a browser test, it runs Chromium")
	}
	b := &sharedBrowser
	b.once.Do(func() {
		path, ok := browserPath()
		if !ok {
			return
		}
		b.found = true
		// Not t.TempDir: the directory must outlive the first test that
		// happens to start the browser; TestMain removes it.
		dir, err := os.MkdirTemp("", "portal-chromium-")
		if err != nil {
			b.err = err
			return
		}
		b.dir = dir
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserFlags(path, dir)...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		b.ctx = ctx
		b.cancel = func() { cancelCtx(); cancelAlloc() }
		// The first Run starts the browser and binds its life to ctx: no
		// timeout here.
		b.err = chromedp.Do(ctx)
	})
	if !b.found {
		skipOrFail(t, "browser tests", "no chromium installed (apt-get install chromium fonts-noto-cjk)")
	}
	if b.err != nil {
		t.Fatalf("starting chromium: %v", b.err)
	}
	return b.ctx
}

// stopBrowser ends the shared browser and removes its profile.
func stopBrowser() {
	b := &sharedBrowser
	if b.cancel != nil {
		b.cancel()
	}
	if b.dir != "" {
		os.RemoveAll(b.dir)
	}
}

// newTab opens a tab in a fresh browser context of the shared browser, so
// that cookies never leak between tests. The tab closes at the test's end.
func newTab(t testing.TB) context.Context {
	t.Helper()
	return openTab(t, browser(t), chromedp.WithNewBrowserContext())
}

// openTab opens a tab as a child of parent (in parent's browser context,
// unless opts say otherwise); it closes at the test's end.
func openTab(t testing.TB, parent context.Context, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	t.Cleanup(cancel)
	// The first Run opens the tab and binds its life to ctx: no timeout
	// here, or the tab would die with the timeout's context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// stepTimeout bounds each browser step so that a hung page fails the test
// instead of the whole run.
const stepTimeout = 20 * time.Second

// do runs browser steps on tab with a timeout, failing the test on error.
func do(t testing.TB, tab context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// run runs one browser action on tab with a timeout and returns its value.
func run[T any](t testing.TB, tab context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// testSite is a running portal: its base URL and its store.
type testSite struct {
	URL   string // http://127.0.0.1:port, no trailing slash
	Store *store.Store
}

// startSite opens a store on a temporary SQLite file, lets setup fill it,
// and serves the real portal on 127.0.0.1:0 until the test ends.
func startSite(t testing.TB, setup func(ctx context.Context, s *store.Store) error) *testSite {
	t.Helper()
	return startSiteWith(t, setup)
}

// startSiteWith is startSite with the store opened with options
// (store.WithOutbox: a portal with a mail server).
func startSiteWith(t testing.TB, setup func(ctx context.Context, s *store.Store) error, options ...store.Option) *testSite {
	t.Helper()
	if testing.Short() {
		t.Skip("short: a browser test, it serves a portal to Chromium")
	}
	ctx := t.Context()
	db := pgcluster.TestDatabase(t)
	if db == "" {
		db = filepath.Join(t.TempDir(), "portal.db")
	}
	s, err := store.Open(ctx, db, options...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if setup != nil {
		if err := setup(ctx, s); err != nil {
			t.Fatalf("setting up the database: %v", err)
		}
	}
	key := make([]byte, 32)
	rand.Read(key)
	srv, err := web.New(web.Config{
		Store:      s,
		Logger:     slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})),
		SessionKey: key,
		Site: views.Site{
			Name:      "园区党建工作平台",
			ParkName:  "株洲高新区（天元区）",
			ParkBrand: "跟党一起创业",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	serveCtx, stop := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- srv.ListenAndServe(serveCtx, "127.0.0.1:0", func(a net.Addr) { addrc <- a })
	}()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-errc:
		stop()
		t.Fatalf("server did not start: %v", err)
	}
	// Registered after the store's Close, so it runs before it.
	t.Cleanup(func() {
		stop()
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("server: %v", err)
		}
	})
	return &testSite{URL: "http://" + addr.String(), Store: s}
}

// testOrganization is the party organisation a test secretary files for.
const (
	testOrganizationID   = "org-test-0001"
	testOrganizationName = "株洲示例科技有限公司党支部"
)

// browserActor is who the browser tests' own changes are made by.
var browserActor = store.Actor{Username: "test"}

// addTestOrganization inserts one party organisation, the least a
// secretary's account needs.
func addTestOrganization(ctx context.Context, s *store.Store) error {
	_, err := s.SaveOrganization(ctx, browserActor, "", store.Organization{
		ID: testOrganizationID, Name: testOrganizationName, Kind: "branch", Formed: "2023-05-04", Secretary: "李明", Enterprises: []string{},
	})
	return err
}

// testPassword is every test account's password.
const testPassword = "correct-horse-battery"

// addTestUsers creates one account per role: admin, staff and a secretary of
// the test organisation (which must exist).
func addTestUsers(ctx context.Context, s *store.Store) error {
	for _, u := range []store.NewUser{
		{Username: "admin1", Role: store.RoleAdmin, Password: testPassword},
		{Username: "staff1", Role: store.RoleStaff, Password: testPassword},
		{Username: "secretary1", Role: store.RoleSecretary, Organization: testOrganizationID, Password: testPassword},
	} {
		if _, err := s.CreateUser(ctx, browserActor, u); err != nil {
			return err
		}
	}
	return nil
}

// signIn fills in and submits the real sign-in form and waits for the page
// it leads to; it returns that page's HTTP status.
func signIn(t testing.TB, tab context.Context, site *testSite, username, password string) int64 {
	t.Helper()
	do(t, tab,
		chromedp.Navigate(site.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), password),
	)
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`[data-testid="login-submit"]`)))
	if err != nil {
		t.Fatalf("submitting the sign-in form: %v", err)
	}
	return resp.Status
}
