package store

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite"
)

// Statement counting, for tests and benchmarks that check what a page
// costs: once EnableStatementCounting has been called, every connection
// opened afterwards counts the statements it prepares (each SELECT, INSERT,
// UPDATE and DELETE, a sub-select counting as one more), per database
// file. The count is what SQLite's authorizer sees at prepare time, so a
// page whose queries do not depend on the data has the same count on a
// small and a large park.

var (
	counting     atomic.Bool // PostgreSQL's connections count what they run (postgres.go)
	countingOnce sync.Once
	counters     sync.Map // database path → *atomic.Int64
)

// EnableStatementCounting turns statement counting on for connections
// opened from now on. It is meant for tests and benchmarks.
func EnableStatementCounting() {
	counting.Store(true)
	countingOnce.Do(func() {
		sqlite.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, dsn string) error {
			reg, ok := conn.(sqlite.AuthorizerRegisterer)
			if !ok {
				return fmt.Errorf("store: the sqlite driver offers no authorizer")
			}
			n := counterFor(pathOfDSN(dsn))
			return reg.RegisterAuthorizer(func(action sqlite.AuthorizerActionCode, _, _, _, _ string) sqlite.AuthorizerReturnCode {
				switch action {
				case sqlite.AuthSelect, sqlite.AuthInsert, sqlite.AuthUpdate, sqlite.AuthDelete:
					n.Add(1)
				}
				return sqlite.AuthorizerOK
			})
		})
	})
}

func counterFor(path string) *atomic.Int64 {
	v, _ := counters.LoadOrStore(path, new(atomic.Int64))
	return v.(*atomic.Int64)
}

// pathOfDSN is the database file a DSN of dsn() names.
func pathOfDSN(dsn string) string {
	p := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// Statements is how many statements connections to this store's database
// have prepared since counting was enabled (0 when it is not).
func (s *Store) Statements() int64 {
	return counterFor(s.path).Load()
}

// Prepared is how many statements connections to this store's database
// have prepared since counting was enabled: on SQLite what Statements
// counts, on PostgreSQL the statements prepared by name (the statement
// caches' work), where Statements counts every statement run.
func (s *Store) Prepared() int64 {
	if s.d.postgres {
		return counterFor(s.path + "#prepared").Load()
	}
	return s.Statements()
}
