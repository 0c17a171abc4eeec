package store

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// An import and a change are stamped with the store's clock, not the
// machine's, so that a test (or the web server sharing it) sets one clock.
func TestImportsAndChangesAreStampedWithTheStoreClock(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2031, 5, 4, 3, 2, 1, 0, time.UTC)
	s := openTest(t)
	s.SetClock(func() time.Time { return at })
	doc := reportDocument()
	doc.Format = Format
	if _, err := s.Import(ctx, bytes.NewReader(mustJSON(t, doc)), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rev, err := s.Revision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rev.At.Equal(at) {
		t.Errorf("the import is stamped %s, want the store's clock %s", rev.At, at)
	}
	at = at.Add(time.Hour)
	e, err := s.SaveActivity(ctx, tester, 0, Activity{Program: "uplift", Kind: "lecture", Title: "钟", Date: "2030-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if !e.At.Equal(at) {
		t.Errorf("the change is stamped %s, want the store's clock %s", e.At, at)
	}
	if got := s.Today().Format(time.DateOnly); got != "2031-05-04" {
		t.Errorf("Today = %s, want 2031-05-04", got)
	}
}
