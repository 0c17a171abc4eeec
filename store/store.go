// Package store is the only package that speaks SQL. It opens the portal's
// SQLite database with a pool of readers and a single writer, applies the
// embedded migrations and offers methods named after the domain's nouns.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store holds the two handles on the database: read is a pool for queries,
// write is one connection so that writers queue instead of failing with
// "database is locked". The writer is unexported: records and accounts
// change only through the write path (write.go), sessions through their
// own methods.
type Store struct {
	read  *sql.DB
	write *sql.DB
	path  string  // the SQLite file, or the PostgreSQL address
	d     dialect // the engine's spellings (dialect.go)

	now          func() time.Time // the clock; time.Now when nil
	beforeCommit func() error     // tests: fail a change just before it commits

	changedMu sync.Mutex
	changed   []func() // called after every committed change (OnChange)

	// Statements every signed-in request runs, prepared once: preparing
	// them again on each request was a fifth of a cached page's cost.
	sessionByID, sessionUser, userByID *sql.Stmt
	stmts                              stmtCache // the write path's (write_stmt.go)
	reads                              stmtCache // read transactions' (read_stmt.go)

	// writeTurn queues the changes for the one writer connection first
	// come, first served: database/sql hands a freed connection to a
	// random waiter, which left one save in a hundred waiting for many
	// others (a p99 of 10 ms where the median was 1 ms).
	writeTurn chan struct{}

	outbox  bool          // notices also fill the outbox (outbox.go)
	unread  unreadCounts  // notifications.go
	reports reportCache   // report_cache.go
	ckpt    *checkpointer // checkpoint.go
}

// OnChange registers fn to be called after every change this store
// commits, so that a page cache in the same process sees it at the next
// request instead of at its next check of the revision.
func (s *Store) OnChange(fn func()) {
	s.changedMu.Lock()
	defer s.changedMu.Unlock()
	s.changed = append(s.changed, fn)
}

