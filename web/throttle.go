package web

import (
	"sync"
	"time"
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
// reservation back. It lives in memory: a restart forgets, which is
// acceptable for slowing guessing on one server.
type signInGuard struct {
	mu  sync.Mutex
	now func() time.Time

	window       time.Duration
	pairLimit    int
	addressLimit int
	accountFree  int
	maxDelay     time.Duration
	maxWait      time.Duration

	pairs     *failures // "account\x00address"
	addresses *failures
	accounts  *failures
	nextAt    map[string]time.Time            // account → earliest start of its next delayed attempt
	known     map[string]map[string]time.Time // account → address → last sign-in
}

// knownFor is how long an address that signed in to an account stays known.
const knownFor = 30 * 24 * time.Hour

// maxKeys bounds each table under a flood of distinct names or addresses.
const maxKeys = 100_000

func newSignInGuard(now func() time.Time) *signInGuard {
	return &signInGuard{
		now:          now,
		window:       15 * time.Minute,
		pairLimit:    5,
		addressLimit: 100,
		accountFree:  5,
		maxDelay:     30 * time.Second,
		maxWait:      10 * time.Second,
		pairs:        newFailures(),
		addresses:    newFailures(),
		accounts:     newFailures(),
		nextAt:       map[string]time.Time{},
		known:        map[string]map[string]time.Time{},
	}
}

// signInAttempt is one reserved attempt.
type signInAttempt struct {
	g                      *signInGuard
	account, address, pair string
	at                     time.Time
	Wait                   time.Duration // hold the answer this long before checking the password
	Refused                bool          // too many attempts: do not check the password
	RetryAfter             time.Duration // when Refused, how long until the next attempt may be made
	PairOrAddressExhausted bool          // Refused by the pair or address limit (not the delay)
}

// Begin reserves an attempt to sign in to account from address.
func (g *signInGuard) Begin(account, address string) *signInAttempt {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	a := &signInAttempt{g: g, account: account, address: address, pair: account + "\x00" + address, at: now}
	if wait, full := g.pairs.full(a.pair, g.pairLimit, g.window, now); full {
		a.Refused, a.RetryAfter, a.PairOrAddressExhausted = true, wait, true
		return a
	}
	if wait, full := g.addresses.full(address, g.addressLimit, g.window, now); full {
		a.Refused, a.RetryAfter, a.PairOrAddressExhausted = true, wait, true
		return a
	}
	if n := g.accounts.count(account, g.window, now); n >= g.accountFree && !g.isKnown(account, address, now) {
		delay := min(time.Second<<min(n-g.accountFree, 16), g.maxDelay)
		start := now
		if next, ok := g.nextAt[account]; ok && next.After(start) {
			start = next
		}
		if wait := start.Sub(now); wait > g.maxWait {
			a.Refused, a.RetryAfter = true, wait
			return a
		}
		a.Wait = start.Sub(now)
		g.nextAt[account] = start.Add(delay)
		if len(g.nextAt) > maxKeys {
			clear(g.nextAt)
		}
	}
	g.pairs.add(a.pair, now)
	g.addresses.add(address, now)
	g.accounts.add(account, now)
	return a
}

// Succeeded takes the attempt's reservation back, forgets the pair's
// failures and remembers the address as one that signs in to the account.
func (a *signInAttempt) Succeeded() {
	g := a.g
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pairs.forget(a.pair)
	g.addresses.remove(a.address, a.at)
	g.accounts.remove(a.account, a.at)
	m := g.known[a.account]
	if m == nil {
		if len(g.known) > maxKeys {
			clear(g.known)
		}
		m = map[string]time.Time{}
		g.known[a.account] = m
	}
	if len(m) > 64 {
		clear(m)
	}
	m[a.address] = g.now()
}

func (g *signInGuard) isKnown(account, address string, now time.Time) bool {
	at, ok := g.known[account][address]
	return ok && now.Sub(at) < knownFor
}

// failures keeps the times of failures per key; callers hold the guard's
// lock.
type failures struct{ times map[string][]time.Time }

func newFailures() *failures { return &failures{times: map[string][]time.Time{}} }

// prune drops failures older than window.
func (f *failures) prune(key string, window time.Duration, now time.Time) []time.Time {
	list := f.times[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= window {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(f.times, key)
		return nil
	}
	f.times[key] = list
	return list
}

func (f *failures) count(key string, window time.Duration, now time.Time) int {
	return len(f.prune(key, window, now))
}

// full reports whether key has limit failures in the window, and when the
// oldest of them leaves it.
func (f *failures) full(key string, limit int, window time.Duration, now time.Time) (time.Duration, bool) {
	list := f.prune(key, window, now)
	if len(list) < limit {
		return 0, false
	}
	return window - now.Sub(list[0]), true
}

func (f *failures) add(key string, at time.Time) {
	f.times[key] = append(f.times[key], at)
	if len(f.times) > maxKeys {
		// Forget the oldest keys wholesale rather than grow without limit.
		for k := range f.times {
			delete(f.times, k)
			if len(f.times) <= maxKeys/2 {
				break
			}
		}
	}
}

// remove takes back one failure recorded at at.
func (f *failures) remove(key string, at time.Time) {
	list := f.times[key]
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Equal(at) {
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(f.times, key)
		return
	}
	f.times[key] = list
}

func (f *failures) forget(key string) { delete(f.times, key) }
