package park

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"parkportal/store"
	"parkportal/store/demo/internal/fake"
	"parkportal/store/demo/internal/interchange"
)

func (b *builder) activities() {
	b.doc.Activities = b.hold(b.rand("activities"), []int{2022, 2023, 2024}, firstExport)
}

// hold returns the activities of the years' schedules, none after last, in
// order of date. The numbered series (红色CEO大讲堂, 高新企服课堂) go on
// from the session held last.
func (b *builder) hold(r *fake.Rand, years []int, last time.Time) []store.Activity {
	var hosts []*organization
	for _, m := range matureOrgs {
		hosts = append(hosts, b.byLabel[m.brand])
	}
	var out []store.Activity
	for _, year := range years {
		for _, s := range activitySchedule[year] {
			k := activityKinds[s.kind]
			day := earlier(fake.Date(year, s.month, r.Between(5, 27)), last)
			a := store.Activity{
				Program:      k.program,
				Kind:         k.kind,
				Title:        k.title,
				Date:         fake.Day(day),
				Participants: new(r.Between(k.participants[0], k.participants[1])),
				Summary:      fake.Pick(r, k.summaries),
			}
			switch s.kind {
			case "ceo":
				a.Title = fmt.Sprintf("%s第%d期：%s", k.title, b.ceoHeld+1, ceoTopics[b.ceoHeld])
				b.ceoHeld++
			case "class":
				a.Title = fmt.Sprintf("%s第%d期：%s", k.title, b.classHeld+1, classTopics[b.classHeld])
				b.classHeld++
			case "contest":
				a.Title = fmt.Sprintf("%d年%s（%s）", year, k.title, s.extra)
			case "line":
				a.Title = k.title + "（" + s.extra + "）"
			case "survey":
				half := "上半年"
				if s.month > 6 {
					half = "下半年"
				}
				a.Title = fmt.Sprintf("%d年%s（%s）", year, k.title, half)
			}
			switch s.kind {
			case "equipmentDay", "power", "contest", "students", "line":
				// The enterprises that took part.
				a.Enterprises = b.participants(r, day, r.Between(3, 8))
			case "oneOnOne":
				a.Enterprises = b.participants(r, day, 1)
			}
			// Brand-program events and workshop visits are hosted by a
			// mature enterprise's organisation; the rest are park-wide.
			if k.program == interchange.ProgramBrand || s.kind == "workshop" {
				host := fake.Pick(r, hosts)
				a.Organizer = host.id()
				a.Enterprises = []string{host.ents[0].id()}
			}
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(x, y store.Activity) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Program, y.Program))
	})
	return out
}

// participants picks n distinct start-ups or growth-stage enterprises that
// existed on day, in id order.
func (b *builder) participants(r *fake.Rand, day time.Time, n int) []string {
	var pool []*enterprise
	for _, e := range b.ents {
		if !e.founded.IsZero() && e.founded.Before(day) && e.stageOn(day) != interchange.StageMature {
			pool = append(pool, e)
		}
	}
	fake.Shuffle(r, pool)
	var ids []string
	for _, e := range pool[:min(n, len(pool))] {
		ids = append(ids, e.id())
	}
	slices.Sort(ids)
	return ids
}

// Platforms returns the article's university lines, science parks and
// service platforms; their dates are the portal's invention. Two lines were
// open by 2022, all three by 2023.
func Platforms() []store.Platform {
	return []store.Platform{
		{Kind: interchange.PlatformServicePlatform, Name: "中德智能制造公共技术服务平台", Established: "2019-06-18"},
		{Kind: interchange.PlatformServicePlatform, Name: "省轨道交通自动化技术与装备协同创新中心", Established: "2020-04-22"},
		{Kind: interchange.PlatformServicePlatform, Name: "园区党群服务中心", Established: "2020-07-01"},
		{Kind: interchange.PlatformServicePlatform, Name: "潇湘科技要素大市场", Established: "2021-03-26"},
		{Kind: interchange.PlatformSciencePark, Name: "湖南工大科技园", Established: "2021-09-10"},
		{Kind: interchange.PlatformUniversityLine, Name: "中南大学（湖南大学）高校直通车", Established: "2022-04-15"},
		{Kind: interchange.PlatformSciencePark, Name: "天元工业软件园", Established: "2022-08-08"},
		{Kind: interchange.PlatformUniversityLine, Name: "国防科技大学高校直通车", Established: "2022-09-20"},
		{Kind: interchange.PlatformUniversityLine, Name: "湖南理工职业技术学院高校直通车", Established: "2023-05-12"},
		{Kind: interchange.PlatformSciencePark, Name: "人力资源产业园", Established: "2023-06-28"},
	}
}

