package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"parkportal/store"
	"parkportal/store/demo/internal/interchange"
	"parkportal/store/demo/internal/park"
)

// decode reads a document strictly into store's records: an unknown field
// is an error, so a misspelt field name in the data cannot pass unnoticed.
func decode(t testing.TB, raw []byte) *store.Document {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var d store.Document
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("decoding the document: %v", err)
	}
	if dec.More() {
		t.Fatal("data after the document")
	}
	return &d
}

// importInto imports raw into a fresh store on a temporary SQLite file, as
// `portal demo` does, and fails the test with every problem the import
// names if it refuses the document.
func importInto(t testing.TB, raw []byte) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "portal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	res, err := s.Import(ctx, bytes.NewReader(raw), store.ImportOptions{})
	if err != nil {
		if refused, ok := errors.AsType[*store.ImportError](err); ok {
			for _, p := range refused.Problems {
				t.Error(p)
			}
		}
		t.Fatalf("import: %v", err)
	}
	if len(res.Ignored) > 0 {
		t.Errorf("fields the format does not know: %v", res.Ignored)
	}
	return s
}

// report computes the year's annual report in s.
func report(t testing.TB, s *store.Store, year int) store.Report {
	t.Helper()
	r, err := s.Report(context.Background(), year)
	if err != nil {
		t.Fatalf("report of %d: %v", year, err)
	}
	return r
}

func TestParkImports(t *testing.T) {
	importInto(t, Park())
	d := decode(t, Park())
	if got, want := d.Park, (store.Park{Name: "株洲高新区（天元区）", Brand: "跟党一起创业"}); got == nil || *got != want {
		t.Errorf("park = %+v, want %+v", got, want)
	}
	codes := map[string]string{}
	withCode := 0
	for _, e := range d.Enterprises {
		if e.CreditCode == "" {
			continue
		}
		withCode++
		if other, ok := codes[e.CreditCode]; ok {
			t.Errorf("%s and %s share credit code %s", other, e.ID, e.CreditCode)
		}
		codes[e.CreditCode] = e.ID
	}
	if withCode < len(d.Enterprises)*9/10 {
		t.Errorf("only %d of %d enterprises have a credit code", withCode, len(d.Enterprises))
	}
}

// The demonstration park and a synthetic one hold each enterprise and each
// organisation once and one brand an organisation, as the import requires
// (duplicate_credit_code, duplicate_name): checked here on the documents
// themselves, and by importing them.
func TestParksHoldEachRecordOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  []byte
	}{{"demonstration park", Park()}, {"synthetic park", generate(t, 600, 3)}} {
		t.Run(tc.name, func(t *testing.T) {
			importInto(t, tc.raw)
			d := decode(t, tc.raw)
			seen := map[string]string{}
			once := func(what, value, id string) {
				if value == "" {
					return
				}
				if other, dup := seen[what+value]; dup {
					t.Errorf("%s and %s share %s %q", other, id, what, value)
				}
				seen[what+value] = id
			}
			for _, e := range d.Enterprises {
				once("credit code", e.CreditCode, e.ID)
				once("enterprise name", store.NameKey(e.Name), e.ID)
			}
			for _, o := range d.Organizations {
				once("organisation name", store.NameKey(o.Name), o.ID)
			}
			for _, b := range d.Brands {
				once("brand of", b.Organization, b.Name)
			}
		})
	}
}

func TestParkIsWhatTheGeneratorWrites(t *testing.T) {
	var first, second bytes.Buffer
	if err := interchange.Write(&first, park.Build()); err != nil {
		t.Fatal(err)
	}
	if err := interchange.Write(&second, park.Build()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatal("two builds of the demonstration park differ")
	}
	if !bytes.Equal(first.Bytes(), Park()) {
		t.Fatal("park.json is not what the generator writes: run go generate ./store/demo and commit park.json")
	}
}

// TestParkSurvivesTheStore imports park.json and exports it again: the store
// gives back the same bytes, so it keeps every field of every record and the
// demo writes the format exactly as the store does.
func TestParkSurvivesTheStore(t *testing.T) {
	s := importInto(t, Park())
	var exported bytes.Buffer
	if err := s.Export(context.Background(), &exported); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(exported.Bytes(), Park()) {
		t.Error("exporting the imported park gives a different document")
	}
}

