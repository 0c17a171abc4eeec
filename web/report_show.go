package web

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// reportYearParam reads /reports/{year}, /reports/{year}.json or
// /reports/{year}.csv: the year and the extension ("" for the page).
func reportYearParam(c echo.Context) (int, string, bool) {
	p := c.Param("year")
	ext := ""
	if i := strings.IndexByte(p, '.'); i >= 0 {
		p, ext = p[:i], p[i+1:]
	}
	if len(p) != 4 {
		return 0, "", false
	}
	y, err := strconv.Atoi(p)
	if err != nil || y < 1000 {
		return 0, "", false
	}
	return y, ext, true
}

// showReport answers /reports/{year}[.json|.csv]: the page or its data.
func (s *Server) showReport(pc *pageCache) echo.HandlerFunc {
	page := s.cachedPage(pc, s.showReportPage, pathKey)
	data := s.cachedData(pc, s.reportData, pathKey)
	return func(c echo.Context) error {
		_, ext, ok := reportYearParam(c)
		switch {
		case !ok:
			return echo.ErrNotFound
		case ext == "":
			return page(c)
		case ext == "json" || ext == "csv":
			return data(c)
		}
		return echo.ErrNotFound
	}
}

// reportChartKeys are the figures charted over the years in each section.
var reportChartKeys = map[string][]string{
	"incubation": {"incubation.startups_covered", "incubation.services.equipment"},
	"uplift":     {"uplift.members_developed", "uplift.zjtx_provincial_new"},
	"brand":      {"brand.benchmarks_city_or_above", "brand.responsibility_year.employment_aid"},
}

// showReportPage is a year's report: every figure with the year before and
// the change, charts over the years, the definitions; printable on A4. The
// years are those of the report calendar (the first with records to the
// year in progress, which is labelled as such); others are 404, on the page
// and its data files alike. Queries: the calendar, then one report per year
// charted.
func (s *Server) showReportPage(c echo.Context) (publicPage, error) {
	year, _, _ := reportYearParam(c)
	ctx := c.Request().Context()
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return publicPage{}, err
	}
	if !cal.Has(year) {
		return publicPage{}, echo.ErrNotFound
	}
	v, err := s.reportView(ctx, s.siteOf(c), cal, year)
	if err != nil {
		return publicPage{}, err
	}
	return publicPage{
		Title:       v.Year.Of("园区党建工作报告"),
		Description: v.Year.String() + "园区党建“三工程”与企业服务“三计划”的主要数据，由台账记录统计得出。",
		Content:     views.ReportPage(v),
	}, nil
}

// reportView is a year's report as its page shows it: the figures of each
// programme with the year before, the charts and the definitions.
// Queries: one report per year charted.
func (s *Server) reportView(ctx context.Context, site views.Site, cal store.ReportCalendar, year int) (views.ReportView, error) {
	series, err := s.reportSeries(ctx, cal, year, chartYears)
	if err != nil {
		return views.ReportView{}, err
	}
	cur := series[len(series)-1]
	var prev *reportYear
	if len(series) > 1 {
		prev = &series[len(series)-2] // the year before: the calendar has no gaps
	}
	v := views.ReportView{Year: cur.Name, Summary: summaryParagraphs(cur.Report.Text()), Issuer: reportIssuer(site, cal, year)}
	if prev != nil {
		v.PrevYear = prev.Year
	}
	// The neighbouring years, at most chartYears on each side.
	i := slices.Index(cal.Years, year)
	for _, y := range cal.Years[max(0, i-chartYears+1):min(len(cal.Years), i+chartYears)] {
		v.Years = append(v.Years, yearName(cal, y))
	}
	keys := make([]string, 0, len(cur.Flat))
	for _, sec := range reportSectionTitles {
		rs := views.ReportSection{Slug: sec.Slug, Title: sec.Title}
		for _, f := range cur.Flat {
			if sectionOf(f.Key) != sec.Slug {
				continue
			}
			keys = append(keys, f.Key)
			row := views.FigureRow{Key: f.Key, Label: figureDefinition(f.Key).Label, Value: formatFigure(f.Key, f.Value), Previous: "—", Change: "—"}
			if prev != nil {
				pv := prev.value(f.Key)
				row.Previous = formatFigure(f.Key, pv)
				row.Change = changeText(f.Key, f.Value, pv)
			}
			rs.Rows = append(rs.Rows, row)
		}
		for _, k := range reportChartKeys[sec.Slug] {
			rs.Figures = append(rs.Figures, seriesFigure(series, year, k))
		}
		if sec.Slug == "activities" {
			chart := views.BarChart{Title: cur.Name.String() + "各项工程活动（次）"}
			t := views.Table{Caption: cur.Name.String() + "各项工程活动", Head: []string{"工程", "活动"}}
			for _, p := range views.Programs {
				k := "activities." + p.Slug
				chart.Bars = append(chart.Bars, views.Bar{Label: p.Project, Value: float64(cur.int(k)), Text: formatFigure(k, cur.value(k))})
				t.Rows = append(t.Rows, views.TableRow{Head: p.Title(), Cells: []string{formatFigure(k, cur.value(k))}})
			}
			rs.Figures = append(rs.Figures, views.Figure{Chart: chart, Table: t})
		}
		v.Sections = append(v.Sections, rs)
	}
	v.Definitions = definitionSections(keys)
	return v, nil
}

// summaryParagraphs keeps the programme paragraphs of the report's text,
// without its title line.
func summaryParagraphs(text string) []string {
	paras := views.Paragraphs(text)
	if len(paras) > 0 && strings.HasSuffix(paras[0], "年报") {
		paras = paras[1:]
	}
	return paras
}

// changeText is the change from the year before: "+3", "−2", "持平", or
// percentage points for ratios.
func changeText(key string, cur, prev *float64) string {
	if cur == nil || prev == nil {
		return "—"
	}
	d := *cur - *prev
	if figureDefinition(key).Unit == "%" {
		pts := int(roundHalfAway(d * 100))
		switch {
		case pts > 0:
			return "+" + strconv.Itoa(pts) + "个百分点"
		case pts < 0:
			return "−" + strconv.Itoa(-pts) + "个百分点"
		}
		return "持平"
	}
	n := int(d)
	switch {
	case n > 0:
		return "+" + views.Thousands(int64(n))
	case n < 0:
		return "−" + views.Thousands(int64(-n))
	}
	return "持平"
}

func roundHalfAway(x float64) float64 {
	if x < 0 {
		return -float64(int(-x + 0.5))
	}
	return float64(int(x + 0.5))
}

// reportIssuer says whose a year's report is: the park, the issuing body
// (PORTAL_HOST_ORG, else the park's portal) and the period and day its
// figures were counted to (the page cache is dropped when the day changes).
func reportIssuer(site views.Site, cal store.ReportCalendar, year int) views.ReportIssuer {
	in := views.ReportIssuer{Park: site.ParkName, Body: site.Host, AsOf: views.Date(cal.Today.Format(time.DateOnly))}
	if site.ParkBrand != "" {
		in.Park += "“" + site.ParkBrand + "”"
	}
	if in.Body == "" {
		in.Body = site.ParkName + site.Name
	}
	end := "12月31日"
	if cal.InProgress(year) {
		end = strconv.Itoa(int(cal.Today.Month())) + "月" + strconv.Itoa(cal.Today.Day()) + "日"
	}
	in.Period = strconv.Itoa(year) + "年1月1日至" + end
	return in
}
