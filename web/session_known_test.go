package web

import (
	"context"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"parkportal/store"
)

// A signed-in request whose session this process read lately, at the
// records' current revision, reads nothing of it again; a session ended
// or an account changed through another process (another store on the
// same file) ends here at the next check of the revision.
func TestASessionKnownHereEndsWhenEndedElsewhere(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	var statements atomic.Int64
	ts := newTestServerWith(t, path, []store.Option{store.WithStatementObserver(func(string, []any) { statements.Add(1) })})
	u := ts.addUser("clerk", store.RoleStaff, "")
	c, res := ts.login("clerk", "clerk-password")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	for range 2 { // the second from the staff cache
		if res, _ := ts.get(c, "/workbench"); res.StatusCode != http.StatusOK {
			t.Fatalf("/workbench: %d", res.StatusCode)
		}
	}
	statements.Store(0)
	want := int64(0)
	if isPostgres(ts.Store.Path()) {
		want = 2 // the revision and the unread notices, read at every request where several portals write
	}
	if res, _ := ts.get(c, "/workbench"); res.StatusCode != http.StatusOK || statements.Load() != want {
		t.Errorf("a cached page for a known session: %d, %d statements, want %d", res.StatusCode, statements.Load(), want)
	}

	// Another process disables the account.
	other, err := store.Open(ctx, ts.Store.Path()) // the same file, or the same PostgreSQL database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SetUserDisabled(ctx, testActor, u.ID, true); err != nil {
		t.Fatal(err)
	}
	ts.clock.Advance(revisionCheckEvery + time.Millisecond)
	if res, _ := ts.get(c, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the account was disabled elsewhere: %d, want 303 to sign in", res.StatusCode)
	}

	// A session signed out here ends at once, whatever this process knew.
	if err := other.SetUserDisabled(ctx, testActor, u.ID, false); err != nil {
		t.Fatal(err)
	}
	ts.clock.Advance(revisionCheckEvery + time.Millisecond)
	c, _ = ts.login("clerk", "clerk-password")
	if res, _ := ts.get(c, "/workbench"); res.StatusCode != http.StatusOK {
		t.Fatalf("signed in again: %d", res.StatusCode)
	}
	cookies := c.Jar.Cookies(mustURL(ts.HTTP.URL))
	token := ts.csrf(c, "/workbench")
	if res, _ := ts.post(c, "/logout", map[string][]string{"_csrf": {token}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.StatusCode)
	}
	stolen := ts.client()
	stolen.Jar.SetCookies(mustURL(ts.HTTP.URL), cookies)
	if res, _ := ts.get(stolen, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the signed-out session's cookie still opens the workbench: %d", res.StatusCode)
	}
}
