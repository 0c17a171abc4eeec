package web

import (
	"context"
	"strconv"

	"parkportal/store"
	"parkportal/views"
)

// reportYear is one year's report, flattened for lookups by key.
type reportYear struct {
	Year   int
	Name   views.YearName // labelled with its day when it is the year in progress
	Report store.Report
	Flat   []figureValue
	byKey  map[string]*float64
}

func (r reportYear) value(key string) *float64 { return r.byKey[key] }

func (r reportYear) int(key string) int {
	if v := r.byKey[key]; v != nil {
		return int(*v)
	}
	return 0
}

func newReportYear(cal store.ReportCalendar, r store.Report) (reportYear, error) {
	flat, err := flattenReport(r)
	if err != nil {
		return reportYear{}, err
	}
	ry := reportYear{Year: r.Year, Name: yearName(cal, r.Year), Report: r, Flat: flat, byKey: map[string]*float64{}}
	for _, f := range flat {
		ry.byKey[f.Key] = f.Value
	}
	return ry, nil
}

// yearName names a year of the calendar as pages show it: the year in
// progress always with the day its figures run to.
func yearName(cal store.ReportCalendar, year int) views.YearName {
	if cal.InProgress(year) {
		return views.YearName{Year: year, Through: cal.Today}
	}
	return views.YearName{Year: year}
}

// report is one year's report, named on the calendar.
func (s *Server) report(ctx context.Context, cal store.ReportCalendar, year int) (reportYear, error) {
	r, err := s.store.Report(ctx, year)
	if err != nil {
		return reportYear{}, err
	}
	return newReportYear(cal, r)
}

// chartYears is how many years the charts over the years show: the latest
// ones, so that a park with old records still gets readable charts.
const chartYears = 5

// reportSeries computes the reports of the calendar's last `last` years (0:
// all of them) up to and including until, oldest first and without gaps (a
// year without records is a report of zeros): those the report cache does
// not hold are read together, in one read transaction of a few queries.
// Public pages are cached, so this runs once per change of the records or
// of the day.
func (s *Server) reportSeries(ctx context.Context, cal store.ReportCalendar, until, last int) ([]reportYear, error) {
	rs, err := s.store.Reports(ctx, cal.Until(until, last))
	if err != nil {
		return nil, err
	}
	out := make([]reportYear, 0, len(rs))
	for _, r := range rs {
		ry, err := newReportYear(cal, r)
		if err != nil {
			return nil, err
		}
		out = append(out, ry)
	}
	return out, nil
}

// stat is one figure of a report as a key figure.
func (r reportYear) stat(key string) views.Stat {
	return views.Stat{Key: key, Value: formatFigure(key, r.value(key)), Label: figureDefinition(key).Label}
}

func (r reportYear) stats(keys ...string) []views.Stat {
	out := make([]views.Stat, len(keys))
	for i, k := range keys {
		out[i] = r.stat(k)
	}
	return out
}

// seriesFigure charts one figure over the years, highlighting current, with
// a table of that figure and of the extra columns.
func seriesFigure(series []reportYear, current int, chartKey string, tableKeys ...string) views.Figure {
	d := figureDefinition(chartKey)
	unit := d.Unit
	chart := views.BarChart{Title: d.Label + "（" + unitName(unit) + "）"}
	if len(tableKeys) == 0 {
		tableKeys = []string{chartKey}
	}
	table := views.Table{Caption: d.Label + "：逐年数据", Head: []string{"年度"}}
	for _, k := range tableKeys {
		table.Head = append(table.Head, figureDefinition(k).Label)
	}
	for _, r := range series {
		v := r.value(chartKey)
		x := 0.0
		if v != nil {
			x = *v
		}
		chart.Bars = append(chart.Bars, views.Bar{
			Label: strconv.Itoa(r.Year), Value: x, Text: formatFigure(chartKey, v), Highlight: r.Year == current,
			Note: r.Name.Note(),
		})
		row := views.TableRow{Head: r.Name.String()}
		for _, k := range tableKeys {
			row.Cells = append(row.Cells, formatFigure(k, r.value(k)))
		}
		table.Rows = append(table.Rows, row)
	}
	return views.Figure{Chart: chart, Table: table}
}

func unitName(unit string) string {
	if unit == "%" {
		return "百分比"
	}
	return unit
}
