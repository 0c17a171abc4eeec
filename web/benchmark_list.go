package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// showBenchmarkPage is the honour roll: every award by year and level, with
// the organisations' names and enterprises. Queries: the awards and their
// organisations' enterprises.
func (s *Server) showBenchmarkPage(c echo.Context) (publicPage, error) {
	awards, err := s.store.Awards(c.Request().Context())
	if err != nil {
		return publicPage{}, err
	}
	var v views.BenchmarkView
	cityOrAbove, shuangqiang := map[string]bool{}, map[string]bool{}
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
		switch {
		case a.Kind == "benchmark_org" && a.Level != "district":
			cityOrAbove[a.Organization.Name] = true
		case a.Kind == "shuangqiang_liuhao":
			shuangqiang[a.Organization.Name] = true
		}
	}
	if len(awards) > 0 {
		v.Stats = []views.Stat{
			{Key: "benchmarks_city_or_above", Value: views.Count(len(cityOrAbove), "家"), Label: "市级以上标杆党组织",
				Note: "截至" + views.Year(awards[0].Year)},
			{Key: "shuangqiang_liuhao", Value: views.Count(len(shuangqiang), "家"), Label: "“双强六好”党组织"},
			{Key: "awards", Value: views.Count(len(awards), "项"), Label: "荣誉总数"},
		}
	}
	return publicPage{
		Title:       "标杆荣誉",
		Description: "园区市级以上标杆党组织、“双强六好”企业党组织等荣誉，按年度和级别排列。",
		Content:     views.BenchmarkPage(v),
	}, nil
}