func TestParkIsReviewableAndSmall(t *testing.T) {
	raw := Park()
	if len(raw) > 1<<20 {
		t.Errorf("park.json has %d bytes, want under 1 MiB", len(raw))
	}
	// One record per line: every record line is a whole JSON object.
	lines := 0
	for i, line := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(line, "    {") {
			continue
		}
		lines++
		if record := strings.TrimSuffix(strings.TrimSpace(line), ","); !json.Valid([]byte(record)) {
			t.Fatalf("line %d is not one whole record: %.80s", i+1, line)
		}
	}
	if want := records(decode(t, raw)); lines != want {
		t.Errorf("%d record lines for %d records", lines, want)
	}
	Park()[0] = 'x'
	if Park()[0] != '{' {
		t.Error("Park returns the embedded bytes, not a copy")
	}
}

// The article's 2023 figures, and the portal's for the years around it, as
// the store reports them once the park is imported. 2025 is the last
// complete year of a portal running in 2026, which its home page
// headlines; 2026 runs to AsOf.
func TestParkFigures(t *testing.T) {
	s := importInto(t, Park())
	ratio := func(r store.Report) float64 {
		if r.Incubation.EquipmentSavingRatio == nil {
			t.Fatalf("%d: no equipment saving ratio", r.Year)
		}
		return *r.Incubation.EquipmentSavingRatio
	}
	for _, tc := range []struct {
		year                                        int
		branches, joint, startups, staff, equipment int
		ratio                                       float64
		developed, management, lines, zjtx          int
		published, cityNew, cityOrAbove             int
		incubation, uplift, brand                   int
	}{
		{2022, 2, 4, 24, 76, 64, 0.49, 41, 25, 2, 22, 7, 3, 5, 7, 8, 5},
		{2023, 5, 10, 55, 84, 103, 0.50, 68, 45, 3, 73, 10, 4, 9, 11, 12, 9},
		{2024, 3, 4, 24, 86, 121, 0.52, 52, 33, 3, 23, 12, 2, 11, 10, 11, 8},
		{2025, 4, 4, 20, 91, 112, 0.49, 46, 29, 3, 9, 13, 2, 13, 10, 10, 8},
		{2026, 2, 2, 8, 94, 96, 0.50, 37, 23, 3, 6, 14, 2, 15, 8, 10, 7}, // to 30 November
	} {
		r := report(t, s, tc.year)
		got := []any{r.Incubation.BranchesFormed, r.Incubation.JointBranchesFormed, r.Incubation.StartupsCovered,
			r.Incubation.StaffServing, r.Incubation.Services.Equipment, ratio(r),
			r.Uplift.MembersDeveloped, r.Uplift.MembersDevelopedManagement, r.Uplift.UniversityLines, r.Uplift.ZjtxProvincialNew,
			r.Brand.BrandsPublished, r.Brand.BenchmarksCityNew, r.Brand.BenchmarksCityOrAbove,
			r.Activities.Incubation, r.Activities.Uplift, r.Activities.Brand}
		want := []any{tc.branches, tc.joint, tc.startups, tc.staff,
			tc.equipment, tc.ratio, tc.developed, tc.management,
			tc.lines, tc.zjtx, tc.published, tc.cityNew, tc.cityOrAbove,
			tc.incubation, tc.uplift, tc.brand}
		names := []string{"branches_formed", "joint_branches_formed", "startups_covered", "staff_serving",
			"services.equipment", "equipment_saving_ratio", "members_developed", "members_developed_management",
			"university_lines", "zjtx_provincial_new", "brands_published", "benchmarks_city_new", "benchmarks_city_or_above",
			"activities.incubation", "activities.uplift", "activities.brand"}
		for i := range names {
			if got[i] != want[i] {
				t.Errorf("%d %s = %v, want %v", tc.year, names[i], got[i], want[i])
			}
		}
	}

	// The article's own figures, stated once more as it states them.
	r := report(t, s, 2023)
	if got := []int{r.Incubation.BranchesFormed, r.Incubation.JointBranchesFormed, r.Incubation.StartupsCovered}; !slices.Equal(got, []int{5, 10, 55}) {
		t.Errorf("2023 branches, joint branches, start-ups covered = %v, the article says 5, 10, 55", got)
	}
	if r.Incubation.StaffServing < 80 {
		t.Errorf("2023 staff_serving = %d, the article says 80 and more", r.Incubation.StaffServing)
	}
	if got := r.Incubation.Services.Equipment; got != 103 {
		t.Errorf("2023 equipment services = %d, the article says 103", got)
	}
	if got := ratio(r); got < 0.45 || got > 0.55 {
		t.Errorf("2023 equipment_saving_ratio = %v, the article says close to 50%%", got)
	}
	if got := []int{r.Uplift.MembersDeveloped, r.Uplift.MembersDevelopedManagement, r.Uplift.UniversityLines, r.Uplift.ZjtxProvincialNew}; !slices.Equal(got, []int{68, 45, 3, 73}) {
		t.Errorf("2023 members developed, of them management, university lines, new provincial 专精特新 = %v, the article says 68, 45, 3, 73", got)
	}
	if got := []int{r.Brand.BenchmarksCityNew, r.Brand.BenchmarksCityOrAbove}; !slices.Equal(got, []int{4, 9}) {
		t.Errorf("2023 new city benchmarks, city or above = %v, the article says 4, 9", got)
	}
	if m, n := r.Uplift.MembersDevelopedManagement, r.Uplift.MembersDeveloped; 3*m < 2*n-2 || 3*m > 2*n+3 {
		t.Errorf("2023 management %d of %d is not two thirds", m, n)
	}
}

