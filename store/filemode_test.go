package store

import (
	"context"
	"os"
	"parkportal/store/pgcluster"
	"path/filepath"
	"syscall"
	"testing"
)

// wantMode fails t unless path exists with exactly mode.
func wantMode(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Errorf("%s: %v", filepath.Base(path), err)
		return
	}
	if got := info.Mode().Perm(); got != mode {
		t.Errorf("%s has mode %04o, want %04o", filepath.Base(path), got, mode)
	}
}

// The database, its -wal and -shm files, its folder and backups are the
// portal user's alone, whatever the umask lets others read.
func TestDatabaseFilesArePrivate(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it checks the database file's mode")
	old := syscall.Umask(0o022) // the usual umask, which leaves files 0644
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "portal.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateUser(context.Background(), tester, NewUser{Username: "clerk", Role: RoleStaff, Password: "clerk-password"}); err != nil {
		t.Fatal(err)
	}
	wantMode(t, dir, 0o700)
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		wantMode(t, p, 0o600)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	wantMode(t, backup, 0o600)
}

// Files an older version left readable by everyone are made private when
// the database is opened again.
func TestOpenMakesOlderFilesPrivate(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it checks the database file's mode")
	path := filepath.Join(t.TempDir(), "portal.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wantMode(t, path, 0o600)
}
