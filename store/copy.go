package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// CopyResult is what Copy moved: the rows of each table.
type CopyResult struct {
	Tables map[string]int64
	Total  int64
}

// copySkipped are SQLite's tables that PostgreSQL has no use for: its
// bookkeeping, goose's (each database keeps its own), and the FTS5
// indexes, whose search tables PostgreSQL fills from the records.
func copySkipped(table string) bool {
	return table == "sqlite_sequence" || table == "goose_db_version" || table == "search_positions" ||
		strings.HasPrefix(table, "sqlite_") || strings.HasSuffix(table, "_search") || strings.Contains(table, "_search_") ||
		strings.HasPrefix(table, "search_")
}

// CopyTo moves everything s holds (every park, record, user, session,
// filing and its versions, photo, audit entry, notification, mail and kept
// figure) into dst, an empty PostgreSQL database at the same schema
// version, in one transaction of dst, and checks the result: each table's
// rows and each park's report of every year its records reach are equal
// on both sides. s is read in one snapshot, so a running portal may go on
// serving it; changes it makes meanwhile are not moved.
func (s *Store) CopyTo(ctx context.Context, dst *Store, progress io.Writer) (CopyResult, error) {
	res := CopyResult{Tables: map[string]int64{}}
	if s.d.postgres || !dst.d.postgres {
		return res, errors.New("store: a copy goes from a SQLite portal to a PostgreSQL database")
	}
	if progress == nil {
		progress = io.Discard
	}
	if err := dst.refuseNotEmpty(ctx); err != nil {
		return res, err
	}
	src, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("store: unable to read the portal: %w", err)
	}
	defer src.Rollback()
	var tables []string
	err = eachRow(ctx, src, `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`, nil, func(rows *sql.Rows) error {
		var t string
		if err := rows.Scan(&t); err != nil {
			return err
		}
		if !copySkipped(t) {
			tables = append(tables, t)
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("store: unable to list the portal's tables: %w", err)
	}
	conn, err := dst.write.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("store: unable to reach PostgreSQL: %w", err)
	}
	err = conn.Raw(func(driverConn any) error {
		pg := driverConn.(*pgConn).Conn.Conn()
		tx, err := pg.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		columns, err := copyColumns(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			if columns[t] == nil {
				return fmt.Errorf("store: the PostgreSQL schema has no table %s: are both databases at the same version (portal migrate)?", t)
			}
		}
		// The rows go in as they are, the kept figures' included, with
		// the triggers that keep them off; a table goes in after those
		// it refers to, and its references are checked as it does.
		all := slices.Sorted(mapKeys(columns))
		if _, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(all, ", ")); err != nil {
			return fmt.Errorf("store: unable to empty the PostgreSQL database: %w", err)
		}
		for _, t := range all {
			if _, err := tx.Exec(ctx, `ALTER TABLE `+t+` DISABLE TRIGGER USER`); err != nil {
				return err
			}
		}
		order, err := referencesFirst(ctx, tx, tables)
		if err != nil {
			return err
		}
		for _, t := range order {
			n, err := copyTable(ctx, src, tx, t, columns[t])
			if err != nil {
				return fmt.Errorf("store: unable to copy %s: %w", t, err)
			}
			res.Tables[t], res.Total = n, res.Total+n
			fmt.Fprintf(progress, "%-28s %d\n", t, n)
		}
		for _, t := range all {
			if _, err := tx.Exec(ctx, `ALTER TABLE `+t+` ENABLE TRIGGER USER`); err != nil {
				return err
			}
		}
		for _, q := range searchFill {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("store: unable to fill the search tables: %w", err)
			}
		}
		return tx.Commit(ctx)
	})
	conn.Close() // the writer's one connection, which the build below takes
	if err != nil {
		return res, err
	}
	// The kept figures are built again from the copied records, so that
	// the check below compares the portal's reports with the copy's
	// records, not with its own figures copied.
	tx, err := dst.write.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	if err := buildFigures(ctx, tx); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("store: unable to build the copy's figures: %w", err)
	}
	if err := s.checkCopy(ctx, src, dst, res); err != nil {
		return res, err
	}
	return res, nil
}

