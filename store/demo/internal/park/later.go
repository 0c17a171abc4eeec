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

// The later years: 2025, a full year, and 2026 up to AsOf, a park a couple
// of years after the article. Fewer organisations are formed than in 2023,
// as the start-ups on the ledger are covered one by one; members, services,
// activities, designations and awards go on at about 2024's pace. Each
// section here runs after every section of the first edition, with a random
// source of its own, and numbers its records after the first edition's, so
// that the first edition stays as it was (TestParkKeepsItsFirstYears).

// The cohorts of enterprises new in the later years.
const (
	cohort2025     = "G" // start-ups covered by organisations formed in 2025
	cohort2026     = "H" // start-ups covered by organisations formed in 2026
	cohortLedger26 = "I" // start-ups new on the survey ledger, none meeting 三有 yet

	count2025     = 12
	count2026     = 8
	ledgerCount26 = 10
)

// Labels of organisations formed in the later years that later sections
// look up.
const (
	labelBranch2025 = "branch-2025" // the first branch of a start-up formed in 2025
	labelJoint2025  = "joint-2025"  // the first joint branch formed in 2025
	// The branches of the two largest mature enterprises that had no
	// organisation, formed in 2025, by the brands they created.
	labelSmartEngine  = "红色智擎"
	labelFineCeramics = "精瓷铸魂"
)

// laterDeveloped is how many people the branches admitted as probationary
// members in the later years, and how many of them are managers.
var laterDeveloped = []developedYear{
	{2025, 46, 29},
	{2026, 37, 23},
}

// laterPipelineCount is how many people applied in the later years and are
// applicants, activists or development targets at AsOf.
const laterPipelineCount = 22

// laterStaffGroups are the staff who started in the later years: six in
// 2025, one more who left in 2026, three in 2026.
var laterStaffGroups = []staffGroup{
	{6, fake.Date(2025, 1, 6), fake.Date(2025, 10, 31), 0, time.Time{}, time.Time{}},
	{1, fake.Date(2025, 2, 10), fake.Date(2025, 6, 30), 1, fake.Date(2026, 3, 1), fake.Date(2026, 8, 31)},
	{3, fake.Date(2026, 1, 5), fake.Date(2026, 9, 30), 0, time.Time{}, time.Time{}},
}

// laterServiceYears are the later years' shared services by kind.
var laterServiceYears = []serviceYear{
	{2025, interchange.ServiceEquipment, 112, 6},
	{2025, interchange.ServiceFinanceTax, 36, 2},
	{2025, interchange.ServiceLegal, 27, 1},
	{2025, interchange.ServiceVenue, 39, 2},
	{2026, interchange.ServiceEquipment, 96, 5},
	{2026, interchange.ServiceFinanceTax, 31, 2},
	{2026, interchange.ServiceLegal, 24, 1},
	{2026, interchange.ServiceVenue, 34, 1},
}

// laterPlatforms are the platforms opened in the later years; their names
// are invented.
var laterPlatforms = []store.Platform{
	{Kind: interchange.PlatformSciencePark, Name: "天元数字经济产业园", Established: "2025-05-18"},
	{Kind: interchange.PlatformServicePlatform, Name: "园区知识产权服务站", Established: "2026-04-26"},
}

// laterAwards: two new city-level benchmarks in each later year, one of
// them in 2026 a joint branch of start-ups; 红创未来 rises to the province.
var laterAwards = []awardOf{
	{"红创未来", benchmark, interchange.LevelProvince, 2025},
	{"红色动力舱", benchmark, interchange.LevelCity, 2025},
	{labelGrowthBranch, benchmark, interchange.LevelCity, 2025},
	{labelJoint2022, sqlh, interchange.LevelCity, 2025},
	{labelBranch2023, sqlh, interchange.LevelDistrict, 2025},
	{"微光成炬", benchmark, interchange.LevelCity, 2026},
	{labelJoint2022, benchmark, interchange.LevelCity, 2026},
	{"绿能星火", sqlh, interchange.LevelCity, 2026},
	{labelJoint2025, advanced, interchange.LevelDistrict, 2026},
}

// laterResponsibility is how many responsibility records other
// enterprises than 立方 have in the later years.
var laterResponsibility = []yearCount{{2025, 16}, {2026, 13}}

// laterYears adds 2025 and 2026 to the park.
func (b *builder) laterYears() {
	waiting := b.waiting()
	b.laterEnterprises()
	made := b.laterOrganizations(waiting)
	b.laterMembers(made)
	b.doc.Staff = append(b.doc.Staff, b.hire(b.rand("staff 2025"), laterStaffGroups, len(b.doc.Staff))...)
	b.laterSurveys(waiting)
	b.doc.Services = append(b.doc.Services, b.serve(b.rand("services 2025"), laterServiceYears, AsOf)...)
	b.doc.Activities = append(b.doc.Activities, b.hold(b.rand("activities 2025"), []int{2025, 2026}, AsOf)...)
	b.doc.Platforms = append(b.doc.Platforms, laterPlatforms...)
	b.laterDesignations()
	b.launch(laterBrandTexts)
	b.award(laterAwards)
	resp := b.fulfil(b.rand("responsibility 2025"), laterResponsibility, AsOf)
	slices.SortStableFunc(resp, func(x, y store.Responsibility) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Enterprise, y.Enterprise))
	})
	b.doc.Responsibility = append(b.doc.Responsibility, resp...)
}

