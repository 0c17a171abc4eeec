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

// staffGroup is a number of staff who started between sinceFrom and
// sinceTo.
type staffGroup struct {
	count              int
	sinceFrom, sinceTo time.Time
	ended              int // of count, how many have left, between untilFrom and untilTo
	untilFrom, untilTo time.Time
}

// staffGroups are the park's specialists and instructors by the span of
// their service. In 2023, 84 serve: 69 of long standing, 12 who started in
// 2023 and 3 who left during 2023; those who left in 2021 or 2022 do not
// count, nor do those who started in 2024.
var staffGroups = []staffGroup{
	{69, fake.Date(2018, 3, 1), fake.Date(2022, 12, 15), 2, fake.Date(2024, 2, 1), fake.Date(2024, 11, 30)},
	{12, fake.Date(2023, 1, 9), fake.Date(2023, 11, 20), 0, time.Time{}, time.Time{}},
	{3, fake.Date(2019, 3, 1), fake.Date(2021, 9, 30), 3, fake.Date(2023, 3, 1), fake.Date(2023, 12, 15)},
	{4, fake.Date(2019, 3, 1), fake.Date(2021, 9, 30), 4, fake.Date(2022, 2, 1), fake.Date(2022, 12, 15)},
	{2, fake.Date(2018, 3, 1), fake.Date(2019, 12, 31), 2, fake.Date(2021, 3, 1), fake.Date(2021, 11, 30)},
	{5, fake.Date(2024, 1, 8), fake.Date(2024, 10, 31), 0, time.Time{}, time.Time{}},
}

func (b *builder) staff() {
	b.doc.Staff = b.hire(b.rand("staff"), staffGroups, 0)
}

// hire makes the staff of groups, in order of starting, with ids after the
// first of next.
func (b *builder) hire(r *fake.Rand, groups []staffGroup, next int) []store.Staff {
	// Staff look after start-ups and growth-stage enterprises.
	var pool []*enterprise
	for _, e := range b.ents {
		if e.rec.Stage != interchange.StageMature {
			pool = append(pool, e)
		}
	}
	var staff []store.Staff
	for _, g := range groups {
		for i := range g.count {
			s := store.Staff{Name: b.people.Name()}
			since := r.DateBetween(g.sinceFrom, g.sinceTo)
			s.Since = fake.Day(since)
			if i < g.ended {
				s.Until = fake.Day(r.DateBetween(g.untilFrom, g.untilTo))
			}
			switch roll := r.IntN(10); {
			case roll < 4:
				s.Roles = []string{interchange.RoleSpecialist}
			case roll < 7:
				s.Roles = []string{interchange.RoleInstructor}
			default:
				s.Roles = []string{interchange.RoleSpecialist, interchange.RoleInstructor}
			}
			// Assigned enterprises that existed when the person started.
			var existing []*enterprise
			for _, e := range pool {
				if e.founded.Before(since) {
					existing = append(existing, e)
				}
			}
			fake.Shuffle(r, existing)
			n := min(r.Between(2, 6), len(existing))
			assigned := existing[:n]
			slices.SortFunc(assigned, func(x, y *enterprise) int { return cmp.Compare(x.id(), y.id()) })
			for _, e := range assigned {
				s.Enterprises = append(s.Enterprises, e.id())
			}
			staff = append(staff, s)
		}
	}
	slices.SortStableFunc(staff, func(x, y store.Staff) int {
		return cmp.Or(cmp.Compare(x.Since, y.Since), cmp.Compare(x.Name, y.Name))
	})
	for i := range staff {
		staff[i].ID = fmt.Sprintf("staff-%02d", next+i+1)
	}
	return staff
}