// designations gives the provincial 专精特新 titles: 22 in 2022, the article's
// 73 in 2023 and 23 in 2024, each enterprise once; a few of them later became
// national ones (专精特新“小巨人”).
func (b *builder) designations() {
	r := b.rand("designations")
	var out []store.Designation
	add := func(e *enterprise, kind string, year int) {
		out = append(out, store.Designation{Enterprise: e.id(), Kind: kind, Year: year})
	}
	provincial := interchange.DesignationZJTXProvincial
	national := interchange.DesignationZJTXNational

	// Mature enterprises other than 立方: 2 in 2021, 4 in 2022, 10 in 2023,
	// 3 in 2024; the two of 2021 and one of 2022 became national.
	mature := slices.Clone(b.cohorts[cohortMature])
	fake.Shuffle(r, mature)
	next := 0
	for _, g := range []struct{ year, count int }{{2021, 2}, {2022, 4}, {2023, 10}, {2024, 3}} {
		for _, e := range mature[next : next+g.count] {
			add(e, provincial, g.year)
		}
		next += g.count
	}
	add(mature[0], national, 2022)
	add(mature[1], national, 2024)
	add(mature[2], national, 2024)

	// Growth-stage enterprises: 18 in 2022, 63 in 2023, 14 in 2024; four
	// have none yet. Two of 2022's became national in 2023, one in 2024.
	growth := slices.Clone(b.cohorts[cohortGrowth])
	fake.Shuffle(r, growth)
	next = 0
	for _, g := range []struct{ year, count int }{{2022, 18}, {2023, zjtxProvincial2023 - 10}, {2024, 14}} {
		for _, e := range growth[next : next+g.count] {
			add(e, provincial, g.year)
		}
		next += g.count
	}
	add(growth[0], national, 2023)
	add(growth[1], national, 2023)
	add(growth[2], national, 2024)

	// Six of 2022's start-ups that grew by 2023 were designated in 2024.
	n := 0
	for _, e := range b.cohorts[cohort2022] {
		if !e.growthSince.IsZero() && e.growthSince.Year() <= 2023 && n < 6 {
			add(e, provincial, 2024)
			n++
		}
	}
	if n != 6 {
		panic(fmt.Sprintf("park: %d start-ups of 2022 grew by 2023, want at least 6", n))
	}

	slices.SortStableFunc(out, func(x, y store.Designation) int {
		return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Enterprise, y.Enterprise))
	})
	b.doc.Designations = out
}

func (b *builder) brands() { b.launch(brandTexts) }

// launch adds the brands of texts, in order of launch, after those made so
// far.
func (b *builder) launch(texts []brandText) {
	var out []store.Brand
	for _, t := range texts {
		out = append(out, store.Brand{
			Organization: b.byLabel[t.label].id(),
			Name:         t.label,
			Launched:     t.launched,
			Status:       t.status,
			Slogan:       t.slogan,
			Story:        t.story,
			Practices:    t.practices,
		})
	}
	slices.SortStableFunc(out, func(x, y store.Brand) int { return cmp.Compare(x.Launched, y.Launched) })
	b.doc.Brands = append(b.doc.Brands, out...)
}

