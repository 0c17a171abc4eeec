// Package park builds the demonstration park: a fictional ledger of
// 株洲高新区（天元区） from 2022 to the end of November 2026, written for the
// portal after the 2023 article on the park's "三工程 × 三计划". Its 2023
// figures reproduce the article's exactly under the report definitions of the
// interchange specification; the years around it give the year-on-year views
// something to compare, and 2025 and 2026 give a portal running today a last
// complete year and a year in progress to show.
//
// The ledger first ran to 2024 (its first edition, exported on firstExport);
// 2025 and 2026 were added after it (the later sections, laterYears): each
// later section comes after every first-edition one, with random sources of
// its own and ids that continue the first edition's, so that no record of the
// first edition and no figure of 2022–2024 changed.
//
// Only the park, its brand, the platforms, the three brands and the one
// enterprise the article names are real names; every other enterprise, person,
// date and number is invented. The data is built from a fixed seed with a
// random source that does not change between Go releases, so Build returns
// the same document on every run.
package park

import (
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"parkportal/store"
	"parkportal/store/demo/internal/fake"
	"parkportal/store/demo/internal/interchange"
)

// Seed is the seed of the demonstration park (the article's date).
const Seed = 20231230

// AsOf is the day the ledger was exported: no record is dated later.
var AsOf = fake.Date(2026, 11, 30)

// firstExport is the day the first edition, 2022–2024, was exported: its
// sections stop there, as they did before the later years were added.
var firstExport = fake.Date(2024, 12, 20)

// LifangName is the one enterprise the article names.
const LifangName = "湖南立方新能源科技有限责任公司"

// The article's 2023 figures that the build arranges by construction; the
// tests compute them back from the document.
const (
	branches2023          = 5
	jointBranches2023     = 10
	startupsCovered2023   = 55
	equipment2023         = 103
	membersDeveloped2023  = 68
	managementDeveloped23 = 45
	zjtxProvincial2023    = 73
)

// Build returns the demonstration park.
func Build() *store.Document {
	b := &builder{people: fake.NewPeople(fake.New(Seed))}
	b.names = fake.NewEnterprises(b.rand("enterprise names"))
	b.enterprises()
	b.organizations()
	b.members()
	b.staff()
	b.surveys()
	b.services()
	b.activities()
	b.doc.Platforms = Platforms()
	b.designations()
	b.brands()
	b.awards()
	b.responsibility()
	b.founders() // last of the first edition: it changes nothing made before
	b.laterYears()
	return b.document()
}

// enterprise is an enterprise while the park is built.
type enterprise struct {
	rec         store.Enterprise
	founded     time.Time // zero for 立方, whose founding date is not given
	cohort      string
	growthSince time.Time // zero when the enterprise never left the start-up stage
	matureSince time.Time
	orgs        []*organization // in order of formation
}

func (e *enterprise) id() string { return e.rec.ID }

// stageOn returns the stage on day t.
func (e *enterprise) stageOn(t time.Time) string {
	return StageOn(e.rec, fake.Day(t))
}

// StageOn returns e's stage on date (YYYY-MM-DD) as the annual report reads
// it: the stage of the latest history entry since on or before date, else
// e.Stage.
func StageOn(e store.Enterprise, date string) string {
	stage, latest := e.Stage, ""
	for _, h := range e.StageHistory {
		if h.Since <= date && h.Since >= latest {
			stage, latest = h.Stage, h.Since
		}
	}
	return stage
}

// coveredOn returns the day the enterprise was first covered by a party
// organisation, zero if never.
func (e *enterprise) coveredOn() time.Time {
	if len(e.orgs) == 0 {
		return time.Time{}
	}
	return e.orgs[0].formed
}

// organization is a party organisation while the park is built.
type organization struct {
	rec    store.Organization
	formed time.Time
	ents   []*enterprise
}

func (o *organization) id() string { return o.rec.ID }

// builder holds the park while it is built; sections run in order and later
// ones look up what earlier ones made.
type builder struct {
	people *fake.People
	names  *fake.Enterprises

	ents    []*enterprise
	cohorts map[string][]*enterprise
	lifang  *enterprise
	orgs    []*organization
	byLabel map[string]*organization
	places  map[string]int // joint branches named after each place so far

	ceoHeld, classHeld int // sessions of the numbered series held so far

	doc store.Document
}