// TestParkHasLaterYears checks that a portal running in 2026 has a year to
// headline and a year in progress to show: every figure of 2025's report
// and of 2026's, to AsOf, is more than zero.
func TestParkHasLaterYears(t *testing.T) {
	s := importInto(t, Park())
	if got, want := park.AsOf.Format(time.DateOnly), "2026-11-30"; got != want {
		t.Errorf("the park runs to %s, want %s", got, want)
	}
	for _, year := range []int{2025, 2026} {
		figures := reportFigures(t, report(t, s, year))
		for _, name := range slices.Sorted(maps.Keys(figures)) {
			if v, ok := figures[name].(float64); !ok || v <= 0 {
				t.Errorf("%d %s = %v, want more than zero", year, name, figures[name])
			}
		}
	}
}

// reportFigures is a report's figures by name ("incubation.services.legal"),
// as its JSON gives them.
func reportFigures(t testing.TB, r any) map[string]any {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if err := json.Unmarshal(b, &tree); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				walk(strings.TrimPrefix(path+"."+k, "."), x)
			}
			return
		}
		out[path] = v
	}
	walk("", tree)
	delete(out, "year")
	return out
}

func TestLifangAddsUpToTheArticle(t *testing.T) {
	d := decode(t, Park())
	var lifang string
	for _, e := range d.Enterprises {
		if e.Name == park.LifangName {
			lifang = e.ID
		}
	}
	if lifang == "" {
		t.Fatalf("no enterprise named %s", park.LifangName)
	}
	sums := map[string]int{}
	records := 0
	for _, r := range d.Responsibility {
		if r.Enterprise != lifang {
			continue
		}
		records++
		sums[r.Kind] += r.Beneficiaries
		if r.Date < "2021-01-01" || r.Date > "2023-12-31" {
			t.Errorf("立方's record of %s is outside 2021–2023", r.Date)
		}
		if r.Note == "" {
			t.Errorf("立方's record of %s has no note", r.Date)
		}
	}
	if got, want := sums[interchange.ResponsibilityEmploymentAid], 91; got != want {
		t.Errorf("立方 employment_aid = %d, want %d", got, want)
	}
	if got, want := sums[interchange.ResponsibilityDisabilityEmployment], 11; got != want {
		t.Errorf("立方 disability_employment = %d, want %d", got, want)
	}
	if records < 5 {
		t.Errorf("立方 has %d records, want them spread over several", records)
	}
}

