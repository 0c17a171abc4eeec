package park

import (
	"fmt"
	"slices"
	"time"

	"parkportal/store/demo/internal/fake"
	"parkportal/store/demo/internal/interchange"
)

// Places in the park where joint branches gather small enterprises; all are
// invented.
var jointPlaces = []string{
	"创业大厦", "科创园", "智造谷", "青创中心", "电子信息孵化基地", "众创空间",
	"新材料孵化基地", "生物医药孵化器", "数智产业园", "研发总部楼", "智能装备产业园", "双创服务中心",
}

// Labels of organisations that later sections look up.
const (
	labelSeedlingBranch = "青苗护航"          // a growth enterprise's branch, drafting a brand
	labelLegacyJoint    = "legacy-joint"  // the first joint branch of the park
	labelJoint2022      = "joint-2022"    // the first joint branch formed in 2022
	labelBranch2023     = "branch-2023"   // the first branch formed in 2023
	labelJoint2023      = "joint-2023"    // the first joint branch formed in 2023
	labelGrowthBranch   = "growth-branch" // the second growth-stage branch of long standing
)

// orgMaker forms organisations with one section's random source.
type orgMaker struct {
	b *builder
	r *fake.Rand
}

// add forms an organisation of kind on formed covering ents; label, if
// any, is how later sections look it up.
func (m orgMaker) add(kind string, formed time.Time, ents []*enterprise, label string) *organization {
	b, r := m.b, m.r
	for _, e := range ents {
		if !e.founded.IsZero() && !formed.After(e.founded.AddDate(0, 3, 0)) {
			panic(fmt.Sprintf("park: organisation formed %s before %s was three months old", fake.Day(formed), e.rec.Name))
		}
	}
	o := &organization{formed: formed, ents: ents}
	o.rec.Kind = kind
	o.rec.Formed = fake.Day(formed)
	for _, e := range ents {
		o.rec.Enterprises = append(o.rec.Enterprises, e.id())
	}
	slices.Sort(o.rec.Enterprises)
	switch kind {
	case interchange.KindCommittee:
		o.rec.Name = "中共" + ents[0].rec.Name + "委员会"
	case interchange.KindGeneralBranch:
		o.rec.Name = ents[0].rec.Name + "党总支"
	case interchange.KindBranch:
		o.rec.Name = ents[0].rec.Name + "党支部"
	case interchange.KindJointBranch:
		place := jointPlaces[r.IntN(len(jointPlaces))]
		for b.places[place] >= len(ordinals) {
			place = jointPlaces[r.IntN(len(jointPlaces))]
		}
		o.rec.Name = "高新区" + place + ordinals[b.places[place]] + "联合党支部"
		b.places[place]++
	}
	b.orgs = append(b.orgs, o)
	if label != "" {
		b.byLabel[label] = o
	}
	return o
}

// after returns a day in [from, to] at least a year after the youngest of
// ents was founded.
func (m orgMaker) after(ents []*enterprise, from, to time.Time) time.Time {
	for _, e := range ents {
		if y := e.founded.AddDate(1, 0, 0); y.After(from) {
			from = y
		}
	}
	if from.After(to) {
		to = from.AddDate(0, 6, 0)
	}
	return m.r.DateBetween(from, to)
}

// inMonth returns a day of month mon of year y.
func (m orgMaker) inMonth(y, mon int) time.Time { return fake.Date(y, mon, m.r.Between(3, 26)) }

// ordinals number the joint branches of one place.
var ordinals = []string{"第一", "第二", "第三", "第四"}

// number sorts the organisations formed since the first of them by
// formation, gives them ids after those before and links them to their
// enterprises.
func (b *builder) number(first int) {
	made := b.orgs[first:]
	slices.SortStableFunc(made, func(x, y *organization) int { return x.formed.Compare(y.formed) })
	for i, o := range made {
		o.rec.ID = fmt.Sprintf("org-%02d", first+i+1)
		for _, e := range o.ents {
			e.orgs = append(e.orgs, o)
		}
	}
}

