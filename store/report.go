package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Report is the annual report for one year, computed from the records alone
// (see "The annual report" in the interchange spec). Its JSON form is the
// one `portal report --format json` prints, field for field and in order.
// "In Y" means dated from Y-01-01 to Y-12-31; "by Y" means dated on or
// before Y-12-31.
type Report struct {
	Year       int               `json:"year"`
	Incubation IncubationFigures `json:"incubation"`
	Uplift     UpliftFigures     `json:"uplift"`
	Brand      BrandFigures      `json:"brand"`
	Activities ProgramCounts     `json:"activities"`
}

// IncubationFigures are the figures of 孵化工程·育种计划 (start-ups).
type IncubationFigures struct {
	EnterprisesSurveyed int `json:"enterprises_surveyed"` // distinct enterprises with a survey in Y
	SanyouQualified     int `json:"sanyou_qualified"`     // of those, latest survey in Y meets all three
	BranchesFormed      int `json:"branches_formed"`      // kind branch, formed in Y
	JointBranchesFormed int `json:"joint_branches_formed"`
	// StartupsCovered counts distinct enterprises covered by a branch or
	// joint branch formed in Y while they were at the startup stage.
	StartupsCovered int           `json:"startups_covered"`
	StaffServing    int           `json:"staff_serving"` // since by Y, not gone before Y
	Services        ServiceCounts `json:"services"`      // effective services in Y
	// EquipmentSavingRatio is 1 − Σactual/Σmarket over effective equipment
	// services in Y with a market cost above zero (an absent actual cost
	// counts as zero), rounded to 2 decimals; nil (JSON null) when there are
	// none.
	EquipmentSavingRatio *float64 `json:"equipment_saving_ratio"`
}

// ServiceCounts are effective shared services of each kind.
type ServiceCounts struct {
	Equipment  int `json:"equipment"`
	FinanceTax int `json:"finance_tax"`
	Legal      int `json:"legal"`
	Venue      int `json:"venue"`
}

// UpliftFigures are the figures of 提质工程·壮苗计划 (growth stage).
type UpliftFigures struct {
	MembersDeveloped           int `json:"members_developed"` // probationary in Y (发展党员)
	MembersDevelopedManagement int `json:"members_developed_management"`
	UniversityLines            int `json:"university_lines"`    // university_line platforms by Y
	ZjtxProvincialNew          int `json:"zjtx_provincial_new"` // zjtx_provincial designations of year Y
}

// BrandFigures are the figures of 品牌工程·成林计划 (mature stage).
type BrandFigures struct {
	BrandsPublished       int `json:"brands_published"`         // published, launched by Y
	BenchmarksCityNew     int `json:"benchmarks_city_new"`      // city benchmark_org awards of year Y
	BenchmarksCityOrAbove int `json:"benchmarks_city_or_above"` // city or above, year ≤ Y
	// ResponsibilityYear and ResponsibilityTotal sum the beneficiaries of
	// each kind of social responsibility in Y and by Y.
	ResponsibilityYear  KindTotals `json:"responsibility_year"`
	ResponsibilityTotal KindTotals `json:"responsibility_total"`
}

// ProgramCounts are activities per programme.
type ProgramCounts struct {
	Incubation int `json:"incubation"`
	Uplift     int `json:"uplift"`
	Brand      int `json:"brand"`
}

// KindTotal is a total for one kind.
type KindTotal struct {
	Kind  string
	Total int
}

// KindTotals are totals per kind in a fixed order: employment_aid,
// disability_employment, then the other kinds by name. In JSON it is an
// object whose keys keep that order.
type KindTotals []KindTotal

// Get returns the total of kind, 0 if it is not listed.
func (k KindTotals) Get(kind string) int {
	for _, t := range k {
		if t.Kind == kind {
			return t.Total
		}
	}
	return 0
}

