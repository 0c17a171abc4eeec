package park

import (
	"cmp"
	"slices"
	"time"

	"parkportal/store"
	"parkportal/store/demo/internal/fake"
)

// surveys writes the "三有" ledger: staff survey start-ups each year while
// they are start-ups. Before a party organisation is formed the last survey
// meets all three criteria; the ledger's uncovered start-ups mostly do not
// yet.
func (b *builder) surveys() {
	ents := b.inCohorts(cohort2022, cohort2023, cohortLateJoin, cohort2024, cohortLedger)
	b.doc.Surveys = b.survey(b.rand("surveys"), ents, 2022, 2024, firstExport, 0.35)
}

// survey returns the surveys of ents, start-ups, in the years first to
// final, none after until, in order of date; a survey of a start-up that
// no organisation covers meets 三有 with the chance uncovered.
func (b *builder) survey(r *fake.Rand, ents []*enterprise, first, final int, until time.Time, uncovered float64) []store.Survey {
	var out []store.Survey
	for _, e := range ents {
		covered := e.coveredOn()
		end := until
		if !e.growthSince.IsZero() {
			end = e.growthSince.AddDate(0, 0, -1)
		}
		start := later(e.founded.AddDate(0, 2, 0), fake.Date(first, 1, 5))
		for y := first; y <= final; y++ {
			from := later(start, fake.Date(y, 1, 1))
			to := earlier(end, fake.Date(y, 12, 20))
			var n int
			var qualify func(last bool) bool
			switch {
			case !covered.IsZero() && covered.Year() == y:
				// The year the organisation was formed: surveyed first.
				to = earlier(to, covered.AddDate(0, 0, -10))
				n = r.Between(1, 2)
				qualify = func(last bool) bool { return last || r.Chance(0.5) }
			case !covered.IsZero() && covered.Year() < y:
				// Covered already: a yearly visit, sometimes.
				if r.Chance(0.6) {
					n = 1
				}
				qualify = func(bool) bool { return r.Chance(0.9) }
			case !covered.IsZero():
				// Before the year of formation: on the ledger, growing.
				n = 1
				qualify = func(bool) bool { return r.Chance(0.5) }
			default:
				n = r.Between(1, 2)
				qualify = func(bool) bool { return r.Chance(uncovered) }
			}
			if from.After(to) || n == 0 {
				continue
			}
			dates := make([]time.Time, n)
			for i := range dates {
				dates[i] = r.DateBetween(from, to)
			}
			slices.SortFunc(dates, time.Time.Compare)
			for i, d := range dates {
				s := store.Survey{Enterprise: e.id(), Date: fake.Day(d), FixedPremises: true, Operating: true}
				if qualify(i == n-1) {
					s.Employees = r.Between(10, 42)
				} else {
					switch r.IntN(5) {
					case 0:
						s.FixedPremises = false
						s.Employees = r.Between(6, 15)
					case 1:
						s.Operating = false
						s.Employees = r.Between(3, 12)
					default:
						s.Employees = r.Between(3, 9)
					}
				}
				out = append(out, s)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y store.Survey) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Enterprise, y.Enterprise))
	})
	return out
}

// inCohorts returns the enterprises of cohorts, in the ledger's order.
func (b *builder) inCohorts(cohorts ...string) []*enterprise {
	var out []*enterprise
	for _, e := range b.ents {
		if slices.Contains(cohorts, e.cohort) {
			out = append(out, e)
		}
	}
	return out
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
