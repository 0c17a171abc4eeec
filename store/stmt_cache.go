package store

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements kept by text, one cache per handle (the writer's,
// the read pool's). A change runs about ten statements and the annual
// report about twenty, and preparing each anew was a third of a save's
// time and half of a report's. The texts are a fixed set, so a cache stays
// small; past its max a text is simply prepared each time.
//
// A text met for the first time runs unprepared in its transaction and is
// prepared once the transaction has given its connection back: the writer
// has one connection, and preparing on the read pool while holding one of
// its connections could wait for a connection that every other reader
// holds too.

type stmtCache struct {
	mu    sync.Mutex
	bySQL map[string]*sql.Stmt
}

// preparedTx is a transaction that runs its texts with the cache's
// prepared statements.
type preparedTx struct {
	*sql.Tx
	db     *sql.DB // the handle the cache prepares on
	cache  *stmtCache
	max    int
	missed []string // texts not prepared yet: prepared by prepareMissed
}

func (t *preparedTx) stmt(query string) *sql.Stmt {
	t.cache.mu.Lock()
	st, ok := t.cache.bySQL[query]
	t.cache.mu.Unlock()
	if !ok {
		t.missed = append(t.missed, query)
	}
	return st
}

// prepareMissed prepares the texts the transaction ran unprepared; call it
// once the transaction has ended. A failure only means a text stays
// unprepared.
func (t *preparedTx) prepareMissed(ctx context.Context) {
	c := t.cache
	for _, query := range t.missed {
		c.mu.Lock()
		_, ok := c.bySQL[query]
		full := len(c.bySQL) >= t.max
		c.mu.Unlock()
		if ok || full {
			continue
		}
		st, err := t.db.PrepareContext(ctx, query)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.bySQL[query]; ok {
			st.Close()
		} else {
			if c.bySQL == nil {
				c.bySQL = map[string]*sql.Stmt{}
			}
			c.bySQL[query] = st
		}
		c.mu.Unlock()
	}
	t.missed = nil
}

// ExecContext runs query in the transaction with its prepared statement.
func (t *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.ExecContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

// QueryContext runs query in the transaction with its prepared statement.
func (t *preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.QueryContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

// QueryRowContext runs query in the transaction with its prepared statement.
func (t *preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}

// close closes the cache's statements.
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var first error
	for _, st := range c.bySQL {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
	}
	c.bySQL = nil
	return first
}
