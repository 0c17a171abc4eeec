package web

import (
	"slices"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// reportIndexKeys are the headline figures of each year in the index.
var reportIndexKeys = []string{"incubation.startups_covered", "uplift.members_developed", "brand.benchmarks_city_or_above"}

// showReportListPage lists the years that have records, newest first: the
// latest with their headline figures, the earlier ones by name. Queries:
// the years and one report per recent year.
func (s *Server) showReportListPage(c echo.Context) (publicPage, error) {
	ctx := c.Request().Context()
	series, err := s.reportSeries(ctx, 0, chartYears)
	if err != nil {
		return publicPage{}, err
	}
	var v views.ReportListView
	for _, r := range slices.Backward(series) {
		v.Years = append(v.Years, views.ReportYearItem{Year: r.Year, Stats: r.stats(reportIndexKeys...)})
	}
	years, err := s.store.ReportYears(ctx)
	if err != nil {
		return publicPage{}, err
	}
	if n := len(years) - len(series); n > 0 {
		v.Older = slices.Clone(years[:n])
		slices.Reverse(v.Older)
	}
	return publicPage{
		Title:       "年度报告",
		Description: "园区党建工作年度报告：逐年主要数据，可打印，可下载 JSON 和 CSV。",
		Content:     views.ReportListPage(v),
	}, nil
}
