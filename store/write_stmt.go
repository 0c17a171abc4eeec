package store

import (
	"context"
	"database/sql"
)

// writeTx is a change's transaction on the writer's one connection, its
// statements prepared once and reused (stmt_cache.go).
type writeTx struct {
	preparedTx
	s *Store
	// quiet: the change moves no page's revision (a draft); notified: it
	// wrote notifications, whose unread counts are then read anew.
	quiet, notified bool
	// checkOnly: a save stops once its record has passed every check,
	// writing nothing (a filing's check, filing_kinds.go).
	checkOnly bool
}

// maxWriteStmts bounds the writer's statement cache.
const maxWriteStmts = 512

// newWriteTx wraps a transaction begun on the writer.
func (s *Store) newWriteTx(tx *sql.Tx) *writeTx {
	return &writeTx{preparedTx: preparedTx{Tx: tx, db: s.write, cache: &s.stmts, max: maxWriteStmts}, s: s}
}

// execer is what writes an audit entry: a change's transaction or an
// import's.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
