package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations_postgres/*.sql
var postgresMigrations embed.FS

// writeLockKey is the advisory lock every write transaction on PostgreSQL
// takes first: the portals sharing a database write one at a time, as
// SQLite's one writer does, so that the write path's checks (versions,
// duplicates, the revision) see every change committed before theirs and
// no two changes deadlock.
const writeLockKey = 0x70617263 // "parc"

// openPostgres opens the store on the PostgreSQL database dsn: a pool of
// readers, whose transactions see one snapshot (REPEATABLE READ, read
// only), and a writer whose transactions queue on writeLockKey.
func openPostgres(ctx context.Context, dsn string, o openOptions) (*Store, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: the PostgreSQL address is not valid: %w", err)
	}
	open := func(writer bool) *sql.DB {
		var count, prepared *atomic.Int64
		if counting.Load() {
			count, prepared = counterFor(dsn), counterFor(dsn+"#prepared")
		}
		var c driver.Connector = pgConnector{stdlib.GetConnector(*config), writer, count, prepared}
		if o.observe != nil {
			c = observedConnector{c, o.observe}
		}
		return sql.OpenDB(c)
	}
	write := open(true)
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("store: unable to reach PostgreSQL at %s: %w", config.Host, err)
	}
	if err := checkCollation(ctx, write); err != nil {
		write.Close()
		return nil, err
	}
	// goose speaks PostgreSQL itself: its handle is the driver's own.
	plain := sql.OpenDB(stdlib.GetConnector(*config))
	err = migratePostgres(ctx, plain)
	plain.Close()
	if err != nil {
		write.Close()
		return nil, err
	}
	read := open(false)
	n := 2 * runtime.NumCPU()
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	s := &Store{read: read, write: write, path: dsn, d: dialect{postgres: true}, writeTurn: make(chan struct{}, 1), outbox: o.outbox}
	if err := s.prepareSessionStatements(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// migratePostgresAt migrates the database at dsn and returns the version
// reached.
func migratePostgresAt(ctx context.Context, dsn string) (int64, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return 0, fmt.Errorf("store: the PostgreSQL address is not valid: %w", err)
	}
	db := sql.OpenDB(stdlib.GetConnector(*config))
	defer db.Close()
	if err := migratePostgres(ctx, db); err != nil {
		return 0, err
	}
	return schemaVersion(ctx, newPostgresGoose, db)
}

// checkCollation refuses a database whose text does not sort by code
// point: the store compares ISO dates and orders names as SQLite does.
func checkCollation(ctx context.Context, db *sql.DB) error {
	var collate, ctype, provider string
	if err := db.QueryRowContext(ctx, `SELECT datcollate, datctype, coalesce(to_jsonb(d) ->> 'datlocprovider', 'c')
		FROM pg_database d WHERE datname = current_database()`).Scan(&collate, &ctype, &provider); err != nil {
		return fmt.Errorf("store: unable to read the database's collation: %w", err)
	}
	c := map[string]bool{"C": true, "POSIX": true, "C.UTF-8": true, "C.utf8": true}
	if c[collate] && c[ctype] && provider == "c" {
		return nil
	}
	return fmt.Errorf("store: the database's locale is %s/%s (provider %s); the portal needs C (CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8')", collate, ctype, provider)
}

func newPostgresGoose(db *sql.DB) (*goose.Provider, error) {
	dir, err := fs.Sub(postgresMigrations, "migrations_postgres")
	if err != nil {
		return nil, err
	}
	// One runner at a time: the others wait on goose's advisory lock.
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectPostgres, db, dir, goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
}

func migratePostgres(ctx context.Context, db *sql.DB) error {
	p, err := newPostgresGoose(db)
	if err != nil {
		return fmt.Errorf("store: unable to read migrations: %w", err)
	}
	if err := refuseNewerSchema(ctx, p); err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: unable to migrate: %w", err)
	}
	return nil
}

// ErrSchemaNewer is a database migrated by a newer portal than this one.
var ErrSchemaNewer = errors.New("store: the database's schema is newer than this portal knows")

// refuseNewerSchema stops a portal on a database that a newer portal has
// migrated: it would not know the tables it writes.
func refuseNewerSchema(ctx context.Context, p *goose.Provider) error {
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("store: unable to read schema version: %w", err)
	}
	sources := p.ListSources()
	if known := sources[len(sources)-1].Version; v > known {
		return fmt.Errorf("%w (database at version %d, this portal at %d)", ErrSchemaNewer, v, known)
	}
	return nil
}

// pgConnector hands out PostgreSQL connections that take the store's SQL
// as it is written (rebind) and begin the transactions the store means.
type pgConnector struct {
	driver.Connector
	writer   bool
	count    *atomic.Int64 // statements run, when counted (statements.go)
	prepared *atomic.Int64 // and prepared
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{conn.(*stdlib.Conn), c.writer, c.count, c.prepared}, nil
}

type pgConn struct {
	*stdlib.Conn
	writer          bool
	count, prepared *atomic.Int64
}

// counted counts a statement run, when statements are counted: on
// PostgreSQL each statement a page runs, where SQLite's count is of those
// it prepares.
func counted(n *atomic.Int64) {
	if n != nil {
		n.Add(1)
	}
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	counted(c.prepared)
	q, keep := rebind(query)
	st, err := c.Conn.PrepareContext(ctx, q)
	if err != nil {
		return st, err
	}
	return &pgStmt{st.(*stdlib.Stmt), keep, c.count}, nil
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	counted(c.count)
	q, keep := rebind(query)
	args = keepArgs(args, keep)
	if strings.HasPrefix(query, customPlan) {
		// pgx reads a leading QueryExecMode as its mode: an unnamed
		// statement, planned at each execution for its arguments.
		args = append([]driver.NamedValue{{Value: pgx.QueryExecModeCacheDescribe}}, args...)
	}
	return c.Conn.QueryContext(ctx, q, args)
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	counted(c.count)
	q, keep := rebind(query)
	return c.Conn.ExecContext(ctx, q, keepArgs(args, keep))
}

// pgStmt is a prepared statement that leaves some of its arguments out
// (rebind's keep), and is counted.
type pgStmt struct {
	*stdlib.Stmt
	keep  []int
	count *atomic.Int64
}

// NumInput is -1: the store passes the arguments of the statement as
// written, more than the statement takes.
func (s *pgStmt) NumInput() int { return -1 }

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	counted(s.count)
	return s.Stmt.ExecContext(ctx, keepArgs(args, s.keep))
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	counted(s.count)
	return s.Stmt.QueryContext(ctx, keepArgs(args, s.keep))
}

// BeginTx begins a writer's transaction behind the write lock, and a
// reader's on one snapshot.
func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if !c.writer && opts.Isolation == driver.IsolationLevel(sql.LevelDefault) {
		opts.Isolation, opts.ReadOnly = driver.IsolationLevel(sql.LevelRepeatableRead), true
	}
	tx, err := c.Conn.BeginTx(ctx, opts)
	if err != nil || !c.writer {
		return tx, err
	}
	if _, err := c.Conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, []driver.NamedValue{{Ordinal: 1, Value: int64(writeLockKey)}}); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// ErrUnstorableText is text that PostgreSQL cannot hold: a NUL character
// or bytes that are not UTF-8. SQLite stores them; the pages answer 400.
var ErrUnstorableText = errors.New("store: the text holds a NUL character or is not UTF-8")

// CheckNamedValue passes Go booleans as 0 and 1: the schema keeps SQLite's
// integer flags (disabled = 0, effective = 1), which PostgreSQL would not
// compare with a boolean. It refuses text PostgreSQL cannot hold with
// ErrUnstorableText rather than a server error.
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if s, ok := nv.Value.(string); ok && (strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s)) {
		return ErrUnstorableText
	}
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
		return nil
	}
	return c.Conn.CheckNamedValue(nv)
}

// OnServer reports whether the store is on a PostgreSQL server, which
// several portals may share, rather than on a SQLite file of its own.
func (s *Store) OnServer() bool { return s.d.postgres }
