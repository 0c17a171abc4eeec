package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"parkportal/store"
)

// The ledger pages kept in the page cache stay there on the engine: a
// second request of each costs what a second request of the dashboard
// costs (the session and the revision), without building the page again.
func TestCachedLedgerPagesAreServedFromTheCache(t *testing.T) {
	store.EnableStatementCounting()
	ts, c, _ := staffClient(t)
	again := func(path string) int64 {
		t.Helper()
		if res, _ := ts.get(c, path); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		before := ts.Store.Statements()
		ts.get(c, path)
		return ts.Store.Statements() - before
	}
	floor := again("/workbench")
	for _, path := range []string{
		"/workbench/staff",
		"/workbench/staff?role=instructor",
		"/workbench/enterprises",
		"/workbench/enterprises?stage=startup&sort=-employees",
		"/workbench/enterprises/ent-001",
		"/workbench/enterprises/ent-001?done=saved",
		"/workbench/organizations",
		"/workbench/organizations?kind=branch",
		"/workbench/organizations/org-01",
		"/workbench/members/mem-001",
		// every ledger's pages, and its forms as they open
		"/workbench/activities",
		"/workbench/activities?program=incubation",
		"/workbench/awards",
		"/workbench/enterprises/new",
		"/workbench/enterprises/ent-001/edit",
		"/workbench/enterprises/ent-001/delete",
		"/workbench/enterprises/upload",
		"/workbench/activities/new",
		"/workbench/platforms/new",
	} {
		if n := again(path); n != floor {
			t.Errorf("%s again: %d statements, the dashboard again %d", path, n, floor)
		}
	}
}

// A form kept in the page cache carries each session's own CSRF token:
// two clerks open the same form, each with gzip and without, and each
// posts it with the token it found; the other's is refused.
func TestCachedFormsCarryEachSessionsToken(t *testing.T) {
	ts, c1, _ := staffClient(t)
	ts.addUser("clerk2", store.RoleStaff, "")
	c2, res := ts.login("clerk2", "clerk2-password")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	const form = "/workbench/platforms/new"
	tokenOf := func(c *http.Client, gzipped bool) string {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, ts.HTTP.URL+form, nil)
		if !gzipped {
			req.Header.Set("Accept-Encoding", "identity")
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || res.Uncompressed != gzipped {
			t.Fatalf("%s (gzip %v): %d, decompressed %v", form, gzipped, res.StatusCode, res.Uncompressed)
		}
		if strings.Contains(string(b), csrfMarker) {
			t.Fatalf("%s (gzip %v) shows the token's marker", form, gzipped)
		}
		return doc(t, string(b)).Find(`form[data-testid] input[name="_csrf"]`).AttrOr("value", "")
	}
	t1, t2 := tokenOf(c1, true), tokenOf(c2, true)
	if t1 == "" || t2 == "" || t1 == t2 {
		t.Fatalf("the clerks' forms carry tokens %q and %q", t1, t2)
	}
	if p1, p2 := tokenOf(c1, false), tokenOf(c2, false); p1 != t1 || p2 != t2 {
		t.Errorf("without gzip the forms carry %q and %q, with it %q and %q", p1, p2, t1, t2)
	}
	for _, tc := range []struct {
		c     *http.Client
		token string
		want  int
	}{{c1, t1, http.StatusUnprocessableEntity}, {c2, t2, http.StatusUnprocessableEntity}, {c2, t1, http.StatusForbidden}} {
		if res, _ := ts.post(tc.c, "/workbench/platforms", url.Values{"_csrf": {tc.token}}); res.StatusCode != tc.want {
			t.Errorf("an empty platform posted with token %q: %d, want %d", tc.token, res.StatusCode, tc.want)
		}
	}
}

