package web

import (
	"parkportal/store"

	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// ledgerLabels names each interchange collection in the ledger's words, with
// its measure word.
var ledgerLabels = map[store.Collection][2]string{
	"enterprises":    {"企业台账", "家"},
	"surveys":        {"“三有”摸排", "次"},
	"organizations":  {"党组织", "个"},
	"staff":          {"“两员”队伍", "名"},
	"services":       {"共享服务", "次"},
	"members":        {"发展党员", "名"},
	"activities":     {"活动", "次"},
	"platforms":      {"产学研平台", "个"},
	"designations":   {"专精特新认定", "项"},
	"brands":         {"党建品牌", "个"},
	"awards":         {"标杆与荣誉", "项"},
	"responsibility": {"社会责任", "条"},
}

// figureLedgers are the ledgers behind the dashboard's figures, where a
// ledger's filter selects exactly the records a figure counts.
var figureLedgers = map[string]func(year string) string{
	"incubation.enterprises_surveyed":     func(y string) string { return "/workbench/enterprises?surveyed=" + y },
	"incubation.branches_formed":          func(y string) string { return "/workbench/organizations?kind=branch&formed=" + y },
	"incubation.joint_branches_formed":    func(y string) string { return "/workbench/organizations?kind=joint_branch&formed=" + y },
	"incubation.services.equipment":       func(y string) string { return "/workbench/services?effective=yes&kind=equipment&year=" + y },
	"incubation.services.finance_tax":     func(y string) string { return "/workbench/services?effective=yes&kind=finance_tax&year=" + y },
	"incubation.services.legal":           func(y string) string { return "/workbench/services?effective=yes&kind=legal&year=" + y },
	"incubation.services.venue":           func(y string) string { return "/workbench/services?effective=yes&kind=venue&year=" + y },
	"uplift.members_developed":            func(y string) string { return "/workbench/members?developed=" + y },
	"uplift.members_developed_management": func(y string) string { return "/workbench/members?developed=" + y + "&management=yes" },
	"uplift.university_lines":             func(y string) string { return "/workbench/platforms?by=" + y + "&kind=university_line" },
	"uplift.zjtx_provincial_new":          func(y string) string { return "/workbench/designations?kind=zjtx_provincial&year=" + y },
	"brand.brands_published":              func(y string) string { return "/workbench/brands?by=" + y + "&status=published" },
	"activities.incubation":               func(y string) string { return "/workbench/activities?program=incubation&status=published&year=" + y },
	"activities.uplift":                   func(y string) string { return "/workbench/activities?program=uplift&status=published&year=" + y },
	"activities.brand":                    func(y string) string { return "/workbench/activities?program=brand&status=published&year=" + y },
}

// figureLedger is the ledger behind a figure, or "": the fixed ones above
// and each kind's beneficiaries of social responsibility in the year.
func figureLedger(key, year string) string {
	if link, ok := figureLedgers[key]; ok {
		return link(year)
	}
	if kind, ok := strings.CutPrefix(key, "brand.responsibility_year."); ok {
		return "/workbench/responsibility?" + url.Values{"kind": {kind}, "status": {"published"}, "year": {year}}.Encode()
	}
	return ""
}

// showWorkbenchPage is the staff dashboard: the ledgers' sizes and the
// chosen year's figures per programme (?year=, the reporting year by
// default: the last complete one; the year in progress is offered,
// labelled), the same numbers as `portal report`, with charts.
func (s *Server) showWorkbenchPage(c echo.Context) error {
	ctx := c.Request().Context()
	counts, err := s.store.LedgerCounts(ctx)
	if err != nil {
		return err
	}
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return err
	}
	var v views.Workbench // nothing of the viewer: the content is cached for all staff
	for _, lc := range counts {
		l := ledgerLabels[lc.Collection]
		v.Ledgers = append(v.Ledgers, views.LedgerStat{Label: l[0], Unit: l[1], Count: lc.Count})
	}
	if chosen := cal.ReportingYear(); chosen > 0 {
		if y, err := strconv.Atoi(c.QueryParam("year")); err == nil && cal.Has(y) {
			chosen = y
		}
		v.Year = yearName(cal, chosen)
		for _, y := range slices.Backward(cal.Years) {
			v.YearOptions = append(v.YearOptions, views.Option{Value: strconv.Itoa(y), Label: yearName(cal, y).String(), Selected: y == chosen})
		}
		report, err := s.reportView(ctx, s.siteOf(c), cal, chosen)
		if err != nil {
			return err
		}
		year := strconv.Itoa(chosen)
		for i := range report.Sections {
			for j, r := range report.Sections[i].Rows {
				report.Sections[i].Rows[j].Href = figureLedger(r.Key, year)
			}
		}
		v.Report = &report
	}
	return s.staffPage(c, "工作台", views.WorkbenchPage(v))
}