func (s *Store) notifyChange() {
	s.changedMu.Lock()
	fns := slices.Clone(s.changed)
	s.changedMu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// Typed errors that callers match with errors.Is.
var (
	ErrNotFound  = errors.New("store: not found")
	ErrExists    = errors.New("store: already exists")
	ErrNotEmpty  = errors.New("store: database already holds records")
	ErrForbidden = errors.New("store: not allowed")
)

// dsn builds a modernc.org/sqlite DSN with the pragmas every pooled connection
// needs; busy_timeout comes before journal_mode so that switching to WAL waits
// for a lock instead of failing.
//
// synchronous(FULL): a save the portal has acknowledged is on disk. In WAL
// mode NORMAL syncs the log only at checkpoints, so a power cut (not a
// process crash) could lose the last acknowledged saves; FULL syncs the
// log at every commit. Only connections that write are affected.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_pragma", "cache_size(-16000)")
	if readOnly {
		q.Add("_pragma", "query_only(ON)")
	} else {
		q.Set("_txlock", "immediate")
		// The checkpointer does the checkpoints (checkpoint.go); after one
		// has emptied the log, the log file is cut back to 64 MB.
		q.Add("_pragma", "wal_autocheckpoint(0)")
		q.Add("_pragma", "journal_size_limit(67108864)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path, migrates it to the
// latest version and returns a Store.
func Open(ctx context.Context, path string, options ...Option) (*Store, error) {
	var o openOptions
	for _, opt := range options {
		opt(&o)
	}
	if isPostgres(path) {
		return openPostgres(ctx, path, o)
	}
	if err := prepareFiles(path); err != nil {
		return nil, err
	}
	write, err := openDB(dsn(path, false), o.observe)
	if err != nil {
		return nil, fmt.Errorf("store: unable to open database: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("store: unable to open database %s: %w", path, err)
	}
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, err
	}
	if err := buildFiguresIfNew(ctx, write); err != nil {
		write.Close()
		return nil, err
	}
	read, err := openDB(dsn(path, true), o.observe)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: unable to open database: %w", err)
	}
	n := 2 * runtime.NumCPU()
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	s := &Store{read: read, write: write, path: path, writeTurn: make(chan struct{}, 1), outbox: o.outbox}
	if err := s.prepareSessionStatements(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.ckpt, err = startCheckpointer(ctx, path, s.takeWriteTurn); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// prepareSessionStatements prepares the statements every signed-in
// request runs.
func (s *Store) prepareSessionStatements(ctx context.Context) (err error) {
	if s.sessionByID, err = s.read.PrepareContext(ctx, sessionByIDSQL); err == nil {
		s.userByID, err = s.read.PrepareContext(ctx, userByIDSQL)
	}
	if err == nil {
		s.sessionUser, err = s.read.PrepareContext(ctx, sessionUserSQL)
	}
	if err != nil {
		return fmt.Errorf("store: unable to prepare statements: %w", err)
	}
	return nil
}

// takeWriteTurn waits for the change's turn at the writer, in order of
// arrival (a channel's blocked senders are served in order); the returned
// function gives the turn back.
func (s *Store) takeWriteTurn(ctx context.Context) (func(), error) {
	select {
	case s.writeTurn <- struct{}{}:
		return func() { <-s.writeTurn }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Path is the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close closes both handles.
func (s *Store) Close() error {
	var errs []error
	for _, st := range []*sql.Stmt{s.sessionByID, s.sessionUser, s.userByID} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	if s.ckpt != nil {
		errs = append(errs, s.ckpt.close())
	}
	return errors.Join(append(errs, s.stmts.close(), s.reads.close(), s.read.Close(), s.write.Close())...)
}

// Ping answers whether the database responds; /healthz uses it. A
// PostgreSQL server that restarted leaves the pool connections that fail
// once and are then dropped: the question is asked again, at most once per
// pooled connection, before the answer is no.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	err := s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	for i := 0; err != nil && s.d.postgres && ctx.Err() == nil && i < s.read.Stats().MaxOpenConnections; i++ {
		err = s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	}
	return err
}

// The database holds members' personal data: its folder is made 0700 and
// its files 0600, readable by the portal's own user only. SQLite gives the
// -wal and -shm files the mode of the database file, so creating that one
// 0600 before SQLite opens it covers all three.
const (
	privateDirMode  = 0o700
	privateFileMode = 0o600
)

// prepareFiles creates the database's folder and file with private modes,
// and takes group and other access away from files an older version made.
func prepareFiles(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(dir, privateDirMode); err != nil {
				return fmt.Errorf("store: unable to create database folder: %w", err)
			}
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, privateFileMode)
	if err != nil {
		return fmt.Errorf("store: unable to open database %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: unable to open database %s: %w", path, err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := restrictMode(p); err != nil {
			return err
		}
	}
	return nil
}

// restrictMode makes an existing file private; a missing one is fine.
func restrictMode(path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: unable to check %s: %w", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, info.Mode().Perm()&privateFileMode); err != nil {
			return fmt.Errorf("store: unable to make %s private: %w", path, err)
		}
	}
	return nil
}

func newGoose(db *sql.DB) (*goose.Provider, error) {
	dir, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, db, dir, goose.WithDisableGlobalRegistry(true),
		goose.WithGoMigrations(parksMigration))
}

func migrate(ctx context.Context, db *sql.DB) error {
	if err := refuseDuplicates(ctx, db); err != nil {
		return err
	}
	p, err := newGoose(db)
	if err != nil {
		return fmt.Errorf("store: unable to read migrations: %w", err)
	}
	if err := refuseNewerSchema(ctx, p); err != nil {
		return err
	}
	// Migration 27 rebuilds tables with foreign keys off, which a
	// migration goose runs cannot turn off (it holds the one connection in
	// a transaction): it runs between goose's runs, and goose records it.
	if _, err := p.UpTo(ctx, parksMigration.Version-1); err != nil {
		return fmt.Errorf("store: unable to migrate: %w", err)
	}
	if err := migrateParks(ctx, db); err != nil {
		return fmt.Errorf("store: unable to migrate to parks: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: unable to migrate: %w", err)
	}
	return nil
}

// Migrate applies any pending migrations and returns the version reached; the
// `portal migrate` command uses it (Open already migrates).
func (s *Store) Migrate(ctx context.Context) (int64, error) {
	if s.d.postgres {
		return migratePostgresAt(ctx, s.path)
	}
	if err := migrate(ctx, s.write); err != nil {
		return 0, err
	}
	return schemaVersion(ctx, newGoose, s.write)
}

// schemaVersion is the version the migrations of provider have brought db
// to.
func schemaVersion(ctx context.Context, provider func(*sql.DB) (*goose.Provider, error), db *sql.DB) (int64, error) {
	p, err := provider(db)
	if err != nil {
		return 0, fmt.Errorf("store: unable to read migrations: %w", err)
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: unable to read schema version: %w", err)
	}
	return v, nil
}

// Backup writes a consistent copy of the database to dest with VACUUM INTO,
// which is safe while the server is running.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if s.d.postgres {
		return errors.New("store: a PostgreSQL database is backed up with pg_dump (docs/deploy.md)")
	}
	// The copy is as private as the database: made here, 0600, and empty,
	// which VACUUM INTO accepts as its target.
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateFileMode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("store: backup destination %s: %w", dest, ErrExists)
	}
	if err != nil {
		return fmt.Errorf("store: unable to create backup %s: %w", dest, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: unable to create backup %s: %w", dest, err)
	}
	done := false
	defer func() {
		if !done {
			os.Remove(dest)
		}
	}()
	// A connection of its own: the read pool is query_only and the writer
	// must stay free for the running server while the copy is taken.
	db, err := sql.Open("sqlite", dsn(s.path, false))
	if err != nil {
		return fmt.Errorf("store: unable to open database for backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("store: unable to back up to %s: %w", dest, err)
	}
	done = true
	return nil
}
