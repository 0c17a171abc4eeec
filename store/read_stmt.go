package store

import (
	"context"
	"database/sql"
	"sync"
)

// readTx is a read transaction whose statements are prepared once and
// reused. The annual report runs about twenty queries, and after every
// publish the pages that show it compute it again: preparing each text
// anew was about half of that. As on the write side (write_stmt.go), a
// text met for the first time runs unprepared and is prepared once the
// transaction has given its connection back (preparing it on the pool
// while holding a connection could wait for a connection that every other
// reader holds too).
type readTx struct {
	*sql.Tx
	s      *Store
	missed []string
}

const maxReadStmts = 256

// readStmts are the read pool's prepared statements, by text; each is
// prepared on a connection of the pool the first time it runs there.
type readStmts struct {
	mu    sync.Mutex
	bySQL map[string]*sql.Stmt
}

// beginRead starts a read transaction: one snapshot for all its queries.
func (s *Store) beginRead(ctx context.Context) (*readTx, error) {
	tx, err := s.Read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &readTx{Tx: tx, s: s}, nil
}

// end rolls the transaction back (it wrote nothing) and prepares the texts
// it ran unprepared.
func (t *readTx) end(ctx context.Context) {
	t.Tx.Rollback()
	ctx = context.WithoutCancel(ctx)
	for _, query := range t.missed {
		t.s.reads.mu.Lock()
		_, ok := t.s.reads.bySQL[query]
		full := len(t.s.reads.bySQL) >= maxReadStmts
		t.s.reads.mu.Unlock()
		if ok || full {
			continue
		}
		st, err := t.s.Read.PrepareContext(ctx, query)
		if err != nil {
			continue // it stays unprepared
		}
		t.s.reads.mu.Lock()
		if _, ok := t.s.reads.bySQL[query]; ok {
			st.Close()
		} else {
			if t.s.reads.bySQL == nil {
				t.s.reads.bySQL = map[string]*sql.Stmt{}
			}
			t.s.reads.bySQL[query] = st
		}
		t.s.reads.mu.Unlock()
	}
	t.missed = nil
}

func (t *readTx) stmt(query string) *sql.Stmt {
	t.s.reads.mu.Lock()
	st, ok := t.s.reads.bySQL[query]
	t.s.reads.mu.Unlock()
	if !ok {
		t.missed = append(t.missed, query)
	}
	return st
}

// QueryContext runs query in the transaction with its prepared statement.
func (t *readTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.QueryContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

// QueryRowContext runs query in the transaction with its prepared statement.
func (t *readTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}

// closeReadStmts closes the read pool's prepared statements.
func (s *Store) closeReadStmts() error {
	s.reads.mu.Lock()
	defer s.reads.mu.Unlock()
	var first error
	for _, st := range s.reads.bySQL {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
	}
	s.reads.bySQL = nil
	return first
}
