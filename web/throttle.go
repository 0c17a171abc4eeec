package web

import (
	"sync"
	"time"
)

// throttle counts failed sign-ins per key (an account name or an address)
// in a sliding window and refuses further attempts once a key has failed
// too often. It lives in memory: a restart forgets, which is acceptable for
// slowing down password guessing on one server.
type throttle struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	fails  map[string][]time.Time
	now    func() time.Time
}

func newThrottle(limit int, window time.Duration, now func() time.Time) *throttle {
	return &throttle{limit: limit, window: window, fails: map[string][]time.Time{}, now: now}
}

// prune drops failures older than the window; callers hold mu.
func (t *throttle) prune(key string, now time.Time) []time.Time {
	list := t.fails[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= t.window {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(t.fails, key)
		return nil
	}
	t.fails[key] = list
	return list
}

// Blocked reports whether key has used up its attempts, and for how long.
func (t *throttle) Blocked(key string) (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	list := t.prune(key, now)
	if len(list) < t.limit {
		return false, 0
	}
	return true, t.window - now.Sub(list[0])
}

// Fail records one failed attempt for key.
func (t *throttle) Fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.fails[key] = append(t.prune(key, now), now)
	// Bound memory under a flood of distinct keys: forget the oldest keys
	// wholesale rather than grow without limit.
	if len(t.fails) > 100_000 {
		for k := range t.fails {
			delete(t.fails, k)
			if len(t.fails) <= 50_000 {
				break
			}
		}
	}
}

// Reset forgets key's failures (after a successful sign-in).
func (t *throttle) Reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}