// waiting returns the ledger's start-ups whose latest survey of the first
// edition met 三有, each with that survey's date. No party member works at
// any of them, so no organisation can form there yet: they wait through the
// later years, surveyed again each year on the day, and the coverage
// pipeline says what they lack.
func (b *builder) waiting() map[*enterprise]time.Time {
	latest := map[string]store.Survey{}
	for _, s := range b.doc.Surveys {
		latest[s.Enterprise] = s // in order of date
	}
	out := map[*enterprise]time.Time{}
	for _, e := range b.cohorts[cohortLedger] {
		s, ok := latest[e.id()]
		if ok && s.FixedPremises && s.Operating && s.Employees >= 10 {
			t, _ := time.Parse(time.DateOnly, s.Date)
			out[e] = t
		}
	}
	return out
}

// laterSurveys surveys the start-ups in the later years: those covered
// before, now and then as in the first edition; those covered in 2025 and
// 2026, qualifying before their organisation is formed; the new ones on the
// ledger, none of which meets 三有 yet; and those waiting, on the day of
// their last survey, still meeting it.
func (b *builder) laterSurveys(waiting map[*enterprise]time.Time) {
	r := b.rand("surveys 2025")
	ents := slices.DeleteFunc(b.inCohorts(cohort2022, cohort2023, cohortLateJoin, cohort2024, cohortLedger, cohort2025, cohort2026, cohortLedger26),
		func(e *enterprise) bool { _, ok := waiting[e]; return ok })
	out := b.survey(r, ents, 2025, 2026, AsOf, 0)
	for _, e := range b.inCohorts(cohortLedger) {
		last, ok := waiting[e]
		if !ok {
			continue
		}
		for y := 1; !last.AddDate(y, 0, 0).After(AsOf); y++ {
			out = append(out, store.Survey{Enterprise: e.id(), Date: fake.Day(last.AddDate(y, 0, 0)), FixedPremises: true, Employees: r.Between(10, 42), Operating: true})
		}
	}
	slices.SortStableFunc(out, func(x, y store.Survey) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Enterprise, y.Enterprise))
	})
	b.doc.Surveys = append(b.doc.Surveys, out...)
}

// laterEnterprises adds the start-ups new on the ledger since 2024: those
// that organisations formed in 2025 and 2026 cover, and younger ones not
// yet meeting 三有. Two of 2025's grew in 2026, after they were covered.
func (b *builder) laterEnterprises() {
	r := b.rand("enterprises 2025")
	var made []*enterprise
	add := func(cohort string, founded time.Time) {
		e := &enterprise{cohort: cohort, founded: founded}
		e.rec.Sector = fake.Pick(r, fake.Sectors)
		e.rec.Founded = fake.Day(founded)
		made = append(made, e)
		b.cohorts[cohort] = append(b.cohorts[cohort], e)
	}
	for range count2025 {
		add(cohort2025, r.DateBetween(fake.Date(2022, 3, 1), fake.Date(2024, 3, 31)))
	}
	for range count2026 {
		add(cohort2026, r.DateBetween(fake.Date(2023, 3, 1), fake.Date(2025, 3, 31)))
	}
	for range ledgerCount26 {
		add(cohortLedger26, r.DateBetween(fake.Date(2024, 7, 1), fake.Date(2026, 6, 30)))
	}
	for _, e := range b.cohorts[cohort2025][8:10] {
		e.growthSince = r.DateBetween(fake.Date(2026, 3, 1), fake.Date(2026, 10, 31))
	}
	for _, e := range made {
		b.describe(r, e)
	}
	slices.SortStableFunc(made, func(x, y *enterprise) int { return x.founded.Compare(y.founded) })
	for i, e := range made {
		e.rec.ID = fmt.Sprintf("ent-%03d", len(b.ents)+i+1)
	}
	b.ents = append(b.ents, made...)
}

