package pgcluster

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
)

// TestEngineVariable selects the engine the tests run on: "postgres" runs
// them on a throwaway cluster (make test-postgres); unset, on SQLite files.
const TestEngineVariable = "PORTAL_TEST_ENGINE"

// Testing reports whether the tests run on PostgreSQL.
func Testing() bool { return os.Getenv(TestEngineVariable) == "postgres" }

var shared struct {
	once    sync.Once
	c       *Cluster
	err     error
	prepare func(dsn string) error
}

// RunTests runs a package's tests (TestMain's m.Run) and stops the
// package's cluster, if one was started, afterwards. prepare, when not
// nil, readies the template every test database is copied from (the
// portal's migrations, applied once rather than for every test).
func RunTests(m *testing.M, prepare func(dsn string) error) int {
	shared.prepare = prepare
	code := m.Run()
	if shared.c != nil {
		if err := shared.c.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	return code
}

// TestDatabase is the address of a new empty database on the package's
// cluster when the tests run on PostgreSQL, and "" when they run on
// SQLite. The cluster starts at the first call.
func TestDatabase(t testing.TB) string {
	t.Helper()
	if !Testing() {
		return ""
	}
	ctx := context.Background()
	cluster(t)
	dsn, err := shared.c.NewDatabaseFrom(ctx, "portal_template")
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

var templates struct {
	sync.Mutex
	made map[string]error
}

// TestDatabaseLike is the address of a new database copied from the
// template named name, which prepare fills once (given the address of a
// copy of the empty template), when the tests run on PostgreSQL; "" when
// they run on SQLite.
func TestDatabaseLike(t testing.TB, name string, prepare func(dsn string) error) string {
	t.Helper()
	if !Testing() {
		return ""
	}
	ctx := context.Background()
	cluster(t)
	templates.Lock()
	err, done := templates.made[name]
	if !done {
		err = shared.c.Exec(ctx, "postgres", "CREATE DATABASE "+name+" TEMPLATE portal_template")
		if err == nil {
			err = prepare(shared.c.DSN(name))
		}
		if templates.made == nil {
			templates.made = map[string]error{}
		}
		templates.made[name] = err
	}
	templates.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	dsn, err := shared.c.NewDatabaseFrom(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// Database is the address of a new empty database, on the package's
// cluster whatever engine the tests run on, for a test that needs
// PostgreSQL itself (a copy into it, two portals sharing it). Where
// PostgreSQL is not installed the test is skipped, and fails in CI.
func Database(t testing.TB) string {
	t.Helper()
	if _, err := BinDir(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	cluster(t)
	dsn, err := shared.c.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// cluster starts the package's cluster at the first call.
func cluster(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	shared.once.Do(func() {
		shared.c, shared.err = Start(ctx, "fsync=off", "synchronous_commit=off", "full_page_writes=off")
		if shared.err == nil {
			shared.err = shared.c.Exec(ctx, "postgres", "CREATE DATABASE portal_template")
		}
		if shared.err == nil && shared.prepare != nil {
			shared.err = shared.prepare(shared.c.DSN("portal_template"))
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
}

// SQLiteOnly skips a test on PostgreSQL, saying why: it checks what only
// the SQLite engine has (its file, its pragmas).
func SQLiteOnly(t testing.TB, why string) {
	t.Helper()
	if Testing() {
		t.Skip("SQLite only: " + why)
	}
}
