package web

import (
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

const programStoryLimit = 12

// programStatKeys are the key figures at the top of each programme's page.
var programStatKeys = map[string][]string{
	"incubation": {"incubation.branches_formed", "incubation.joint_branches_formed", "incubation.startups_covered",
		"incubation.staff_serving", "incubation.services.equipment", "incubation.equipment_saving_ratio"},
	"uplift": {"uplift.members_developed", "uplift.members_developed_management", "uplift.university_lines",
		"uplift.zjtx_provincial_new", "activities.uplift"},
	"brand": {"brand.brands_published", "brand.benchmarks_city_new", "brand.benchmarks_city_or_above",
		"brand.responsibility_total.employment_aid", "brand.responsibility_total.disability_employment", "activities.brand"},
}

// showProgramPage is one programme: what it does, its three measures, the
// reporting year's figures (the last complete year), its figures over the
// years to the year in progress (labelled) with charts, and stories from
// its activities. Queries: the report calendar and one report per year
// charted, the stories, and for incubation the month-by-month equipment
// savings.
func (s *Server) showProgramPage(c echo.Context) (publicPage, error) {
	p, ok := views.ProgramBySlug(c.Param("slug"))
	if !ok {
		return publicPage{}, echo.ErrNotFound
	}
	ctx := c.Request().Context()
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return publicPage{}, err
	}
	series, err := s.reportSeries(ctx, cal, cal.Current(), chartYears)
	if err != nil {
		return publicPage{}, err
	}
	v := views.ProgramView{Program: p}
	if i := slices.IndexFunc(series, func(r reportYear) bool { return r.Year == cal.ReportingYear() }); i >= 0 {
		last := series[i] // the reporting year, before the year in progress
		v.Year = last.Name
		v.Stats = last.stats(programStatKeys[p.Slug]...)
		switch p.Slug {
		case "incubation":
			if err := s.incubationFigures(c, &v, series, last); err != nil {
				return publicPage{}, err
			}
		case "uplift":
			v.Figures = upliftFigures(series, last)
		case "brand":
			v.Figures = brandFigures(series, last)
		}
	}
	stories, err := s.store.ProgramStories(ctx, p.Slug, programStoryLimit)
	if err != nil {
		return publicPage{}, err
	}
	v.Stories = activityItems(stories)
	switch p.Slug {
	case "brand":
		v.Related = []views.Link{{Href: "/brands", Label: "党建品牌展示"}, {Href: "/benchmarks", Label: "标杆荣誉"}, {Href: "/responsibility", Label: "社会责任"}}
	default:
		v.Related = []views.Link{{Href: "/reports", Label: "年度报告"}, {Href: "/reports/definitions", Label: "数据说明"}}
	}
	return publicPage{
		Title:       p.Title(),
		Description: "党建“" + p.Project + "”助力" + p.Stage + "企业“" + p.Plan + "”：" + p.Summary,
		Content:     views.ProgramPage(v),
	}, nil
}

