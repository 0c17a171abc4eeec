package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

// Two portals on one database (two stores here, on the same SQLite file
// or PostgreSQL database) count sign-in guesses, spend write allowances
// and keep upload previews together.
func TestGuardsAreSharedByTwoPortals(t *testing.T) {
	ctx := context.Background()
	a := openTest(t)
	b, err := Open(ctx, a.path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	limits := SignInLimits{Window: 15 * time.Minute, PairLimit: 5, AddressLimit: 100, AccountFree: 50, MaxDelay: 30 * time.Second, MaxWait: 10 * time.Second, KnownFor: time.Hour}

	// Five wrong passwords through one, one through the other: the sixth
	// from that address is refused, whichever portal it reaches.
	for i := range 5 {
		at, err := a.BeginSignIn(ctx, "clerk", "10.0.0.9", now.Add(time.Duration(i)*time.Second), limits)
		if err != nil || at.Refused {
			t.Fatalf("attempt %d through a: %+v %v", i+1, at, err)
		}
	}
	at, err := b.BeginSignIn(ctx, "clerk", "10.0.0.9", now.Add(10*time.Second), limits)
	if err != nil || !at.Refused || !at.PairOrAddressExhausted || at.RetryAfter <= 14*time.Minute {
		t.Fatalf("the sixth attempt, through b: %+v %v; want it refused for the rest of the window", at, err)
	}
	// Another address still may, and its success takes its own
	// reservation back.
	ok, err := b.BeginSignIn(ctx, "clerk", "10.0.0.7", now.Add(11*time.Second), limits)
	if err != nil || ok.Refused {
		t.Fatalf("another address: %+v %v", ok, err)
	}
	if err := a.SignInSucceeded(ctx, ok, now.Add(12*time.Second)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := b.read.QueryRow(`SELECT count(*) FROM sign_in_failures WHERE key = 'account clerk'`).Scan(&n); err != nil || n != 5 {
		t.Errorf("the account's failures after a success elsewhere: %d (%v), want 5", n, err)
	}
	// The window passes: the pair may try again.
	if at, err := a.BeginSignIn(ctx, "clerk", "10.0.0.9", now.Add(16*time.Minute), limits); err != nil || at.Refused {
		t.Errorf("after the window: %+v %v", at, err)
	}

	// A minute's allowance spent through one is spent for the other.
	if _, ok, err := a.TakeAllowance(ctx, 42, 60, 60, now); err != nil || !ok {
		t.Fatalf("a minute's writes through a: %v %v", ok, err)
	}
	wait, ok2, err := b.TakeAllowance(ctx, 42, 1, 60, now)
	if err != nil || ok2 || wait != time.Second {
		t.Errorf("one more through b: wait %v, ok %v, %v; want a second's wait", wait, ok2, err)
	}
	if _, ok, err := b.TakeAllowance(ctx, 42, 1, 60, now.Add(time.Second)); err != nil || !ok {
		t.Errorf("a second later: %v %v", ok, err)
	}

	// A preview kept by one is confirmed through the other, once.
	p := UploadPreview{Token: "t1", UserID: 7, Collection: "enterprises", Name: "企业.xlsx", Cells: [][]string{{"企业名称"}, {"甲公司"}}, Size: 40, Revision: 3, At: now}
	if err := a.KeepUploadPreview(ctx, p, 30*time.Minute, 20, 1<<20); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := b.TakeUploadPreview(ctx, "t1", 8, "enterprises", now, 30*time.Minute); err != nil || ok {
		t.Errorf("another user took the preview: %v %v", ok, err)
	}
	got, ok3, err := b.TakeUploadPreview(ctx, "t1", 7, "enterprises", now.Add(time.Minute), 30*time.Minute)
	if err != nil || !ok3 || got.Name != p.Name || !slices.EqualFunc(got.Cells, p.Cells, slices.Equal) || got.Revision != 3 || !got.At.Equal(now) {
		t.Errorf("the preview through b: %+v %v %v", got, ok3, err)
	}
	if _, ok, err := a.TakeUploadPreview(ctx, "t1", 7, "enterprises", now.Add(time.Minute), 30*time.Minute); err != nil || ok {
		t.Errorf("the preview was taken twice: %v %v", ok, err)
	}
	// Past the limit the oldest goes.
	for i, tok := range []string{"o1", "o2", "o3"} {
		q := p
		q.Token, q.At = tok, now.Add(time.Duration(i)*time.Second)
		if err := a.KeepUploadPreview(ctx, q, 30*time.Minute, 2, 1<<20); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := b.TakeUploadPreview(ctx, "o1", 7, "enterprises", now, 30*time.Minute); ok {
		t.Error("the oldest preview was kept past the limit")
	}
	if _, ok, _ := b.TakeUploadPreview(ctx, "o3", 7, "enterprises", now, 30*time.Minute); !ok {
		t.Error("the newest preview was dropped")
	}
}
