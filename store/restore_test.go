package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"parkportal/store/pgcluster"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// A backup taken while the portal runs restores in place: the records are
// the backup's, the old database is kept aside, and nothing is replaced
// while a portal serves the file or when the source is no sound backup.
func TestRestoreSwapsTheBackupInAtomically(t *testing.T) {
	pgcluster.SQLiteOnly(t, "portal restore swaps a SQLite file; PostgreSQL restores with pg_restore")
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "portal.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEnterprise(ctx, tester, "", Enterprise{ID: "e1", Name: "备份前的企业", Stage: "startup"}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEnterprise(ctx, tester, "", Enterprise{ID: "e2", Name: "备份后的企业", Stage: "startup"}); err != nil {
		t.Fatal(err)
	}
	// While served: refused.
	release, err := HoldForServing(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, path, backup, time.Now()); !errors.Is(err, ErrInUse) {
		t.Errorf("restore while served: %v, want ErrInUse", err)
	}
	release()
	s.Close()
	// Not a sound backup: refused, nothing changed.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("SQLite format 3\x00 but not really"), 0o600)
	if _, err := Restore(ctx, path, junk, time.Now()); err == nil {
		t.Error("a junk file was restored")
	}
	if _, err := Restore(ctx, path, filepath.Join(dir, "missing.db"), time.Now()); err == nil {
		t.Error("a missing file was restored")
	}
	keptAside, err := Restore(ctx, path, backup, time.Date(2026, 12, 6, 1, 2, 3, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if want := path + ".before-restore-20261206-010203"; keptAside != want {
		t.Errorf("the old database was kept aside as %s, want %s (named by the caller's clock)", keptAside, want)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.EnterpriseByID(ctx, "e1"); err != nil {
		t.Errorf("the backup's record is missing: %v", err)
	}
	if _, _, err := s.EnterpriseByID(ctx, "e2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a record from after the backup survived the restore: %v", err)
	}
	old, err := Open(ctx, keptAside)
	if err != nil {
		t.Fatalf("the old database kept aside: %v", err)
	}
	defer old.Close()
	if _, _, err := old.EnterpriseByID(ctx, "e2"); err != nil {
		t.Errorf("the old database kept aside lacks its last record: %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != privateFileMode {
		t.Errorf("the restored database's mode: %v %v", fi.Mode(), err)
	}
}

// A backup taken while saves stream in passes integrity_check and holds
// every save acknowledged before it began.
func TestBackupWhileWritingHoldsEverythingAcknowledgedBefore(t *testing.T) {
	pgcluster.SQLiteOnly(t, "portal backup copies a SQLite file; PostgreSQL is backed up with pg_dump")
	if testing.Short() {
		t.Skip("short: a concurrency test, a backup while saves stream in")
	}
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "portal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var mu sync.Mutex
	var acknowledged []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("e-%d-%d", w, i)
				if _, err := s.SaveEnterprise(ctx, tester, "", Enterprise{ID: id, Name: "备份测试" + id, Stage: "growth"}); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				acknowledged = append(acknowledged, id)
				mu.Unlock()
			}
		}()
	}
	// Back up once twenty saves are acknowledged (a busy host takes
	// longer to get there; the check below says when it never did).
	var before []string
	for deadline := time.Now().Add(10 * time.Second); len(before) < 20 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		mu.Lock()
		before = slices.Clone(acknowledged)
		mu.Unlock()
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if err := checkBackup(ctx, backup); err != nil {
		t.Fatalf("the backup: %v", err)
	}
	copyOf, err := Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	defer copyOf.Close()
	for _, id := range before {
		if _, _, err := copyOf.EnterpriseByID(ctx, id); err != nil {
			t.Fatalf("%s, saved before the backup began, is not in it: %v", id, err)
		}
	}
	if len(before) < 20 {
		t.Errorf("only %d saves before the backup", len(before))
	}
}

// A backup holds the photos: they are kept in the database.
func TestBackupHoldsThePhotos(t *testing.T) {
	pgcluster.SQLiteOnly(t, "portal backup copies a SQLite file; PostgreSQL is backed up with pg_dump")
	ctx := context.Background()
	s := openDemo(t)
	p := Photo{ContentType: "image/jpeg", Width: 2, Height: 1, Image: []byte("\xff\xd8photo-bytes"), Thumb: []byte("\xff\xd8thumb")}
	id, err := s.HoldPhoto(ctx, secretary4, "org-04", p, DefaultPhotoQuota)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	data, ctype, access, err := b.PhotoFile(ctx, id, false)
	if err != nil || string(data) != string(p.Image) || ctype != "image/jpeg" || access.Organization != "org-04" {
		t.Fatalf("the backup's photo: %q %s %+v %v", data, ctype, access, err)
	}
}
