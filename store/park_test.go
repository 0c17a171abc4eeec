package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"parkportal/store/pgcluster"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A database of one park, written before there were parks (schema 26),
// becomes park 1 of a district: every row is kept and is park 1's, the
// indexes and triggers are all there again, and the park's keys hold
// within the park.
func TestParksMigrationKeepsTheOnePark(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it migrates a SQLite database of before the parks; PostgreSQL starts at the parks' schema")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	p, err := newGoose(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, parksMigration.Version-1); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO park (id, name, brand) VALUES (1, '示范园区', '园区品牌')`,
		`INSERT INTO enterprises (id, source_id, name, stage) VALUES (1, 'ent-1', '甲公司', 'startup'), (2, 'ent-2', '乙公司', 'growth')`,
		`INSERT INTO enterprise_stages (enterprise_id, position, stage, since) VALUES (1, 1, 'startup', '2020-01-01')`,
		`INSERT INTO organizations (id, source_id, name, kind, formed) VALUES (1, 'org-1', '甲公司党支部', 'branch', '2021-01-01')`,
		`INSERT INTO organization_enterprises (organization_id, enterprise_id, position) VALUES (1, 1, 1), (1, 2, 2)`,
		`INSERT INTO members (id, source_id, name, organization_id, enterprise_id, management, applied) VALUES (1, 'm-1', '张三', 1, 1, 0, '2022-01-01')`,
		`INSERT INTO brands (id, source_id, organization_id, name, launched, status) VALUES (1, 'b-1', 1, '红色引擎', '2022-05-01', 'published')`,
		`INSERT INTO users (username, role, organization, password_hash) VALUES ('admin', 'admin', NULL, 'x'), ('clerk', 'staff', NULL, 'x'), ('sec', 'secretary', 'org-1', 'x')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	schema := func(db *sql.DB) []string {
		t.Helper()
		var names []string
		args := []any{}
		for _, tb := range append(slices.Clone(parkTables), "users") {
			args = append(args, tb)
		}
		err := eachRow(ctx, db, `SELECT type || ' ' || name FROM sqlite_schema WHERE type IN ('index', 'trigger')
			AND name NOT LIKE 'sqlite_autoindex%' AND tbl_name IN (?`+strings.Repeat(", ?", len(args)-1)+`) ORDER BY 1`, args, func(rows *sql.Rows) error {
			var n string
			err := rows.Scan(&n)
			names = append(names, n)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	before := schema(db)
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open migrates: %v", err)
	}
	defer s.Close()
	after := slices.DeleteFunc(schema(s.read), func(n string) bool {
		// added by migrations 27 to 29
		return n == "index users_park" || strings.HasSuffix(n, "_park_fixed") || strings.HasPrefix(n, "index ") && strings.HasSuffix(n, "_park")
	})
	if !slices.Equal(before, after) {
		t.Errorf("indexes and triggers\nbefore %v\nafter  %v", before, after)
	}
	parks, err := s.Parks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []ParkInfo{{ID: 1, Slug: "park", Name: "示范园区", Brand: "园区品牌"}}; !slices.Equal(parks, want) {
		t.Errorf("parks = %+v, want %+v", parks, want)
	}
	for _, tb := range []string{"enterprises", "organizations", "members", "brands"} {
		var n, first int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE park_id = 1) FROM `+tb).Scan(&n, &first); err != nil {
			t.Fatal(err)
		}
		if n == 0 || n != first {
			t.Errorf("%s: %d rows, %d of park 1", tb, n, first)
		}
	}
	var links, broken int
	if err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM organization_enterprises) + (SELECT count(*) FROM enterprise_stages),
		(SELECT count(*) FROM pragma_foreign_key_check)`).Scan(&links, &broken); err != nil {
		t.Fatal(err)
	}
	if links != 3 || broken != 0 {
		t.Errorf("%d link rows (want 3), %d broken references", links, broken)
	}
	for name, want := range map[string]int64{"admin": 0, "clerk": 1, "sec": 1} {
		u, err := s.UserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if u.Park != want {
			t.Errorf("%s's park = %d, want %d", name, u.Park, want)
		}
	}
	e, _, err := s.EnterpriseByID(ctx, "ent-1")
	if err != nil || e.Name != "甲公司" || len(e.StageHistory) != 1 {
		t.Errorf("ent-1 = %+v, %v", e, err)
	}
	var unique string
	if err := s.read.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE name = 'enterprises_name_key'`).Scan(&unique); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(unique, "(park_id, name_key)") {
		t.Errorf("enterprises_name_key = %s, want it within a park", unique)
	}
	// Opened again, nothing more happens.
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open again: %v", err)
	}
	s2.Close()
}

