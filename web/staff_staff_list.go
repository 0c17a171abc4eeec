package web

import (
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// lackingListLimit is how many enterprises each "lacking" list names.
const lackingListLimit = 50

// servingChoices is the staff ledger's filter of who serves today.
var servingChoices = []store.Choice{{Value: "now", Label: "目前在岗"}}

// staffQuery is the staff ledger's query and the filter it selects.
func (s *Server) staffQuery(c echo.Context) (ledgerQuery, store.StaffFilter) {
	q := parseLedgerQuery(c, staffLedgerPath, nil)
	f := store.StaffFilter{Query: q.Query}
	f.Role = q.choice(c, "role", store.StaffRoles)
	if q.choice(c, "serving", servingChoices) != "" {
		f.Serving = s.now().In(chinaTime).Format("2006-01-02")
	}
	return q, f
}

// listStaff is /workbench/staff (两员): each staff member's enterprises,
// searched and filtered by role, and the enterprises lacking a serving
// specialist or instructor. Queries: count and page of staff, count and
// list for each role.
func listStaff(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	q, filter := s.staffQuery(c)
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.StaffLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.StaffLedger{
		Query: q.Query,
		Filters: []views.SelectFilter{
			{Name: "role", Label: "角色", Any: "全部角色", Options: options(store.StaffRoles, filter.Role)},
			{Name: "serving", Label: "在岗", Any: "不限", Options: options(servingChoices, map[bool]string{true: "now"}[filter.Serving != ""])},
		},
		Hidden: q.hidden("role", "serving"),
		Tags: q.tags(func(key, value string) string {
			if key == "role" {
				return "角色：" + store.Label(store.StaffRoles, value)
			}
			return "目前在岗"
		}),
		ExportURL: exportHref(q), Total: total, Pager: pager(q.Page, pages, q.href),
	}
	today := s.now().In(chinaTime).Format("2006-01-02")
	for _, role := range []struct{ key, heading string }{{"specialist", "没有企业服务专员的企业"}, {"instructor", "没有党建指导员的企业"}} {
		list, n, err := s.store.EnterprisesLacking(ctx, role.key, today, lackingListLimit)
		if err != nil {
			return ledgerList{}, err
		}
		l := views.LackingList{Heading: role.heading, Total: n}
		for _, e := range list {
			l.Enterprises = append(l.Enterprises, views.Link{Href: staffEnterpriseHref(e.ID), Label: e.Name})
		}
		v.Lacking = append(v.Lacking, l)
	}
	for _, r := range rows {
		row := views.StaffLedgerRow{Href: staffMemberOfParkHref(r.ID), Name: r.Name, Roles: staffRoleNames(r.Roles), Term: staffTerm(r.Since, r.Until)}
		for _, e := range r.Enterprises {
			row.Enterprises = append(row.Enterprises, views.Link{Href: staffEnterpriseHref(e.ID), Label: e.Name})
		}
		v.Rows = append(v.Rows, row)
	}
	return ledgerList{title: q.title("两员", pages), page: func(notice string) templ.Component {
		v.Notice = notice
		return views.StaffLedgerPage(v)
	}}, nil
}

func staffRoleNames(roles []string) string {
	var out []string
	for _, role := range roles {
		out = append(out, store.Label(store.StaffRoles, role))
	}
	return strings.Join(out, "、")
}

func staffTerm(since, until string) string {
	if until != "" {
		return views.Date(since) + "至" + views.Date(until)
	}
	return views.Date(since) + "起"
}

// exportStaff is /workbench/staff.xlsx.
func exportStaff(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	_, filter := s.staffQuery(c)
	rows, _, err := s.store.StaffLedger(c.Request().Context(), filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		var names []string
		for _, e := range r.Enterprises {
			names = append(names, e.Name)
		}
		out[i] = []any{r.ID, r.Name, staffRoleNames(r.Roles), r.Since, r.Until, strings.Join(names, "、")}
	}
	return sheetColumns(staffSheet), out, nil
}

// staffSheet is the staff ledger's export, and what an upload reads back:
// the roles by their names and the enterprises by theirs, each list in
// one cell joined by 、.
var staffSheet = []sheetField{
	fieldColumn(store.StaffRecords, "id", 12, sheet.Text),
	nameColumn(store.StaffRecords, "name", 10),
	listColumn(store.StaffRecords, "roles", 24, store.StaffRoles, ""),
	dateColumn(store.StaffRecords, "since"),
	dateColumn(store.StaffRecords, "until"),
	listColumn(store.StaffRecords, "enterprises", 60, nil, store.Enterprises),
}

// staffLedgerKey names a staff ledger page by its query (and the day, for
// who serves today).
func staffLedgerKey(s *Server, c echo.Context) string {
	q, f := s.staffQuery(c)
	return q.href(q.Page) + " serving=" + f.Serving + " " + staffKey(c)
}
