package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// ledgerTotalTables are the ledgers whose record count ledger_totals keeps.
var ledgerTotalTables = []string{"enterprises", "organizations", "members", "activities", "surveys", "services",
	"platforms", "designations", "brands", "awards", "responsibility", "staff"}

// checkLedgerTotals compares what the write path keeps (the ledgers'
// totals, the activities by programme, year and status, each
// enterprise's latest staff term and how many have each) with the records.
func checkLedgerTotals(t *testing.T, s *Store, when string) {
	t.Helper()
	ctx := context.Background()
	kept, err := s.LedgerTotals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, table := range ledgerTotalTables {
		var n int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		want[table] = n
	}
	var sum int
	if err := s.read.QueryRowContext(ctx, `SELECT COALESCE(sum(beneficiaries), 0) FROM responsibility`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	want["responsibility.beneficiaries"] = sum
	if len(kept) != len(want) {
		t.Errorf("%s: ledger_totals holds %v, want %v", when, kept, want)
	}
	for name, n := range want {
		if kept[name] != n {
			t.Errorf("%s: kept total of %s %d, the records %d", when, name, kept[name], n)
		}
	}
	keptCounts := rowsText(t, s.read, `SELECT program, year, status, records FROM activity_counts WHERE records != 0 ORDER BY 1, 2, 3`)
	records := rowsText(t, s.read, `SELECT program, CAST(substr(date, 1, 4) AS INTEGER), status, count(*) FROM activities GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
	if len(records) == 0 || !slices.Equal(keptCounts, records) {
		t.Errorf("%s: activity_counts holds %v, the records count %v", when, keptCounts, records)
	}
	keptEnds := rowsText(t, s.read, `SELECT role, until, enterprises FROM staffing_ends WHERE enterprises != 0 ORDER BY 1, 2`)
	countedEnds := rowsText(t, s.read, `SELECT 'instructor', instructor_until, count(*) FROM enterprises GROUP BY 2
		UNION ALL SELECT 'specialist', specialist_until, count(*) FROM enterprises GROUP BY 2 ORDER BY 1, 2`)
	if !slices.Equal(keptEnds, countedEnds) {
		t.Errorf("%s: staffing_ends holds %v, the enterprises count %v", when, keptEnds, countedEnds)
	}
	for _, role := range []string{"specialist", "instructor"} {
		var wrong int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM enterprises e WHERE e.`+role+`_until !=
			COALESCE((SELECT max(COALESCE(st.until, '9999-12-31')) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
				WHERE l.enterprise_id = e.id AND st.`+role+` = 1), '')`).Scan(&wrong); err != nil {
			t.Fatal(err)
		}
		if wrong != 0 {
			t.Errorf("%s: %d enterprises keep a wrong latest %s term", when, wrong, role)
		}
	}
}

// The totals the ledgers count with, and the staffing dates the staff
// ledger's lists of enterprises lacking one read, are kept by every
// writer: the import, forms (create, change, delete, a delete that
// cascades), an Excel upload, a published filing, an import that replaces
// everything, and a backup from before they were kept, migrated on open.
func TestKeptFiguresFollowEveryWriter(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	checkLedgerTotals(t, s, "after the import")

	if _, err := s.SaveEnterprise(ctx, tester, "", Enterprise{ID: "e9", Name: "株洲计数科技有限公司", Stage: "startup"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveStaff(ctx, tester, "", Staff{ID: "s9", Name: "赵专员", Roles: []string{"specialist"}, Enterprises: []string{"e9", "e3"},
		Since: "2022-01-01", Until: "2024-06-30"}); err != nil {
		t.Fatal(err)
	}
	entry, err := s.SaveResponsibility(ctx, tester, 0, Responsibility{Enterprise: "e9", Kind: "volunteering", Date: "2024-03-01", Beneficiaries: 30})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.ResponsibilityByKey(ctx, entry.RecordKey)
	if err != nil {
		t.Fatal(err)
	}
	r.Beneficiaries = 45
	if _, err := s.SaveResponsibility(ctx, tester, entry.RecordKey, r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveSurvey(ctx, tester, 0, Survey{Enterprise: "e9", Date: "2024-04-01", FixedPremises: true, Employees: 12, Operating: true}); err != nil {
		t.Fatal(err)
	}
	act, err := s.SaveActivity(ctx, tester, 0, Activity{Program: "incubation", Kind: "lecture", Title: "计数", Date: "2023-05-01", Enterprises: []string{"e9"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.ActivityByKey(ctx, act.RecordKey)
	if err != nil {
		t.Fatal(err)
	}
	a.Program, a.Date = "brand", "2024-02-01"
	if _, err := s.SaveActivity(ctx, tester, act.RecordKey, a); err != nil {
		t.Fatal(err)
	}
	checkLedgerTotals(t, s, "after forms created and changed records")

	st, _, err := s.StaffByID(ctx, "s9")
	if err != nil {
		t.Fatal(err)
	}
	st.Until, st.Roles = "", []string{"instructor"}
	if _, err := s.SaveStaff(ctx, tester, "s9", st); err != nil {
		t.Fatal(err)
	}
	checkLedgerTotals(t, s, "after a staff member's term and role changed")

	e9, _, err := s.EnterpriseByID(ctx, "e9")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteEnterprise(ctx, tester, "e9", e9.Version); err == nil {
		t.Fatal("an enterprise with records was deleted")
	}
	st, _, _ = s.StaffByID(ctx, "s9")
	if _, err := s.DeleteStaff(ctx, tester, "s9", st.Version); err != nil {
		t.Fatal(err)
	}
	r, _ = s.ResponsibilityByKey(ctx, entry.RecordKey)
	if _, err := s.DeleteResponsibility(ctx, tester, entry.RecordKey, r.Version); err != nil {
		t.Fatal(err)
	}
	checkLedgerTotals(t, s, "after deletes")

	if _, err := s.SaveEnterpriseUpload(ctx, tester, "台账.xlsx", []UploadRow[Enterprise]{
		{Row: 2, Record: Enterprise{ID: "u1", Name: "株洲上传一号科技有限公司", Stage: "startup"}},
		{Row: 3, Record: Enterprise{ID: "u2", Name: "株洲上传二号科技有限公司", Stage: "growth"}},
	}, false); err != nil {
		t.Fatal(err)
	}
	checkLedgerTotals(t, s, "after an upload")

	f, err := s.SaveFiling(ctx, Actor{Username: "sec"}, "o1", FilingSave{Kind: FilingActivity, Submit: true,
		Body: &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "计数", Date: "2024-12-01", Enterprises: []string{"e1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, f.Version, 0, nil); err != nil {
		t.Fatal(err)
	}
	checkLedgerTotals(t, s, "after a published filing")

	if _, err := s.Import(ctx, strings.NewReader(validDocument), ImportOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	checkLedgerTotals(t, s, "after an import that replaced everything")
}

// A backup made before the totals were kept (schema 12) is migrated when
// the portal opens it, and its totals and staffing dates are computed.
func TestKeptFiguresOfAnOlderBackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p, err := newGoose(s.write)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 12); err != nil {
		t.Fatal(err)
	}
	// Written without the triggers, as a portal of schema 12 would.
	if _, err := s.write.ExecContext(ctx, `DELETE FROM awards`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `UPDATE staff SET until = since`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkLedgerTotals(t, s, "after the older backup was migrated")
}
