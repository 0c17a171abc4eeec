package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// Checkpoints run beside the writer, not inside it. By default SQLite
// copies the write-ahead log back into the database file, and syncs both,
// inside whichever commit takes the log past 1,000 pages: that commit and
// every save queued behind it for the one writer connection waited 5–30 ms.
// It was one save in a hundred, the whole of the write path's p99. The
// writer connection therefore never checkpoints (wal_autocheckpoint(0)),
// and a goroutine with a connection of its own runs a PASSIVE checkpoint
// every checkpointEvery: PASSIVE takes no write lock, so saves go on
// meanwhile. Durability does not wait for it: each commit syncs the log
// itself (synchronous FULL, store.go's dsn), and a checkpoint syncs the
// database file before the log may start again.
//
// The log starts again from its beginning only when a checkpoint has
// copied all of it; under a steady stream of saves a PASSIVE checkpoint
// never catches the last commit, and the log would grow without end. Once
// it holds more than checkpointInTurnPages, the checkpointer takes a turn
// at the writer like a save (writeTurn), so that nothing is appended while
// it copies the rest; the next save then starts the log again.
const (
	checkpointEvery       = 200 * time.Millisecond
	checkpointInTurnPages = 4000 // 16 MB of 4 KB pages
)

// checkpointer runs the checkpoints until stop is closed, then closes db.
type checkpointer struct {
	db        *sql.DB
	writeTurn func(context.Context) (func(), error)
	inTurn    int // checkpointInTurnPages; tests lower it
	stop      chan struct{}
	done      chan struct{}
	closed    sync.Once // Store.Close may be called more than once
}

func startCheckpointer(ctx context.Context, path string, writeTurn func(context.Context) (func(), error)) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("store: unable to open the checkpointer: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: unable to open the checkpointer: %w", err)
	}
	c := &checkpointer{db: db, writeTurn: writeTurn, inTurn: checkpointInTurnPages, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			// A failure (a reader still on old pages, a full disk) leaves
			// the log to the next round; the writes themselves are safe.
			c.round(context.Background())
		}
	}
}

// round is one checkpoint, taken in a turn at the writer when the log has
// grown past checkpointInTurnPages.
func (c *checkpointer) round(ctx context.Context) error {
	logPages, _, err := c.checkpoint(ctx)
	if err != nil || logPages <= c.inTurn {
		return err
	}
	done, err := c.writeTurn(ctx)
	if err != nil {
		return err
	}
	defer done()
	_, _, err = c.checkpoint(ctx)
	return err
}

// checkpoint copies what it can of the log into the database; it reports
// the log's length and how much of it is now in the database, in pages.
func (c *checkpointer) checkpoint(ctx context.Context) (logPages, copied int, err error) {
	var busy int
	err = c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logPages, &copied)
	return logPages, copied, err
}

// close stops the checkpoints and closes their connection.
func (c *checkpointer) close() error {
	var err error
	c.closed.Do(func() {
		close(c.stop)
		<-c.done
		err = c.db.Close()
	})
	return err
}
