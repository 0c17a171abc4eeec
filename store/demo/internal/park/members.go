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

// developed is how many people each year's branches admitted as probationary
// members (发展党员), and how many of them are managers or investors.
var developed = []struct{ year, total, management int }{
	{2022, 41, 25},
	{2023, membersDeveloped2023, managementDeveloped23},
	{2024, 52, 33},
}

// pipelineCount is how many people are applicants, activists or development
// targets at the end of the ledger.
const pipelineCount = 30

func (b *builder) members() {
	r := b.rand("members")
	var members []store.Member
	add := func(o *organization, e *enterprise, p fake.Path, management bool) string {
		m := store.Member{
			Name:         b.people.Name(),
			Birth:        fake.Day(p.Birth),
			Organization: o.id(),
			Enterprise:   e.id(),
			Management:   management,
		}
		m.Applied, m.Activist, m.Candidate, m.Probationary, m.Full = p.Dates()
		members = append(members, m)
		return m.Name
	}
	// enterpriseOf picks the member's enterprise among those the
	// organisation covers, one that existed when they applied if any did.
	enterpriseOf := func(o *organization, applied time.Time) *enterprise {
		var existing []*enterprise
		for _, e := range o.ents {
			if e.founded.Before(applied) {
				existing = append(existing, e)
			}
		}
		if len(existing) == 0 {
			return o.ents[0]
		}
		return fake.Pick(r, existing)
	}
	// orgOn picks an organisation formed on or before day t; committees and
	// general branches, being larger, develop more members.
	orgOn := func(t time.Time) *organization {
		var pool []*organization
		for _, o := range b.orgs {
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
		return fake.Pick(r, pool)
	}

	// Each organisation's secretary is a full member of long standing, made
	// full before the organisation was formed and admitted before 2022 so as
	// not to count among any year's new members.
	for _, o := range b.orgs {
		latest := o.formed.AddDate(-1, 0, -60)
		if limit := fake.Date(2021, 6, 30); latest.After(limit) {
			latest = limit
		}
		management := r.Chance(0.8)
		p := r.FullBy(latest.AddDate(-8, 0, 0), latest, management)
		o.rec.Secretary = add(o, o.ents[0], p, management)
	}

	for _, d := range developed {
		flags := make([]bool, d.total)
		for i := range d.management {
			flags[i] = true
		}
		fake.Shuffle(r, flags)
		for _, management := range flags {
			p := r.DevelopedOn(r.DateIn(d.year, AsOf), AsOf, management)
			o := orgOn(p.Candidate)
			add(o, enterpriseOf(o, p.Applied), p, management)
		}
	}

	for range pipelineCount {
		applied := r.DateBetween(fake.Date(2022, 1, 10), fake.Date(2024, 11, 30))
		management := r.Chance(0.4)
		o := orgOn(applied)
		add(o, enterpriseOf(o, applied), r.Pipeline(applied, AsOf, management), management)
	}

	slices.SortStableFunc(members, func(x, y store.Member) int {
		return cmp.Or(cmp.Compare(x.Applied, y.Applied), cmp.Compare(x.Name, y.Name))
	})
	for i := range members {
		members[i].ID = fmt.Sprintf("mem-%03d", i+1)
	}
	b.doc.Members = members
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
	r := b.rand("founders")
	next := len(b.doc.Members)
	for _, o := range b.orgs {
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
