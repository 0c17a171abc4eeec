package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// listOrganizations is /workbench/organizations: the organisations,
// searched and filtered by kind, with each one's term (换届) date flagged
// from six months before. Queries: count, page.
func listOrganizations(s *Server, c echo.Context) (ledgerList, error) {
	query, kind, formed, page := organizationListQuery(c)
	hrefFormed := func(q, k string, y, p int) string {
		v := url.Values{}
		if q != "" {
			v.Set("q", q)
		}
		if k != "" {
			v.Set("kind", k)
		}
		if y != 0 {
			v.Set("formed", strconv.Itoa(y))
		}
		if p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if len(v) == 0 {
			return organizationLedger
		}
		return organizationLedger + "?" + v.Encode()
	}
	href := func(q, k string, p int) string { return hrefFormed(q, k, formed, p) }
	rows, total, err := s.store.OrganizationLedger(c.Request().Context(), store.OrganizationFilter{
		Query: query, NoPeople: views.ReadOnly(c.Request().Context()), Kind: kind, Formed: formed, Offset: (page - 1) * ledgerPageSize, Limit: ledgerPageSize,
	})
	if err != nil {
		return ledgerList{}, err
	}
	pages := max(1, (total+ledgerPageSize-1)/ledgerPageSize)
	if page > pages {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.OrganizationLedger{
		ExportURL: strings.Replace(hrefFormed(query, kind, formed, 1), organizationLedger, organizationLedger+".xlsx", 1),
		Query:     query, Kinds: options(store.OrganizationKinds, kind), Total: total,
		Pager: pager(page, pages, func(p int) string { return href(query, kind, p) }),
	}
	if query != "" {
		v.Tags = append(v.Tags, views.FilterTag{Label: "搜索：“" + query + "”", RemoveURL: href("", kind, 1)})
	}
	if kind != "" {
		v.Tags = append(v.Tags, views.FilterTag{Label: "组织类型：" + store.Label(store.OrganizationKinds, kind), RemoveURL: href(query, "", 1)})
	}
	if formed != 0 {
		v.Formed = strconv.Itoa(formed)
		v.Tags = append(v.Tags, views.FilterTag{Label: views.Year(formed) + "成立", RemoveURL: hrefFormed(query, kind, 0, 1)})
	}
	today := s.now()
	for _, r := range rows {
		row := views.OrganizationLedgerRow{
			Href: staffOrganizationHref(r.ID), Name: r.Name, Kind: store.Label(store.OrganizationKinds, r.Kind),
			Formed: views.Date(r.Formed), Secretary: r.Secretary, Enterprises: r.Enterprises, Members: r.Members,
			BoardURL: staffOrganizationHref(r.ID) + "/members",
		}
		if due, soon, ok := store.TermEnd(r.Formed, r.Kind, today); ok {
			row.TermDue, row.TermSoon = views.Date(due.Format("2006-01-02")), soon
		}
		v.Rows = append(v.Rows, row)
	}
	title := "党组织"
	if pages > 1 {
		title += "（第" + strconv.Itoa(page) + "页，共" + strconv.Itoa(pages) + "页）"
	}
	return ledgerList{title: title, page: func(notice string) templ.Component {
		v.Notice = notice
		return views.OrganizationLedgerPage(v)
	}}, nil
}

// organizationListQuery is the organisation ledger's query, checked.
func organizationListQuery(c echo.Context) (query, kind string, formed, page int) {
	query = strings.TrimSpace(c.QueryParam("q"))
	if len([]rune(query)) > 100 {
		query = string([]rune(query)[:100])
	}
	kind = c.QueryParam("kind")
	if !slices.ContainsFunc(store.OrganizationKinds, func(ch store.Choice) bool { return ch.Value == kind }) {
		kind = ""
	}
	page = 1
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 1_000_000 {
		page = n
	}
	if y, err := strconv.Atoi(c.QueryParam("formed")); err == nil && y >= 1900 && y <= 9999 {
		formed = y
	}
	return query, kind, formed, page
}

// exportOrganizations is /workbench/organizations.xlsx: the ledger with
// the same query, every page, with each one's term date.
func exportOrganizations(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	query, kind, formed, _ := organizationListQuery(c)
	rows, _, err := s.store.OrganizationLedger(c.Request().Context(), store.OrganizationFilter{Query: query, Kind: kind, Formed: formed})
	if err != nil {
		return nil, nil, err
	}
	today := s.now().In(chinaTime)
	out := make([][]any, len(rows))
	for i, r := range rows {
		term := ""
		if due, _, ok := store.TermEnd(r.Formed, r.Kind, today); ok {
			term = due.Format("2006-01-02")
		}
		out[i] = []any{r.ID, r.Name, store.Label(store.OrganizationKinds, r.Kind), r.Formed, r.Secretary, r.Enterprises, r.Members, term}
	}
	return sheetColumns(organizationSheet), out, nil
}

// organizationSheet is the organisation ledger's export, and what an
// upload reads back: the kind by its label. The enterprises covered are
// counted here, not listed: an upload keeps an organisation's as they are.
var organizationSheet = []sheetField{
	fieldColumn(store.Organizations, "id", 12, sheet.Text),
	nameColumn(store.Organizations, "name", 40),
	choiceColumn(store.Organizations, "kind", 12, store.OrganizationKinds),
	dateColumn(store.Organizations, "formed"),
	fieldColumn(store.Organizations, "secretary", 10, sheet.Text),
	shownColumn("覆盖企业数", 10, sheet.Number),
	shownColumn("党员发展人数", 12, sheet.Number),
	shownColumn("换届时间", 12, sheet.Date),
}

// organizationLedgerKey names an organisation ledger page in the page
// cache by its query.
func organizationLedgerKey(_ *Server, c echo.Context) string {
	q := c.QueryParams()
	return staffKey(c) + " q=" + q.Get("q") + " kind=" + q.Get("kind") + " formed=" + q.Get("formed")
}