// MarshalJSON writes the totals as an object, in order.
func (k KindTotals) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, t := range k {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(t.Kind)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%s:%d", key, t.Total)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object of totals, keeping the order of its keys.
func (k *KindTotals) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("store: totals must be a JSON object")
	}
	*k = (*k)[:0]
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		var n int
		if err := dec.Decode(&n); err != nil {
			return err
		}
		*k = append(*k, KindTotal{Kind: tok.(string), Total: n})
	}
	return nil
}

// reportedResponsibility are the kinds every report lists, in this order.
var reportedResponsibility = []string{"employment_aid", "disability_employment"}

// figuresByYear are the report's figures "by Y": report_figures keeps what
// each year adds to them, summed here over the years up to Y. The others
// are figures "in Y".
var figuresByYear = map[string]bool{
	"incubation.staff_serving":       true,
	"uplift.university_lines":        true,
	"brand.brands_published":         true,
	"brand.benchmarks_city_or_above": true,
}

// countsIn reports whether what report_figures keeps of figure for
// valueYear counts in year's report: a figure "in Y" in Y only, one "by
// Y" in Y and every year after.
func countsIn(figure string, valueYear, year int) bool {
	return valueYear == year || figuresByYear[figure] && valueYear < year
}

// ParkCounts are the counted figures of year's report kept by the write
// path (report_figures: the counts "in Y" and "by Y", not the ratios nor
// responsibility's totals) of each park of ctx's scope, by park id and
// figure key ("brand.brands_published"): the figures that add up across
// parks, read in one query of a few rows per park and figure, for a page
// that sets parks side by side without computing each park's report.
func (s *Store) ParkCounts(ctx context.Context, year int) (map[int64]map[string]int, error) {
	out := map[int64]map[string]int{}
	lo, hi := parkRange(ctx)
	byYear := slices.Sorted(maps.Keys(figuresByYear))
	in, args := placeholders(byYear)
	err := eachRow(ctx, s.read, `SELECT park_id, figure, sum(value) FROM report_figures
		WHERE park_id BETWEEN ? AND ? AND (year = ? OR year < ? AND figure IN (`+in+`))
		GROUP BY park_id, figure`, append([]any{lo, hi, year, year}, args...), func(rows *sql.Rows) error {
		var park int64
		var figure string
		var v int
		if err := rows.Scan(&park, &figure, &v); err != nil {
			return err
		}
		if out[park] == nil {
			out[park] = map[string]int{}
		}
		out[park][figure] = v
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the parks' figures of %d: %w", year, err)
	}
	return out, nil
}

// computeReport reads the annual report for year (computeReports) and
// returns the revision it saw.
func (s *Store) computeReport(ctx context.Context, year int) (Report, int64, error) {
	rs, rev, err := s.computeReports(ctx, []int{year})
	if err != nil {
		return Report{}, 0, err
	}
	return rs[0], rev, nil
}

// computeReports reads the annual reports for years from the figures the
// write path keeps (figures.go; see "The annual report" in the interchange
// spec for what each counts) in one read transaction, and returns the
// revision it saw: three queries over a few rows per year, whatever the
// size of the park and however many years (a chart's five read together).
// Only published activities and responsibility records count. Report and
// Reports serve them from the report cache.
func (s *Store) computeReports(ctx context.Context, years []int) ([]Report, int64, error) {
	if len(years) == 0 {
		return nil, 0, nil
	}
	for _, y := range years {
		if y < 1000 || y > 9999 {
			return nil, 0, fmt.Errorf("store: report year %d is not a four-digit year", y)
		}
	}
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to begin report: %w", err)
	}
	defer tx.end(ctx)
	// Read first: the transaction's snapshot is the one this revision names.
	var rev int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM revision WHERE id = 1`).Scan(&rev); err != nil {
		return nil, 0, fmt.Errorf("store: unable to read revision: %w", err)
	}
	out, err := reportsIn(ctx, tx, years)
	return out, rev, err
}

// reportsIn reads the annual reports for years, in ctx's park or parks,
// through q: a read transaction's snapshot, or the write transaction
// that files a return.
func reportsIn(ctx context.Context, q querier, years []int) ([]Report, error) {
	first, last := slices.Min(years), slices.Max(years)
	out := make([]Report, len(years))
	at := map[int]int{} // year → its report in out
	for i, y := range years {
		out[i].Year = y
		at[y] = i
	}
	// Each figure's value by year, up to the last year asked for: a year's
	// own ("in Y"), or summed over the years up to it ("by Y").
	type figureYear struct {
		figure string
		year   int
	}
	var values []figureYear
	var value []int
	lo, hi := parkRange(ctx)
	err := eachRow(ctx, q, `SELECT figure, year, sum(value) FROM report_figures WHERE park_id BETWEEN ? AND ? AND year <= ?
		GROUP BY figure, year`, []any{lo, hi, last}, func(rows *sql.Rows) error {
		var f figureYear
		var v int
		err := rows.Scan(&f.figure, &f.year, &v)
		values, value = append(values, f), append(value, v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the reports up to %d: %w", last, err)
	}
	for i := range out {
		r := &out[i]
		inc, up, br := &r.Incubation, &r.Uplift, &r.Brand
		figures := map[string]*int{
			"incubation.enterprises_surveyed":     &inc.EnterprisesSurveyed,
			"incubation.sanyou_qualified":         &inc.SanyouQualified,
			"incubation.branches_formed":          &inc.BranchesFormed,
			"incubation.joint_branches_formed":    &inc.JointBranchesFormed,
			"incubation.startups_covered":         &inc.StartupsCovered,
			"incubation.staff_serving":            &inc.StaffServing,
			"uplift.members_developed":            &up.MembersDeveloped,
			"uplift.members_developed_management": &up.MembersDevelopedManagement,
			"uplift.university_lines":             &up.UniversityLines,
			"uplift.zjtx_provincial_new":          &up.ZjtxProvincialNew,
			"brand.brands_published":              &br.BrandsPublished,
			"brand.benchmarks_city_new":           &br.BenchmarksCityNew,
			"brand.benchmarks_city_or_above":      &br.BenchmarksCityOrAbove,
			"activities.incubation":               &r.Activities.Incubation,
			"activities.uplift":                   &r.Activities.Uplift,
			"activities.brand":                    &r.Activities.Brand,
		}
		for j, f := range values {
			p := figures[f.figure]
			if p != nil && countsIn(f.figure, f.year, r.Year) {
				*p += value[j]
			}
		}
	}
	type saving struct{ market, actual int64 }
	savings := map[int]saving{}
	err = eachRow(ctx, q, `SELECT CAST(substr(month, 1, 4) AS INTEGER), kind, sum(services), sum(market_fen), sum(actual_fen) FROM service_months
		WHERE park_id BETWEEN ? AND ? AND month BETWEEN ? AND ? GROUP BY 1, 2`, []any{lo, hi, strconv.Itoa(first) + "-01", strconv.Itoa(last) + "-12"}, func(rows *sql.Rows) error {
		var year, n int
		var kind string
		var m, a int64
		if err := rows.Scan(&year, &kind, &n, &m, &a); err != nil {
			return err
		}
		i, ok := at[year]
		if !ok {
			return nil
		}
		inc := &out[i].Incubation
		switch kind {
		case "equipment":
			inc.Services.Equipment = n
			savings[year] = saving{m, a}
		case "finance_tax":
			inc.Services.FinanceTax = n
		case "legal":
			inc.Services.Legal = n
		case "venue":
			inc.Services.Venue = n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the services for %d–%d: %w", first, last, err)
	}
	for y, sv := range savings {
		if sv.market > 0 {
			ratio := math.Round(float64(sv.market-sv.actual)*100/float64(sv.market)) / 100
			out[at[y]].Incubation.EquipmentSavingRatio = &ratio
		}
	}
	if err := responsibilityTotals(ctx, q, out); err != nil {
		return nil, fmt.Errorf("store: unable to compute responsibility for %d–%d: %w", first, last, err)
	}
	return out, nil
}

// responsibilityTotals sums beneficiaries per kind, in Y and by Y, for
// each report's year Y, for every kind present in the published records
// and the two the report always shows.
func responsibilityTotals(ctx context.Context, q querier, reports []Report) error {
	for i := range reports {
		br := &reports[i].Brand
		for _, k := range reportedResponsibility {
			br.ResponsibilityYear = append(br.ResponsibilityYear, KindTotal{Kind: k})
			br.ResponsibilityTotal = append(br.ResponsibilityTotal, KindTotal{Kind: k})
		}
	}
	type kindYear struct {
		year, records, beneficiaries int
	}
	byKind := map[string][]kindYear{}
	var kinds []string
	lo, hi := parkRange(ctx)
	err := eachRow(ctx, q, `SELECT kind, year, sum(records), sum(beneficiaries) FROM responsibility_years WHERE park_id BETWEEN ? AND ?
		GROUP BY kind, year ORDER BY kind, year`, []any{lo, hi}, func(rows *sql.Rows) error {
		var kind string
		var y kindYear
		if err := rows.Scan(&kind, &y.year, &y.records, &y.beneficiaries); err != nil {
			return err
		}
		if _, seen := byKind[kind]; !seen {
			kinds = append(kinds, kind)
		}
		byKind[kind] = append(byKind[kind], y)
		return nil
	})
	if err != nil {
		return err
	}
	for _, kind := range kinds {
		records := 0
		for _, y := range byKind[kind] {
			records += y.records
		}
		if records <= 0 {
			continue // no published record of this kind in any year
		}
		for i := range reports {
			br := &reports[i].Brand
			inYear, byYear := 0, 0
			for _, y := range byKind[kind] {
				if y.year == reports[i].Year {
					inYear += y.beneficiaries
				}
				if y.year <= reports[i].Year {
					byYear += y.beneficiaries
				}
			}
			if j := slices.Index(reportedResponsibility, kind); j >= 0 {
				br.ResponsibilityYear[j].Total, br.ResponsibilityTotal[j].Total = inYear, byYear
				continue
			}
			br.ResponsibilityYear = append(br.ResponsibilityYear, KindTotal{kind, inYear})
			br.ResponsibilityTotal = append(br.ResponsibilityTotal, KindTotal{kind, byYear})
		}
	}
	return nil
}

// yearSources are the records that the report counts "in Y", with the
// column that dates them (a date, or a year for designations and awards).
var yearSources = []struct{ table, column, where string }{
	{"surveys", "date", ""},
	{"organizations", "formed", ""},
	{"services", "date", ""},
	{"members", "probationary", ""},
	{"activities", "date", "status = 'published'"},
	{"platforms", "established", ""},
	{"designations", "year", ""},
	{"brands", "launched", "status = 'published'"},
	{"awards", "year", ""},
	{"responsibility", "date", "status = 'published'"},
}

// computeFirstReportYear is the first year in which some record that the
// report counts "in Y" is dated (surveys, organisations formed, services,
// members developed, activities, platforms, designations, brands, awards
// and responsibility records), 0 when there is none, and the revision it
// saw. The report years run from it to the year in progress
// (ReportCalendar). It reads each source's earliest date through its index,
// so its cost does not grow with the number of records.
func (s *Store) computeFirstReportYear(ctx context.Context) (int, int64, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to find the first report year: %w", err)
	}
	defer tx.end(ctx)
	// Read first: the transaction's snapshot is the one this revision names.
	var rev int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM revision WHERE id = 1`).Scan(&rev); err != nil {
		return 0, 0, fmt.Errorf("store: unable to read revision: %w", err)
	}
	var earliest []string
	// Each park's earliest is one seek in an index led by the park (a
	// range of parks would walk the index); the district's is the least
	// of its parks'.
	for _, src := range yearSources {
		where := " WHERE park_id = p.id"
		if src.where != "" {
			where += " AND " + src.where
		}
		earliest = append(earliest, fmt.Sprintf("(SELECT min((SELECT min(%s) FROM %s%s)) FROM parks p WHERE p.id BETWEEN ?1 AND ?2)",
			src.column, src.table, where))
	}
	lo, hi := parkRange(ctx)
	values := make([]any, len(earliest))
	dest := make([]any, len(earliest))
	for i := range values {
		dest[i] = &values[i]
	}
	if err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(earliest, ", "), lo, hi).Scan(dest...); err != nil {
		return 0, 0, fmt.Errorf("store: unable to find the first report year: %w", err)
	}
	first := 0
	for _, v := range values {
		if y := yearOf(v); y != 0 && (first == 0 || y < first) {
			first = y
		}
	}
	return first, rev, nil
}