// rand returns the random source of one section, so that changing one
// section leaves the others' data as it was.
func (b *builder) rand(section string) *fake.Rand {
	h := fnv.New64a()
	h.Write([]byte(section))
	return fake.New(Seed ^ int64(h.Sum64()>>1))
}

func (b *builder) document() *store.Document {
	b.doc.Format = store.Format
	b.doc.Park = &store.Park{Name: "株洲高新区（天元区）", Brand: "跟党一起创业"}
	for _, e := range b.ents {
		b.doc.Enterprises = append(b.doc.Enterprises, e.rec)
	}
	for _, o := range b.orgs {
		b.doc.Organizations = append(b.doc.Organizations, o.rec)
	}
	return &b.doc
}

// ---- enterprises -------------------------------------------------------

// The cohorts of enterprises. The letters are only the build's bookkeeping.
const (
	cohortMature   = "A" // mature enterprises, most with party organisations of long standing
	cohortGrowth   = "B" // growth-stage enterprises, the pool of 专精特新 designations
	cohort2022     = "C" // start-ups covered by organisations formed in 2022
	cohort2023     = "D" // start-ups covered by organisations formed in 2023
	cohortLateJoin = "D'"
	cohort2024     = "E" // start-ups covered by organisations formed in 2024
	cohortLedger   = "F" // start-ups on the survey ledger, not yet covered
)

// matureOrgs are the party organisations of mature enterprises, each with
// the brand it created (the first three are the article's).
var matureOrgs = []struct {
	kind, sector, brand string
	subsidiary          bool // the committee also covers a subsidiary
}{
	{interchange.KindCommittee, "新能源", "锂电先锋", true},
	{interchange.KindCommittee, "电子信息", "红创未来", false},
	{interchange.KindCommittee, "新材料", "科瑞三聚", false},
	{interchange.KindCommittee, "轨道交通", "轨道红芯", true},
	{interchange.KindCommittee, "新材料", "硬核先锋", false},
	{interchange.KindCommittee, "智能装备", "匠心向党", false},
	{interchange.KindGeneralBranch, "工业软件", "云端党建", false},
	{interchange.KindGeneralBranch, "生物医药", "仁心药谷", false},
	{interchange.KindGeneralBranch, "电子信息", "红帆领航", false},
	{interchange.KindBranch, "新能源", "绿能星火", false},
	{interchange.KindBranch, "智能装备", "智造先锋岗", false},
	{interchange.KindBranch, "轨道交通", "红色动力舱", false},
	{interchange.KindBranch, "电子信息", "微光成炬", false},
}

const (
	matureWithoutOrg = 8  // mature enterprises with no party organisation of their own
	growthCount      = 99 // growth-stage enterprises
	count2022        = 24 // start-ups covered in 2022
	count2023        = startupsCovered2023
	count2024        = 24
	ledgerCount      = 12
)

