package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showPipeline is /workbench/pipeline: the enterprises that meet 三有 and
// wait for a party organisation, each with the step the rules allow (a
// branch of its own, or a joint branch whose units have three full members
// together) and one action that opens the organisation form filled in, or,
// where no branch can form yet, how many full members are missing.
// Queries: count, page, the joint branches' plan (two).
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
	v := views.PipelineView{Total: total, Pager: pager(page, pages, href), BranchMembers: store.BranchFullMembers, MaxUnits: store.JointBranchMaxUnits}
	for _, e := range entries {
		r := views.PipelineRow{
			Href: staffEnterpriseHref(e.ID), Name: e.Name, Stage: store.Label(store.Stages, e.Stage), Sector: e.Sector,
			SurveyDate: views.Date(e.SurveyDate), FullMembers: e.FullMembers, Instructors: strings.Join(e.Instructors, "、"),
		}
		q := url.Values{"enterprises": {e.ID}}
		switch {
		case e.OwnBranch:
			r.Step, r.ActionText = "单独组建党支部", "组建党支部"
			q.Set("kind", "branch")
			q.Set("name", "中共"+e.Name+"支部委员会")
		case len(e.Partners) > 0:
			r.Step, r.ActionText = fmt.Sprintf("联合组建党支部（%d家企业共%d名正式党员）", len(e.Partners)+1, e.GroupMembers), "组建联合党支部"
			q.Set("kind", "joint_branch")
			for _, p := range e.Partners {
				r.Partners = append(r.Partners, views.Link{Href: staffEnterpriseHref(p.ID), Label: p.Name})
				q.Add("enterprises", p.ID)
			}
		default:
			r.Step = fmt.Sprintf("暂不能组建：还差%d名正式党员", e.Missing)
			if have := store.BranchFullMembers - e.Missing; have > 0 {
				r.Missing = fmt.Sprintf("党支部至少需要%d名正式党员，尚未列入建议的待组建企业合计只有%d名，凑不齐一个联合党支部。可先培养发展党员。",
					store.BranchFullMembers, have)
			} else {
				r.Missing = fmt.Sprintf("党支部至少需要%d名正式党员，尚未列入建议的待组建企业都还没有正式党员。可先培养发展党员。", store.BranchFullMembers)
			}
		}
		if r.ActionText != "" {
			r.ActionURL = "/workbench/organizations/new?" + q.Encode()
		}
		v.Rows = append(v.Rows, r)
	}
	title := "组建进度"
	if pages > 1 {
		title += "（第" + strconv.Itoa(page) + "页，共" + strconv.Itoa(pages) + "页）"
	}
	return s.staffPage(c, title, views.PipelinePage(v))
}
