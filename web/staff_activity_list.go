package web

import (
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showActivityLedger is /workbench/activities: every activity of the three
// programmes, filtered by programme, year and organiser. Queries: years,
// organisations, count, page.
func (s *Server) showActivityLedger(c echo.Context) error {
	ctx := c.Request().Context()
	q := parseLedgerQuery(c, "/workbench/activities", []string{"date", "title", "participants"})
	program := q.choice(c, "program", store.Programs)
	year := q.year(c, "year")
	organizer := q.text(c, "organizer")
	earliest, latest, err := s.store.RecordYears(ctx, "activities")
	if err != nil {
		return err
	}
	orgs, err := s.store.OrganizationChoices(ctx)
	if err != nil {
		return err
	}
	orgNames := map[string]string{}
	var orgOptions []views.Option
	for _, o := range orgs {
		orgNames[o.ID] = o.Name
		orgOptions = append(orgOptions, views.Option{Value: o.ID, Label: o.Name, Selected: o.ID == organizer})
	}
	rows, total, err := s.store.ActivityLedger(ctx, store.ActivityFilter{
		Query: q.Query, Program: program, Year: year, Organizer: organizer, Sort: q.Sort,
		Offset: (q.Page - 1) * ledgerPageSize, Limit: ledgerPageSize,
	})
	if err != nil {
		return err
	}
	pages, ok := q.pages(total)
	if !ok {
		return echo.ErrNotFound
	}
	v := views.RecordLedger{
		Section: "/workbench/activities", Heading: "活动台账",
		Notice: map[string]string{"deleted": "活动已删除。"}[c.QueryParam("done")],
		NewURL: "/workbench/activities/new", NewText: "登记活动",
		Query: q.Query, SearchHint: "活动名称或类型",
		Filters: []views.SelectFilter{
			{Name: "program", Label: "所属工程", Any: "全部工程", Options: options(store.Programs, program)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(max(latest, time.Now().Year()), earliest, year)},
			{Name: "organizer", Label: "组织单位", Any: "全部党组织", Options: orgOptions},
		},
		Hidden: q.hidden("program", "year", "organizer"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "program":
				return "所属工程：" + store.Label(store.Programs, value)
			case "year":
				return "年份：" + value + "年"
			}
			name := orgNames[value]
			if name == "" {
				name = value
			}
			return "组织单位：" + name
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 场活动",
		Empty: "没有符合条件的活动。",
		Columns: []views.LedgerColumn{
			{Label: "活动名称", Sort: q.sortLink("活动名称", "title")},
			{Label: "所属工程"}, {Label: "活动类型"},
			{Label: "活动日期", Sort: q.sortLink("活动日期", "date")},
			{Label: "组织单位"},
			{Label: "参与人数", Sort: q.sortLink("参与人数", "participants"), Numeric: true},
			{Label: "参与企业", Numeric: true},
			{Label: "状态"},
		},
		Pager: pager(q.Page, pages, q.href),
	}
	for _, r := range rows {
		participants := ""
		if r.Participants != nil {
			participants = strconv.Itoa(*r.Participants)
		}
		org := views.LedgerCell{Text: r.OrganizerName}
		if r.Organizer != "" {
			org.Href = staffOrganizationHref(r.Organizer)
		}
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.Title, Href: staffActivityHref(r.Key)},
			{Text: store.Label(store.Programs, r.Program)},
			{Text: store.Label(store.ActivityKinds, r.Kind)},
			{Text: views.Date(r.Date)},
			org,
			{Text: participants},
			{Text: strconv.Itoa(r.Enterprises)},
			{Text: store.Label(store.Statuses, r.Status)},
		})
	}
	return s.staffPage(c, q.title("活动台账", pages), views.RecordLedgerPage(v))
}

// staffActivityHref is an activity's page in the workspace.
func staffActivityHref(key int64) string {
	return "/workbench/activities/" + strconv.FormatInt(key, 10)
}
