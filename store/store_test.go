package store

import (
	"context"
	"path/filepath"
	"testing"
)

// openTest opens a fresh store on a real temporary SQLite file.
func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "portal.db"))
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
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestBackupIsAnOpenableCopy(t *testing.T) {
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
