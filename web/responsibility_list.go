package web

import (
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

const (
	responsibilityStoryLimit  = 20
	responsibilityLeaderLimit = 10
)

// showResponsibilityPage is social responsibility across the park: totals
// by kind over the years, the enterprises that did most and stories from
// the records' notes. Queries: totals by year and kind, leaders, stories.
func (s *Server) showResponsibilityPage(c echo.Context) (publicPage, error) {
	ctx := c.Request().Context()
	byYear, err := s.store.ResponsibilityByYear(ctx)
	if err != nil {
		return publicPage{}, err
	}
	var v views.ResponsibilityView
	if len(byYear) > 0 {
		// Kinds by total, largest first; years in order.
		kindTotal, kindRecords := map[string]int{}, map[string]int{}
		yearTotal := map[int]int{}
		var years []int
		cells := map[[2]string]int{}
		for _, r := range byYear {
			if _, seen := yearTotal[r.Year]; !seen {
				years = append(years, r.Year)
			}
			kindTotal[r.Kind] += r.Beneficiaries
			kindRecords[r.Kind] += r.Records
			yearTotal[r.Year] += r.Beneficiaries
			cells[[2]string{strconv.Itoa(r.Year), r.Kind}] = r.Beneficiaries
		}
		kinds := make([]string, 0, len(kindTotal))
		for k := range kindTotal {
			kinds = append(kinds, k)
		}
		sort.Slice(kinds, func(i, j int) bool {
			if kindTotal[kinds[i]] != kindTotal[kinds[j]] {
				return kindTotal[kinds[i]] > kindTotal[kinds[j]]
			}
			return kinds[i] < kinds[j]
		})
		for _, k := range kinds {
			v.Totals = append(v.Totals, views.Stat{Key: k, Value: views.Count(kindTotal[k], "人"),
				Label: responsibilityKindName(k), Note: views.Count(kindRecords[k], "条记录")})
		}
		chart := views.BarChart{Title: "每年社会责任受益人数（人）"}
		v.ByYear = views.Table{Caption: "各类社会责任受益人数（人）：逐年", Head: []string{"年度"}, TestID: "responsibility-by-year"}
		for _, k := range kinds {
			v.ByYear.Head = append(v.ByYear.Head, responsibilityKindName(k))
		}
		v.ByYear.Head = append(v.ByYear.Head, "合计")
		for _, y := range years {
			chart.Bars = append(chart.Bars, views.Bar{Label: strconv.Itoa(y), Value: float64(yearTotal[y]), Text: views.Count(yearTotal[y], "人")})
			row := views.TableRow{Head: views.Year(y)}
			for _, k := range kinds {
				row.Cells = append(row.Cells, views.Count(cells[[2]string{strconv.Itoa(y), k}], "人"))
			}
			row.Cells = append(row.Cells, views.Count(yearTotal[y], "人"))
			v.ByYear.Rows = append(v.ByYear.Rows, row)
		}
		total := views.Table{Caption: "每年受益人数合计", Head: []string{"年度", "受益人数"}}
		for _, y := range years {
			total.Rows = append(total.Rows, views.TableRow{Head: views.Year(y), Cells: []string{views.Count(yearTotal[y], "人")}})
		}
		v.Figure = &views.Figure{Chart: chart, Table: total}
	}
	leaders, err := s.store.ResponsibilityLeaders(ctx, responsibilityLeaderLimit)
	if err != nil {
		return publicPage{}, err
	}
	v.Leaders = views.Table{Caption: "受益人数最多的企业", Head: []string{"企业", "受益人数", "记录"}, TestID: "responsibility-leaders"}
	for _, l := range leaders {
		v.Leaders.Rows = append(v.Leaders.Rows, views.TableRow{
			Head: l.Enterprise.Name, HeadHref: enterpriseHref(l.Enterprise.ID),
			Cells: []string{views.Count(l.Beneficiaries, "人"), views.Count(l.Records, "条")},
		})
	}
	stories, err := s.store.ResponsibilityStories(ctx, responsibilityStoryLimit)
	if err != nil {
		return publicPage{}, err
	}
	for _, r := range stories {
		v.Stories = append(v.Stories, views.ResponsibilityStory{
			Enterprise: views.Link{Href: enterpriseHref(r.Enterprise.ID), Label: r.Enterprise.Name},
			Kind:       responsibilityKindName(r.Kind), Date: views.Date(r.Date), DateISO: r.Date,
			Beneficiaries: "受益" + views.Count(r.Beneficiaries, "人"), Note: r.Note,
		})
	}
	return publicPage{
		Title:       "社会责任",
		Description: "园区企业在就业帮扶、助残就业、乡村振兴、志愿服务和资助贫困学生等方面履行社会责任的情况。",
		Content:     views.ResponsibilityPage(v),
	}, nil
}
