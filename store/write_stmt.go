package store

import (
	"context"
	"database/sql"
	"sync"
)

// writeTx is a change's transaction whose statements are prepared once on
// the writer's one connection and reused: a save runs about ten of them,
// and preparing each anew was a third of a save's time. The statements of
// the write path are a fixed set of texts, so the cache stays small; past
// maxWriteStmts a text is simply prepared each time.
type writeTx struct {
	*sql.Tx
	s      *Store
	missed []string // texts not prepared yet: prepared once the transaction ends
	// quiet: the change moves no page's revision (a draft); notified: it
	// wrote notifications, whose unread counts are then read anew.
	quiet, notified bool
	// checkOnly: a save stops once its record has passed every check,
	// writing nothing (a filing's check, filing_kinds.go).
	checkOnly bool
}

const maxWriteStmts = 512

// writeStmts are the writer's prepared statements, by text.
type writeStmts struct {
	mu    sync.Mutex
	bySQL map[string]*sql.Stmt
}

// stmt is the writer's prepared statement for query, or nil when it has
// none yet. The writer's one connection is the transaction's, so a text
// met for the first time runs unprepared and is prepared after the
// transaction (prepareMissed).
func (t *writeTx) stmt(query string) *sql.Stmt {
	t.s.stmts.mu.Lock()
	st, ok := t.s.stmts.bySQL[query]
	t.s.stmts.mu.Unlock()
	if !ok {
		t.missed = append(t.missed, query)
	}
	return st
}

// prepareMissed prepares the texts the transaction ran unprepared, now
// that the writer's connection is free. A failure only means they stay
// unprepared.
func (t *writeTx) prepareMissed(ctx context.Context) {
	for _, query := range t.missed {
		t.s.stmts.mu.Lock()
		_, ok := t.s.stmts.bySQL[query]
		full := len(t.s.stmts.bySQL) >= maxWriteStmts
		t.s.stmts.mu.Unlock()
		if ok || full {
			continue
		}
		st, err := t.s.write.PrepareContext(ctx, query)
		if err != nil {
			continue
		}
		t.s.stmts.mu.Lock()
		if _, ok := t.s.stmts.bySQL[query]; ok {
			st.Close()
		} else {
			if t.s.stmts.bySQL == nil {
				t.s.stmts.bySQL = map[string]*sql.Stmt{}
			}
			t.s.stmts.bySQL[query] = st
		}
		t.s.stmts.mu.Unlock()
	}
	t.missed = nil
}

// closeStmts closes the writer's prepared statements.
func (s *Store) closeStmts() error {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	var first error
	for _, st := range s.stmts.bySQL {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
	}
	s.stmts.bySQL = nil
	return first
}

// ExecContext runs query in the transaction with its prepared statement.
func (t *writeTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.ExecContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

// QueryContext runs query in the transaction with its prepared statement.
func (t *writeTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.QueryContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

// QueryRowContext runs query in the transaction with its prepared statement.
func (t *writeTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st := t.stmt(query)
	if st == nil {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}

// execer is what writes an audit entry: a change's transaction or an
// import's.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