// TestParkRulesMatter checks that the data tells a careful report from a
// careless one: each shortcut below gives a different 2023 figure.
func TestParkRulesMatter(t *testing.T) {
	d := decode(t, Park())
	f := report(t, importInto(t, Park()), 2023).Incubation
	stages := map[string]store.Enterprise{}
	for _, e := range d.Enterprises {
		stages[e.ID] = e
	}

	// Stage today instead of on the formation date; counting twice.
	today, twice := map[string]bool{}, 0
	for _, o := range d.Organizations {
		if !strings.HasPrefix(o.Formed, "2023") || (o.Kind != interchange.KindBranch && o.Kind != interchange.KindJointBranch) {
			continue
		}
		for _, id := range o.Enterprises {
			if stages[id].Stage == interchange.StageStartup {
				today[id] = true
			}
			if park.StageOn(stages[id], o.Formed) == interchange.StageStartup {
				twice++
			}
		}
	}
	if len(today) == f.StartupsCovered {
		t.Error("counting start-ups by their stage today gives the same figure as by stage on formation")
	}
	if twice == f.StartupsCovered {
		t.Error("counting an enterprise covered twice gives the same figure as counting it once")
	}

	// Non-effective services, services without a market price or at none.
	var allMarket, allActual store.Money
	ineffective, noMarket, zeroMarket := 0, 0, 0
	for _, s := range d.Services {
		if !strings.HasPrefix(s.Date, "2023") || s.Kind != interchange.ServiceEquipment {
			continue
		}
		switch {
		case !s.Effective:
			ineffective++
		case s.MarketCost == nil:
			noMarket++
		case *s.MarketCost == 0:
			zeroMarket++
		}
		if s.MarketCost != nil {
			allMarket += *s.MarketCost
		}
		if s.ActualCost != nil {
			allActual += *s.ActualCost
		}
		if s.MarketCost != nil && *s.MarketCost > 0 && s.ActualCost == nil {
			t.Errorf("equipment service of %s has a market price but no actual cost", s.Date)
		}
	}
	if ineffective == 0 || noMarket == 0 || zeroMarket == 0 {
		t.Errorf("2023 equipment services: %d not effective, %d without market price, %d at price 0; want some of each", ineffective, noMarket, zeroMarket)
	}
	if careless := 1 - float64(allActual)/float64(allMarket); careless > *f.EquipmentSavingRatio-0.01 {
		t.Errorf("the ratio over every service (%.3f) is as good as the right one (%.2f)", careless, *f.EquipmentSavingRatio)
	}

	// Staff who left in 2022 and who started in 2024 exist.
	left, starting := 0, 0
	for _, s := range d.Staff {
		if s.Until != "" && s.Until < "2023-01-01" {
			left++
		}
		if s.Since > "2023-12-31" {
			starting++
		}
	}
	if left == 0 || starting == 0 {
		t.Errorf("staff: %d left before 2023, %d started after; want some of each", left, starting)
	}

	// A province-level award for an organisation already counted, a
	// district-level benchmark and a city-level 双强六好 all exist.
	var seen []string
	for _, a := range d.Awards {
		if a.Year <= 2023 {
			seen = append(seen, a.Kind+"/"+a.Level)
		}
	}
	for _, want := range []string{"benchmark_org/province", "benchmark_org/district", "shuangqiang_liuhao/city"} {
		if !slices.Contains(seen, want) {
			t.Errorf("no %s award by 2023", want)
		}
	}
}

