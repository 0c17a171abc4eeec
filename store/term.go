package store

import "time"

// Terms of party organisations (换届). The ledger keeps no election dates:
// terms are counted from the formation date, a renewal held assumed on
// time.

// TermYears is how long a term lasts: five years for a committee, three
// for a branch, joint branch or general branch.
func TermYears(kind string) int {
	if kind == "committee" {
		return 5
	}
	return 3
}

// TermEnd is the end of the term running on today and whether it falls
// within six months; ok is false when formed is not a date.
func TermEnd(formed, kind string, today time.Time) (end time.Time, soon, ok bool) {
	f, ok := ParseDate(formed)
	if !ok {
		return time.Time{}, false, false
	}
	end = f
	for !end.After(today) {
		end = AddYears(end, TermYears(kind))
	}
	return end, today.AddDate(0, 6, 0).After(end), true
}
