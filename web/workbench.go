package web

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// ledgerLabels names each interchange collection in the ledger's words, with
// its measure word.
var ledgerLabels = map[string][2]string{
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

// showWorkbenchPage is the staff landing page.
func (s *Server) showWorkbenchPage(c echo.Context) error {
	ctx := c.Request().Context()
	counts, err := s.store.LedgerCounts(ctx)
	if err != nil {
		return err
	}
	years, err := s.reportYears(c)
	if err != nil {
		return err
	}
	v := views.Workbench{Username: viewerOf(c).Username, Years: years}
	for _, lc := range counts {
		l := ledgerLabels[lc.Collection]
		v.Ledgers = append(v.Ledgers, views.LedgerStat{Label: l[0], Unit: l[1], Count: lc.Count})
	}
	return s.render(c, http.StatusOK, s.page(c, "工作台"), views.WorkbenchPage(v))
}

// reportYears lists the years that have records, newest first.
func (s *Server) reportYears(c echo.Context) ([]int, error) {
	years, err := s.store.ReportYears(c.Request().Context())
	if err != nil {
		return nil, err
	}
	slices.Reverse(years)
	return years, nil
}
