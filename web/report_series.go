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

func newReportYear(r store.Report) (reportYear, error) {
	flat, err := flattenReport(r)
	if err != nil {
		return reportYear{}, err
	}
	ry := reportYear{Year: r.Year, Report: r, Flat: flat, byKey: map[string]*float64{}}
	for _, f := range flat {
		ry.byKey[f.Key] = f.Value
	}
	return ry, nil
}

// chartYears is how many years the charts over the years show: the latest
// ones, so that a park with old records still gets readable charts.
const chartYears = 5

// reportSeries computes the reports of the last `last` years that have
// records (0: all of them), up to and including until (0: the latest),
// oldest first: one query for the years and one report (a handful of
// aggregate queries) per year shown. Public pages are cached, so this runs
// once per change of the records.
func (s *Server) reportSeries(ctx context.Context, until, last int) ([]reportYear, error) {
	all, err := s.store.ReportYears(ctx)
	if err != nil {
		return nil, err
	}
	var years []int
	for _, y := range all {
		if until == 0 || y <= until {
			years = append(years, y)
		}
	}
	if last > 0 && len(years) > last {
		years = years[len(years)-last:]
	}
	var out []reportYear
	for _, y := range years {
		r, err := s.store.Report(ctx, y)
		if err != nil {
			return nil, err
		}
		ry, err := newReportYear(r)
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
		})
		row := views.TableRow{Head: views.Year(r.Year)}
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
