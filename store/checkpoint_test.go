package store

import (
	"context"
	"fmt"
	"parkportal/store/pgcluster"
	"sync/atomic"
	"testing"
	"time"
)

// A commit never checkpoints (that stalled the saves queued behind it);
// the checkpointer copies the whole log into the database once the saves
// stop, and every save is still there afterwards.
func TestCheckpointsRunBesideTheWriter(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it checks the WAL checkpointer")
	ctx := context.Background()
	s := openTest(t)
	// Stop the store's own checkpointer, so that only commits could
	// checkpoint while the saves run.
	if err := s.ckpt.close(); err != nil {
		t.Fatal(err)
	}
	s.ckpt = nil
	for i := range 600 {
		e := Enterprise{ID: fmt.Sprintf("e%04d", i), Name: fmt.Sprintf("检查点企业%04d", i), Stage: "startup"}
		if _, err := s.SaveEnterprise(ctx, tester, "", e); err != nil {
			t.Fatal(err)
		}
	}
	c, err := startCheckpointer(ctx, s.Path(), s.takeWriteTurn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	logPages, copied, err := c.checkpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// With SQLite's default, the commit that crossed 1,000 pages would
	// have checkpointed and the log would have started again.
	if logPages <= 1000 {
		t.Fatalf("the log holds %d pages after 600 saves: a commit checkpointed", logPages)
	}
	if copied != logPages {
		t.Errorf("checkpoint copied %d of %d pages with no change running", copied, logPages)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM enterprises`).Scan(&n); err != nil || n != 600 {
		t.Errorf("enterprises after the checkpoint = %d (%v), want 600", n, err)
	}
}

// pagesPerSave is the most WAL pages a new enterprise's save writes
// (TestTheLogStaysBoundedUnderSteadySaves).
const pagesPerSave = 50

// Under a steady stream of saves a PASSIVE checkpoint never catches the
// last commit, so the log would grow for as long as the saves go on; the
// checkpointer's turn at the writer keeps it bounded.
func TestTheLogStaysBoundedUnderSteadySaves(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it checks the WAL file's size")
	if testing.Short() {
		t.Skip("short: a concurrency test, the checkpointer under a steady stream of saves")
	}
	ctx := context.Background()
	s := openTest(t)
	if err := s.ckpt.close(); err != nil {
		t.Fatal(err)
	}
	s.ckpt = nil
	c, err := startCheckpointer(ctx, s.Path(), s.takeWriteTurn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close() // its own ticker runs too, as in the portal
	c.inTurn = 500
	var stop atomic.Bool
	var count atomic.Int64 // saves so far
	saved := make(chan int)
	// The saves are paced at one a millisecond at most, so that what one
	// interval between rounds writes is bounded on any machine: unpaced, a
	// fast one wrote 2,700 pages between two rounds, past the bound below.
	// Without the turn at the writer the log holds all of them (some 1,500
	// saves, 1,300 pages).
	pace := time.NewTicker(time.Millisecond)
	defer pace.Stop()
	go func() {
		n := 0
		for ; !stop.Load(); n++ {
			<-pace.C
			e := Enterprise{ID: fmt.Sprintf("e%05d", n), Name: fmt.Sprintf("日志企业%05d", n), Stage: "startup"}
			if _, err := s.SaveEnterprise(ctx, tester, "", e); err != nil {
				t.Error(err)
				break
			}
			count.Add(1)
		}
		saved <- n
	}()
	longest, widest, last := 0, int64(0), int64(0)
	for range 60 {
		time.Sleep(25 * time.Millisecond)
		logPages, _, err := c.checkpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		longest = max(longest, logPages)
		now := count.Load()
		widest, last = max(widest, now-last), now
		if err := c.round(ctx); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	n := <-saved
	// A round lets the log grow by what the saves between two rounds
	// write past the limit (25 ms: at most 25 saves), then starts it
	// again. On a host busy enough to hold a round back for longer, the
	// bound grows with the saves it let through. A new enterprise writes
	// the record, its indexes and name search, the audit entry, the
	// revision, the figures the write path keeps and the ledger's kept
	// totals: measured on this test's store (WAL frames of one save, 600
	// saves), 34 pages on average and at most 50, when the name search
	// merges its segments; 32 a save, the figure this bound used before,
	// was under the average and let the test fail on a slow round. What
	// is tested is that the turn bounds the log, not how fast this host
	// is: without it the log holds every save's pages (some 1,100 saves,
	// 38,000 pages).
	bound := max(2*c.inTurn, c.inTurn+pagesPerSave*int(widest))
	if longest > bound {
		t.Errorf("the log grew to %d pages during %d saves (limit %d, at most %d saves between rounds)", longest, n, c.inTurn, widest)
	}
	t.Logf("%d saves, the longest log %d pages, at most %d saves between rounds", n, longest, widest)
}
