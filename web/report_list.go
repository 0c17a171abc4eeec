package web

import (
	"slices"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// reportIndexKeys are the headline figures of each year in the index.
var reportIndexKeys = []string{"incubation.startups_covered", "uplift.members_developed", "brand.benchmarks_city_or_above"}

// showReportListPage lists the report years, newest first from the
// reporting year (the last complete one): the latest with their headline
// figures, then the year in progress apart and labelled, then the earlier
// years by name. Queries: the calendar and one report per year with
// figures.
func (s *Server) showReportListPage(c echo.Context) (publicPage, error) {
	ctx := c.Request().Context()
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return publicPage{}, err
	}
	series, err := s.reportSeries(ctx, cal, cal.ReportingYear(), chartYears)
	if err != nil {
		return publicPage{}, err
	}
	var v views.ReportListView
	for _, r := range slices.Backward(series) {
		if !cal.InProgress(r.Year) {
			v.Years = append(v.Years, views.ReportYearItem{Year: r.Name, Stats: r.stats(reportIndexKeys...)})
		}
	}
	if cur := cal.Current(); cal.Has(cur) {
		r, err := s.report(ctx, cal, cur)
		if err != nil {
			return publicPage{}, err
		}
		v.Current = &views.ReportYearItem{Year: r.Name, Stats: r.stats(reportIndexKeys...)}
	}
	if len(series) > 0 {
		for _, y := range slices.Backward(cal.Until(series[0].Year-1, 0)) {
			v.Older = append(v.Older, yearName(cal, y))
		}
	}
	return publicPage{
		Title:       "年度报告",
		Description: "园区党建工作年度报告：逐年主要数据，可打印，可下载 JSON 和 CSV。",
		Content:     views.ReportListPage(v),
	}, nil
}