// yearOf reads the year of a date ("2023-06-01") or a year (2023); 0 for
// NULL or anything else.
func yearOf(v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case string:
		if t, ok := ParseDate(v); ok {
			return t.Year()
		}
	case []byte:
		return yearOf(string(v))
	}
	return 0
}

// Text is a short Chinese summary of the report in the manner of the
// article it follows: counts with their measure words (5个党支部, 68名党员,
// 103次服务, 73家企业), ratios as 约50%.
func (r Report) Text() string {
	var b strings.Builder
	in, up, br := r.Incubation, r.Uplift, r.Brand
	fmt.Fprintf(&b, "%d年园区党建工作年报\n\n", r.Year)

	fmt.Fprintf(&b, "孵化工程·育种计划：摸排企业%d家，其中符合“三有”条件的%d家；", in.EnterprisesSurveyed, in.SanyouQualified)
	fmt.Fprintf(&b, "新组建党支部%d个、联合党支部%d个，覆盖初创期企业%d家；", in.BranchesFormed, in.JointBranchesFormed, in.StartupsCovered)
	fmt.Fprintf(&b, "%d名园区工作人员担任企业服务专员、党建指导员；", in.StaffServing)
	fmt.Fprintf(&b, "共享设备有效服务%d次、共享财税%d次、共享法务%d次、共享阵地%d次",
		in.Services.Equipment, in.Services.FinanceTax, in.Services.Legal, in.Services.Venue)
	if in.EquipmentSavingRatio != nil {
		fmt.Fprintf(&b, "，设备共享为企业降低成本%s", approxPercent(*in.EquipmentSavingRatio))
	}
	b.WriteString("。\n\n")

	fmt.Fprintf(&b, "提质工程·壮苗计划：新发展党员%d名", up.MembersDeveloped)
	if up.MembersDeveloped > 0 {
		fmt.Fprintf(&b, "，其中管理层以上%d名（%s）", up.MembersDevelopedManagement,
			approxPercent(float64(up.MembersDevelopedManagement)/float64(up.MembersDeveloped)))
	}
	fmt.Fprintf(&b, "；已开通高校直通车%d条；新增省级专精特新企业%d家。\n\n", up.UniversityLines, up.ZjtxProvincialNew)

	fmt.Fprintf(&b, "品牌工程·成林计划：已发布党建品牌%d个；新评获市级标杆党组织%d家，市级以上标杆党组织共%d家；",
		br.BrandsPublished, br.BenchmarksCityNew, br.BenchmarksCityOrAbove)
	fmt.Fprintf(&b, "当年社会责任%s（累计%s）。\n\n", beneficiaries(br.ResponsibilityYear), beneficiaries(br.ResponsibilityTotal))

	a := r.Activities
	fmt.Fprintf(&b, "全年开展活动%d次：孵化工程%d次、提质工程%d次、品牌工程%d次。\n", a.Incubation+a.Uplift+a.Brand, a.Incubation, a.Uplift, a.Brand)
	return b.String()
}

// approxPercent writes a ratio as 约50%.
func approxPercent(ratio float64) string {
	return fmt.Sprintf("约%d%%", int(math.Round(ratio*100)))
}

// beneficiaries writes totals as 就业帮扶91人、助残就业11人, leaving out kinds
// beyond the two always shown when they are zero.
func beneficiaries(totals KindTotals) string {
	var parts []string
	for _, t := range totals {
		if t.Total == 0 && !slices.Contains(reportedResponsibility, t.Kind) {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s%d人", Label(ResponsibilityKinds, t.Kind), t.Total))
	}
	return strings.Join(parts, "、")
}
