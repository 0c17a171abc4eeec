package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// honourRollPageSize is how many awards a page of the honour roll lists.
const honourRollPageSize = 60

// benchmarkPage is the honour roll's page number from the query; anything
// but a number past 1 is the first.
func benchmarkPage(c echo.Context) int {
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 100000 {
		return n
	}
	return 1
}

// benchmarkKey names a page of the honour roll for the cache.
func benchmarkKey(c echo.Context) string { return benchmarkHref(benchmarkPage(c)) }

func benchmarkHref(page int) string {
	if page == 1 {
		return "/benchmarks"
	}
	return "/benchmarks?page=" + strconv.Itoa(page)
}

// showBenchmarkPage is the honour roll: the awards by year and level, a
// page at a time, with the organisations' names and enterprises, under
// the figures of all of them. Queries: the figures, the page's awards and
// their organisations' enterprises.
func (s *Server) showBenchmarkPage(c echo.Context) (publicPage, error) {
	ctx := c.Request().Context()
	sum, err := s.store.AwardSummary(ctx)
	if err != nil {
		return publicPage{}, err
	}
	page := benchmarkPage(c)
	pages := max(1, (sum.Awards+honourRollPageSize-1)/honourRollPageSize)
	if page > pages {
		return publicPage{}, echo.ErrNotFound
	}
	awards, err := s.store.AwardRoll(ctx, (page-1)*honourRollPageSize, honourRollPageSize)
	if err != nil {
		return publicPage{}, err
	}
	v := views.BenchmarkView{Pager: pager(page, pages, benchmarkHref)}
	for i, a := range awards {
		item := awardItems(awards[i : i+1])[0]
		if len(v.Years) == 0 || v.Years[len(v.Years)-1].Year != a.Year {
			v.Years = append(v.Years, views.AwardYear{Year: a.Year})
		}
		y := &v.Years[len(v.Years)-1]
		if len(y.Levels) == 0 || y.Levels[len(y.Levels)-1].Level != item.Level {
			y.Levels = append(y.Levels, views.AwardLevel{Level: item.Level})
		}
		l := &y.Levels[len(y.Levels)-1]
		l.Awards = append(l.Awards, item)
	}
	if sum.Awards > 0 {
		v.Stats = []views.Stat{
			{Key: "benchmarks_city_or_above", Value: views.Count(sum.CityOrAbove, "家"), Label: "市级以上标杆党组织",
				Note: "截至" + views.Year(sum.LatestYear)},
			{Key: "shuangqiang_liuhao", Value: views.Count(sum.Shuangqiang, "家"), Label: "“双强六好”党组织"},
			{Key: "awards", Value: views.Count(sum.Awards, "项"), Label: "荣誉总数"},
		}
	}
	title := "标杆荣誉"
	if page > 1 {
		title += "（第" + strconv.Itoa(page) + "页）"
	}
	return publicPage{
		Title:       title,
		Description: "园区市级以上标杆党组织、“双强六好”企业党组织等荣誉，按年度和级别排列。",
		Content:     views.BenchmarkPage(v),
	}, nil
}
