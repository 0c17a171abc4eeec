package web

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// lackingListLimit is how many enterprises each "lacking" list names.
const lackingListLimit = 50

// showStaffLedger is /workbench/staff (两员): each staff member's
// enterprises, and the enterprises lacking a serving specialist or
// instructor. Queries: count and page of staff, count and list for each
// role.
func (s *Server) showStaffLedger(c echo.Context) error {
	ctx := c.Request().Context()
	page := 1
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 1_000_000 {
		page = n
	}
	rows, total, err := s.store.StaffLedger(ctx, (page-1)*ledgerPageSize, ledgerPageSize)
	if err != nil {
		return err
	}
	pages := max(1, (total+ledgerPageSize-1)/ledgerPageSize)
	if page > pages {
		return echo.ErrNotFound
	}
	v := views.StaffLedger{Notice: map[string]string{"deleted": "人员已删除。"}[c.QueryParam("done")], Total: total, Pager: pager(page, pages, func(p int) string {
		if p == 1 {
			return "/workbench/staff"
		}
		return "/workbench/staff?page=" + strconv.Itoa(p)
	})}
	today := s.now().In(chinaTime).Format("2006-01-02")
	for _, role := range []struct{ key, heading string }{{"specialist", "没有企业服务专员的企业"}, {"instructor", "没有党建指导员的企业"}} {
		list, n, err := s.store.EnterprisesLacking(ctx, role.key, today, lackingListLimit)
		if err != nil {
			return err
		}
		l := views.LackingList{Heading: role.heading, Total: n}
		for _, e := range list {
			l.Enterprises = append(l.Enterprises, views.Link{Href: staffEnterpriseHref(e.ID), Label: e.Name})
		}
		v.Lacking = append(v.Lacking, l)
	}
	for _, r := range rows {
		var roles []string
		for _, role := range r.Roles {
			roles = append(roles, store.Label(store.StaffRoles, role))
		}
		term := views.Date(r.Since) + "起"
		if r.Until != "" {
			term = views.Date(r.Since) + "至" + views.Date(r.Until)
		}
		row := views.StaffLedgerRow{Href: staffMemberOfParkHref(r.ID), Name: r.Name, Roles: strings.Join(roles, "、"), Term: term}
		for _, e := range r.Enterprises {
			row.Enterprises = append(row.Enterprises, views.Link{Href: staffEnterpriseHref(e.ID), Label: e.Name})
		}
		v.Rows = append(v.Rows, row)
	}
	title := "两员"
	if pages > 1 {
		title += "（第" + strconv.Itoa(page) + "页，共" + strconv.Itoa(pages) + "页）"
	}
	return s.staffPage(c, title, views.StaffLedgerPage(v))
}