// TestParkIsConsistent checks what the import does not, but a reader would:
// nothing after the export date, organisations formed after their
// enterprises, members in enterprises their organisation covers, secretaries
// who are full members, branches with three full members at their
// enterprises from their formation, and a qualifying survey before each new
// organisation covers a start-up.
func TestParkIsConsistent(t *testing.T) {
	d := decode(t, Park())
	asOf := park.AsOf.Format("2006-01-02")
	dateRE := regexp.MustCompile(`"\d{4}-\d{2}-\d{2}"`)
	for _, m := range dateRE.FindAll(Park(), -1) {
		if date := strings.Trim(string(m), `"`); date > asOf {
			t.Errorf("date %s is after the export date %s", date, asOf)
		}
	}

	// No probationary member is left waiting past the vote on full
	// membership (the member board would flag them as overdue).
	due := park.AsOf.AddDate(-1, -2, 0).Format("2006-01-02")
	for _, m := range d.Members {
		if m.Probationary != "" && m.Full == "" && m.Probationary < due {
			t.Errorf("%s: probationary since %s and not yet full by %s", m.ID, m.Probationary, asOf)
		}
	}

	enterprises := map[string]store.Enterprise{}
	for _, e := range d.Enterprises {
		enterprises[e.ID] = e
		if n := len(e.StageHistory); n > 0 && e.StageHistory[n-1].Stage != e.Stage {
			t.Errorf("%s: stage %s but the latest history entry says %s", e.ID, e.Stage, e.StageHistory[n-1].Stage)
		}
	}
	orgs := map[string]store.Organization{}
	for _, o := range d.Organizations {
		orgs[o.ID] = o
		for _, id := range o.Enterprises {
			if e := enterprises[id]; e.Founded != "" && e.Founded >= o.Formed {
				t.Errorf("%s formed %s, before %s was founded on %s", o.ID, o.Formed, id, e.Founded)
			}
		}
	}

	secretaries := map[string]bool{}
	for _, m := range d.Members {
		o := orgs[m.Organization]
		if m.Enterprise != "" && !slices.Contains(o.Enterprises, m.Enterprise) {
			t.Errorf("%s works at %s, which %s does not cover", m.ID, m.Enterprise, o.ID)
		}
		if m.Name == o.Secretary && m.Full != "" && m.Full < o.Formed {
			secretaries[o.ID] = true
		}
		if m.Birth == "" {
			t.Errorf("%s has no birth date", m.ID)
		}
	}
	for _, o := range d.Organizations {
		if !secretaries[o.ID] {
			t.Errorf("%s: secretary %q is not a full member of it from before its formation", o.ID, o.Secretary)
		}
	}

	// A branch needs three full members (the portal flags one with fewer).
	for _, o := range d.Organizations {
		if o.Kind != interchange.KindBranch && o.Kind != interchange.KindJointBranch {
			continue
		}
		full := 0
		for _, m := range d.Members {
			if m.Full != "" && m.Full <= o.Formed && slices.Contains(o.Enterprises, m.Enterprise) {
				full++
			}
		}
		if full < 3 {
			t.Errorf("%s (%s) starts on %s with %d full members at its enterprises, want 3 or more", o.ID, o.Kind, o.Formed, full)
		}
	}

	qualified := map[string][]string{} // enterprise → dates of surveys meeting all three 三有
	for _, s := range d.Surveys {
		if s.FixedPremises && s.Employees >= 10 && s.Operating {
			qualified[s.Enterprise] = append(qualified[s.Enterprise], s.Date)
		}
	}
	for _, o := range d.Organizations {
		if o.Formed < "2022-01-01" {
			continue
		}
		for _, id := range o.Enterprises {
			if park.StageOn(enterprises[id], o.Formed) != interchange.StageStartup {
				continue
			}
			if !slices.ContainsFunc(qualified[id], func(date string) bool { return date < o.Formed }) {
				t.Errorf("%s covers start-up %s without a qualifying survey before %s", o.ID, id, o.Formed)
			}
		}
	}
}

