package fake

import "time"

// Path is the dates of one person's road to party membership; a zero date is
// a stage not reached. Every path made here keeps the development rules: the
// stages in order, a full year and more from activist to candidate and from
// probationary to full, and at least 18 years of age on applying (20 and
// more here). No date falls on 29 February.
type Path struct {
	Birth, Applied, Activist, Candidate, Probationary, Full time.Time
}

// Dates returns the five stage dates as YYYY-MM-DD, empty where not reached.
func (p Path) Dates() (applied, activist, candidate, probationary, full string) {
	f := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return Day(t)
	}
	return f(p.Applied), f(p.Activist), f(p.Candidate), f(p.Probationary), f(p.Full)
}

// earlier and later step off 29 February in the direction that only widens
// the gaps the rules care about.
func earlier(t time.Time) time.Time {
	if t.Month() == time.February && t.Day() == 29 {
		return t.AddDate(0, 0, -1)
	}
	return t
}

func later(t time.Time) time.Time {
	if t.Month() == time.February && t.Day() == 29 {
		return t.AddDate(0, 0, 1)
	}
	return t
}

// birthFor returns a birth date that makes the person a plausible age on
// applied: 26–45 for managers, 20–32 for others.
func (r *Rand) birthFor(applied time.Time, management bool) time.Time {
	age := r.Between(20, 32)
	if management {
		age = r.Between(26, 45)
	}
	return earlier(applied.AddDate(-age, 0, -r.IntN(330)))
}

// DevelopedOn returns the path of a person admitted as a probationary member
// on probationary; the full date is set when it falls on or before last.
func (r *Rand) DevelopedOn(probationary, last time.Time, management bool) Path {
	p := Path{Probationary: earlier(probationary)}
	p.Candidate = earlier(p.Probationary.AddDate(0, 0, -r.Between(30, 300)))
	p.Activist = earlier(p.Candidate.AddDate(-1, 0, -r.Between(10, 200)))
	p.Applied = earlier(p.Activist.AddDate(0, 0, -r.Between(30, 400)))
	p.Birth = r.birthFor(p.Applied, management)
	if full := later(p.Probationary.AddDate(1, 0, r.Between(1, 60))); !full.After(last) {
		p.Full = full
	}
	return p
}

// FullAfter returns the day a probationary member admitted on
// probationary is made full: a branch meeting within two months after
// the probationary year.
func (r *Rand) FullAfter(probationary time.Time) time.Time {
	return later(probationary.AddDate(1, 0, r.Between(1, 60)))
}

// FullBy returns the path of a full member admitted as probationary no later
// than latest and made full within the following 13 months.
func (r *Rand) FullBy(from, latest time.Time, management bool) Path {
	p := r.DevelopedOn(r.DateBetween(from, latest), time.Time{}, management)
	p.Full = later(p.Probationary.AddDate(1, 0, r.Between(1, 30)))
	return p
}

// Pipeline returns the path of a person who applied on applied and, by last,
// may have become an activist and a development target but not yet a
// probationary member.
func (r *Rand) Pipeline(applied, last time.Time, management bool) Path {
	p := Path{Applied: earlier(applied)}
	p.Birth = r.birthFor(p.Applied, management)
	if r.Chance(0.2) {
		return p
	}
	if act := earlier(p.Applied.AddDate(0, 0, r.Between(30, 300))); !act.After(last) {
		p.Activist = act
	} else {
		return p
	}
	if cand := earlier(p.Activist.AddDate(1, 0, r.Between(10, 120))); !cand.After(last) && r.Chance(0.7) {
		p.Candidate = cand
	}
	return p
}