// A page of one's own notifications is kept per account and unread count:
// marking them read shows them read at once (no record changed), and one
// clerk's page is never another's.
func TestNotificationPagesFollowMarkingRead(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	ts.addUser("clerk2", store.RoleStaff, "")
	other, res := ts.login("clerk2", "clerk2-password")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	token := ts.csrf(secA, "/org/services/new")
	if res, _ := ts.post(secA, "/org/services", url.Values{"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"legal"},
		"date": {"2024-07-24"}, "need": {"合同审查"}, "action": {"submit"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("filing: %d", res.StatusCode)
	}
	unread := func(c *http.Client) int {
		t.Helper()
		_, body := ts.get(c, "/workbench/notifications")
		d := doc(t, body)
		if d.Find(`[data-testid="notification-list"] li`).Length() == 0 {
			t.Fatal("no notification listed")
		}
		return d.Find(`[data-testid="notification-list"] .tag`).Length()
	}
	first, again, others := unread(staff), unread(staff), unread(other) // again: from the cache
	if first != 1 || again != 1 || others != 1 {
		t.Fatalf("the new filing's notification shows %d, %d (again) and %d unread, want 1 for both clerks", first, again, others)
	}
	if res, _ := ts.post(staff, "/workbench/notifications/read", url.Values{"_csrf": {ts.csrf(staff, "/workbench/notifications")}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("marking read: %d", res.StatusCode)
	}
	if n := unread(staff); n != 0 {
		t.Errorf("after marking read, %d notifications still show unread", n)
	}
	if n := unread(other); n != 1 {
		t.Errorf("the other clerk's notification shows %d unread, want 1: their page is their own", n)
	}
}

// A cached route whose handler answers by itself (a redirect, as the
// secretary's brand form with a brand filing open) keeps nothing and
// reports no error: each request gets the redirect from the handler.
func TestCachedPageThatRedirectsIsNotKept(t *testing.T) {
	ts, _, _ := staffClient(t)
	calls := 0
	h := ts.Server.cachedStaff(func(c echo.Context) error {
		calls++
		return c.Redirect(http.StatusSeeOther, "/elsewhere")
	}, queryKey)
	for range 2 {
		rec := httptest.NewRecorder()
		c := ts.Server.echo.NewContext(httptest.NewRequest(http.MethodGet, "/workbench/somewhere", nil), rec)
		if err := h(c); err != nil {
			t.Fatalf("the redirecting page: %v", err)
		}
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/elsewhere" {
			t.Fatalf("the redirecting page answered %d to %q", rec.Code, rec.Header().Get("Location"))
		}
	}
	if calls != 2 {
		t.Errorf("the handler ran %d times for two requests: a redirect was kept", calls)
	}
}

// The notification list pages back: the latest 50, then the older ones,
// each listed once.
func TestNotificationListPagesBack(t *testing.T) {
	ts, staff, _, _ := secretaryServer(t)
	ctx := context.Background()
	sec, err := ts.Store.UserByUsername(ctx, "seca")
	if err != nil {
		t.Fatal(err)
	}
	for i := range notificationPageSize + 10 {
		if _, err := ts.Store.SaveFiling(ctx, store.Actor{UserID: sec.ID, Username: "seca"}, "org-04", store.FilingSave{Kind: store.FilingServiceRequest, Submit: true,
			Body: &store.ServiceRequest{Enterprise: "ent-003", Kind: "legal", Date: "2024-07-24", Need: fmt.Sprintf("合同审查 %d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	_, body := ts.get(staff, "/workbench/notifications")
	d := doc(t, body)
	if n := d.Find(`[data-testid="notification-list"] li`).Length(); n != notificationPageSize {
		t.Fatalf("the first page lists %d notifications, want %d", n, notificationPageSize)
	}
	older, ok := d.Find(`[data-testid="older-notifications"]`).Attr("href")
	if !ok {
		t.Fatal("no link to older notifications")
	}
	_, body = ts.get(staff, older)
	d = doc(t, body)
	if n := d.Find(`[data-testid="notification-list"] li`).Length(); n != 10 {
		t.Errorf("the older page lists %d notifications, want 10", n)
	}
	if d.Find(`[data-testid="older-notifications"]`).Length() != 0 {
		t.Error("the last page links to older notifications")
	}
}