// Two parks may hold the same interchange ids, names and credit codes:
// each imports, exports, finds and saves its own.
func TestParksKeepTheirOwnRecords(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	doc, err := os.ReadFile("demo/park.json")
	if err != nil {
		t.Fatal(err)
	}
	actor := Actor{Username: "tester"}
	p2, err := s.AddPark(ctx, actor, ParkInfo{Slug: "tianyuan", Name: "天元园区"})
	if err != nil {
		t.Fatal(err)
	}
	in2 := WithPark(ctx, p2.ID)
	if empty, err := s.RecordsEmpty(in2); err != nil || !empty {
		t.Fatalf("the new park is empty: %v, %v", empty, err)
	}
	if _, err := s.Import(in2, bytes.NewReader(doc), ImportOptions{}); err != nil {
		t.Fatalf("import into the second park: %v", err)
	}
	export := func(ctx context.Context) string {
		var b bytes.Buffer
		if err := s.Export(ctx, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	first := export(ctx)
	if got := export(in2); got != first {
		t.Errorf("the second park's export differs from the first's")
	}
	if !strings.Contains(first, `"park": {"name":"株洲高新区`) {
		t.Errorf("the export names no park or another one")
	}
	e1, key1, err := s.EnterpriseByID(ctx, "ent-001")
	if err != nil {
		t.Fatal(err)
	}
	e2, key2, err := s.EnterpriseByID(in2, "ent-001")
	if err != nil {
		t.Fatal(err)
	}
	if key1 == key2 || e1.Name != e2.Name {
		t.Errorf("ent-0001: rowids %d and %d, names %q and %q", key1, key2, e1.Name, e2.Name)
	}

	// Each park's search finds its own records only.
	for _, scope := range []context.Context{ctx, in2} {
		pages, err := s.PublicSearch(scope, []string{"党课"}, []int{SearchActivity}, 0, 20)
		if err != nil || len(pages) != 1 || pages[0].Count != 4 || len(pages[0].Hits) != 4 {
			t.Errorf("a park's search for 党课: %+v, %v; want its 4 activities", pages, err)
		}
	}

	// A change in one park leaves the other's as it was.
	e2.Name += "（天元）"
	if _, err := s.SaveEnterprise(in2, actor, e2.ID, e2); err != nil {
		t.Fatalf("save in the second park: %v", err)
	}
	if got, _, _ := s.EnterpriseByID(ctx, "ent-001"); got.Name != e1.Name {
		t.Errorf("the first park's ent-0001 is now %q", got.Name)
	}
	fresh := Enterprise{ID: "ent-9001", Name: e1.Name, Stage: "growth"}
	if _, err := s.SaveEnterprise(in2, actor, "", fresh); err != nil {
		t.Errorf("the second park takes a name the first park has: %v", err)
	}
	var refused *RecordError
	if _, err := s.SaveEnterprise(in2, actor, "", Enterprise{ID: "ent-9002", Name: e1.Name, Stage: "growth"}); !errors.As(err, &refused) {
		t.Errorf("a name twice in one park: %v, want a *RecordError", err)
	}

	// An import into one park neither sees nor replaces the other's.
	if _, err := s.Import(ctx, bytes.NewReader(doc), ImportOptions{}); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("import into the full first park: %v, want ErrNotEmpty", err)
	}
	if _, err := s.Import(in2, bytes.NewReader(doc), ImportOptions{Replace: true}); err != nil {
		t.Fatalf("replace the second park: %v", err)
	}
	if export(ctx) != first || export(in2) != first {
		t.Errorf("after replacing the second park, the exports differ from the document")
	}
}

func TestAddPark(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	actor := Actor{Username: "tester"}
	for _, bad := range []ParkInfo{
		{Slug: "", Name: "名"}, {Slug: "Tianyuan", Name: "名"}, {Slug: "1park", Name: "名"}, {Slug: "tian yuan", Name: "名"},
		{Slug: strings.Repeat("a", 33), Name: "名"}, {Slug: "ok", Name: "  "}, {Slug: "ok", Name: "名", Host: "https://x.cn/"},
	} {
		if _, err := s.AddPark(ctx, actor, bad); !errors.Is(err, ErrInvalidPark) {
			t.Errorf("AddPark(%+v) = %v, want ErrInvalidPark", bad, err)
		}
	}
	a, err := s.AddPark(ctx, actor, ParkInfo{Slug: "tianyuan", Name: "天元园区", Host: "Tianyuan.Example.cn"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Host != "tianyuan.example.cn" || a.ID != 2 {
		t.Errorf("added %+v", a)
	}
	for _, dup := range []ParkInfo{{Slug: "tianyuan", Name: "又一个"}, {Slug: "other", Name: "又一个", Host: "tianyuan.example.cn"}} {
		if _, err := s.AddPark(ctx, actor, dup); !errors.Is(err, ErrExists) {
			t.Errorf("AddPark(%+v) = %v, want ErrExists", dup, err)
		}
	}
	parks, err := s.Parks(ctx)
	if err != nil || len(parks) != 2 || parks[0].Slug != "park" || parks[1].Slug != "tianyuan" {
		t.Errorf("Parks = %+v, %v", parks, err)
	}
	if got, err := s.ParkBySlug(ctx, "tianyuan"); err != nil || got != a {
		t.Errorf("ParkBySlug = %+v, %v", got, err)
	}
	if _, err := s.ParkBySlug(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ParkBySlug(nope) = %v", err)
	}
	entries, err := s.AuditEntries(ctx, AuditFilter{Collection: "parks"})
	if err != nil || len(entries) != 1 || entries[0].RecordID != "tianyuan" {
		t.Errorf("audit = %+v, %v", entries, err)
	}
}

// SetPark changes what it is given of a park, keeps the rest, refuses an
// id or host another park has and a park that is not valid, and logs
// what it was and what it became.
func TestSetPark(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	actor := Actor{Username: "tester"}
	if _, err := s.AddPark(ctx, actor, ParkInfo{Slug: "liling", Name: "醴陵园区", Host: "liling.example.cn"}); err != nil {
		t.Fatal(err)
	}
	str := func(v string) *string { return &v }
	got, err := s.SetPark(ctx, actor, "park", ParkChange{Slug: str("tianyuan"), Name: str("天元园区"), Footer: str(" 主办：天元区委组织部 \r\n\n电话：0731-1 ")})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != FirstPark || got.Slug != "tianyuan" || got.Footer != "主办：天元区委组织部\n电话：0731-1" {
		t.Errorf("SetPark = %+v", got)
	}
	if _, err := s.ParkBySlug(ctx, "park"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the old id is still found: %v", err)
	}
	for slug, change := range map[string]ParkChange{
		"tianyuan": {Slug: str("liling")},
		"nope":     {Name: str("无")},
	} {
		if _, err := s.SetPark(ctx, actor, slug, change); !errors.Is(err, ErrExists) && !errors.Is(err, ErrNotFound) {
			t.Errorf("SetPark(%s) = %v", slug, err)
		}
	}
	if _, err := s.SetPark(ctx, actor, "tianyuan", ParkChange{Host: str("liling.example.cn")}); !errors.Is(err, ErrExists) {
		t.Errorf("another park's host: %v", err)
	}
	for _, bad := range []ParkChange{{Slug: str("Tian")}, {Name: str(" ")}, {Footer: str(strings.Repeat("行\n", 7))}} {
		if _, err := s.SetPark(ctx, actor, "tianyuan", bad); !errors.Is(err, ErrInvalidPark) {
			t.Errorf("SetPark(%+v) = %v, want ErrInvalidPark", bad, err)
		}
	}
	after, err := s.SetPark(ctx, actor, "liling", ParkChange{Host: str("")})
	if err != nil || after.Host != "" || after.Name != "醴陵园区" {
		t.Errorf("removing the host: %+v, %v", after, err)
	}
	entries, err := s.AuditEntries(ctx, AuditFilter{Collection: "parks"})
	if err != nil || len(entries) != 3 {
		t.Fatalf("audit = %d entries, %v", len(entries), err)
	}
	if e := entries[1]; e.Action != ActionUpdate || !strings.Contains(string(e.Before), `"id":"park"`) || !strings.Contains(string(e.After), `"id":"tianyuan"`) {
		t.Errorf("the change's entry: %s %s → %s", e.Action, e.Before, e.After)
	}
}

// A rowid names a record in any park: read, saved or deleted from another
// park, the record is not there, and stays as it was.
func TestAnotherParksRecordIsNotFound(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	actor := Actor{Username: "tester"}
	p2, err := s.AddPark(ctx, actor, ParkInfo{Slug: "tianyuan", Name: "天元园区"})
	if err != nil {
		t.Fatal(err)
	}
	in2 := WithPark(ctx, p2.ID)
	rows, _, err := s.ServiceLedger(ctx, ServiceFilter{Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("services: %v", err)
	}
	key := rows[0].Key
	v, err := s.ServiceByKey(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ServiceByKey(in2, key); !errors.Is(err, ErrNotFound) {
		t.Errorf("read from the other park: %v, want ErrNotFound", err)
	}
	changed := v
	changed.Note = "另一园区改的"
	if _, err := s.SaveService(in2, actor, key, changed); !errors.Is(err, ErrNotFound) {
		t.Errorf("save from the other park: %v, want ErrNotFound", err)
	}
	if _, err := s.DeleteService(in2, actor, key, v.Version); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete from the other park: %v, want ErrNotFound", err)
	}
	if _, _, err := s.EnterpriseByID(in2, "ent-001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the first park's enterprise by id from the other park: %v, want ErrNotFound", err)
	}
	if got, err := s.ServiceByKey(ctx, key); err != nil || got.Note != v.Note || got.Version != v.Version {
		t.Errorf("after the other park's attempts: %+v, %v", got, err)
	}
	a := &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "党课进车间", Date: "2023-05-06", Enterprises: []string{"ent-003"}}}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FilingOf(ctx, f.ID, ""); err != nil {
		t.Errorf("the filing in its own park: %v", err)
	}
	if _, err := s.FilingOf(in2, f.ID, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("the filing from the other park: %v, want ErrNotFound", err)
	}
	if _, err := s.SaveFiling(in2, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a filing for the first park's organisation from the other park: %v, want ErrNotFound", err)
	}
}

// The district's report adds up its parks': its counts are the sums of
// the parks' and its ratios are computed from the summed parts, which
// counting the district's records from scratch (countReport, over every
// park) gives independently; each park's report is the one its records
// give alone, counted in a database of its own.
func TestDistrictReportIsTheSumOfItsParks(t *testing.T) {
	ctx := context.Background()
	park, err := os.ReadFile("demo/park.json")
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{string(park), validDocument}
	alone := make([]*Store, len(docs))
	for i, doc := range docs {
		alone[i] = openTest(t)
		if _, err := alone[i].Import(ctx, strings.NewReader(doc), ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	s := openTest(t)
	p2, err := s.AddPark(ctx, Actor{Username: "tester"}, ParkInfo{Slug: "second", Name: "第二园区"})
	if err != nil {
		t.Fatal(err)
	}
	scopes := []context.Context{ctx, WithPark(ctx, p2.ID)}
	for i, doc := range docs {
		if _, err := s.Import(scopes[i], strings.NewReader(doc), ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	district := WithPark(ctx, District)
	for year := 2019; year <= 2025; year++ {
		got, err := s.Report(district, year)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := s.countReport(ctx, year) // every park's records, counted
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d: the district's report\n%+v\ncounted from its records\n%+v", year, got, want)
		}
		var sum int
		for i, scope := range scopes {
			park, err := s.Report(scope, year)
			if err != nil {
				t.Fatal(err)
			}
			counted, _, err := alone[i].countReport(ctx, year)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(park, counted) {
				t.Errorf("%d: park %d's report\n%+v\nits records alone\n%+v", year, i+1, park, counted)
			}
			sum += park.Activities.Incubation + park.Uplift.MembersDeveloped + park.Incubation.Services.Equipment
		}
		if d := got.Activities.Incubation + got.Uplift.MembersDeveloped + got.Incubation.Services.Equipment; d != sum {
			t.Errorf("%d: the district's counts %d are not the parks' sum %d", year, d, sum)
		}
	}
	if got, err := s.Report(district, 2023); err != nil || got.Activities.Incubation == 0 {
		t.Errorf("the district's 2023 report counts no activity: %+v, %v", got, err)
	}
}

// A rowid one park's record had may be another park's next (SQLite takes
// the largest plus one): the new record's history and conflicts are its
// own park's entries, not the deleted record's.
func TestHistoryIsThePark(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	actor := Actor{Username: "tester"}
	first := Service{Enterprise: "ent-001", Kind: "legal", Date: "2024-03-01", Effective: true, Note: "甲园区的记录"}
	e, err := s.SaveService(ctx, actor, 0, first)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteService(ctx, actor, e.RecordKey, 1); err != nil {
		t.Fatal(err)
	}
	p2, err := s.AddPark(ctx, actor, ParkInfo{Slug: "second", Name: "第二园区"})
	if err != nil {
		t.Fatal(err)
	}
	in2 := WithPark(ctx, p2.ID)
	if _, err := s.SaveEnterprise(in2, actor, "", Enterprise{ID: "ent-001", Name: "乙园区企业", Stage: "startup"}); err != nil {
		t.Fatal(err)
	}
	e2, err := s.SaveService(in2, actor, 0, Service{Enterprise: "ent-001", Kind: "venue", Date: "2024-04-01", Effective: true})
	if err != nil {
		t.Fatal(err)
	}
	if e2.RecordKey != e.RecordKey {
		t.Skipf("SQLite gave the second park's service rowid %d, not the deleted %d", e2.RecordKey, e.RecordKey)
	}
	history, err := s.AuditEntries(in2, AuditFilter{Collection: "services", RecordKey: e2.RecordKey})
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 1 || strings.Contains(string(history[0].After), "甲园区") {
		t.Errorf("the second park's service's history holds %d entries, want its own one: %+v", len(history), history)
	}
	changes, _, err := s.RecordChangesSince(in2, "services", e2.RecordKey, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if strings.Contains(string(c.Before)+string(c.After), "甲园区") {
			t.Errorf("the second park's changes show the first park's deleted record: %+v", c)
		}
	}
}
