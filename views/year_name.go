package views

import (
	"strconv"
	"time"
)

// YearName is a report's year as the pages name it. A complete year is
// "2025年"; the year in progress is always named with the day its figures
// run to, "2026年（截至12月6日）", so that its figures are never read as a
// whole year's.
type YearName struct {
	Year    int
	Through time.Time // the year in progress: the day its figures run to; zero for a complete year
}

// InProgress reports whether the year is not over yet.
func (y YearName) InProgress() bool { return !y.Through.IsZero() }

// String is "2025年", or "2026年（截至12月6日）" for the year in progress.
func (y YearName) String() string {
	if !y.InProgress() {
		return Year(y.Year)
	}
	return Year(y.Year) + "（" + y.Note() + "）"
}

// Note is "截至12月6日" for the year in progress, "" for a complete year.
func (y YearName) Note() string {
	if !y.InProgress() {
		return ""
	}
	return "截至" + strconv.Itoa(int(y.Through.Month())) + "月" + strconv.Itoa(y.Through.Day()) + "日"
}

// Of names something of the year: Of("报告") is "2025年度报告", or
// "2026年（截至12月6日）报告" for the year in progress.
func (y YearName) Of(what string) string {
	if !y.InProgress() {
		return Year(y.Year) + "度" + what
	}
	return y.String() + what
}

// Href is the year's report page.
func (y YearName) Href() string { return reportHref(y.Year) }