// searchFill fills PostgreSQL's search tables from the copied records, as
// their triggers would have.
var searchFill = []string{
	`INSERT INTO search_activity (entry, park_id, text) SELECT search_entry(date, id), park_id, title || ' ' || coalesce(summary, '') FROM activities WHERE status = 'published'`,
	`INSERT INTO search_brand (entry, park_id, text) SELECT search_entry(launched, id), park_id, name || ' ' || coalesce(slogan, '') || ' ' || replace(coalesce(story, ''), '**', '') FROM brands WHERE status = 'published'`,
	`INSERT INTO search_responsibility (entry, park_id, text) SELECT search_entry(date, id), park_id, coalesce(note, '') FROM responsibility WHERE status = 'published'`,
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// referencesFirst orders tables so that each comes after the tables its
// foreign keys name (the schema has no cycle but a table's own).
func referencesFirst(ctx context.Context, tx pgx.Tx, tables []string) ([]string, error) {
	refers, err := groupedPairs(ctx, tx, `SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
		WHERE c.contype = 'f' AND c.conrelid <> c.confrelid`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the references: %w", err)
	}
	var order []string
	placed := map[string]bool{}
	var place func(t string)
	place = func(t string) {
		if placed[t] {
			return
		}
		placed[t] = true
		for _, r := range refers[t] {
			place(r)
		}
		if slices.Contains(tables, t) {
			order = append(order, t)
		}
	}
	for _, t := range tables {
		place(t)
	}
	return order, nil
}

// copyColumns are the tables of the PostgreSQL schema and the columns a
// copy writes (generated ones are computed again).
func copyColumns(ctx context.Context, tx pgx.Tx) (map[string][]string, error) {
	out, err := groupedPairs(ctx, tx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_generated = 'NEVER' AND table_name <> 'goose_db_version'
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the PostgreSQL schema: %w", err)
	}
	return out, nil
}

// groupedPairs reads a query of two text columns as the second's values
// grouped by the first's, in the order read.
func groupedPairs(ctx context.Context, tx pgx.Tx, query string) (map[string][]string, error) {
	rows, err := tx.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = append(out[k], v)
	}
	return out, rows.Err()
}

// copyTable streams table's rows from SQLite into PostgreSQL's COPY.
func copyTable(ctx context.Context, src *sql.Tx, tx pgx.Tx, table string, columns []string) (int64, error) {
	quoted := make([]string, len(columns))
	for i, c := range columns {
		quoted[i] = `"` + c + `"`
	}
	rows, err := src.QueryContext(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM "`+table+`"`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	values := make([]any, len(columns))
	ptrs := make([]any, len(columns))
	for i := range values {
		ptrs[i] = &values[i]
	}
	source := pgx.CopyFromFunc(func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		return values, nil
	})
	return tx.CopyFrom(ctx, pgx.Identifier{table}, columns, source)
}

// refuseNotEmpty refuses a database that holds anything but the schema's
// first rows: a copy replaces what it finds.
func (s *Store) refuseNotEmpty(ctx context.Context) error {
	var users, parks, records int64
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM parks),
		(SELECT count(*) FROM enterprises) + (SELECT count(*) FROM organizations) + (SELECT count(*) FROM audit)`).Scan(&users, &parks, &records)
	if err != nil {
		return fmt.Errorf("store: unable to read the PostgreSQL database: %w", err)
	}
	if users > 0 || parks > 1 || records > 0 {
		return fmt.Errorf("store: the PostgreSQL database already holds a portal (%d accounts, %d parks): a copy goes into an empty one: %w", users, parks, ErrNotEmpty)
	}
	return nil
}

// checkCopy compares the copy with its source: every table's rows (but
// the kept figures, built again), then each park's report of every year
// from the first record's to the last's.
func (s *Store) checkCopy(ctx context.Context, src *sql.Tx, dst *Store, res CopyResult) error {
	for t, n := range res.Tables {
		if slices.Contains(keptTables, t) {
			continue
		}
		var got int64
		if err := dst.read.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&got); err != nil {
			return fmt.Errorf("store: unable to check the copy of %s: %w", t, err)
		}
		if got != n {
			return fmt.Errorf("store: the copy of %s holds %d rows, the portal %d", t, got, n)
		}
	}
	parks, err := s.Parks(ctx)
	if err != nil {
		return err
	}
	var first, last int
	if err := src.QueryRowContext(ctx, `SELECT coalesce(min(year), 0), coalesce(max(year), 0) FROM report_figures`).Scan(&first, &last); err != nil {
		return fmt.Errorf("store: unable to read the portal's years: %w", err)
	}
	for _, p := range parks {
		in := WithPark(ctx, p.ID)
		for y := first; first > 0 && y <= last; y++ {
			want, err := s.Report(in, y)
			if err != nil {
				return err
			}
			got, err := dst.Report(in, y)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				return fmt.Errorf("store: the copy's %d report of park %s differs from the portal's", y, p.Slug)
			}
		}
	}
	return nil
}
