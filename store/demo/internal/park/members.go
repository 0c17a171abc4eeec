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

type developedYear struct{ year, total, management int }

// developed is how many people each year's branches admitted as probationary
// members (发展党员), and how many of them are managers or investors.
var developed = []developedYear{
	{2022, 41, 25},
	{2023, membersDeveloped2023, managementDeveloped23},
	{2024, 52, 33},
}

// pipelineCount is how many people are applicants, activists or development
// targets at the end of the ledger.
const pipelineCount = 30

// memberMaker makes members with one section's random source.
type memberMaker struct {
	b   *builder
	r   *fake.Rand
	out []store.Member
}

// add makes a member of o working at e on path p and returns the name.
func (m *memberMaker) add(o *organization, e *enterprise, p fake.Path, management bool) string {
	mem := store.Member{
		Name:         m.b.people.Name(),
		Birth:        fake.Day(p.Birth),
		Organization: o.id(),
		Enterprise:   e.id(),
		Management:   management,
	}
	mem.Applied, mem.Activist, mem.Candidate, mem.Probationary, mem.Full = p.Dates()
	m.out = append(m.out, mem)
	return mem.Name
}

// enterpriseOf picks the member's enterprise among those the organisation
// covers, one that existed when they applied if any did.
func (m *memberMaker) enterpriseOf(o *organization, applied time.Time) *enterprise {
	var existing []*enterprise
	for _, e := range o.ents {
		if e.founded.Before(applied) {
			existing = append(existing, e)
		}
	}
	if len(existing) == 0 {
		return o.ents[0]
	}
	return fake.Pick(m.r, existing)
}

// orgOn picks an organisation formed on or before day t; committees and
// general branches, being larger, develop more members.
func (m *memberMaker) orgOn(t time.Time) *organization {
	var pool []*organization
	for _, o := range m.b.orgs {
		if o.formed.After(t) {
			continue
		}
		weight := 2
		switch o.rec.Kind {
		case interchange.KindCommittee:
			weight = 5
		case interchange.KindGeneralBranch:
			weight = 3
		}
		for range weight {
			pool = append(pool, o)
		}
	}
	return fake.Pick(m.r, pool)
}

// secretaries gives each of orgs its secretary: a full member of long
// standing, made full before the organisation was formed and admitted
// before 2022 so as not to count among any year's new members.
func (m *memberMaker) secretaries(orgs []*organization) {
	for _, o := range orgs {
		latest := o.formed.AddDate(-1, 0, -60)
		if limit := fake.Date(2021, 6, 30); latest.After(limit) {
			latest = limit
		}
		management := m.r.Chance(0.8)
		p := m.r.FullBy(latest.AddDate(-8, 0, 0), latest, management)
		o.rec.Secretary = m.add(o, o.ents[0], p, management)
	}
}

// develop admits each year's probationary members, as many as d says, on
// days up to last.
func (m *memberMaker) develop(years []developedYear, last time.Time) {
	r := m.r
	for _, d := range years {
		flags := make([]bool, d.total)
		for i := range d.management {
			flags[i] = true
		}
		fake.Shuffle(r, flags)
		for _, management := range flags {
			p := r.DevelopedOn(r.DateIn(d.year, last), last, management)
			o := m.orgOn(p.Candidate)
			m.add(o, m.enterpriseOf(o, p.Applied), p, management)
		}
	}
}

// pipeline adds n people who applied between from and to and are, by last,
// applicants, activists or development targets.
func (m *memberMaker) pipeline(n int, from, to, last time.Time) {
	r := m.r
	for range n {
		applied := r.DateBetween(from, to)
		management := r.Chance(0.4)
		o := m.orgOn(applied)
		m.add(o, m.enterpriseOf(o, applied), r.Pipeline(applied, last, management), management)
	}
}

// numbered returns the members made, in order of application, with ids
// after the first of next.
func (m *memberMaker) numbered(next int) []store.Member {
	slices.SortStableFunc(m.out, func(x, y store.Member) int {
		return cmp.Or(cmp.Compare(x.Applied, y.Applied), cmp.Compare(x.Name, y.Name))
	})
	for i := range m.out {
		m.out[i].ID = fmt.Sprintf("mem-%03d", next+i+1)
	}
	return m.out
}

func (b *builder) members() {
	m := &memberMaker{b: b, r: b.rand("members")}
	m.secretaries(b.orgs)
	m.develop(developed, firstExport)
	m.pipeline(pipelineCount, fake.Date(2022, 1, 10), fake.Date(2024, 11, 30), firstExport)
	b.doc.Members = m.numbered(0)
}

// foundersPerBranch is how many full members each branch and joint branch
// has from its formation besides its secretary: a branch needs three (党支部
// 须有三名以上正式党员).
const foundersPerBranch = 2

// founders gives every branch and joint branch the full members a branch
// needs from its formation: besides its secretary, two full members of long
// standing (admitted before 2022, so that they count among no year's new
// members) working at its enterprises. They are made last, with their own
// random source and ids after the others', so that the rest of the park
// stays as it was.
func (b *builder) founders() {
	b.found(b.rand("founders"), b.orgs)
}

// found gives each branch and joint branch of orgs its two founding full
// members, with ids after the members made so far.
func (b *builder) found(r *fake.Rand, orgs []*organization) {
	next := len(b.doc.Members)
	for _, o := range orgs {
		if o.rec.Kind != interchange.KindBranch && o.rec.Kind != interchange.KindJointBranch {
			continue
		}
		latest := o.formed.AddDate(-1, 0, -60)
		if limit := fake.Date(2021, 6, 30); latest.After(limit) {
			latest = limit
		}
		for i := range foundersPerBranch {
			management := r.Chance(0.5)
			p := r.FullBy(latest.AddDate(-8, 0, 0), latest, management)
			next++
			m := store.Member{
				ID:           fmt.Sprintf("mem-%03d", next),
				Name:         b.people.Name(),
				Birth:        fake.Day(p.Birth),
				Organization: o.id(),
				Enterprise:   o.ents[(i+1)%len(o.ents)].id(),
				Management:   management,
			}
			m.Applied, m.Activist, m.Candidate, m.Probationary, m.Full = p.Dates()
			b.doc.Members = append(b.doc.Members, m)
		}
	}
}
