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
)

// enterpriseListForm is the enterprise ledger's query, parsed: values the
// ledger does not know are dropped.
type enterpriseListForm struct {
	Query    string
	Stage    string
	Sector   string
	Zjtx     string
	Coverage string
	Surveyed int // surveyed in this year (the dashboard's link)
	Sort     string
	Page     int
}

func parseEnterpriseListForm(c echo.Context) enterpriseListForm {
	f := enterpriseListForm{
		Query:    strings.TrimSpace(c.QueryParam("q")),
		Stage:    c.QueryParam("stage"),
		Sector:   c.QueryParam("sector"),
		Zjtx:     c.QueryParam("zjtx"),
		Coverage: c.QueryParam("coverage"),
		Sort:     c.QueryParam("sort"),
		Page:     1,
	}
	if len([]rune(f.Query)) > 100 {
		f.Query = string([]rune(f.Query)[:100])
	}
	if !slices.ContainsFunc(store.Stages, func(ch store.Choice) bool { return ch.Value == f.Stage }) {
		f.Stage = ""
	}
	if len(f.Sector) > 200 {
		f.Sector = ""
	}
	if f.Zjtx != "yes" && f.Zjtx != "no" {
		f.Zjtx = ""
	}
	if !slices.ContainsFunc(store.Coverages, func(ch store.Choice) bool { return ch.Value == f.Coverage }) {
		f.Coverage = ""
	}
	if !store.EnterpriseSortValid(f.Sort) {
		f.Sort = ""
	}
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 1_000_000 {
		f.Page = n
	}
	if y, err := strconv.Atoi(c.QueryParam("surveyed")); err == nil && y >= 1900 && y <= 9999 {
		f.Surveyed = y
	}
	return f
}

// href is the ledger with this query, on page.
func (f enterpriseListForm) href(page int) string {
	q := url.Values{}
	for _, kv := range [][2]string{{"q", f.Query}, {"stage", f.Stage}, {"sector", f.Sector}, {"zjtx", f.Zjtx}, {"coverage", f.Coverage}, {"sort", f.Sort}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	if f.Surveyed != 0 {
		q.Set("surveyed", strconv.Itoa(f.Surveyed))
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return enterpriseLedger
	}
	return enterpriseLedger + "?" + q.Encode()
}

// sortLink is the header of a column sorted by key: ascending first, then
// descending, keeping the filters and going back to page 1.
func (f enterpriseListForm) sortLink(label, key string) views.SortLink {
	l := views.SortLink{Label: label}
	next := f
	switch f.Sort {
	case key:
		l.State, next.Sort = "ascending", "-"+key
	case "-" + key:
		l.State, next.Sort = "descending", ""
	default:
		next.Sort = key
	}
	l.URL = next.href(1)
	return l
}

// listEnterprises is /workbench/enterprises: the ledger, filtered, sorted
// and paginated. Queries: sectors, count, the page.
func listEnterprises(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	f := parseEnterpriseListForm(c)
	sectors, err := s.store.EnterpriseSectors(ctx)
	if err != nil {
		return ledgerList{}, err
	}
	rows, total, err := s.store.EnterpriseLedger(ctx, store.EnterpriseFilter{
		Query: f.Query, Stage: f.Stage, Sector: f.Sector, Zjtx: f.Zjtx, Coverage: store.Coverage(f.Coverage), Surveyed: f.Surveyed,
		Sort: f.Sort, Offset: (f.Page - 1) * ledgerPageSize, Limit: ledgerPageSize,
	})
	if err != nil {
		return ledgerList{}, err
	}
	pages := max(1, (total+ledgerPageSize-1)/ledgerPageSize)
	if f.Page > pages {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.EnterpriseLedger{
		Query: f.Query, Sort: f.Sort, Total: total,
		Stages:      options(store.Stages, f.Stage),
		Zjtx:        options([]store.Choice{{Value: "yes", Label: "是"}, {Value: "no", Label: "否"}}, f.Zjtx),
		Coverages:   options(store.Coverages, f.Coverage),
		ClearURL:    enterpriseLedger,
		SortName:    f.sortLink("企业名称", "name"),
		SortStaff:   f.sortLink("员工人数", "employees"),
		SortFounded: f.sortLink("成立日期", "founded"),
		Pager:       pager(f.Page, pages, f.href),
		ExportURL:   f.exportLink(),
	}
	sectorKnown := false
	for _, sec := range sectors {
		v.Sectors = append(v.Sectors, views.Option{Value: sec, Label: sec, Selected: sec == f.Sector})
		sectorKnown = sectorKnown || sec == f.Sector
	}
	if f.Sector != "" && !sectorKnown {
		v.Sectors = append(v.Sectors, views.Option{Value: f.Sector, Label: f.Sector, Selected: true})
	}
	tag := func(label string, without enterpriseListForm) {
		v.Tags = append(v.Tags, views.FilterTag{Label: label, RemoveURL: without.href(1)})
	}
	if f.Query != "" {
		g := f
		g.Query = ""
		tag("搜索：“"+f.Query+"”", g)
	}
	if f.Stage != "" {
		g := f
		g.Stage = ""
		tag("发展阶段："+store.Label(store.Stages, f.Stage), g)
	}
	if f.Sector != "" {
		g := f
		g.Sector = ""
		tag("所属行业："+f.Sector, g)
	}
	if f.Zjtx != "" {
		g := f
		g.Zjtx = ""
		tag("专精特新："+map[string]string{"yes": "是", "no": "否"}[f.Zjtx], g)
	}
	if f.Coverage != "" {
		g := f
		g.Coverage = ""
		tag("党组织覆盖："+store.Label(store.Coverages, f.Coverage), g)
	}
	if f.Surveyed != 0 {
		v.Surveyed = strconv.Itoa(f.Surveyed)
		g := f
		g.Surveyed = 0
		tag(views.Year(f.Surveyed)+"内有摸排记录", g)
	}
	for _, r := range rows {
		row := views.EnterpriseLedgerRow{
			Href: staffEnterpriseHref(r.ID), ID: r.ID, Name: r.Name, CreditCode: r.CreditCode,
			Stage: store.Label(store.Stages, r.Stage), Sector: r.Sector, Founded: views.Date(r.Founded),
			Coverage: store.Label(store.Coverages, string(r.Coverage)), Zjtx: r.Zjtx,
		}
		if r.Employees != nil {
			row.Employees = strconv.Itoa(*r.Employees)
		}
		v.Rows = append(v.Rows, row)
	}
	title := "企业台账"
	if pages > 1 {
		title += "（第" + strconv.Itoa(f.Page) + "页，共" + strconv.Itoa(pages) + "页）"
	}
	return ledgerList{title: title, page: func(notice string) templ.Component {
		v.Notice = notice
		return views.EnterpriseLedgerPage(v)
	}}, nil
}

// staffEnterpriseHref is an enterprise's page in the workspace.
func staffEnterpriseHref(id string) string {
	return enterpriseLedger + "/" + url.PathEscape(id)
}

// enterpriseLedgerKey names a ledger page in the page cache by its parsed
// query.
func enterpriseLedgerKey(_ *Server, c echo.Context) string {
	f := parseEnterpriseListForm(c)
	return f.href(f.Page) + " " + staffKey(c)
}
