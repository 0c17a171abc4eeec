package web

import (
	"context"
	"testing"
	"time"
)

// The web server and its store keep one clock: a change is stamped with
// the time the tests set, not the machine's.
func TestServerAndStoreShareOneClock(t *testing.T) {
	ts := newTestServer(t)
	ts.clock.now = time.Date(2031, 5, 4, 3, 2, 1, 0, time.UTC)
	ts.addOrganization("org-clock", "钟表党支部")
	rev, err := ts.Store.Revision(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !rev.At.Equal(ts.clock.now) {
		t.Errorf("the change is stamped %s, want the server's clock %s", rev.At, ts.clock.now)
	}
}
