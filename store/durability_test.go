package store

import (
	"context"
	"parkportal/store/pgcluster"
	"testing"
)

// A save the portal acknowledged survives a power cut: the writer (and the
// checkpointer, which writes the database file) run with synchronous FULL,
// which syncs the write-ahead log at every commit. NORMAL would sync it
// only at checkpoints.
func TestWritersSyncEveryCommit(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it checks SQLite's synchronous pragma; PostgreSQL's durability is its server's (synchronous_commit)")
	ctx := context.Background()
	s := openTest(t)
	const full = 2 // PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
	var writer, ckpt int
	if err := s.write.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&writer); err != nil {
		t.Fatal(err)
	}
	if writer != full {
		t.Errorf("the writer's synchronous = %d, want %d (FULL)", writer, full)
	}
	if err := s.ckpt.db.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&ckpt); err != nil {
		t.Fatal(err)
	}
	if ckpt != full {
		t.Errorf("the checkpointer's synchronous = %d, want %d (FULL)", ckpt, full)
	}
}
