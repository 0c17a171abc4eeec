package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// keptRows are the kept figures as text, table by table, leaving out rows
// that add nothing (a sum taken back to zero by a delete).
func keptRows(t *testing.T, q querier) map[string][]string {
	t.Helper()
	queries := map[string]string{
		"ledger_counts":        `SELECT collection, records FROM ledger_counts ORDER BY 1`,
		"report_figures":       `SELECT year, figure, value FROM report_figures WHERE value != 0 ORDER BY 1, 2`,
		"report_marks":         `SELECT subject, figure, year, value FROM report_marks WHERE value != 0 ORDER BY 1, 2, 3`,
		"service_months":       `SELECT month, kind, services, market_fen, actual_fen FROM service_months WHERE services != 0 OR market_fen != 0 OR actual_fen != 0 ORDER BY 1, 2`,
		"responsibility_years": `SELECT year, kind, records, beneficiaries FROM responsibility_years WHERE records != 0 OR beneficiaries != 0 ORDER BY 1, 2`,
		"enterprise_figures":   `SELECT enterprise_id, coverage, stage, name, coalesce(CAST(employees AS TEXT), ''), coalesce(founded, ''), coalesce(surveyed, ''), full_members, responsibility, beneficiaries FROM enterprise_figures ORDER BY 1`,
		"coverage_counts":      `SELECT coverage, enterprises FROM coverage_counts WHERE enterprises != 0 ORDER BY 1`,
		"brand_facets":         `SELECT facet, launched, brand_id, organization_id FROM brand_facets ORDER BY 1, 2, 3`,
		"brand_facet_counts":   `SELECT facet, brands FROM brand_facet_counts WHERE brands != 0 ORDER BY 1`,
		"figures_stale":        `SELECT subject, id FROM figures_stale ORDER BY 1, 2`,
	}
	out := map[string][]string{}
	for table, query := range queries {
		out[table] = rowsText(t, q, query)
	}
	return out
}

