package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrInUse is returned by Restore while a portal serves the database.
var ErrInUse = errors.New("store: the database is in use by a running portal")

// lockPath is the file a serving portal holds locked beside its database.
func lockPath(path string) string { return path + ".lock" }

// HoldForServing marks the database at path as served by this process until
// release is called, so that Restore refuses to replace it underfoot.
// Another process already serving it gives ErrInUse.
func HoldForServing(path string) (release func(), err error) {
	f, err := os.OpenFile(lockPath(path), os.O_RDWR|os.O_CREATE, privateFileMode)
	if err != nil {
		return nil, fmt.Errorf("store: unable to create %s: %w", lockPath(path), err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { unlockFile(f); f.Close() }, nil
}

// Restore replaces the database at path with the backup src: it refuses
// while a portal serves path, checks src first (a SQLite database that
// passes integrity_check, of this portal's schema and no newer), copies it
// beside path and swaps it in with a rename, keeping the old database (and
// its WAL) aside under a name it returns, stamped with now (the caller's
// clock: there is no store to ask). Nothing changes when a check fails.
func Restore(ctx context.Context, path, src string, now time.Time) (keptAside string, err error) {
	release, err := HoldForServing(path)
	if err != nil {
		return "", err
	}
	defer release()
	if err := checkBackup(ctx, src); err != nil {
		return "", err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".restore-*")
	if err != nil {
		return "", fmt.Errorf("store: unable to copy the backup: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	in, err := os.Open(src)
	if err != nil {
		tmp.Close()
		return "", fmt.Errorf("store: unable to read %s: %w", src, err)
	}
	_, err = io.Copy(tmp, in)
	in.Close()
	if err == nil {
		err = tmp.Chmod(privateFileMode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("store: unable to copy the backup: %w", err)
	}
	if _, err := os.Stat(path); err == nil {
		keptAside = path + ".before-restore-" + now.UTC().Format("20060102-150405")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(path+suffix, keptAside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", fmt.Errorf("store: unable to set the old database aside: %w", err)
			}
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("store: unable to swap the backup in: %w", err)
	}
	if d, err := os.Open(dir); err == nil { // the renames, durable
		d.Sync()
		d.Close()
	}
	return keptAside, nil
}

// checkBackup opens src read-only and checks that it is a whole portal
// database this version can serve.
func checkBackup(ctx context.Context, src string) error {
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("store: backup %s: %w", src, err)
	}
	db, err := sql.Open("sqlite", "file:"+src+"?"+url.Values{"mode": {"ro"}}.Encode())
	if err != nil {
		return fmt.Errorf("store: unable to open backup %s: %w", src, err)
	}
	defer db.Close()
	check, err := integrityCheck(ctx, db)
	if err != nil {
		return fmt.Errorf("store: %s is not a portal database: %w", src, err)
	}
	if check != "ok" {
		return fmt.Errorf("store: backup %s fails integrity_check: %s", src, check)
	}
	var version int64
	if err := db.QueryRowContext(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&version); err != nil {
		return fmt.Errorf("store: %s is not a portal database (no schema version): %w", src, err)
	}
	latest, err := latestMigration()
	if err != nil {
		return err
	}
	if version > latest {
		return fmt.Errorf("store: backup %s has schema version %d, newer than this portal's %d", src, version, latest)
	}
	var enterprises int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM enterprises`).Scan(&enterprises); err != nil {
		return fmt.Errorf("store: %s is not a portal database: %w", src, err)
	}
	// A backup written before the duplicate rules, holding duplicates,
	// would be swapped in and then refused at the next start: it is
	// refused here, naming them, and nothing is swapped.
	return refuseDuplicates(ctx, db)
}

// latestMigration is the newest schema version this portal knows: the
// number of its last migration file (00006_workspace_indexes.sql is 6).
func latestMigration() (int64, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return 0, fmt.Errorf("store: unable to read migrations: %w", err)
	}
	var latest int64
	for _, e := range entries {
		number, _, _ := strings.Cut(e.Name(), "_")
		if v, err := strconv.ParseInt(number, 10, 64); err == nil && v > latest {
			latest = v
		}
	}
	if latest == 0 {
		return 0, errors.New("store: no migrations")
	}
	return max(latest, parksMigration.Version), nil
}