func TestParkPublicContent(t *testing.T) {
	d := decode(t, Park())
	statuses := map[string]int{}
	names := map[string]bool{}
	for _, b := range d.Brands {
		statuses[b.Status]++
		names[b.Name] = true
		if strings.ContainsFunc(b.Name, func(r rune) bool { return r < utf8.RuneSelf }) {
			t.Errorf("brand %q: want a name in Chinese, not a label of the build", b.Name)
		}
		if b.Slogan == "" || len(b.Practices) != 3 {
			t.Errorf("brand %s: want a slogan and three practices", b.Name)
		}
		if n := strings.Count(b.Story, "。"); n < 2 || n > 4 {
			t.Errorf("brand %s: story of %d sentences, want 2–4", b.Name, n)
		}
	}
	if statuses[interchange.StatusDraft] != 1 || statuses[interchange.StatusSubmitted] != 1 || statuses[interchange.StatusPublished] < 10 {
		t.Errorf("brand statuses %v, want one draft, one submitted, the rest published", statuses)
	}
	for _, name := range []string{"锂电先锋", "红创未来", "科瑞三聚"} {
		if !names[name] {
			t.Errorf("no brand %s", name)
		}
	}

	platforms := map[string]string{}
	for _, p := range d.Platforms {
		platforms[p.Name] = p.Kind
	}
	for name, kind := range map[string]string{
		"湖南工大科技园": "science_park", "天元工业软件园": "science_park", "人力资源产业园": "science_park",
		"中德智能制造公共技术服务平台": "service_platform", "省轨道交通自动化技术与装备协同创新中心": "service_platform",
		"园区党群服务中心": "service_platform", "潇湘科技要素大市场": "service_platform",
	} {
		if platforms[name] != kind {
			t.Errorf("platform %s: kind %q, want %q", name, platforms[name], kind)
		}
	}
	for _, university := range []string{"中南大学", "国防科技大学", "湖南理工职业技术学院"} {
		found := false
		for name, kind := range platforms {
			found = found || kind == interchange.PlatformUniversityLine && strings.HasPrefix(name, university)
		}
		if !found {
			t.Errorf("no university line to %s", university)
		}
	}

	programs := map[string]bool{}
	for _, a := range d.Activities {
		programs[a.Program] = true
		if n := utf8.RuneCountInString(a.Summary); n < 10 || strings.Count(a.Summary, "。") > 2 {
			t.Errorf("activity %s %s: summary %q, want one or two sentences", a.Date, a.Title, a.Summary)
		}
	}
	if len(programs) != 3 {
		t.Errorf("activities cover programs %v, want all three", programs)
	}
	for _, title := range []string{"联学联创", "动力星球", "红色CEO大讲堂", "高新企服课堂", "湖工大学子打卡园区", "产教融合交流会"} {
		if !slices.ContainsFunc(d.Activities, func(a store.Activity) bool { return strings.Contains(a.Title, title) }) {
			t.Errorf("no activity titled after %s", title)
		}
	}
	kinds := map[string]bool{}
	for _, r := range d.Responsibility {
		kinds[r.Kind] = true
	}
	for _, k := range []string{"employment_aid", "disability_employment", "rural_revitalization", "volunteering", "student_aid"} {
		if !kinds[k] {
			t.Errorf("no responsibility record of kind %s", k)
		}
	}
}

func TestParkSize(t *testing.T) {
	d := decode(t, Park())
	for _, c := range []struct {
		name     string
		got      int
		low, max int
	}{
		// 2022 to November 2026.
		{"enterprises", len(d.Enterprises), 150, 300},
		{"surveys", len(d.Surveys), 200, 650},
		{"organizations", len(d.Organizations), 30, 70},
		{"staff", len(d.Staff), 85, 120},
		{"services", len(d.Services), 200, 1200},
		{"members", len(d.Members), 200, 500}, // with every branch's three founding full members
		{"activities", len(d.Activities), 60, 160},
	} {
		if c.got < c.low || c.got > c.max {
			t.Errorf("%d %s, want %d–%d", c.got, c.name, c.low, c.max)
		}
	}
}

// TestParkKeepsItsFirstYears checks that the years added to the park left
// 2022–2024 as they were: testdata/reports-2022-2024.json holds those years'
// reports as `portal report --year Y --format json` printed them from
// park.json before 2025 and 2026 were added, every figure of every year.
func TestParkKeepsItsFirstYears(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "reports-2022-2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != 3 {
		t.Fatalf("%d reports in testdata, want 2022, 2023 and 2024", len(want))
	}
	s := importInto(t, Park())
	for i, year := range []int{2022, 2023, 2024} {
		if want[i]["year"] != float64(year) {
			t.Fatalf("report %d of testdata is for %v, want %d", i+1, want[i]["year"], year)
		}
		got, wantFigures := reportFigures(t, report(t, s, year)), reportFigures(t, want[i])
		for _, name := range slices.Sorted(maps.Keys(wantFigures)) {
			if g, ok := got[name]; !ok || !reflect.DeepEqual(g, wantFigures[name]) {
				t.Errorf("%d %s = %v, was %v", year, name, g, wantFigures[name])
			}
		}
		for _, name := range slices.Sorted(maps.Keys(got)) {
			if _, ok := wantFigures[name]; !ok {
				t.Errorf("%d has a new figure %s = %v", year, name, got[name])
			}
		}
	}
}
