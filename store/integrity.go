package store

import (
	"context"
	"errors"
	"fmt"
)

// IntegrityCheck asks SQLite whether the database is whole
// (integrity_check answers "ok") and whether any reference dangles
// (foreign_key_check finds none: the importer checks references itself,
// so SQLite's own enforcement is not the only guard). The process tests
// ask it after killing a portal mid-write, the import tests after an
// import. It reads every page: no request asks it. On PostgreSQL, which
// checks every reference itself (the import's too, at its commit) and
// keeps its pages whole through its log, it asks that the database
// answers.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	if s.d.postgres {
		return s.Ping(ctx)
	}
	check, err := integrityCheck(ctx, s.read)
	if err != nil {
		return fmt.Errorf("store: unable to check the database: %w", err)
	}
	if check != "ok" {
		return errors.New("store: the database fails integrity_check: " + check)
	}
	rows, err := s.read.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("store: unable to check the references: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid any
		var key int64
		if err := rows.Scan(&table, &rowid, &parent, &key); err != nil {
			return fmt.Errorf("store: unable to read foreign_key_check: %w", err)
		}
		return fmt.Errorf("store: a row of %s (rowid %v) refers to a missing row of %s", table, rowid, parent)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: unable to check the references: %w", err)
	}
	return nil
}

// integrityCheck is SQLite's answer to integrity_check: "ok", or the
// first problems found.
func integrityCheck(ctx context.Context, q querier) (string, error) {
	var check string
	err := q.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check)
	return check, err
}