func (b *builder) enterprises() {
	r := b.rand("enterprises")
	b.cohorts = map[string][]*enterprise{}
	add := func(cohort, sector string, founded time.Time) *enterprise {
		e := &enterprise{cohort: cohort, founded: founded}
		e.rec.Sector = sector
		e.rec.Founded = fake.Day(founded)
		b.ents = append(b.ents, e)
		b.cohorts[cohort] = append(b.cohorts[cohort], e)
		return e
	}
	anySector := func() string { return fake.Pick(r, fake.Sectors) }

	// 立方: only what the article says — a mature new-energy enterprise.
	b.lifang = &enterprise{cohort: cohortMature}
	b.lifang.rec = store.Enterprise{Name: LifangName, Stage: interchange.StageMature, Sector: "新能源"}
	b.ents = append(b.ents, b.lifang)

	for _, m := range matureOrgs {
		add(cohortMature, m.sector, r.DateBetween(fake.Date(2003, 1, 1), fake.Date(2013, 12, 31)))
		if m.subsidiary {
			add(cohortMature, m.sector, r.DateBetween(fake.Date(2008, 1, 1), fake.Date(2014, 12, 31)))
		}
	}
	for range matureWithoutOrg {
		add(cohortMature, anySector(), r.DateBetween(fake.Date(2005, 1, 1), fake.Date(2014, 12, 31)))
	}
	for _, e := range b.cohorts[cohortMature] {
		e.growthSince = r.DateBetween(e.founded.AddDate(2, 0, 0), e.founded.AddDate(4, 0, 0))
		e.matureSince = r.DateBetween(e.growthSince.AddDate(5, 0, 0), e.growthSince.AddDate(7, 0, 0))
		if e.matureSince.After(fake.Date(2021, 6, 30)) {
			e.matureSince = r.DateBetween(fake.Date(2020, 1, 1), fake.Date(2021, 6, 30))
		}
		e.rec.Employees = new(r.Between(300, 2600))
	}

	for range growthCount {
		e := add(cohortGrowth, anySector(), r.DateBetween(fake.Date(2012, 1, 1), fake.Date(2019, 6, 30)))
		e.growthSince = r.DateBetween(e.founded.AddDate(1, 6, 0), fake.Date(2021, 9, 30))
		e.rec.Employees = new(r.Between(45, 420))
	}

	// Start-ups, founded well before the organisation that will cover them.
	for range count2022 {
		add(cohort2022, anySector(), r.DateBetween(fake.Date(2019, 3, 1), fake.Date(2021, 8, 31)))
	}
	for range count2023 {
		add(cohort2023, anySector(), r.DateBetween(fake.Date(2020, 3, 1), fake.Date(2022, 9, 30)))
	}
	add(cohortLateJoin, anySector(), fake.Date(2019, 11, 12))
	for range count2024 {
		add(cohort2024, anySector(), r.DateBetween(fake.Date(2021, 3, 1), fake.Date(2023, 9, 30)))
	}
	for range ledgerCount {
		add(cohortLedger, anySector(), r.DateBetween(fake.Date(2021, 5, 1), fake.Date(2024, 6, 30)))
	}

	// Start-ups that grew. In 2022's cohort ten have grown since; in 2023's,
	// nine grew in 2024 and one in June 2023, after its joint branch was
	// formed in March: all ten still count as start-ups covered in 2023.
	// The late joiner grew in May 2023, before its joint branch was formed,
	// so it does not.
	for _, e := range b.cohorts[cohort2022][4:14] {
		e.growthSince = r.DateBetween(fake.Date(2023, 3, 1), fake.Date(2024, 10, 31))
	}
	for _, e := range b.cohorts[cohort2023][10:19] {
		e.growthSince = r.DateBetween(fake.Date(2024, 1, 15), fake.Date(2024, 11, 30))
	}
	b.cohorts[cohort2023][20].growthSince = fake.Date(2023, 6, 10)
	b.cohorts[cohortLateJoin][0].growthSince = fake.Date(2023, 5, 1)

	for _, e := range b.ents[1:] {
		b.describe(r, e)
	}
	// The ledger lists enterprises by founding date; 立方 comes first.
	slices.SortStableFunc(b.ents[1:], func(x, y *enterprise) int { return x.founded.Compare(y.founded) })
	for i, e := range b.ents {
		e.rec.ID = fmt.Sprintf("ent-%03d", i+1)
	}
}

// describe writes e's record from its founding and stage dates: a name,
// the stage and its history, employees and, mostly, a credit code.
func (b *builder) describe(r *fake.Rand, e *enterprise) {
	mature := e.cohort == cohortMature
	e.rec.Name = b.names.Name(e.rec.Sector, mature)
	e.rec.Stage = interchange.StageStartup
	history := []store.StageEntry{{Stage: interchange.StageStartup, Since: e.rec.Founded}}
	if !e.growthSince.IsZero() {
		e.rec.Stage = interchange.StageGrowth
		history = append(history, store.StageEntry{Stage: interchange.StageGrowth, Since: fake.Day(e.growthSince)})
	}
	if !e.matureSince.IsZero() {
		e.rec.Stage = interchange.StageMature
		history = append(history, store.StageEntry{Stage: interchange.StageMature, Since: fake.Day(e.matureSince)})
	}
	// A history of one entry says no more than stage; most start-ups
	// that never changed stage are recorded without one.
	if len(history) > 1 || r.Chance(0.3) {
		e.rec.StageHistory = history
	}
	if e.rec.Employees == nil {
		e.rec.Employees = new(r.Between(8, 60))
	}
	// A few enterprises were entered without a credit code.
	if r.Chance(0.95) {
		e.rec.CreditCode = fake.CreditCode(r.Uint64()%887_503_681, e.founded.Year() < 2016)
	}
}
