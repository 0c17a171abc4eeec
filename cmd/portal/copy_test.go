package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"parkportal/store"
	"parkportal/store/pgcluster"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// portal copy moves the demonstration district into PostgreSQL: every
// table's rows, and each park's reports, computed there from the moved
// records, equal the SQLite portal's; the accounts sign in there; a second
// copy into the now full database is refused.
func TestCopyMovesTheDemonstrationDistrictToPostgreSQL(t *testing.T) {
	ctx := context.Background()
	to := pgcluster.Database(t)
	db := filepath.Join(t.TempDir(), "portal.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var accounts bytes.Buffer
	if err := setUpDemo(ctx, &cliEnv{dbPath: db, stdout: &accounts, stderr: io.Discard, now: time.Now}, s); err != nil {
		t.Fatal(err)
	}
	parks, err := s.Parks(ctx)
	if err != nil || len(parks) != 3 {
		t.Fatalf("parks %v, %v", parks, err)
	}
	want := map[string]store.Report{}
	for _, p := range parks {
		for _, y := range []int{2021, 2023, 2025} {
			r, err := s.Report(store.WithPark(ctx, p.ID), y)
			if err != nil {
				t.Fatal(err)
			}
			want[fmt.Sprint(p.Slug, y)] = r
		}
	}
	audit, err := s.AuditEntries(ctx, store.AuditFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errOut := runCLI(t, db, "", "copy", "--to", to)
	if code != 0 {
		t.Fatalf("portal copy: %d\n%s%s", code, out, errOut)
	}
	for _, table := range []string{"enterprises ", "audit ", "users ", "annual_returns ", "parks "} {
		if !strings.Contains(out, "\n"+table) && !strings.HasPrefix(out, table) {
			t.Errorf("the copy does not name %s:\n%s", table, out)
		}
	}
	if !strings.Contains(out, "each park's reports are equal") {
		t.Errorf("the copy does not say it was checked:\n%s", out)
	}

	pg, err := store.Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	// Every table of the PostgreSQL schema holds as many rows as SQLite's
	// (the search tables, which SQLite keeps in FTS5, aside).
	lite, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	onServer, err := sql.Open("pgx", to)
	if err != nil {
		t.Fatal(err)
	}
	defer onServer.Close()
	rows, err := onServer.QueryContext(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
		AND table_name <> 'goose_db_version' AND table_name NOT LIKE 'search\_%' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	if len(tables) < 40 {
		t.Fatalf("only %d tables on PostgreSQL: %v", len(tables), tables)
	}
	for _, table := range tables {
		var a, b int64
		if err := lite.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&a); err != nil {
			t.Fatal(err)
		}
		if err := onServer.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&b); err != nil {
			t.Fatal(err)
		}
		if a != b {
			t.Errorf("%s: %d rows on SQLite, %d on PostgreSQL", table, a, b)
		}
	}
	copied, err := pg.Parks(ctx)
	if err != nil || !reflect.DeepEqual(copied, parks) {
		t.Errorf("parks on PostgreSQL %+v, %v; want %+v", copied, err, parks)
	}
	for _, p := range parks {
		for _, y := range []int{2021, 2023, 2025} {
			got, err := pg.Report(store.WithPark(ctx, p.ID), y)
			if err != nil || !reflect.DeepEqual(got, want[fmt.Sprint(p.Slug, y)]) {
				t.Errorf("%s's %d report on PostgreSQL differs (%v)", p.Slug, y, err)
			}
		}
	}
	copiedAudit, err := pg.AuditEntries(ctx, store.AuditFilter{Limit: 1000})
	if err != nil || !reflect.DeepEqual(copiedAudit, audit) {
		t.Errorf("the audit log on PostgreSQL differs (%d entries against %d, %v)", len(copiedAudit), len(audit), err)
	}
	if _, err := pg.Authenticate(ctx, "staff-liling", demoPassword(t, accounts.String(), "staff-liling")); err != nil {
		t.Errorf("a demo account does not sign in on PostgreSQL: %v", err)
	}
	// A new record gets an id after the copied ones.
	if _, err := pg.SaveEnterprise(ctx, store.Actor{Username: "test"}, "", store.Enterprise{ID: "ent-after-copy", Name: "复制之后的企业", Stage: "startup"}); err != nil {
		t.Errorf("a save after the copy: %v", err)
	}

	if code, _, errOut := runCLI(t, db, "", "copy", "--to", to); code == 0 || !strings.Contains(errOut, "empty") {
		t.Errorf("a copy into a full database: %d %s", code, errOut)
	}
}

// demoPassword is the password setUpDemo printed for user.
func demoPassword(t *testing.T, out, user string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == user {
			return f[len(f)-1]
		}
	}
	t.Fatalf("no password printed for %s in\n%s", user, out)
	return ""
}

// rawDB is a connection to the PostgreSQL database db.
func rawDB(t *testing.T, db string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func TestAddressesArePrintedWithoutPasswords(t *testing.T) {
	for in, want := range map[string]string{
		"data/portal.db": "data/portal.db",
		"postgres://portal:secret@db1:5432/portal?sslmode=require": "postgres://portal:xxxxx@db1:5432/portal?sslmode=require",
		"postgres://portal@db1/portal?password=secret":             "postgres://portal@db1/portal?password=xxxxx",
		"postgres://portal:sec ret@[db1/portal":                    "postgres://…",
	} {
		if got := redacted(in); got != want || strings.Contains(got, "secret") {
			t.Errorf("redacted(%q) = %q, want %q", in, got, want)
		}
	}
}
