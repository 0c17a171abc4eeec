package store

import (
	"context"
)

// readTx is a read transaction on the read pool, its statements prepared
// once and reused (stmt_cache.go): the annual report runs about twenty
// queries, and after every publish the pages that show it compute it
// again.
type readTx struct {
	preparedTx
}

// maxReadStmts bounds the read pool's statement cache.
const maxReadStmts = 256

// beginRead starts a read transaction: one snapshot for all its queries.
func (s *Store) beginRead(ctx context.Context) (*readTx, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &readTx{preparedTx{Tx: tx, db: s.read, cache: &s.reads, max: maxReadStmts}}, nil
}

// end rolls the transaction back (it wrote nothing) and prepares the texts
// it ran unprepared.
func (t *readTx) end(ctx context.Context) {
	t.Tx.Rollback()
	t.prepareMissed(context.WithoutCancel(ctx))
}
