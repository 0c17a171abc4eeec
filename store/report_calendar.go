package store

import (
	"slices"
	"time"
)

// ReportCalendar is which years the portal reports on, as of one day. Its
// years run without gaps from the first year with records to the year in
// progress: a year without records has a report of zeros, not a hole in
// every list and chart. The reporting year, which public pages headline, is
// the last complete calendar year; the year in progress is shown only as
// such, with the day its figures run to.
type ReportCalendar struct {
	Years []int     // ascending, first year with records through Today's year; none without records
	Today time.Time // the day the calendar is for: midnight in ChinaTime
}

// newReportCalendar is the calendar on today for records whose first year
// is first (0: no records). Records dated after the year in progress give
// it no years: a report is for a year that has begun.
func newReportCalendar(first int, today time.Time) ReportCalendar {
	c := ReportCalendar{Today: DayOf(today)}
	for y := first; first > 0 && y <= c.Today.Year(); y++ {
		c.Years = append(c.Years, y)
	}
	return c
}

// Current is the year in progress.
func (c ReportCalendar) Current() int { return c.Today.Year() }

// InProgress reports whether year is the year in progress, whose figures
// run only to Today.
func (c ReportCalendar) InProgress(year int) bool { return year == c.Today.Year() }

// Has reports whether year has a report: it lies between the first year
// with records and the year in progress.
func (c ReportCalendar) Has(year int) bool {
	return len(c.Years) > 0 && year >= c.Years[0] && year <= c.Years[len(c.Years)-1]
}

// ReportingYear is the year the portal reports on by default: the last
// complete calendar year; the year in progress when the records begin in
// it (so that a new park headlines its own records, labelled as the year
// in progress); 0 without records.
func (c ReportCalendar) ReportingYear() int {
	switch {
	case len(c.Years) == 0:
		return 0
	case c.Has(c.Current() - 1):
		return c.Current() - 1
	}
	return c.Current()
}

// Until is the calendar's years up to and including year, the last n of
// them (n ≤ 0: all), oldest first.
func (c ReportCalendar) Until(year, n int) []int {
	i, _ := slices.BinarySearch(c.Years, year+1)
	years := c.Years[:i]
	if n > 0 && len(years) > n {
		years = years[len(years)-n:]
	}
	return slices.Clone(years)
}