// awards: nine organisations were benchmarks at city level or above by 2023,
// four of them new at city level in 2023. The province-level awards go to
// organisations already counted, the district-level benchmark and the
// "双强六好" and other titles do not count.
func (b *builder) awards() {
	b.award([]awardOf{
		{"轨道红芯", benchmark, interchange.LevelCity, 2021},
		{"锂电先锋", benchmark, interchange.LevelCity, 2021},
		{"锂电先锋", benchmark, interchange.LevelProvince, 2022},
		{"红创未来", benchmark, interchange.LevelCity, 2022},
		{"科瑞三聚", benchmark, interchange.LevelCity, 2022},
		{"匠心向党", benchmark, interchange.LevelCity, 2022},
		{"硬核先锋", benchmark, interchange.LevelCity, 2023},
		{"云端党建", benchmark, interchange.LevelCity, 2023},
		{"仁心药谷", benchmark, interchange.LevelCity, 2023},
		{"红帆领航", benchmark, interchange.LevelCity, 2023},
		{"轨道红芯", benchmark, interchange.LevelProvince, 2023},
		{"绿能星火", benchmark, interchange.LevelDistrict, 2023},
		{"绿能星火", benchmark, interchange.LevelCity, 2024},
		{"智造先锋岗", benchmark, interchange.LevelCity, 2024},
		{"红色动力舱", sqlh, interchange.LevelDistrict, 2022},
		{"微光成炬", sqlh, interchange.LevelDistrict, 2022},
		{"红色动力舱", sqlh, interchange.LevelCity, 2023},
		{labelSeedlingBranch, sqlh, interchange.LevelDistrict, 2023},
		{labelJoint2022, sqlh, interchange.LevelDistrict, 2023},
		{"红创未来", sqlh, interchange.LevelCity, 2024},
		{labelGrowthBranch, sqlh, interchange.LevelDistrict, 2024},
		{labelLegacyJoint, advanced, interchange.LevelDistrict, 2022},
		{labelBranch2023, advanced, interchange.LevelDistrict, 2024},
		{labelJoint2023, advanced, interchange.LevelDistrict, 2024},
	})
}

// The kinds of award the park's organisations win.
const (
	benchmark = interchange.AwardBenchmarkOrg
	sqlh      = interchange.AwardShuangqiangLiuhao
	advanced  = "advanced_org"
)

// awardTitles are the awards' titles by kind and level.
var awardTitles = map[string]string{
	benchmark + interchange.LevelDistrict: "区级标杆党组织",
	benchmark + interchange.LevelCity:     "市级标杆党组织",
	benchmark + interchange.LevelProvince: "省级标杆党组织",
	sqlh + interchange.LevelDistrict:      "区级“双强六好”企业党组织",
	sqlh + interchange.LevelCity:          "市级“双强六好”企业党组织",
	advanced + interchange.LevelDistrict:  "区级先进基层党组织",
}

// awardOf is one award of the organisation with a label.
type awardOf struct {
	label, kind, level string
	year               int
}

// award adds the awards of list, in order of year, after those made so far.
func (b *builder) award(list []awardOf) {
	var out []store.Award
	for _, a := range list {
		out = append(out, store.Award{
			Organization: b.byLabel[a.label].id(),
			Kind:         a.kind,
			Level:        a.level,
			Year:         a.year,
			Title:        awardTitles[a.kind+a.level],
		})
	}
	slices.SortStableFunc(out, func(x, y store.Award) int { return cmp.Compare(x.Year, y.Year) })
	b.doc.Awards = append(b.doc.Awards, out...)
}