func (b *builder) organizations() {
	m := orgMaker{b: b, r: b.rand("organizations")}
	b.byLabel = map[string]*organization{}
	b.places = map[string]int{}
	add, after, inMonth := m.add, m.after, m.inMonth

	// Organisations of long standing in mature enterprises.
	mature := b.cohorts[cohortMature]
	next := 0
	for _, m := range matureOrgs {
		ents := []*enterprise{mature[next]}
		next++
		if m.subsidiary {
			ents = append(ents, mature[next])
			next++
		}
		var from, to time.Time
		switch m.kind {
		case interchange.KindCommittee:
			from, to = fake.Date(2008, 1, 1), fake.Date(2016, 12, 31)
		case interchange.KindGeneralBranch:
			from, to = fake.Date(2012, 1, 1), fake.Date(2018, 12, 31)
		default:
			from, to = fake.Date(2014, 1, 1), fake.Date(2020, 12, 31)
		}
		add(m.kind, after(ents, from, to), ents, m.brand)
	}

	// Growth-stage enterprises' organisations of long standing.
	growth := b.cohorts[cohortGrowth]
	add(interchange.KindBranch, after(growth[0:1], fake.Date(2019, 3, 1), fake.Date(2019, 10, 31)), growth[0:1], labelSeedlingBranch)
	add(interchange.KindBranch, after(growth[1:2], fake.Date(2020, 3, 1), fake.Date(2020, 10, 31)), growth[1:2], labelGrowthBranch)
	add(interchange.KindJointBranch, after(growth[2:7], fake.Date(2019, 5, 1), fake.Date(2019, 12, 31)), growth[2:7], labelLegacyJoint)
	add(interchange.KindJointBranch, after(growth[7:12], fake.Date(2021, 3, 1), fake.Date(2021, 10, 31)), growth[7:12], "")

	// 2022: two branches and four joint branches; 24 start-ups covered.
	c := b.cohorts[cohort2022]
	add(interchange.KindBranch, inMonth(2022, 5), c[0:1], "")
	add(interchange.KindBranch, inMonth(2022, 9), growth[12:13], "")
	joints := []struct {
		month int
		ents  []*enterprise
	}{
		{3, append([]*enterprise{growth[13]}, c[1:6]...)},
		{6, c[6:12]},
		{8, append([]*enterprise{growth[14]}, c[12:18]...)},
		{11, c[18:24]},
	}
	for i, j := range joints {
		add(interchange.KindJointBranch, inMonth(2022, j.month), j.ents, firstLabel(i, labelJoint2022))
	}

	// 2023: the article's five branches and ten joint branches covering 55
	// start-ups. d[3] is covered twice: by a joint branch in February and by
	// its own branch in November. A growth-stage enterprise has a branch and
	// two more sit in joint branches; the late joiner had grown before its
	// joint branch was formed in September. None of them count.
	d := b.cohorts[cohort2023]
	add(interchange.KindBranch, inMonth(2023, 4), d[0:1], labelBranch2023)
	add(interchange.KindBranch, inMonth(2023, 6), d[1:2], "")
	add(interchange.KindBranch, inMonth(2023, 8), d[2:3], "")
	add(interchange.KindBranch, inMonth(2023, 11), d[3:4], "")
	add(interchange.KindBranch, inMonth(2023, 7), growth[15:16], "")
	sizes := []int{6, 6, 5, 5, 6, 5, 6, 5, 5, 6}
	first := map[int][]*enterprise{
		1: {d[20]}, // grew in June 2023, after this joint branch was formed in March
		4: {growth[16]},
		7: {b.cohorts[cohortLateJoin][0]}, // grew in May, before this one was formed in September
		8: {growth[17]},
	}
	rest := slices.Concat(d[3:20], d[21:])
	for i, size := range sizes {
		ents := first[i]
		n := size - len(ents)
		ents = append(ents, rest[:n]...)
		rest = rest[n:]
		add(interchange.KindJointBranch, inMonth(2023, i+2), ents, firstLabel(i, labelJoint2023))
	}
	if len(rest) != 0 {
		panic("park: 2023 joint branches left start-ups uncovered")
	}

	// 2024: three branches and four joint branches; 24 start-ups covered.
	e := b.cohorts[cohort2024]
	add(interchange.KindBranch, inMonth(2024, 3), e[0:1], "")
	add(interchange.KindBranch, inMonth(2024, 6), e[1:2], "")
	add(interchange.KindBranch, inMonth(2024, 9), growth[18:19], "")
	add(interchange.KindJointBranch, inMonth(2024, 4), e[2:8], "")
	add(interchange.KindJointBranch, inMonth(2024, 7), append([]*enterprise{growth[19]}, e[8:13]...), "")
	add(interchange.KindJointBranch, inMonth(2024, 10), e[13:19], "")
	add(interchange.KindJointBranch, inMonth(2024, 11), e[19:24], "")

	kinds := map[string]int{}
	for _, o := range b.formedIn(2023) {
		kinds[o.rec.Kind]++
	}
	if kinds[interchange.KindBranch] != branches2023 || kinds[interchange.KindJointBranch] != jointBranches2023 {
		panic(fmt.Sprintf("park: 2023 formed %v, want %d branches and %d joint branches", kinds, branches2023, jointBranches2023))
	}

	b.number(0)
}

// formedIn returns the organisations formed in year y.
func (b *builder) formedIn(y int) []*organization {
	var out []*organization
	for _, o := range b.orgs {
		if o.formed.Year() == y {
			out = append(out, o)
		}
	}
	return out
}

// firstLabel returns label for the first of a series (i == 0), else none.
func firstLabel(i int, label string) string {
	if i == 0 {
		return label
	}
	return ""
}
