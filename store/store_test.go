package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parkportal/store/pgcluster"
)

func TestMain(m *testing.M) {
	os.Exit(pgcluster.RunTests(m, func(dsn string) error {
		s, err := Open(context.Background(), dsn)
		if err == nil {
			err = s.Close()
		}
		return err
	}))
}

// openTest opens a fresh store on a real temporary SQLite file, or on a
// new database of a throwaway PostgreSQL cluster under make
// test-postgres.
func openTest(t *testing.T) *Store {
	t.Helper()
	db := pgcluster.TestDatabase(t)
	if db == "" {
		db = filepath.Join(t.TempDir(), "portal.db")
	}
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenMigratesFromEmpty(t *testing.T) {
	s := openTest(t)
	v, err := s.Migrate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v < 2 {
		t.Fatalf("schema version = %d, want >= 2", v)
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if s.d.postgres {
		return // what follows are SQLite's settings
	}
	var mode string
	if err := s.read.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var fk int
	if err := s.read.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
}

func TestBackupIsAnOpenableCopy(t *testing.T) {
	pgcluster.SQLiteOnly(t, "portal backup copies a SQLite file; PostgreSQL is backed up with pg_dump")
	s := openTest(t)
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(context.Background(), dest); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	c, err := Open(context.Background(), dest)
	if err != nil {
		t.Fatalf("open copy: %v", err)
	}
	defer c.Close()
	if err := s.Backup(context.Background(), dest); err == nil {
		t.Error("Backup over an existing file succeeded, want an error")
	}
}

// A portal refuses a database that a newer portal has migrated, on either
// engine: it would not know the tables it writes.
func TestOpenRefusesANewerSchema(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.write.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99, TRUE)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, s.path); !errors.Is(err, ErrSchemaNewer) || !strings.Contains(err.Error(), "99") {
		t.Errorf("Open on a schema at version 99: %v, want ErrSchemaNewer naming it", err)
	}
}
