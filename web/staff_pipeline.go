package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showPipeline is /workbench/pipeline: the enterprises that meet 三有 and
// wait for a party organisation, each with the suggested step and one
// action that opens the organisation form filled in. Queries: count, page.
func (s *Server) showPipeline(c echo.Context) error {
	page := 1
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 1_000_000 {
		page = n
	}
	entries, total, err := s.store.Pipeline(c.Request().Context(), (page-1)*ledgerPageSize, ledgerPageSize)
	if err != nil {
		return err
	}
	pages := max(1, (total+ledgerPageSize-1)/ledgerPageSize)
	if page > pages {
		return echo.ErrNotFound
	}
	href := func(p int) string {
		if p == 1 {
			return "/workbench/pipeline"
		}
		return "/workbench/pipeline?page=" + strconv.Itoa(p)
	}
	v := views.PipelineView{Total: total, Pager: pager(page, pages, href)}
	for _, e := range entries {
		r := views.PipelineRow{
			Href: staffEnterpriseHref(e.ID), Name: e.Name, Stage: store.Label(store.Stages, e.Stage), Sector: e.Sector,
			SurveyDate: views.Date(e.SurveyDate), FullMembers: e.FullMembers, Instructors: strings.Join(e.Instructors, "、"),
		}
		q := url.Values{"enterprises": {e.ID}}
		if e.OwnBranch {
			r.Step, r.ActionText = "单独组建党支部", "组建党支部"
			q.Set("kind", "branch")
			q.Set("name", "中共"+e.Name+"支部委员会")
		} else {
			r.Step, r.ActionText = "联合组建党支部", "组建联合党支部"
			q.Set("kind", "joint_branch")
			for _, p := range e.Partners {
				r.Partners = append(r.Partners, views.Link{Href: staffEnterpriseHref(p.ID), Label: p.Name})
				q.Add("enterprises", p.ID)
			}
		}
		r.ActionURL = "/workbench/organizations/new?" + q.Encode()
		v.Rows = append(v.Rows, r)
	}
	title := "组建进度"
	if pages > 1 {
		title += "（第" + strconv.Itoa(page) + "页，共" + strconv.Itoa(pages) + "页）"
	}
	return s.staffPage(c, title, views.PipelinePage(v))
}
