package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// importDocument imports doc into a fresh store.
func importDocument(t *testing.T, doc Document) *Store {
	t.Helper()
	doc.Format = Format
	s := openTest(t)
	if _, err := s.Import(context.Background(), bytes.NewReader(mustJSON(t, doc)), ImportOptions{}); err != nil {
		var refused *ImportError
		if errors.As(err, &refused) {
			t.Fatalf("Import:\n%s", problemLines(refused.Problems))
		}
		t.Fatalf("Import: %v", err)
	}
	return s
}

func report(t *testing.T, s *Store, year int) Report {
	t.Helper()
	r, err := s.Report(context.Background(), year)
	if err != nil {
		t.Fatalf("Report(%d): %v", year, err)
	}
	return r
}

func money(yuan int) *Money { m := Money(yuan * 100); return &m }

// reportDocument has a known answer for 2023 in every figure.
func reportDocument() Document {
	return Document{
		Enterprises: []Enterprise{
			// Was a start-up until mid-2023: covered by o1 (formed in March)
			// as a start-up, not by o3 (formed in July).
			{ID: "e1", Name: "一", Stage: "growth", StageHistory: []StageEntry{{"startup", "2022-01-01"}, {"growth", "2023-06-01"}}},
			{ID: "e2", Name: "二", Stage: "startup"},
			// History only after the formation date: the stage field counts.
			{ID: "e3", Name: "三", Stage: "startup", StageHistory: []StageEntry{{"growth", "2024-01-01"}}},
			{ID: "e4", Name: "四", Stage: "mature"},
			{ID: "e5", Name: "五", Stage: "startup"},
		},
		Surveys: []Survey{
			{Enterprise: "e1", Date: "2023-02-01", FixedPremises: true, Employees: 12, Operating: true},
			{Enterprise: "e1", Date: "2023-09-01", FixedPremises: true, Employees: 8, Operating: true}, // latest: fails
			{Enterprise: "e2", Date: "2023-05-01", FixedPremises: false, Employees: 30, Operating: true},
			{Enterprise: "e2", Date: "2023-11-01", FixedPremises: true, Employees: 10, Operating: true}, // latest: meets all
			{Enterprise: "e3", Date: "2022-12-31", FixedPremises: true, Employees: 50, Operating: true}, // not in 2023
			{Enterprise: "e4", Date: "2023-12-31", FixedPremises: true, Employees: 10, Operating: false},
		},
		Organizations: []Organization{
			{ID: "o1", Name: "党支部一", Kind: "branch", Formed: "2023-03-01", Enterprises: []string{"e1"}},
			{ID: "o2", Name: "联合党支部", Kind: "joint_branch", Formed: "2023-04-01", Enterprises: []string{"e2", "e3", "e4"}},
			{ID: "o3", Name: "党支部三", Kind: "branch", Formed: "2023-07-01", Enterprises: []string{"e1", "e2"}},
			{ID: "o4", Name: "旧党支部", Kind: "branch", Formed: "2022-12-31", Enterprises: []string{"e5"}},
			{ID: "o5", Name: "党委", Kind: "committee", Formed: "2023-01-01", Enterprises: []string{"e5"}},
		},
		Staff: []Staff{
			{ID: "s1", Name: "甲", Roles: []string{"specialist"}, Since: "2020-01-01"},
			{ID: "s2", Name: "乙", Roles: []string{"instructor"}, Since: "2020-01-01", Until: "2022-12-31"}, // gone
			{ID: "s3", Name: "丙", Roles: []string{"instructor"}, Since: "2020-01-01", Until: "2023-01-01"},
			{ID: "s4", Name: "丁", Roles: []string{"specialist"}, Since: "2023-12-31"},
			{ID: "s5", Name: "戊", Roles: []string{"specialist"}, Since: "2024-01-01"}, // not yet
		},
		Services: []Service{
			{Enterprise: "e1", Kind: "equipment", Date: "2023-01-10", Effective: true, MarketCost: money(300), ActualCost: money(100)},
			{Enterprise: "e1", Kind: "equipment", Date: "2023-02-10", Effective: true, MarketCost: money(0), ActualCost: money(0)}, // counted, not in the ratio
			{Enterprise: "e1", Kind: "equipment", Date: "2023-03-10", Effective: false, MarketCost: money(1000), ActualCost: money(1000)},
			{Enterprise: "e1", Kind: "equipment", Date: "2022-03-10", Effective: true, MarketCost: money(1000), ActualCost: money(1000)},
			{Enterprise: "e2", Kind: "legal", Date: "2023-06-10", Effective: true},
			{Enterprise: "e2", Kind: "legal", Date: "2023-07-10", Effective: true},
			{Enterprise: "e2", Kind: "venue", Date: "2023-07-10", Effective: false},
		},
		Members: []Member{
			{ID: "m1", Name: "一", Birth: "1990-01-01", Organization: "o1", Management: true, Applied: "2020-01-01", Activist: "2020-02-01", Candidate: "2021-02-01", Probationary: "2023-01-01"},
			{ID: "m2", Name: "二", Birth: "1990-01-01", Organization: "o1", Management: false, Applied: "2020-01-01", Activist: "2020-02-01", Candidate: "2021-02-01", Probationary: "2023-12-31"},
			{ID: "m3", Name: "三", Birth: "1990-01-01", Organization: "o1", Management: true, Applied: "2020-01-01", Activist: "2020-02-01", Candidate: "2021-02-01", Probationary: "2022-12-31", Full: "2023-12-31"},
			{ID: "m4", Name: "四", Birth: "1990-01-01", Organization: "o1", Management: true, Applied: "2023-01-01"},
		},
		Activities: []Activity{
			{Program: "incubation", Kind: "training", Title: "课堂", Date: "2023-05-01"},
			{Program: "uplift", Kind: "lecture", Title: "讲堂", Date: "2023-05-02"},
			{Program: "uplift", Kind: "contest", Title: "赛事", Date: "2023-05-03"},
			{Program: "brand", Kind: "volunteer", Title: "志愿", Date: "2024-01-01"},
			{Program: "brand", Kind: "volunteer", Title: "草稿", Date: "2023-01-01", Status: "draft"}, // not counted
		},
		Platforms: []Platform{
			{Kind: "university_line", Name: "中南大学", Established: "2021-01-01"},
			{Kind: "university_line", Name: "国防科技大学", Established: "2023-12-31"},
			{Kind: "university_line", Name: "未来", Established: "2024-01-01"},
			{Kind: "science_park", Name: "科技园", Established: "2021-01-01"},
		},
		Designations: []Designation{
			{Enterprise: "e1", Kind: "zjtx_provincial", Year: 2023},
			{Enterprise: "e2", Kind: "zjtx_provincial", Year: 2023},
			{Enterprise: "e3", Kind: "zjtx_provincial", Year: 2022},
			{Enterprise: "e4", Kind: "zjtx_national", Year: 2023},
		},
		Brands: []Brand{
			{Organization: "o1", Name: "甲", Launched: "2021-01-01", Status: "published"},
			{Organization: "o2", Name: "乙", Launched: "2023-01-01", Status: "draft"},
			{Organization: "o3", Name: "丙", Launched: "2024-01-01", Status: "published"},
		},
		Awards: []Award{
			{Organization: "o1", Kind: "benchmark_org", Level: "city", Year: 2023},
			{Organization: "o1", Kind: "benchmark_org", Level: "province", Year: 2023}, // same organisation
			{Organization: "o2", Kind: "benchmark_org", Level: "city", Year: 2021},
			{Organization: "o3", Kind: "benchmark_org", Level: "district", Year: 2023},
			{Organization: "o4", Kind: "shuangqiang_liuhao", Level: "city", Year: 2023},
			{Organization: "o5", Kind: "benchmark_org", Level: "national", Year: 2024},
		},
		Responsibility: []Responsibility{
			{Enterprise: "e4", Kind: "employment_aid", Date: "2021-05-01", Beneficiaries: 50},
			{Enterprise: "e4", Kind: "employment_aid", Date: "2023-05-01", Beneficiaries: 41},
			{Enterprise: "e4", Kind: "disability_employment", Date: "2023-06-01", Beneficiaries: 11},
			{Enterprise: "e4", Kind: "volunteering", Date: "2024-06-01", Beneficiaries: 7},
			{Enterprise: "e4", Kind: "employment_aid", Date: "2023-06-01", Beneficiaries: 1000, Status: "submitted"}, // not counted
		},
	}
}

