package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// listActivities is /workbench/activities: every activity of the three
// programmes, filtered by programme, year and organiser. Queries: years,
// the organiser typed, count, page.
func listActivities(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	q, filter := activityQuery(c)
	program, year := filter.Program, filter.Year
	earliest, latest, err := s.store.RecordYears(ctx, "activities")
	if err != nil {
		return ledgerList{}, err
	}
	org, err := s.organizationFilter(ctx, &q, "organizer", "组织单位")
	if err != nil {
		return ledgerList{}, err
	}
	filter.Organizer = org.ID
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.ActivityLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "活动名称或类型",
		Filters: []views.SelectFilter{
			{Name: "program", Label: "所属工程", Any: "全部工程", Options: options(store.Programs, program)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(max(latest, s.now().In(chinaTime).Year()), earliest, year)},
			org.Filter,
			{Name: "status", Label: "状态", Any: "全部状态", Options: options(store.Statuses, filter.Status)},
		},
		Hidden: q.hidden("program", "year", "organizer", "status"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "program":
				return "所属工程：" + store.Label(store.Programs, value)
			case "year":
				return "年份：" + value + "年"
			case "status":
				return "状态：" + store.Label(store.Statuses, value)
			}
			return "组织单位：" + org.Name
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
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
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
	return ledgerList{view: v, title: q.title("活动台账", pages)}, nil
}

// activityQuery is the activity ledger's query and the filter it selects.
func activityQuery(c echo.Context) (ledgerQuery, store.ActivityFilter) {
	q := parseLedgerQuery(c, activityLedger, []string{"date", "title", "participants"})
	f := store.ActivityFilter{Query: q.Query, Sort: q.Sort}
	f.Program = q.choice(c, "program", store.Programs)
	f.Year = q.year(c, "year")
	f.Organizer = q.text(c, "organizer")
	f.Status = q.choice(c, "status", store.Statuses)
	return q, f
}

// exportActivities is /workbench/activities.xlsx.
func exportActivities(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	q, filter := activityQuery(c)
	org, err := s.organizationFilter(c.Request().Context(), &q, "organizer", "组织单位")
	if err != nil {
		return nil, nil, err
	}
	filter.Organizer = org.ID
	rows, _, err := s.store.ActivityLedger(c.Request().Context(), filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Key, r.Title, store.Label(store.Programs, r.Program), store.Label(store.ActivityKinds, r.Kind), r.Date, r.OrganizerName,
			r.Participants, r.Enterprises, store.Label(store.Statuses, r.Status)}
	}
	return sheetColumns(activitySheet), out, nil
}

// activitySheet is the ledger's export, and what an upload reads back: the
// programme and kind by their labels, the organiser by its name; the
// enterprises (counted here) and the summary stay as stored, and so does
// the review status.
var activitySheet = []sheetField{
	keyColumn(),
	nameColumn(store.Activities, "title", 36),
	choiceColumn(store.Activities, "program", 20, store.Programs),
	choiceColumn(store.Activities, "kind", 10, store.ActivityKinds),
	dateColumn(store.Activities, "date"),
	refColumn(store.Activities, "organizer", 30, store.Organizations),
	fieldColumn(store.Activities, "participants", 10, sheet.Number),
	shownColumn("参与企业数", 10, sheet.Number),
	shownColumn(store.FieldLabel(store.Activities, "status"), 8, sheet.Text),
}
