package store

import (
	"context"
	"errors"
	"fmt"
)

// FilingProblems is what the rules and the database would refuse in
// filing id of organisation org, as saved, were it submitted now: nil
// when it may be submitted. The check runs in a read transaction on the
// read pool, whose connections are query-only: the ledger's save stops
// after its checks (checkOnly), so nothing could be written, and the check
// page waits for no writer.
func (s *Store) FilingProblems(ctx context.Context, id int64, org string) ([]Problem, error) {
	sqlTx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check a filing: %w", err)
	}
	tx := &writeTx{preparedTx: preparedTx{Tx: sqlTx, db: s.read, cache: &s.reads, max: maxReadStmts}, s: s, checkOnly: true}
	defer func() {
		sqlTx.Rollback()
		tx.prepareMissed(context.WithoutCancel(ctx))
	}()
	o, err := resolveOrg(ctx, tx, org)
	if err != nil {
		return nil, err
	}
	f, err := loadFiling(ctx, tx, id, org)
	if err != nil {
		return nil, err
	}
	kind, ok := filingKinds[f.Kind]
	if !ok {
		return nil, fmt.Errorf("store: unknown filing kind %q", f.Kind)
	}
	body, err := kind.decode(f.Body)
	if err != nil {
		return nil, err
	}
	if _, err := kind.prepare(body, o); err != nil {
		return nil, err
	}
	_, err = kind.write(ctx, tx, Actor{Username: "check"}, s.clock().UTC().Format("2006-01-02T15:04:05Z07:00"), o, f.RecordKey, 0, body, nil)
	var refused *RecordError
	if errors.As(err, &refused) {
		return refused.Problems, nil
	}
	return nil, err
}