func TestReportFigures(t *testing.T) {
	s := importDocument(t, reportDocument())
	got := report(t, s, 2023)
	ratio := 0.67 // 1 − 100/300
	want := Report{
		Year: 2023,
		Incubation: IncubationFigures{
			EnterprisesSurveyed: 3, SanyouQualified: 1,
			BranchesFormed: 2, JointBranchesFormed: 1,
			StartupsCovered:      3, // e1 (o1), e2 and e3 (o2); not e4 (mature), not e5 (o4 in 2022, o5 a committee)
			StaffServing:         3,
			Services:             ServiceCounts{Equipment: 2, Legal: 2},
			EquipmentSavingRatio: &ratio,
		},
		Uplift: UpliftFigures{MembersDeveloped: 2, MembersDevelopedManagement: 1, UniversityLines: 2, ZjtxProvincialNew: 2},
		Brand: BrandFigures{
			BrandsPublished: 1, BenchmarksCityNew: 1, BenchmarksCityOrAbove: 2,
			ResponsibilityYear:  KindTotals{{"employment_aid", 41}, {"disability_employment", 11}, {"volunteering", 0}},
			ResponsibilityTotal: KindTotals{{"employment_aid", 91}, {"disability_employment", 11}, {"volunteering", 0}},
		},
		Activities: ProgramCounts{Incubation: 1, Uplift: 2},
	}
	if g, w := string(mustJSON(t, got)), string(mustJSON(t, want)); g != w {
		t.Errorf("Report(2023) =\n%s\nwant\n%s", g, w)
	}
}