// laterOrganizations forms the later years' organisations and returns them.
// In 2025 four branches and four joint branches cover 20 start-ups, eight
// of them from the ledger of 2024 (all but those waiting); two of the
// branches are the first organisations of the two largest mature
// enterprises that had none. In 2026, to AsOf, two branches and two joint
// branches cover 8. A growth-stage enterprise sits in a joint branch each
// year and one has a branch in 2026; they do not count.
func (b *builder) laterOrganizations(waiting map[*enterprise]time.Time) []*organization {
	m := orgMaker{b: b, r: b.rand("organizations 2025")}
	first := len(b.orgs)
	growth := b.cohorts[cohortGrowth][20:23]
	for _, e := range growth {
		if len(e.orgs) > 0 {
			panic("park: a growth-stage enterprise of the later years has an organisation already")
		}
	}
	var mature []*enterprise // without an organisation, the largest first
	for _, e := range b.cohorts[cohortMature] {
		if len(e.orgs) == 0 {
			mature = append(mature, e)
		}
	}
	slices.SortStableFunc(mature, func(x, y *enterprise) int { return cmp.Compare(*y.rec.Employees, *x.rec.Employees) })
	// The ledger's start-ups that do not wait, the longest on it first.
	ledger := slices.DeleteFunc(slices.Clone(b.cohorts[cohortLedger]), func(e *enterprise) bool { _, ok := waiting[e]; return ok })
	slices.SortStableFunc(ledger, func(x, y *enterprise) int { return x.founded.Compare(y.founded) })
	if len(ledger) != 8 {
		panic(fmt.Sprintf("park: %d start-ups of the ledger to cover in 2025, want 8", len(ledger)))
	}
	g, h := b.cohorts[cohort2025], b.cohorts[cohort2026]
	branch, joint := interchange.KindBranch, interchange.KindJointBranch

	m.add(branch, m.inMonth(2025, 1), mature[0:1], labelSmartEngine)
	m.add(joint, m.inMonth(2025, 3), ledger[0:5], labelJoint2025)
	m.add(branch, m.inMonth(2025, 4), g[0:1], labelBranch2025)
	m.add(joint, m.inMonth(2025, 5), append([]*enterprise{growth[0]}, g[2:6]...), "")
	m.add(branch, m.inMonth(2025, 6), mature[1:2], labelFineCeramics)
	m.add(branch, m.inMonth(2025, 8), g[1:2], "")
	m.add(joint, m.inMonth(2025, 9), slices.Concat(ledger[5:8], g[6:8]), "")
	m.add(joint, m.inMonth(2025, 11), g[8:12], "")

	m.add(branch, m.inMonth(2026, 4), h[0:1], "")
	m.add(joint, m.inMonth(2026, 5), h[1:5], "")
	m.add(branch, m.inMonth(2026, 7), growth[1:2], "")
	m.add(joint, m.inMonth(2026, 9), append([]*enterprise{growth[2]}, h[5:8]...), "")

	b.number(first)
	return b.orgs[first:]
}

// laterMembers gives the later years' organisations their secretaries and
// founding full members (all admitted before 2022), admits the later years'
// probationary members and adds the people who applied since 2025.
func (b *builder) laterMembers(orgs []*organization) {
	m := &memberMaker{b: b, r: b.rand("members 2025")}
	m.secretaries(orgs)
	m.develop(laterDeveloped, AsOf)
	m.pipeline(laterPipelineCount, fake.Date(2025, 1, 10), fake.Date(2026, 10, 31), AsOf)
	b.doc.Members = append(b.doc.Members, m.numbered(len(b.doc.Members))...)
	b.found(b.rand("founders 2025"), orgs)
	b.makeFull(b.rand("full 2025"))
}

// makeFull makes full the probationary members whose year ended in the
// later years (the first edition stopped before their vote): no report
// counts a full date, and a branch of the later years has its members.
func (b *builder) makeFull(r *fake.Rand) {
	for i, mem := range b.doc.Members {
		if mem.Probationary == "" || mem.Full != "" {
			continue
		}
		probationary, err := time.Parse(time.DateOnly, mem.Probationary)
		if err != nil {
			panic(err)
		}
		if full := r.FullAfter(probationary); !full.After(AsOf) {
			b.doc.Members[i].Full = fake.Day(full)
		}
	}
}

// laterDesignations gives provincial 专精特新 titles to growth-stage and
// mature enterprises that had none: 9 in 2025 and 6 in 2026; and makes
// three of the earlier ones national, one in 2025 and two in 2026.
func (b *builder) laterDesignations() {
	r := b.rand("designations 2025")
	provincial := interchange.DesignationZJTXProvincial
	national := interchange.DesignationZJTXNational
	has := map[string]bool{} // kind + enterprise id
	var early []string       // enterprises provincial by 2023, in ledger order
	for _, d := range b.doc.Designations {
		has[d.Kind+d.Enterprise] = true
		if d.Kind == provincial && d.Year <= 2023 {
			early = append(early, d.Enterprise)
		}
	}
	var pool []*enterprise
	for _, e := range b.ents {
		if e != b.lifang && !has[provincial+e.id()] && e.stageOn(fake.Date(2025, 1, 1)) != interchange.StageStartup {
			pool = append(pool, e)
		}
	}
	if len(pool) < 15 {
		panic(fmt.Sprintf("park: %d enterprises left for 专精特新, want 15", len(pool)))
	}
	fake.Shuffle(r, pool)
	var out []store.Designation
	for i, e := range pool[:15] {
		year := 2025
		if i >= 9 {
			year = 2026
		}
		out = append(out, store.Designation{Enterprise: e.id(), Kind: provincial, Year: year})
	}
	early = slices.DeleteFunc(early, func(id string) bool { return has[national+id] })
	fake.Shuffle(r, early)
	for i, id := range early[:3] {
		out = append(out, store.Designation{Enterprise: id, Kind: national, Year: min(2025+i, 2026)})
	}
	slices.SortStableFunc(out, func(x, y store.Designation) int {
		return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Enterprise, y.Enterprise))
	})
	b.doc.Designations = append(b.doc.Designations, out...)
}