func (s *Server) incubationFigures(c echo.Context, v *views.ProgramView, series []reportYear, last reportYear) error {
	history := views.FigureSection{
		Heading: "历年数据", TestID: "program-history",
		Figures: []views.Figure{
			seriesFigure(series, last.Year, "incubation.startups_covered",
				"incubation.enterprises_surveyed", "incubation.sanyou_qualified", "incubation.branches_formed",
				"incubation.joint_branches_formed", "incubation.startups_covered", "incubation.staff_serving"),
			seriesFigure(series, last.Year, "incubation.services.equipment",
				"incubation.services.equipment", "incubation.services.finance_tax", "incubation.services.legal",
				"incubation.services.venue", "incubation.equipment_saving_ratio"),
		},
	}
	// The coverage funnel: surveyed → meets 三有 → covered.
	funnel := views.BarChart{Title: last.Name.String() + "党组织覆盖情况（家）", Horizontal: true}
	table := views.Table{Caption: last.Name.String() + "党组织覆盖情况", Head: []string{"环节", "企业数"}, TestID: "coverage-funnel"}
	for _, k := range []string{"incubation.enterprises_surveyed", "incubation.sanyou_qualified", "incubation.startups_covered"} {
		st := last.stat(k)
		funnel.Bars = append(funnel.Bars, views.Bar{Label: st.Label, Value: float64(last.int(k)), Text: st.Value})
		table.Rows = append(table.Rows, views.TableRow{Head: st.Label, Cells: []string{st.Value}})
	}
	coverage := views.FigureSection{
		Heading: last.Name.String() + "“三有”摸排与党组织覆盖", TestID: "coverage",
		Lead: "从摸排到覆盖：摸排的企业中，符合“三有”条件的企业被指导建立党组织；规模较小的企业联合组建联合党支部。",
		Figures: []views.Figure{{Chart: funnel, Table: table,
			Note: "“覆盖”指当年新组建的党支部、联合党支部覆盖的初创期企业，可能包括往年摸排的企业。"}},
	}
	months, err := s.store.EquipmentSavings(c.Request().Context(), last.Year)
	if err != nil {
		return err
	}
	v.Figures = []views.FigureSection{coverage, history}
	if len(months) > 0 {
		chart := views.BarChart{Title: last.Name.String() + "设备共享每月为企业节省的费用（元，按月）"}
		t := views.Table{Caption: last.Name.String() + "设备共享逐月情况", TestID: "equipment-savings",
			Head: []string{"月份", "有效服务", "市场价合计", "实际费用合计", "节省", "节省比例"}}
		var market, actual int64
		for _, m := range months {
			saved := m.MarketFen - m.ActualFen
			market += m.MarketFen
			actual += m.ActualFen
			month, _ := strconv.Atoi(m.Month[5:])
			label := strconv.Itoa(month) + "月"
			chart.Bars = append(chart.Bars, views.Bar{Label: strconv.Itoa(month), Value: float64(saved), Text: views.Wan(saved)})
			ratio := "—"
			if m.MarketFen > 0 {
				ratio = views.Percent(float64(saved) / float64(m.MarketFen))
			}
			t.Rows = append(t.Rows, views.TableRow{Head: label, Cells: []string{
				views.Count(m.Services, "次"), views.Yuan(m.MarketFen), views.Yuan(m.ActualFen), views.Yuan(saved), ratio,
			}})
		}
		note := ""
		if market > 0 {
			note = "全年节省 " + views.Yuan(market-actual) + "，为市场价的 " + views.Percent(float64(market-actual)/float64(market)) + "。只计有市场价的有效服务。"
		}
		v.Figures = append(v.Figures, views.FigureSection{
			Heading: last.Name.String() + "设备共享节省", TestID: "savings",
			Lead:    "共享设备按有效服务次数统计，并与市场价格对比，算出为企业节省的费用。",
			Figures: []views.Figure{{Chart: chart, Table: t, Note: note}},
		})
	}
	return nil
}

func upliftFigures(series []reportYear, last reportYear) []views.FigureSection {
	members := seriesFigure(series, last.Year, "uplift.members_developed",
		"uplift.members_developed", "uplift.members_developed_management")
	// The share of management among new members, beside the counts.
	members.Table.Head = append(members.Table.Head, "管理层以上占比")
	for i, r := range series {
		share := "—"
		if n := r.int("uplift.members_developed"); n > 0 {
			share = views.Percent(float64(r.int("uplift.members_developed_management")) / float64(n))
		}
		members.Table.Rows[i].Cells = append(members.Table.Rows[i].Cells, share)
	}
	return []views.FigureSection{{
		Heading: "历年数据", TestID: "program-history",
		Figures: []views.Figure{
			members,
			seriesFigure(series, last.Year, "uplift.zjtx_provincial_new", "uplift.zjtx_provincial_new", "uplift.university_lines"),
			seriesFigure(series, last.Year, "activities.uplift"),
		},
	}}
}

func brandFigures(series []reportYear, last reportYear) []views.FigureSection {
	return []views.FigureSection{{
		Heading: "历年数据", TestID: "program-history",
		Figures: []views.Figure{
			seriesFigure(series, last.Year, "brand.benchmarks_city_or_above",
				"brand.benchmarks_city_new", "brand.benchmarks_city_or_above", "brand.brands_published"),
			seriesFigure(series, last.Year, "brand.responsibility_year.employment_aid",
				"brand.responsibility_year.employment_aid", "brand.responsibility_year.disability_employment",
				"brand.responsibility_total.employment_aid", "brand.responsibility_total.disability_employment"),
			seriesFigure(series, last.Year, "activities.brand"),
		},
	}}
}