func TestReportOfAYearWithoutRecords(t *testing.T) {
	s := importDocument(t, reportDocument())
	got, err := json.Marshal(report(t, s, 1999))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"year":1999,"incubation":{"enterprises_surveyed":0,"sanyou_qualified":0,"branches_formed":0,"joint_branches_formed":0,"startups_covered":0,"staff_serving":0,"services":{"equipment":0,"finance_tax":0,"legal":0,"venue":0},"equipment_saving_ratio":null},"uplift":{"members_developed":0,"members_developed_management":0,"university_lines":0,"zjtx_provincial_new":0},"brand":{"brands_published":0,"benchmarks_city_new":0,"benchmarks_city_or_above":0,"responsibility_year":{"employment_aid":0,"disability_employment":0,"volunteering":0},"responsibility_total":{"employment_aid":0,"disability_employment":0,"volunteering":0}},"activities":{"incubation":0,"uplift":0,"brand":0}}`
	if string(got) != want {
		t.Errorf("Report(1999) =\n%s\nwant\n%s", got, want)
	}
	empty, err := openTest(t).Report(context.Background(), 2023)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(mustJSON(t, empty.Brand.ResponsibilityTotal)), `{"employment_aid":0,"disability_employment":0}`; got != want {
		t.Errorf("responsibility of an empty database = %s, want %s", got, want)
	}
}

func TestReportSavingRatioRoundsAndIsNullWithoutMarketCost(t *testing.T) {
	doc := Document{
		Enterprises: []Enterprise{{ID: "e1", Name: "一", Stage: "startup"}},
		Services: []Service{
			{Enterprise: "e1", Kind: "equipment", Date: "2023-01-10", Effective: true, MarketCost: money(0)},
			{Enterprise: "e1", Kind: "equipment", Date: "2023-01-11", Effective: true},
			{Enterprise: "e1", Kind: "equipment", Date: "2024-01-10", Effective: true, MarketCost: money(800), ActualCost: money(405)},
		},
	}
	s := importDocument(t, doc)
	if r := report(t, s, 2023); r.Incubation.EquipmentSavingRatio != nil || r.Incubation.Services.Equipment != 2 {
		t.Errorf("2023: ratio %v, equipment %d; want null, 2", r.Incubation.EquipmentSavingRatio, r.Incubation.Services.Equipment)
	}
	if r := report(t, s, 2024); r.Incubation.EquipmentSavingRatio == nil || *r.Incubation.EquipmentSavingRatio != 0.49 {
		t.Errorf("2024: ratio %v, want 0.49 (1 − 405/800 = 0.49375)", r.Incubation.EquipmentSavingRatio)
	}
}

// TestReportJSONKeepsTheSpecOrder walks the JSON of a report and compares
// the order of its keys with the spec's.
func TestReportJSONKeepsTheSpecOrder(t *testing.T) {
	s := importDocument(t, reportDocument())
	data := mustJSON(t, report(t, s, 2023))
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(data))
	var path []string
	expectKey := []bool{}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' {
				expectKey = append(expectKey, true)
				continue
			}
			expectKey = expectKey[:len(expectKey)-1]
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			if len(expectKey) > 0 {
				expectKey[len(expectKey)-1] = true
			}
			continue
		case string:
			if expectKey[len(expectKey)-1] {
				path = append(path, v)
				keys = append(keys, strings.Join(path, "."))
				expectKey[len(expectKey)-1] = false
				continue
			}
		}
		// A scalar value ends its key.
		path = path[:len(path)-1]
		expectKey[len(expectKey)-1] = true
	}
	want := []string{
		"year", "incubation",
		"incubation.enterprises_surveyed", "incubation.sanyou_qualified",
		"incubation.branches_formed", "incubation.joint_branches_formed",
		"incubation.startups_covered", "incubation.staff_serving", "incubation.services",
		"incubation.services.equipment", "incubation.services.finance_tax", "incubation.services.legal", "incubation.services.venue",
		"incubation.equipment_saving_ratio",
		"uplift", "uplift.members_developed", "uplift.members_developed_management", "uplift.university_lines", "uplift.zjtx_provincial_new",
		"brand", "brand.brands_published", "brand.benchmarks_city_new", "brand.benchmarks_city_or_above",
		"brand.responsibility_year", "brand.responsibility_year.employment_aid", "brand.responsibility_year.disability_employment", "brand.responsibility_year.volunteering",
		"brand.responsibility_total", "brand.responsibility_total.employment_aid", "brand.responsibility_total.disability_employment", "brand.responsibility_total.volunteering",
		"activities", "activities.incubation", "activities.uplift", "activities.brand",
	}
	if got := strings.Join(keys, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("keys:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	var back Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("the report does not read back: %v", err)
	}
	if got, want := string(mustJSON(t, back)), string(data); got != want {
		t.Errorf("read back:\n%s\nwant\n%s", got, want)
	}
}

// The report years run without gaps from the first year with records to
// the year in progress on the store's clock, in China time; the reporting
// year is the last complete one.
func TestReportCalendar(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	empty := openTest(t)
	empty.SetClock(func() time.Time { return clock })
	if c, err := empty.ReportCalendar(ctx); err != nil || len(c.Years) != 0 || c.ReportingYear() != 0 {
		t.Errorf("ReportCalendar of an empty database = %+v, %v; want no years", c, err)
	}
	if ok, err := empty.RecordsEmpty(ctx); err != nil || !ok {
		t.Errorf("RecordsEmpty = %v, %v; want true", ok, err)
	}
	s := importDocument(t, reportDocument())
	s.SetClock(func() time.Time { return clock })
	c, err := s.ReportCalendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 2020 has only staff and member applications, which the report counts
	// "by Y", not "in Y"; 2025 has no records and is a year like any other.
	if got, want := mustJSON(t, c.Years), `[2021,2022,2023,2024,2025,2026]`; string(got) != want {
		t.Errorf("report years = %s, want %s", got, want)
	}
	if got := c.ReportingYear(); got != 2025 {
		t.Errorf("reporting year = %d, want 2025 (the last complete year)", got)
	}
	if !c.InProgress(2026) || c.InProgress(2025) || !c.Has(2021) || c.Has(2020) || c.Has(2027) {
		t.Errorf("calendar on %s: in progress 2026 %v, 2025 %v; has 2021 %v, 2020 %v, 2027 %v",
			c.Today.Format(time.DateOnly), c.InProgress(2026), c.InProgress(2025), c.Has(2021), c.Has(2020), c.Has(2027))
	}
	if got, want := mustJSON(t, c.Until(2024, 2)), `[2023,2024]`; string(got) != want {
		t.Errorf("Until(2024, 2) = %s, want %s", got, want)
	}
	if ok, err := s.RecordsEmpty(ctx); err != nil || ok {
		t.Errorf("RecordsEmpty = %v, %v; want false", ok, err)
	}

	// A park whose records begin this year headlines this year, in progress.
	s.SetClock(func() time.Time { return time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC) })
	if c, _ := s.ReportCalendar(ctx); c.ReportingYear() != 2021 || !c.InProgress(2021) || len(c.Years) != 1 {
		t.Errorf("in 2021, the calendar is %v with reporting year %d; want [2021], in progress", c.Years, c.ReportingYear())
	}
}

// The year in progress turns at midnight in China, not in UTC, and the
// calendar turns with it though no record changes: the cache keeps only
// the first year.
func TestReportCalendarTurnsAtMidnightInChina(t *testing.T) {
	ctx := context.Background()
	s := importDocument(t, reportDocument())
	now := time.Date(2026, 12, 31, 15, 59, 59, 0, time.UTC) // 23:59:59 in China
	s.SetClock(func() time.Time { return now })
	before, err := s.ReportCalendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Current() != 2026 || before.ReportingYear() != 2025 || before.Today.Format(time.DateOnly) != "2026-12-31" {
		t.Errorf("at 23:59 on 31 December: year in progress %d, reporting year %d, today %s",
			before.Current(), before.ReportingYear(), before.Today.Format(time.DateOnly))
	}
	now = now.Add(time.Second) // 00:00 on 1 January in China, still 2026 in UTC
	after, err := s.ReportCalendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Current() != 2027 || after.ReportingYear() != 2026 || after.Years[len(after.Years)-1] != 2027 {
		t.Errorf("at midnight in China: year in progress %d, reporting year %d, years %v; want 2027, 2026, to 2027",
			after.Current(), after.ReportingYear(), after.Years)
	}
}

func TestReportText(t *testing.T) {
	s := importDocument(t, reportDocument())
	text := report(t, s, 2023).Text()
	for _, want := range []string{
		"2023年", "新组建党支部2个、联合党支部1个", "覆盖初创期企业3家", "3名园区工作人员",
		"共享设备有效服务2次", "降低成本约67%", "新发展党员2名，其中管理层以上1名（约50%）",
		"高校直通车2条", "省级专精特新企业2家", "市级以上标杆党组织共2家", "就业帮扶41人", "助残就业11人",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestReportRefusesAYearThatIsNotOne(t *testing.T) {
	if _, err := openTest(t).Report(context.Background(), 23); err == nil {
		t.Error("Report(23) succeeded, want an error")
	}
}
