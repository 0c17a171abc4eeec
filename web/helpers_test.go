package web

import (
	"context"
	"database/sql"
	"errors"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
	"parkportal/store/pgcluster"
	"parkportal/views"
)

// testServer is the real router over a real temporary SQLite database.
type testServer struct {
	t      testing.TB
	Store  *store.Store
	Server *Server
	HTTP   *httptest.Server
	clock  *testClock
}

// testClock is a settable clock for timeouts and throttling.
type testClock struct{ now time.Time }

func (c *testClock) Now() time.Time          { return c.now }
func (c *testClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

// newTestServer starts the portal on an httptest server over a fresh DB;
// options change the configuration before the server is built.
func newTestServer(t testing.TB, options ...func(*Config)) *testServer {
	t.Helper()
	return newTestServerOn(t, filepath.Join(t.TempDir(), "portal.db"), options...)
}

// testStart is when the test clock starts.
var testStart = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// newTestServerOn is newTestServer over the database at path (created
// when there is none).
func newTestServerOn(t testing.TB, path string, options ...func(*Config)) *testServer {
	t.Helper()
	return newTestServerWith(t, path, nil, options...)
}

// newTestServerWith is newTestServerOn with the store opened with
// storeOptions (store.WithOutbox: a portal with a mail server).
func newTestServerWith(t testing.TB, path string, storeOptions []store.Option, options ...func(*Config)) *testServer {
	t.Helper()
	if !isPostgres(path) {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if dsn := pgcluster.TestDatabase(t); dsn != "" {
				path = dsn // a new database on PostgreSQL (make test-postgres)
			}
		}
	}
	db, err := store.Open(context.Background(), path, storeOptions...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := &testClock{now: testStart}
	cfg := Config{
		Store:      db,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		SessionKey: []byte(strings.Repeat("k", 32)),
		Site:       views.Site{Name: "园区党建工作平台", ParkName: "株洲高新区（天元区）", ParkBrand: "跟党一起创业"},
		Now:        clock.Now,
	}
	for _, o := range options {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &testServer{t: t, Store: db, Server: srv, HTTP: hs, clock: clock}
}

// tally counts what the database holds beside the ledgers (audit entries,
// filings, sessions, photos); a failed read fails the test.
func (ts *testServer) tally() store.Tally {
	ts.t.Helper()
	n, err := ts.Store.Tally(context.Background())
	if err != nil {
		ts.t.Fatal(err)
	}
	return n
}

// revision is the store's revision. A failed read fails the test: two
// failed reads would compare equal, and a check that nothing moved would
// pass without reading anything.
func (ts *testServer) revision() store.Revision {
	ts.t.Helper()
	rev, err := ts.Store.Revision(context.Background())
	if err != nil {
		ts.t.Fatal(err)
	}
	return rev
}

// audit is the audit entries f selects, newest first; a failed read fails
// the test rather than counting as none.
func (ts *testServer) audit(f store.AuditFilter) []store.AuditEntry {
	ts.t.Helper()
	entries, err := ts.Store.AuditEntries(context.Background(), f)
	if err != nil {
		ts.t.Fatal(err)
	}
	return entries
}

// enterprise is enterprise id as stored; a failed read fails the test
// rather than reading as an empty record (which a check that something
// was not written would take for a pass).
func (ts *testServer) enterprise(id string) store.Enterprise {
	ts.t.Helper()
	e, _, err := ts.Store.EnterpriseByID(context.Background(), id)
	if err != nil {
		ts.t.Fatal(err)
	}
	return e
}

// member is member id as stored; a failed read fails the test.
func (ts *testServer) member(id string) store.Member {
	ts.t.Helper()
	m, _, err := ts.Store.MemberByID(context.Background(), id)
	if err != nil {
		ts.t.Fatal(err)
	}
	return m
}

// addUser creates a user with a known password.
func (ts *testServer) addUser(name string, role store.Role, org string) store.User {
	ts.t.Helper()
	u, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: name, Role: role, Organization: org, Password: name + "-password"})
	if err != nil {
		ts.t.Fatal(err)
	}
	return u
}

// testActor is who the tests' own changes are made by.
var testActor = store.Actor{Username: "test"}

// addOrganization inserts a bare party organisation with interchange id id.
func (ts *testServer) addOrganization(id, name string) {
	ts.t.Helper()
	if _, err := ts.Store.SaveOrganization(context.Background(), testActor, "", store.Organization{
		ID: id, Name: name, Kind: "branch", Formed: "2023-05-04", Enterprises: []string{},
	}); err != nil {
		ts.t.Fatal(err)
	}
}

// client is a cookie-keeping HTTP client that does not follow redirects.
func (ts *testServer) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// get fetches a path and returns the response with its body read.
func (ts *testServer) get(c *http.Client, path string) (*http.Response, string) {
	ts.t.Helper()
	res, err := c.Get(ts.HTTP.URL + path)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// csrf loads a page with a form and returns its CSRF token.
func (ts *testServer) csrf(c *http.Client, path string) string {
	ts.t.Helper()
	_, body := ts.get(c, path)
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		ts.t.Fatalf("no CSRF token on %s", path)
	}
	return m[1]
}

// post submits a form.
func (ts *testServer) post(c *http.Client, path string, form url.Values) (*http.Response, string) {
	ts.t.Helper()
	res, err := c.PostForm(ts.HTTP.URL+path, form)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// login signs in through the form and returns the signed-in client.
func (ts *testServer) login(username, password string) (*http.Client, *http.Response) {
	ts.t.Helper()
	c := ts.client()
	token := ts.csrf(c, "/login")
	res, _ := ts.post(c, "/login", url.Values{"_csrf": {token}, "username": {username}, "password": {password}})
	return c, res
}

// doc parses HTML for goquery assertions.
func doc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// opened is what a browser posts from the form of the page at path: the
// form's hidden fields (its CSRF token, the version of the record it was
// opened on) with fields set over them.
func (ts *testServer) opened(c *http.Client, path string, fields url.Values) url.Values {
	ts.t.Helper()
	res, body := ts.get(c, path)
	if res.StatusCode != http.StatusOK {
		ts.t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		ts.t.Fatal(err)
	}
	out := url.Values{}
	d.Find(`main form[method="post"]`).First().Find(`input[type="hidden"]`).Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		value, _ := in.Attr("value")
		if out.Get(name) == "" {
			out.Set(name, value)
		}
	})
	for k, v := range fields {
		out[k] = v
	}
	return out
}

// isPostgres reports whether db is a PostgreSQL address, not a file.
func isPostgres(db string) bool { return strings.HasPrefix(db, "postgres://") }

// rawDB is a connection to the test server's database, on either engine,
// for a test that changes what no page can (a record of before a rule).
func rawDB(t testing.TB, db string) *sql.DB {
	t.Helper()
	var raw *sql.DB
	var err error
	if isPostgres(db) {
		raw, err = sql.Open("pgx", db)
	} else {
		raw, err = sql.Open("sqlite", "file:"+db)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}
