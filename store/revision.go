package store

import (
	"context"
	"fmt"
	"time"
)

// Revision says how often the records have changed and when they last did.
// Every import (and every form save) bumps it; public page caches, ETags and
// Last-Modified headers key on it, so that a change made by another process
// is seen too.
type Revision struct {
	Value int64
	At    time.Time // UTC, to the second
}

// Revision reads the current revision: one row, one tiny query.
func (s *Store) Revision(ctx context.Context) (Revision, error) {
	var r Revision
	var at string
	if err := s.read.QueryRowContext(ctx, `SELECT value, at FROM revision WHERE id = 1`).Scan(&r.Value, &at); err != nil {
		return Revision{}, fmt.Errorf("store: unable to read revision: %w", err)
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		// A hand-edited stamp should not take the public site down.
		t = time.Time{}
	}
	r.At = t.UTC()
	return r, nil
}
