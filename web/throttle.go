package web

import (
	"context"
	"log/slog"
	"time"

	"parkportal/store"
)

// signInGuard slows password guessing without letting a guesser lock an
// account's owner out:
//
//   - an account tried from one address (the pair) gets pairLimit failures
//     per window, then that pair waits for the window to pass;
//   - one address gets addressLimit failures per window over all accounts
//     (spraying many accounts);
//   - an account that has failed accountFree times in the window, from any
//     addresses, takes further attempts one at a time with a growing delay
//     between them (1 s, 2 s, 4 s … up to maxDelay), except from addresses
//     that have signed in to it before, so that its owner is not held up;
//     an attempt that would wait longer than maxWait is refused with the
//     time to come back.
//
// Every attempt is reserved as a failure before its password is hashed
// (hashing takes tens of milliseconds, and guesses sent at once would all
// pass a check made before any was counted); a right password takes its
// reservation back. The counts live in the database
// (store.BeginSignIn), so that the portals sharing one count every
// guess, whichever of them it reached.
type signInGuard struct {
	store  *store.Store
	now    func() time.Time
	log    *slog.Logger
	limits store.SignInLimits
}

func newSignInGuard(st *store.Store, now func() time.Time, log *slog.Logger) *signInGuard {
	return &signInGuard{store: st, now: now, log: log, limits: store.SignInLimits{
		Window:       15 * time.Minute,
		PairLimit:    5,
		AddressLimit: 100,
		AccountFree:  5,
		MaxDelay:     30 * time.Second,
		MaxWait:      10 * time.Second,
		KnownFor:     30 * 24 * time.Hour,
	}}
}

// signInAttempt is one reserved attempt.
type signInAttempt struct {
	g *signInGuard
	store.SignInAttempt
}

// Begin reserves an attempt to sign in to account from address.
func (g *signInGuard) Begin(ctx context.Context, account, address string) (*signInAttempt, error) {
	a, err := g.store.BeginSignIn(ctx, account, address, g.now(), g.limits)
	if err != nil {
		return nil, err
	}
	return &signInAttempt{g, a}, nil
}

// Succeeded takes the attempt's reservation back, forgets the pair's
// failures and remembers the address as one that signs in to the account.
// The sign-in goes on if it cannot be recorded: the guard only counts
// against its owner.
func (a *signInAttempt) Succeeded(ctx context.Context) {
	if err := a.g.store.SignInSucceeded(ctx, a.SignInAttempt, a.g.now()); err != nil {
		a.g.log.Error("sign-in guard", slog.Any("err", err))
	}
}