// rowsText is each row a query reads, its columns printed one after the
// other: rows to compare as text.
func rowsText(t *testing.T, q querier, query string) []string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		values := make([]any, len(cols))
		dest := make([]any, len(cols))
		for i := range values {
			dest[i] = &values[i]
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(values...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// countRows counts a table's rows.
func countRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// missing lists the rows of a that b lacks.
func missing(a, b []string) []string {
	var out []string
	for _, r := range a {
		if !slices.Contains(b, r) {
			out = append(out, r)
		}
	}
	return out
}

// checkKeptFigures fails unless the figures kept by the write path are the
// ones built afresh from the records, and those are what counting the
// records gives: the ledgers' sizes, each enterprise's coverage and
// members, and the annual report of every year.
func checkKeptFigures(t *testing.T, s *Store, when string) {
	t.Helper()
	ctx := context.Background()
	kept := keptRows(t, s.read)
	if len(kept["ledger_counts"]) != len(ledgerTables)+1 {
		t.Fatalf("%s: %d ledger counts kept, want %d and the users'", when, len(kept["ledger_counts"]), len(ledgerTables))
	}
	done, err := s.takeWriteTurn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := buildFigures(ctx, tx); err != nil {
		t.Fatal(err)
	}
	built := keptRows(t, tx)
	tx.Rollback()
	done()
	for table := range built {
		if only, also := missing(kept[table], built[table]), missing(built[table], kept[table]); len(only)+len(also) > 0 {
			t.Errorf("%s: %s kept differs from built from the records:\nkept only  %v\nbuilt only %v", when, table, only, also)
		}
	}

	// What the kept figures say against what counting says.
	counts, err := s.LedgerCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		var n int
		if err := s.read.QueryRow(`SELECT count(*) FROM ` + string(c.Collection)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if c.Count != n {
			t.Errorf("%s: %s counted %d, kept %d", when, c.Collection, n, c.Count)
		}
	}
	if _, users, err := s.Users(ctx, 0, 1); err != nil {
		t.Fatal(err)
	} else if n := countRows(t, s, "users"); users != n {
		t.Errorf("%s: users counted %d, kept %d", when, n, users)
	}
	var wrong int
	if err := s.read.QueryRow(`SELECT count(*) FROM enterprises e LEFT JOIN enterprise_figures f ON f.enterprise_id = e.id
		WHERE f.enterprise_id IS NULL OR f.coverage IS DISTINCT FROM (` + coverageSQL + `)
		   OR f.stage IS DISTINCT FROM e.stage OR f.name IS DISTINCT FROM e.name OR f.employees IS DISTINCT FROM e.employees
		   OR f.founded IS DISTINCT FROM e.founded OR f.surveyed IS DISTINCT FROM (SELECT max(date) FROM surveys s WHERE s.enterprise_id = e.id)
		   OR f.full_members != (SELECT count(*) FROM members m WHERE m.enterprise_id = e.id AND m.full IS NOT NULL)
		   OR f.beneficiaries != (SELECT coalesce(sum(beneficiaries), 0) FROM responsibility r WHERE r.enterprise_id = e.id AND r.status = 'published')`).Scan(&wrong); err != nil {
		t.Fatal(err)
	}
	if wrong > 0 {
		t.Errorf("%s: %d enterprises' kept coverage, stage, sort keys, latest survey, members or responsibility differ from the records", when, wrong)
	}
	// The brand showcase: every filter's count and the sectors offered.
	var sectors []string
	err = eachRow(ctx, s.read, `SELECT DISTINCT e.sector FROM brands b
		JOIN organization_enterprises oe ON oe.organization_id = b.organization_id JOIN enterprises e ON e.id = oe.enterprise_id
		WHERE b.status = 'published' AND e.sector IS NOT NULL AND e.sector <> '' ORDER BY e.sector`, nil, func(rows *sql.Rows) error {
		var v string
		sectors = append(sectors, v)
		return rows.Scan(&sectors[len(sectors)-1])
	})
	if err != nil {
		t.Fatal(err)
	}
	if kept, err := s.BrandSectors(ctx); err != nil || !reflect.DeepEqual(kept, sectors) {
		t.Errorf("%s: brand sectors kept %v, counted %v (%v)", when, kept, sectors, err)
	}
	for _, stage := range []string{"", "startup", "growth", "mature"} {
		for _, sector := range append([]string{"", "没有的行业"}, sectors...) {
			var want int
			if err := s.read.QueryRow(`SELECT count(*) FROM brands b WHERE b.status = 'published'
				AND (?1 = '' OR EXISTS (SELECT 1 FROM organization_enterprises oe JOIN enterprises e ON e.id = oe.enterprise_id
				                       WHERE oe.organization_id = b.organization_id AND e.stage = ?1))
				AND (?2 = '' OR EXISTS (SELECT 1 FROM organization_enterprises oe JOIN enterprises e ON e.id = oe.enterprise_id
				                       WHERE oe.organization_id = b.organization_id AND e.sector = ?2))`, stage, sector).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if _, got, err := s.PublishedBrands(ctx, BrandFilter{Stage: stage, Sector: sector, Limit: 1}); err != nil || got != want {
				t.Errorf("%s: brands of stage %q and sector %q: kept %d, counted %d (%v)", when, stage, sector, got, want, err)
			}
		}
	}
	for y := 2015; y <= 2027; y++ {
		got, _, err := s.computeReport(ctx, y)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := s.countReport(ctx, y)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the %d report from the kept figures differs from the counted one:\nkept    %+v\ncounted %+v", when, y, got, want)
		}
	}
}

func TestKeptFiguresEqualCountedFigures(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	checkKeptFigures(t, s, "after the import")

	// Creates, updates and deletes of every record kind, through the
	// write path.
	step := func(when string, err error) {
		t.Helper()
		if err != nil {
			var re *RecordError
			if errors.As(err, &re) {
				t.Fatalf("%s: %v", when, re.Problems)
			}
			t.Fatalf("%s: %v", when, err)
		}
		checkKeptFigures(t, s, when)
	}
	e := Enterprise{ID: "ent-new", Name: "新设企业", Stage: "growth", StageHistory: []StageEntry{{"startup", "2021-01-01"}, {"growth", "2024-03-01"}}}
	_, err := s.SaveEnterprise(ctx, tester, "", e)
	step("create an enterprise", err)
	sv, err := s.SaveSurvey(ctx, tester, 0, Survey{Enterprise: "ent-new", Date: "2023-04-01", FixedPremises: true, Employees: 20, Operating: true})
	step("create a survey", err)
	o, err := s.SaveOrganization(ctx, tester, "", Organization{ID: "org-new", Name: "新设联合党支部", Kind: "joint_branch", Formed: "2023-06-01", Enterprises: []string{"ent-new", "ent-134"}})
	step("create an organisation", err)
	e.Version, e.StageHistory = 1, []StageEntry{{"startup", "2020-01-01"}, {"growth", "2023-01-01"}}
	_, err = s.SaveEnterprise(ctx, tester, "ent-new", e)
	step("change an enterprise's stages", err)
	org := Organization{ID: "org-new", Name: "新设党支部", Kind: "branch", Formed: "2022-06-01", Enterprises: []string{"ent-new"}, Version: o.Version}
	o, err = s.SaveOrganization(ctx, tester, "org-new", org)
	step("change an organisation's kind, date and enterprises", err)
	_, err = s.SaveSurvey(ctx, tester, sv.RecordKey, Survey{Enterprise: "ent-new", Date: "2024-02-01", Employees: 3, Operating: true, Version: sv.Version})
	step("change a survey", err)
	_, err = s.SaveMember(ctx, tester, "", Member{ID: "mem-new", Name: "新党员", Birth: "1990-01-01", Organization: "org-new", Enterprise: "ent-new", Management: true,
		Applied: "2019-01-01", Activist: "2019-06-01", Candidate: "2020-07-01", Probationary: "2021-08-01", Full: "2022-08-01"})
	step("create a member", err)
	m, _, err := s.MemberByID(ctx, "mem-new")
	if err != nil {
		t.Fatal(err)
	}
	m.Enterprise, m.Management, m.Full = "ent-134", false, ""
	_, err = s.SaveMember(ctx, tester, "mem-new", m)
	step("change a member", err)
	st, err := s.SaveStaff(ctx, tester, "", Staff{ID: "staff-new", Name: "新专员", Roles: []string{"specialist"}, Since: "2021-03-01", Until: "2023-05-01"})
	step("create staff", err)
	_, err = s.SaveStaff(ctx, tester, "staff-new", Staff{ID: "staff-new", Name: "新专员", Roles: []string{"specialist"}, Since: "2022-03-01", Version: st.Version})
	step("change staff", err)
	market, actual := Money(500000), Money(120000)
	svc, err := s.SaveService(ctx, tester, 0, Service{Enterprise: "ent-new", Kind: "equipment", Date: "2023-05-06", Effective: true, MarketCost: &market, ActualCost: &actual})
	step("create a service", err)
	svc, err = s.SaveService(ctx, tester, svc.RecordKey, Service{Enterprise: "ent-new", Kind: "legal", Date: "2024-05-06", Effective: true, Version: svc.Version})
	step("change a service", err)
	act, err := s.SaveActivity(ctx, tester, 0, Activity{Program: "brand", Kind: "lecture", Title: "新活动", Date: "2023-07-01", Enterprises: []string{"ent-new"}})
	step("create an activity", err)
	act, err = s.SaveActivity(ctx, tester, act.RecordKey, Activity{Program: "uplift", Kind: "lecture", Title: "新活动", Date: "2022-07-01", Status: "draft", Version: act.Version})
	step("change an activity", err)
	pl, err := s.SavePlatform(ctx, tester, 0, Platform{Kind: "university_line", Name: "新直通车", Established: "2022-09-01"})
	step("create a platform", err)
	ds, err := s.SaveDesignation(ctx, tester, 0, Designation{Enterprise: "ent-new", Kind: "zjtx_provincial", Year: 2023})
	step("create a designation", err)
	br, err := s.SaveBrand(ctx, tester, 0, Brand{Organization: "org-new", Name: "新品牌", Launched: "2023-03-01", Status: "published"})
	step("create a brand", err)
	e.Version, e.Sector = 2, "新行业"
	_, err = s.SaveEnterprise(ctx, tester, "ent-new", e)
	step("change the sector of an enterprise a brand's organisation covers", err)
	br, err = s.SaveBrand(ctx, tester, br.RecordKey, Brand{Organization: "org-new", Name: "新品牌", Launched: "2023-03-01", Status: "draft", Version: br.Version})
	step("change a brand", err)
	aw, err := s.SaveAward(ctx, tester, 0, Award{Organization: "org-new", Kind: "benchmark_org", Level: "city", Year: 2022})
	step("create an award", err)
	aw, err = s.SaveAward(ctx, tester, aw.RecordKey, Award{Organization: "org-new", Kind: "benchmark_org", Level: "province", Year: 2021, Version: aw.Version})
	step("change an award", err)
	rs, err := s.SaveResponsibility(ctx, tester, 0, Responsibility{Enterprise: "ent-new", Kind: "employment_aid", Date: "2023-08-01", Beneficiaries: 12})
	step("create a responsibility record", err)
	rs, err = s.SaveResponsibility(ctx, tester, rs.RecordKey, Responsibility{Enterprise: "ent-134", Kind: "rural_support", Date: "2024-08-01", Beneficiaries: 30, Version: rs.Version})
	step("change a responsibility record", err)

	_, err = s.CreateUser(ctx, tester, NewUser{Username: "newsec", Role: RoleSecretary, Organization: "org-04", Password: "a-long-password"})
	step("create an account", err)

	// A secretary's filing, published; an upload of two enterprises.
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Submit: true,
		Body: &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "报送的活动", Date: "2024-05-06", Enterprises: []string{"ent-003"}}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.PublishFiling(ctx, tester, f.ID, f.Version, f.RecordVersion, nil)
	step("publish a filing", err)
	_, err = s.SaveEnterpriseUpload(ctx, tester, "enterprises.xlsx", []UploadRow[Enterprise]{
		{Row: 2, Record: Enterprise{ID: "ent-up1", Name: "上传企业一", Stage: "startup"}},
		{Row: 3, OldID: "ent-new", Record: Enterprise{ID: "ent-new", Name: "新设企业", Stage: "startup", Version: 3}},
	}, false)
	step("upload enterprises", err)

	// Deletes, dependants first.
	for _, d := range []struct {
		what string
		del  func() error
	}{
		{"delete a responsibility record", func() error { _, err := s.DeleteResponsibility(ctx, tester, rs.RecordKey, rs.Version); return err }},
		{"delete an award", func() error { _, err := s.DeleteAward(ctx, tester, aw.RecordKey, aw.Version); return err }},
		{"delete a brand", func() error { _, err := s.DeleteBrand(ctx, tester, br.RecordKey, br.Version); return err }},
		{"delete a designation", func() error { _, err := s.DeleteDesignation(ctx, tester, ds.RecordKey, ds.Version); return err }},
		{"delete a platform", func() error { _, err := s.DeletePlatform(ctx, tester, pl.RecordKey, pl.Version); return err }},
		{"delete an activity", func() error { _, err := s.DeleteActivity(ctx, tester, act.RecordKey, act.Version); return err }},
		{"delete a service", func() error { _, err := s.DeleteService(ctx, tester, svc.RecordKey, svc.Version); return err }},
		{"delete staff", func() error { _, err := s.DeleteStaff(ctx, tester, "staff-new", 2); return err }},
		{"delete a member", func() error { _, err := s.DeleteMember(ctx, tester, "mem-new", 2); return err }},
		{"delete a survey", func() error { _, err := s.DeleteSurvey(ctx, tester, sv.RecordKey, 2); return err }},
		{"delete an organisation", func() error { _, err := s.DeleteOrganization(ctx, tester, "org-new", o.Version); return err }},
		{"delete an enterprise", func() error { _, err := s.DeleteEnterprise(ctx, tester, "ent-up1", 1); return err }},
	} {
		step(d.what, d.del())
	}

	// A backup, restored over a database that changed since (SQLite's
	// backup and restore; PostgreSQL's are pg_dump's and pg_restore's).
	s2 := s
	if !s.d.postgres {
		s2 = restoredCopy(t, s, tester)
	}

	// An import that replaces every record.
	park, err := os.ReadFile("demo/park.json")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(park), `"ent-001"`, `"ent-xyz"`, -1)
	if _, err := s2.Import(ctx, strings.NewReader(doc), ImportOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	checkKeptFigures(t, s2, "after an import that replaced the records")
}

// A database from before the kept figures (or restored from a backup of
// one) gets them built when it is opened.
func TestKeptFiguresAreBuiltForAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	park, err := os.ReadFile("demo/park.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, strings.NewReader(string(park)), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p, err := newGoose(s.write)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 14); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM enterprise_figures`).Scan(&n); err != nil || n != 269 {
		t.Fatalf("enterprise figures built: %d, %v", n, err)
	}
	checkKeptFigures(t, s, "after opening a database from before them")
}

// restoredCopy backs s up, changes the copy and restores the backup over
// it, checks that the restored database's kept figures are true and
// returns it.
func restoredCopy(t *testing.T, s *Store, tester Actor) *Store {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "portal.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s2.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.DeleteEnterprise(ctx, tester, "ent-new", 4); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.SaveEnterprise(ctx, tester, "", Enterprise{ID: "ent-after", Name: "备份之后", Stage: "mature"}); err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if _, err := Restore(ctx, path, backup, time.Now()); err != nil {
		t.Fatal(err)
	}
	s2, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Close() })
	checkKeptFigures(t, s2, "after a restore")
	return s2
}
