package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/pressly/goose/v3"
)

// Migration 27 turns the one-park database into a district of parks
// (issue 21, docs/district-design.md): the park's row becomes park 1 of
// a parks table, every record belongs to a park (park_id), interchange
// ids and the "one enterprise, one record" keys are unique within a
// park, and accounts gain a park and the district role.
//
// It is Go rather than SQL because the interchange id's uniqueness is a
// column constraint whose index SQLite cannot drop: each of the twelve
// record tables (and users, whose role is a CHECK) is rebuilt, SQLite's
// documented way (a new table, copy, drop, rename, then its indexes and
// triggers again), and the indexes and triggers are re-created from the
// schema's own text rather than copied into a migration file. Foreign
// keys are off for the rebuild (dropping a table with them on would
// cascade into its children) and checked before it commits.
//
// goose records it (a Go migration without an up function) once migrate
// has run migrateParks, which does nothing more on a database that has its
// parks. Going down brings the park's row back for the versions before
// and leaves the rest (a record's park, the park-wide keys) as it is: those
// versions read and write the records as they were, and this one, migrating
// up again, finds its parks.
var parksMigration = goose.NewGoMigration(27, nil, &goose.GoFunc{RunTx: parksDown})

func parksDown(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `CREATE TABLE park (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    name  TEXT NOT NULL,
    brand TEXT NOT NULL
);
INSERT INTO park (id, name, brand) SELECT 1, name, brand FROM parks WHERE id = 1 AND name <> ''`)
	return err
}

// parkTables are the record tables: every row belongs to one park.
var parkTables = []string{"enterprises", "surveys", "organizations", "staff", "services", "members",
	"activities", "platforms", "designations", "brands", "awards", "responsibility"}

// parkKeys are the unique indexes that hold within a park only.
var parkKeys = map[string]bool{"enterprises_credit_code": true, "enterprises_name_key": true, "organizations_name_key": true}

var (
	sourceIDUnique = regexp.MustCompile(`(?m)^(\s*source_id\s+TEXT\s+(?:NOT NULL\s+)?)UNIQUE`)
	primaryKeyLine = regexp.MustCompile(`(?m)^(\s*id\s+INTEGER\s+PRIMARY KEY,)`)
	indexColumns   = regexp.MustCompile(`^(CREATE UNIQUE INDEX \w+ ON \w+\s*\()`)
)

func migrateParks(ctx context.Context, db *sql.DB) (err error) {
	var done, parkRow bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'parks'),
		EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'park')`).Scan(&done, &parkRow); err != nil {
		return err
	}
	if done && parkRow {
		// Back from a version before parks (parksDown): the park's row,
		// which that version may have written, names park 1 again.
		_, err := db.ExecContext(ctx, `UPDATE parks SET name = coalesce((SELECT name FROM park WHERE id = 1), name),
			brand = coalesce((SELECT brand FROM park WHERE id = 1), brand) WHERE id = 1;
			DROP TABLE park`)
		return err
	}
	if done {
		return nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// legacy_alter_table: renaming the rebuilt table must not rewrite the
	// other tables' triggers and foreign keys, which name it already.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON`); err != nil {
		return err
	}
	defer func() {
		if _, e := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON; PRAGMA legacy_alter_table = OFF`); e != nil && err == nil {
			err = e
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if _, err := tx.ExecContext(ctx, `
CREATE TABLE parks (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 32),
    name       TEXT    NOT NULL,
    brand      TEXT    NOT NULL DEFAULT '',
    host       TEXT    UNIQUE, -- its own public address, served at / there
    footer     TEXT    NOT NULL DEFAULT '', -- the public pages' footer lines
    created_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- The one park there was is park 1; a database not yet imported has it
-- too, nameless until its first import names it.
INSERT INTO parks (id, slug, name, brand)
    SELECT 1, 'park', coalesce((SELECT name FROM park WHERE id = 1), ''), coalesce((SELECT brand FROM park WHERE id = 1), '');
DROP TABLE park;`); err != nil {
		return fmt.Errorf("parks: %w", err)
	}
	for _, t := range parkTables {
		err := rebuildTable(ctx, tx, t, func(create string) string {
			create = sourceIDUnique.ReplaceAllString(create, "$1")
			create = primaryKeyLine.ReplaceAllString(create, "$1\n    park_id INTEGER NOT NULL DEFAULT 1 REFERENCES parks(id),")
			end := strings.LastIndex(create, ")")
			return create[:end] + ",\n    UNIQUE (park_id, source_id)\n)"
		}, "park_id", "1")
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
	}
	err = rebuildTable(ctx, tx, "users", func(create string) string {
		create = strings.Replace(create, `role IN ('admin', 'staff', 'secretary')`, `role IN ('admin', 'staff', 'secretary', 'district')`, 1)
		end := strings.LastIndex(create, ")")
		return create[:end] + `,
    -- staff and secretaries work in one park (store.CreateUser sees to it);
    -- admin and district users over all of them
    park_id INTEGER REFERENCES parks(id)
)`
	}, "park_id", "CASE WHEN role IN ('staff', 'secretary') THEN 1 END")
	if err != nil {
		return fmt.Errorf("users: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE INDEX users_park ON users(park_id, role)`); err != nil {
		return err
	}
	var broken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&broken); err != nil {
		return err
	}
	if broken > 0 {
		return fmt.Errorf("%d rows refer to rows that are not there", broken)
	}
	return tx.Commit()
}

// rebuildTable replaces table t by one created from reshape(its CREATE
// statement), copying every row (the new column added gets value) and
// re-creating its indexes and triggers; a unique index in parkKeys gains
// park_id as its first column.
func rebuildTable(ctx context.Context, tx *sql.Tx, t string, reshape func(string) string, column, value string) error {
	var create string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, t).Scan(&create); err != nil {
		return err
	}
	var columns []string
	var again []string
	err := eachRow(ctx, tx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, []any{t}, func(rows *sql.Rows) error {
		var c string
		err := rows.Scan(&c)
		columns = append(columns, `"`+c+`"`)
		return err
	})
	if err != nil {
		return err
	}
	err = eachRow(ctx, tx, `SELECT name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`, []any{t}, func(rows *sql.Rows) error {
		var name, s string
		err := rows.Scan(&name, &s)
		if parkKeys[name] {
			s = indexColumns.ReplaceAllString(s, "${1}park_id, ")
		}
		again = append(again, s)
		return err
	})
	if err != nil {
		return err
	}
	header := regexp.MustCompile(`^CREATE TABLE (?:IF NOT EXISTS )?"?` + t + `"?\s*\(`)
	if !header.MatchString(create) {
		return fmt.Errorf("unexpected definition %q", create[:min(len(create), 60)])
	}
	create = header.ReplaceAllString(reshape(create), "CREATE TABLE "+t+"_rebuilt (")
	list := strings.Join(columns, ", ")
	steps := []string{
		create,
		`INSERT INTO ` + t + `_rebuilt (` + list + `, ` + column + `) SELECT ` + list + `, ` + value + ` FROM ` + t,
		`DROP TABLE ` + t,
		`ALTER TABLE ` + t + `_rebuilt RENAME TO ` + t,
	}
	for _, s := range append(steps, again...) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%.80s: %w", s, err)
		}
	}
	return nil
}
