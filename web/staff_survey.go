package web

import (
	"context"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The survey ledger ("三有"摸排), on the ledger engine (ledger.go): every
// survey, newest first; a survey's page, its edit form and delete. New
// surveys are recorded from an enterprise's page, and a saved survey goes
// back there.

const surveyLedger = "/workbench/surveys"

var surveyFields = []string{"enterprise", "date", "fixed_premises", "employees", "operating", "id"}

func showSurveyValue(field string, v any) string {
	if field == "date" {
		s, _ := v.(string)
		return views.Date(s)
	}
	return plainValue(v)
}

func staffSurveyHref(key int64) string {
	return surveyLedger + "/" + strconv.FormatInt(key, 10)
}

var surveys = &ledger[store.Survey, surveyForm]{
	collection: store.Surveys,
	path:       surveyLedger,
	names: ledgerNames{ledger: "“三有”摸排台账", record: "摸排记录", create: "记录“三有”摸排", edit: "修改“三有”摸排记录", remove: "删除摸排记录",
		editText: "摸排记录", deleteText: "删除这次摸排", sheet: "三有摸排台账"},
	access: keyed((*store.Store).SurveyByKey, (*store.Store).SaveSurvey, (*store.Store).DeleteSurvey),
	fields: surveyFields,
	show:   showSurveyValue,
	title: func(ctx context.Context, s *Server, sv store.Survey) (string, error) {
		names, err := s.store.EnterpriseNames(ctx, []string{sv.Enterprise})
		return names[sv.Enterprise] + " · " + views.Date(sv.Date) + "摸排", err
	},
	list:   listSurveys,
	record: surveyRecord,
	export: exportSurveys,
	sheet:  surveySheet,
	form:   surveyFormKind,
	saved: func(sv store.Survey) string {
		return staffEnterpriseHref(sv.Enterprise) + "?done=survey"
	},
}

// listSurveys is /workbench/surveys. Queries: years, count, page.
func listSurveys(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	q, filter := surveyQuery(c)
	year, meets := filter.Year, filter.Meets
	earliest, latest, err := s.store.RecordYears(ctx, "surveys")
	if err != nil {
		return ledgerList{}, err
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.SurveyLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "企业名称；新的摸排从企业页面记录",
		Filters: []views.SelectFilter{
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(max(latest, s.now().In(chinaTime).Year()), earliest, year)},
			{Name: "meets", Label: "符合“三有”", Any: "不限", Options: options(yesNoChoices, meets)},
		},
		Hidden: q.hidden("year", "meets"),
		Tags: q.tags(func(key, value string) string {
			if key == "year" {
				return "年份：" + value + "年"
			}
			return "符合“三有”：" + store.Label(yesNoChoices, value)
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 次摸排",
		Empty: "没有符合条件的摸排记录。",
		Columns: []views.LedgerColumn{
			{Label: "企业"}, {Label: "摸排日期", Sort: q.sortLink("摸排日期", "date")}, {Label: "有固定场所"},
			{Label: "从业人数", Sort: q.sortLink("从业人数", "employees"), Numeric: true}, {Label: "有实际经营"}, {Label: "符合“三有”"},
		},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	yes := map[bool]string{true: "是", false: "否"}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.EnterpriseName, Href: staffSurveyHref(r.Key)},
			{Text: views.Date(r.Date)},
			{Text: yes[r.FixedPremises]},
			{Text: strconv.Itoa(r.Employees)},
			{Text: yes[r.Operating]},
			{Text: yes[r.Meets()]},
		})
	}
	return ledgerList{view: v, title: q.title("“三有”摸排台账", pages)}, nil
}

// surveyRecord is a survey's page: its answers, whether they meet "三有",
// and its enterprise.
func surveyRecord(ctx context.Context, s *Server, sv store.Survey, v *views.StaffRecord) error {
	names, err := s.store.EnterpriseNames(ctx, []string{sv.Enterprise})
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel(store.Surveys, f) }
	yes := map[bool]string{true: "是", false: "否"}
	v.Summary = []views.SummaryRow{
		{Label: label("enterprise"), Value: names[sv.Enterprise]},
		{Label: label("date"), Value: views.Date(sv.Date)},
		{Label: label("fixed_premises"), Value: yes[sv.FixedPremises]},
		{Label: label("employees"), Value: strconv.Itoa(sv.Employees) + " 人"},
		{Label: label("operating"), Value: yes[sv.Operating]},
		{Label: "符合“三有”", Value: yes[sv.Meets()]},
		{Label: label("id"), Value: dash(sv.ID)},
	}
	v.Related = []views.RelatedList{{Heading: "企业", Count: 1, Items: []views.RelatedItem{{Href: staffEnterpriseHref(sv.Enterprise), Text: names[sv.Enterprise]}}}}
	return nil
}

// surveyQuery is the survey ledger's query and the filter it selects.
func surveyQuery(c echo.Context) (ledgerQuery, store.SurveyFilter) {
	q := parseLedgerQuery(c, surveyLedger, []string{"date", "employees"})
	f := store.SurveyFilter{Query: q.Query, Sort: q.Sort}
	f.Year = q.year(c, "year")
	f.Meets = q.choice(c, "meets", yesNoChoices)
	return q, f
}

// exportSurveys is /workbench/surveys.xlsx.
func exportSurveys(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	_, filter := surveyQuery(c)
	rows, _, err := s.store.SurveyLedger(c.Request().Context(), filter)
	if err != nil {
		return nil, nil, err
	}
	yes := map[bool]string{true: "是", false: "否"}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Key, r.EnterpriseName, r.Date, yes[r.FixedPremises], r.Employees, yes[r.Operating], yes[r.Meets()]}
	}
	return sheetColumns(surveySheet), out, nil
}

// surveySheet is the ledger's export, and what an upload reads back: the
// enterprise by its name, the answers as 是 or 否.
var surveySheet = []sheetField{
	keyColumn(),
	named(refColumn(store.Surveys, "enterprise", 34, store.Enterprises)),
	dateColumn(store.Surveys, "date"),
	boolColumn(store.Surveys, "fixed_premises", "true", "false", ""),
	fieldColumn(store.Surveys, "employees", 10, sheet.Number),
	boolColumn(store.Surveys, "operating", "true", "false", ""),
	shownColumn("符合“三有”", 10, sheet.Text),
}