// lifangRecords are 湖南立方新能源's records, the article's two figures over
// 2021–2023: 91 people from Qinghai helped into jobs, 11 people with
// disabilities employed. The notes are the portal's words.
var lifangRecords = []struct {
	kind, date    string
	beneficiaries int
	note          string
}{
	{interchange.ResponsibilityEmploymentAid, "2021-04-16", 23, "青海回族同胞来园就业（第一批）：对接青海劳务输出地，岗前培训后入职"},
	{interchange.ResponsibilityDisabilityEmployment, "2021-06-25", 3, "为残疾人设置质检、包装等适岗岗位，签订劳动合同"},
	{interchange.ResponsibilityEmploymentAid, "2021-10-11", 17, "青海回族同胞来园就业（第二批）：党员结对帮带，尽快适应岗位"},
	{interchange.ResponsibilityEmploymentAid, "2022-03-21", 19, "青海回族同胞就业脱贫（第三批）：提供宿舍并尊重民族饮食习惯"},
	{interchange.ResponsibilityDisabilityEmployment, "2022-05-16", 4, "助残就业：新增残疾职工岗位，配套无障碍改造"},
	{interchange.ResponsibilityEmploymentAid, "2022-09-13", 14, "青海回族同胞就业脱贫（第四批）：老员工带新员工"},
	{interchange.ResponsibilityEmploymentAid, "2023-03-08", 12, "青海回族同胞就业脱贫（第五批）"},
	{interchange.ResponsibilityDisabilityEmployment, "2023-05-22", 4, "助残就业：残疾职工转岗培训后上岗"},
	{interchange.ResponsibilityEmploymentAid, "2023-07-19", 6, "青海回族同胞就业脱贫（第六批）"},
}

// responsibilityKinds are other enterprises' records: kind, beneficiary range
// and notes to choose from.
var responsibilityKinds = []struct {
	kind      string
	low, high int
	notes     []string
}{
	{interchange.ResponsibilityEmploymentAid, 5, 25, []string{"吸纳脱贫家庭劳动力就业", "为退役军人提供就业岗位", "面向高校困难毕业生定向招聘"}},
	{interchange.ResponsibilityDisabilityEmployment, 1, 4, []string{"残疾人就业专岗", "与区残联合作安置残疾人就业"}},
	{interchange.ResponsibilityRuralRevitalization, 20, 180, []string{"结对村农产品采购，惠及农户", "为结对村修建产业路和灌溉设施", "村集体光伏项目帮扶"}},
	{interchange.ResponsibilityVolunteering, 40, 260, []string{"党员志愿者社区义诊", "“红色周末”环境整治志愿服务", "关爱留守儿童志愿活动"}},
	{interchange.ResponsibilityStudentAid, 2, 15, []string{"资助家庭困难大学生", "设立企业助学金"}},
}

func (b *builder) responsibility() {
	var out []store.Responsibility
	for _, l := range lifangRecords {
		out = append(out, store.Responsibility{
			Enterprise: b.lifang.id(), Kind: l.kind, Date: l.date, Beneficiaries: l.beneficiaries, Note: l.note,
		})
	}
	out = append(out, b.fulfil(b.rand("responsibility"), []yearCount{{2022, 9}, {2023, 13}, {2024, 15}}, firstExport)...)
	slices.SortStableFunc(out, func(x, y store.Responsibility) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Enterprise, y.Enterprise))
	})
	b.doc.Responsibility = out
}

// yearCount is how many records a year has.
type yearCount struct{ year, count int }

// fulfil returns other enterprises' responsibility records, as many a year
// as years says, none after last.
func (b *builder) fulfil(r *fake.Rand, years []yearCount, last time.Time) []store.Responsibility {
	// Mostly mature enterprises, a few growth-stage ones; more each year.
	var pool []*enterprise
	for _, e := range b.ents {
		if e != b.lifang && (e.cohort == cohortMature || e.cohort == cohortGrowth && r.Chance(0.08)) {
			pool = append(pool, e)
		}
	}
	var out []store.Responsibility
	for _, y := range years {
		for range y.count {
			k := fake.Pick(r, responsibilityKinds)
			out = append(out, store.Responsibility{
				Enterprise:    fake.Pick(r, pool).id(),
				Kind:          k.kind,
				Date:          fake.Day(r.DateIn(y.year, last)),
				Beneficiaries: r.Between(k.low, k.high),
				Note:          fake.Pick(r, k.notes),
			})
		}
	}
	return out
}
