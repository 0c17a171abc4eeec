package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"parkportal/store"
)

// postLogin posts the sign-in form with client c, whose CSRF token is token.
func (ts *testServer) postLogin(c *http.Client, token, user, password string, header ...string) *http.Response {
	ts.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.HTTP.URL+"/login",
		strings.NewReader(url.Values{"_csrf": {token}, "username": {user}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		ts.t.Error(err)
		return &http.Response{}
	}
	res.Body.Close()
	return res
}

// Guesses sent at once are counted before any is hashed: 60 wrong
// passwords and then the right one, all in flight together, do not sign
// in, and at most the pair's limit of passwords are checked.
func TestConcurrentGuessesDoNotBeatTheLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a concurrency test, 61 sign-ins in flight at once")
	}
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c := ts.client()
	token := ts.csrf(c, "/login")
	var wg sync.WaitGroup
	statuses := make(chan int, 61)
	for i := range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- ts.postLogin(c, token, "clerk", "wrong-password-"+strconv.Itoa(i)).StatusCode
		}()
	}
	time.Sleep(100 * time.Millisecond) // the wrong ones are in flight, still hashing
	right := ts.postLogin(c, token, "clerk", "clerk-password")
	wg.Wait()
	close(statuses)
	if right.StatusCode == http.StatusSeeOther {
		t.Fatal("the right password sent among 60 concurrent guesses signed in")
	}
	checked := 0
	for s := range statuses {
		if s == http.StatusUnprocessableEntity {
			checked++
		}
	}
	if limit := ts.Server.signIn.limits.PairLimit; checked > limit {
		t.Errorf("%d passwords were checked, want at most %d", checked, limit)
	}
}

// A guesser cannot lock the owner out: after many failures from other
// addresses the owner, from an address that has signed in before, signs in
// at once; a new address is slowed by a growing delay of seconds, not
// locked out for the window.
func TestGuessingDoesNotLockTheOwnerOut(t *testing.T) {
	ts := newTestServer(t)
	ts.Server.echo.IPExtractor = func(r *http.Request) string { return r.Header.Get("X-Test-Address") }
	var mu sync.Mutex
	var waits []time.Duration
	ts.Server.sleep = func(_ context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return nil
	}
	ts.addUser("clerk", store.RoleStaff, "")
	c := ts.client()
	token := ts.csrf(c, "/login")
	from := func(addr string) []string { return []string{"X-Test-Address", addr} }

	if res := ts.postLogin(c, token, "clerk", "clerk-password", from("10.0.0.1")...); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner's first sign-in: %d", res.StatusCode)
	}
	c = ts.client()
	token = ts.csrf(c, "/login")
	// Guessers at four addresses, five guesses each: each pair's limit.
	for _, addr := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"} {
		for range 5 {
			ts.postLogin(c, token, "clerk", "wrong-password", from(addr)...)
		}
		if res := ts.postLogin(c, token, "clerk", "wrong-password", from(addr)...); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("the sixth guess from %s: %d, want 429", addr, res.StatusCode)
		}
	}
	// The owner, from the known address, at once.
	mu.Lock()
	waits = nil
	mu.Unlock()
	if res := ts.postLogin(c, token, "clerk", "clerk-password", from("10.0.0.1")...); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner from a known address after guessing elsewhere: %d, want 303", res.StatusCode)
	}
	if len(waits) != 0 {
		t.Errorf("the owner from a known address was held %v", waits)
	}
	// The owner from a new address waits seconds, then signs in.
	c = ts.client()
	token = ts.csrf(c, "/login")
	ts.clock.Advance(time.Minute)
	res := ts.postLogin(c, token, "clerk", "clerk-password", from("10.0.0.2")...)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner from a new address: %d, want 303 after a short wait", res.StatusCode)
	}
}

// Past the free failures, an account takes guesses from new addresses one
// at a time, each waiting longer (1 s, 3 s, 7 s …); one that would wait too
// long is refused for seconds, not minutes.
func TestGuessesAreSpacedByAGrowingDelay(t *testing.T) {
	ts := newTestServer(t)
	ts.Server.echo.IPExtractor = func(r *http.Request) string { return r.Header.Get("X-Test-Address") }
	var waits []time.Duration
	ts.Server.sleep = func(_ context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}
	ts.addUser("clerk", store.RoleStaff, "")
	c := ts.client()
	token := ts.csrf(c, "/login")
	var refused *http.Response
	for i := range 30 {
		res := ts.postLogin(c, token, "clerk", "wrong-password", "X-Test-Address", "198.51.100."+strconv.Itoa(i))
		if res.StatusCode == http.StatusTooManyRequests {
			refused = res
			break
		}
	}
	if refused == nil {
		t.Fatal("guesses from ever new addresses were never slowed to a refusal")
	}
	if after, _ := strconv.Atoi(refused.Header.Get("Retry-After")); after < 1 || after > 60 {
		t.Errorf("Retry-After = %q, want seconds", refused.Header.Get("Retry-After"))
	}
	if len(waits) < 2 || waits[len(waits)-1] <= waits[0] {
		t.Errorf("delays did not grow: %v", waits)
	}
}

// "CLERK" is the clerk's account: one name whatever the case, for signing
// in and for counting failures.
func TestUserNamesAreOneRegardlessOfCase(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("Clerk", store.RoleStaff, "")
	_, err := ts.Store.CreateUser(context.Background(), testActor, store.NewUser{Username: "CLERK", Role: store.RoleAdmin, Password: "another-password"})
	if !errors.Is(err, store.ErrExists) {
		t.Fatalf("CLERK beside Clerk: %v, want ErrExists", err)
	}
	if _, res := ts.login("clerk", "Clerk-password"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("signing in as clerk: %d, want 303", res.StatusCode)
	}
	for _, name := range []string{"CLERK", "clerk", "Clerk", "cLeRk", "CLErk"} {
		ts.login(name, "wrong-password")
	}
	if _, res := ts.login("Clerk", "Clerk-password"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("five failures under five spellings: %d, want 429", res.StatusCode)
	}
}
