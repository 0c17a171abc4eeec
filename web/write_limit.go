package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"parkportal/store"
	"parkportal/views"
)

// DefaultWriteLimit is how many filings, submissions and photos one
// account may send a minute unless configured otherwise. A secretary
// files a few a day; one connection stored 84 MB of photos in 21 s.
const DefaultWriteLimit = 60

// writeLimiter bounds how fast one account writes: each filing's save or
// submission takes one of the account's allowance, each photo one more.
// The allowance refills evenly (DefaultWriteLimit a minute) up to a
// minute's worth.
type writeLimiter interface {
	// Take spends n of account's allowance at now. When what is left
	// cannot cover n it spends nothing and says how long until it can.
	Take(ctx context.Context, account int64, n int, now time.Time) (wait time.Duration, ok bool, err error)
}

// newWriteLimiter keeps the allowances where every portal serving the
// database sees them: in memory for the one portal a SQLite file has (it
// holds the file's lock; a commit, and its fsync, per filing would double
// a save's cost), in the database where several portals share PostgreSQL
// (store.TakeAllowance).
func newWriteLimiter(st *store.Store, perMinute int) writeLimiter {
	if st.OnServer() {
		return databaseWriteLimiter{st, perMinute}
	}
	return &memoryWriteLimiter{perMin: perMinute, accounts: map[int64]*rate.Limiter{}}
}

type databaseWriteLimiter struct {
	store  *store.Store
	perMin int
}

func (l databaseWriteLimiter) Take(ctx context.Context, account int64, n int, now time.Time) (time.Duration, bool, error) {
	return l.store.TakeAllowance(ctx, account, n, l.perMin, now)
}

// memoryWriteLimiter is a token bucket per account (x/time/rate, given
// the server's clock). The map holds one small entry per account that
// has written, which the accounts table bounds.
type memoryWriteLimiter struct {
	mu       sync.Mutex
	perMin   int
	accounts map[int64]*rate.Limiter
}

func (l *memoryWriteLimiter) Take(_ context.Context, account int64, n int, now time.Time) (time.Duration, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.accounts[account]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(float64(l.perMin)/60), l.perMin)
		l.accounts[account] = lim
	}
	r := lim.ReserveN(now, n)
	if !r.OK() { // more than a minute's worth at once
		return time.Minute, false, nil
	}
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return wait, false, nil
	}
	return 0, true, nil
}

// codeTooFrequent refuses photos past the account's write limit.
const codeTooFrequent = "too_frequent"

// retryAfter is a wait in whole seconds, at least one, for the
// Retry-After header and the page.
func retryAfter(wait time.Duration) int {
	return max(1, int(math.Ceil(wait.Seconds())))
}

// limitWrites takes one of the account's allowance for each post of a
// filing form (the routes in s.writeLimited) before anything reads its
// body; past the limit it answers 429 with Retry-After and a page that
// says when to try again, and the body is never read. It runs after
// guardWrites, so the account is known and allowed there; the CSRF check
// comes later, but the session cookie is SameSite=Lax, so another site's
// form cannot spend a secretary's allowance.
func (s *Server) limitWrites(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := viewerOf(c)
		if c.Request().Method != http.MethodPost || !s.writeLimited[c.Path()] || u == nil {
			return next(c)
		}
		wait, ok, err := s.writes.Take(c.Request().Context(), u.ID, 1, s.now())
		if err != nil {
			return err
		}
		if ok {
			return next(c)
		}
		secs := retryAfter(wait)
		c.Response().Header().Set("Retry-After", fmt.Sprint(secs))
		c.Response().Header().Set("Cache-Control", "no-store")
		v := views.ErrorView{Code: http.StatusTooManyRequests, Heading: "提交过于频繁",
			Message: fmt.Sprintf("每个账号每分钟最多提交 %d 次报送或照片。这次提交没有保存，请在 %d 秒后返回上一页再提交。", s.writeLimit, secs)}
		p := s.page(c, v.Heading)
		p.NoIndex = true
		return s.render(c, http.StatusTooManyRequests, p, views.ErrorPage(v))
	}
}
