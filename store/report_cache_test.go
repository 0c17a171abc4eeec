package store

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
)

// After each kind of change, every year's report served from the cache is
// the report computed afresh: the cache drops exactly what a change can
// move, or more, never less.
func TestReportCacheStaysTrueThroughEveryKindOfChange(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	years := []int{2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027}
	check := func(step string) {
		t.Helper()
		// A chart's years read together, through the cache and afresh,
		// are each year's report read alone.
		series, err := s.Reports(ctx, years[2:7])
		if err != nil {
			t.Fatal(err)
		}
		together, _, err := s.computeReports(ctx, years)
		if err != nil {
			t.Fatal(err)
		}
		for i, y := range years {
			cached, err := s.Report(ctx, y)
			if err != nil {
				t.Fatal(err)
			}
			fresh, _, err := s.computeReport(ctx, y)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(cached)
			b, _ := json.Marshal(fresh)
			if string(a) != string(b) {
				t.Fatalf("after %s, the cached %d report differs:\ncached %s\nfresh  %s", step, y, a, b)
			}
			if c, _ := json.Marshal(together[i]); string(c) != string(b) {
				t.Fatalf("after %s, the %d report read with the other years differs:\ntogether %s\nalone    %s", step, y, c, b)
			}
			if i >= 2 && i < 7 {
				if c, _ := json.Marshal(series[i-2]); string(c) != string(b) {
					t.Fatalf("after %s, the %d report of a series differs:\nseries %s\nalone  %s", step, y, c, b)
				}
			}
		}
		cached, err := s.ReportCalendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		first, _, err := s.computeFirstReportYear(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fresh := newReportCalendar(first, s.Today()); !slices.Equal(cached.Years, fresh.Years) {
			t.Fatalf("after %s, the cached report years are %v, computed afresh %v", step, cached.Years, fresh.Years)
		}
	}
	warm := func() {
		for _, y := range years {
			s.Report(ctx, y)
		}
		s.ReportCalendar(ctx)
	}
	must := func(_ AuditEntry, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	warm()
	check("nothing")

	steps := []struct {
		name string
		do   func()
	}{
		{"an activity in 2023", func() {
			must(s.SaveActivity(ctx, tester, 0, Activity{Program: "incubation", Kind: "lecture", Title: "缓存测试", Date: "2023-04-01"}))
		}},
		{"an activity moved from 2021 to 2025", func() {
			e, err := s.SaveActivity(ctx, tester, 0, Activity{Program: "uplift", Kind: "lecture", Title: "移动", Date: "2021-04-01"})
			must(e, err)
			warm()
			must(s.SaveActivity(ctx, tester, e.RecordKey, Activity{Program: "uplift", Kind: "lecture", Title: "移动", Date: "2025-04-01", Version: e.Version}))
		}},
		{"a service in 2022", func() {
			m, a := Money(1000), Money(100)
			must(s.SaveService(ctx, tester, 0, Service{Enterprise: "ent-003", Kind: "equipment", Date: "2022-06-01", Effective: true, MarketCost: &m, ActualCost: &a}))
		}},
		{"a member made probationary in 2024", func() {
			m, _, err := s.MemberByID(ctx, "mem-207")
			if err != nil {
				t.Fatal(err)
			}
			m.Candidate, m.Probationary = "2024-07-01", "2024-08-01"
			must(s.SaveMember(ctx, tester, m.ID, m))
		}},
		{"a designation of 2022", func() {
			must(s.SaveDesignation(ctx, tester, 0, Designation{Enterprise: "ent-003", Kind: "zjtx_provincial", Year: 2022}))
		}},
		{"an award of 2020", func() {
			must(s.SaveAward(ctx, tester, 0, Award{Organization: "org-04", Kind: "benchmark_org", Level: "city", Year: 2020}))
		}},
		{"a platform of 2019", func() {
			must(s.SavePlatform(ctx, tester, 0, Platform{Kind: "university_line", Name: "缓存大学", Established: "2019-03-01"}))
		}},
		{"a brand of 2021", func() {
			must(s.SaveBrand(ctx, tester, 0, Brand{Organization: "org-15", Name: "缓存品牌", Launched: "2021-01-01", Status: "published"}))
		}},
		{"a survey of 2023", func() {
			must(s.SaveSurvey(ctx, tester, 0, Survey{Enterprise: "ent-003", Date: "2023-11-30", FixedPremises: true, Employees: 3, Operating: true}))
		}},
		{"a responsibility record of a new kind in 2026", func() {
			must(s.SaveResponsibility(ctx, tester, 0, Responsibility{Enterprise: "ent-003", Kind: "tree_planting", Date: "2026-03-12", Beneficiaries: 50}))
		}},
		{"an enterprise's stage", func() {
			e, _, err := s.EnterpriseByID(ctx, "ent-003")
			if err != nil {
				t.Fatal(err)
			}
			e.Stage, e.StageHistory = "mature", nil
			must(s.SaveEnterprise(ctx, tester, e.ID, e))
		}},
		{"a published filing", func() {
			f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Submit: true,
				Body: &ActivityFiling{Activity: Activity{Program: "brand", Kind: "lecture", Title: "报送", Date: "2024-05-05", Enterprises: []string{"ent-003"}}}})
			if err != nil {
				t.Fatal(err)
			}
			must(s.PublishFiling(ctx, tester, f.ID, 1, 0, nil))
		}},
		{"an activity in a year with no records yet", func() {
			must(s.SaveActivity(ctx, tester, 0, Activity{Program: "incubation", Kind: "lecture", Title: "新的一年", Date: "2031-04-01"}))
		}},
		{"a change by another process", func() {
			other, err := Open(ctx, s.path) // the same file, or the same PostgreSQL database
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			must(other.SaveActivity(ctx, tester, 0, Activity{Program: "incubation", Kind: "lecture", Title: "另一进程", Date: "2018-04-01"}))
		}},
		{"a delete", func() {
			var key int64
			if err := s.read.QueryRow(`SELECT id FROM activities WHERE title = '缓存测试'`).Scan(&key); err != nil {
				t.Fatal(err)
			}
			a, err := s.ActivityByKey(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			must(s.DeleteActivity(ctx, tester, key, a.Version))
		}},
	}
	for _, st := range steps {
		warm()
		st.do()
		check(st.name)
	}
}

func TestReportsFromTakesTheEarliestDateOrYear(t *testing.T) {
	for _, c := range []struct {
		entries []AuditEntry
		want    int
	}{
		{[]AuditEntry{{Collection: "activities", After: []byte(`{"date":"2023-04-01"}`)}}, 2023},
		{[]AuditEntry{{Collection: "activities", Before: []byte(`{"date":"2021-04-01"}`), After: []byte(`{"date":"2025-04-01"}`)}}, 2021},
		{[]AuditEntry{{Collection: "awards", After: []byte(`{"organization":"o","year":2020}`)}}, 2020},
		{[]AuditEntry{{Collection: "filings"}, {Collection: "activities", After: []byte(`{"date":"2024-01-01"}`)}}, 2024},
		{[]AuditEntry{{Collection: "enterprises", After: []byte(`{"founded":"2024-01-01"}`)}}, allYears},
		{[]AuditEntry{{Collection: "platforms", After: []byte(`{"name":"x"}`)}}, allYears},
		{[]AuditEntry{{Collection: "filings"}}, allYears},
		{[]AuditEntry{{Collection: "annual_returns", After: []byte(`{"year":2023}`)}}, noYears},
	} {
		if got := reportsFrom(c.entries); got != c.want {
			t.Errorf("reportsFrom(%v) = %d, want %d", c.entries, got, c.want)
		}
	}
}

// With the cache turned off (the load benchmark's cold run), every report
// and calendar is computed and none is kept; with it on, they are kept.
func TestComputeEveryReportKeepsNone(t *testing.T) {
	ctx := context.Background()
	for _, off := range []bool{false, true} {
		s := openDemo(t)
		if off {
			s.ComputeEveryReport()
		}
		r, err := s.Report(ctx, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReportCalendar(ctx); err != nil {
			t.Fatal(err)
		}
		fresh, _, _ := s.computeReport(ctx, 2024)
		if a, b := string(mustJSON(t, r)), string(mustJSON(t, fresh)); a != b {
			t.Fatalf("off=%v: the report differs from one computed afresh:\n%s\n%s", off, a, b)
		}
		s.reports.mu.Lock()
		kept, firstKept := len(s.reports.byYear), s.reports.firstOK
		s.reports.mu.Unlock()
		if off && (kept != 0 || firstKept) {
			t.Errorf("with every report computed, the cache kept %d reports (first year kept: %v)", kept, firstKept)
		}
		if !off && (kept != 1 || !firstKept) {
			t.Errorf("with the cache on, it kept %d reports (first year kept: %v), want 1 and true", kept, firstKept)
		}
	}
}
