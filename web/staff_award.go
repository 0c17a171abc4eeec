package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The award ledger (荣誉: benchmark organisations and other distinctions),
// on the ledger engine (ledger.go): what differs from the other ledgers.

const awardLedger = "/workbench/awards"

var awardFields = []string{"organization", "kind", "level", "year", "title", "id"}

func showAwardValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "kind":
		return store.Label(store.AwardKinds, s)
	case "level":
		return store.Label(store.AwardLevels, s)
	}
	return plainValue(v)
}

func staffAwardHref(key int64) string {
	return awardLedger + "/" + strconv.FormatInt(key, 10)
}

var awards = &ledger[store.Award, awardForm]{
	collection: store.Awards,
	path:       awardLedger,
	names: ledgerNames{ledger: "荣誉台账", record: "荣誉", create: "登记荣誉", edit: "修改荣誉", remove: "删除荣誉",
		newText: "登记荣誉", editText: "荣誉信息", deleteText: "删除这项荣誉"},
	access: keyed((*store.Store).AwardByKey, (*store.Store).SaveAward, (*store.Store).DeleteAward),
	fields: awardFields,
	show:   showAwardValue,
	title: func(ctx context.Context, s *Server, a store.Award) (string, error) {
		org, err := s.store.OrganizationName(ctx, a.Organization)
		return store.AwardTitle(org, a), err
	},
	list:   listAwards,
	record: awardRecord,
	export: exportAwards,
	sheet:  awardSheet,
	form: ledgerForm[store.Award, awardForm]{
		blank: func(c echo.Context) awardForm { return awardForm{Organization: c.QueryParam("organization")} },
		of: func(a store.Award) awardForm {
			return awardForm{Organization: a.Organization, Kind: a.Kind, Level: a.Level, Year: strconv.Itoa(a.Year), Title: a.Title, ID: a.ID}
		},
		read: func(values url.Values) awardForm {
			return awardForm{Organization: values.Get("organization"), Kind: strings.TrimSpace(values.Get("kind")), Level: values.Get("level"),
				Year: strings.TrimSpace(values.Get("year")), Title: strings.TrimSpace(values.Get("title")), ID: strings.TrimSpace(values.Get("id"))}
		},
		resolve: func(ctx context.Context, s *Server, f *awardForm) (err error) {
			f.unpicked, err = s.resolveOrganization(ctx, "organization", &f.Organization)
			return err
		},
		record: func(f awardForm) (store.Award, []store.Problem) {
			a := store.Award{Organization: f.Organization, Kind: f.Kind, Level: f.Level, Title: f.Title, ID: f.ID}
			n, ps := countField("year", f.Year, true, "须为四位数字的年份，如 2023")
			if n != nil {
				a.Year = *n
			}
			if f.unpicked != nil {
				ps = append(ps, *f.unpicked)
			}
			return a, ps
		},
		draw: drawAwardForm,
	},
}

// awardForm is the form as typed.
type awardForm struct {
	Organization, Kind, Level, Year, Title, ID string
	unpicked                                   *store.Problem // the organisation typed names none (organization_pick.go)
}

// drawAwardForm is the award form: the organisation picked by typing.
func drawAwardForm(ctx context.Context, s *Server, f awardForm, frame views.FormFrame) (templ.Component, error) {
	org, err := s.organizationPicker(ctx, "organization", "党组织", f.Organization)
	if err != nil {
		return nil, err
	}
	return views.AwardFormPage(views.AwardForm{FormFrame: frame,
		Organization: org, Kind: f.Kind, Kinds: options(store.AwardKinds, ""), Level: f.Level,
		Levels: options(store.AwardLevels, f.Level), Year: f.Year, Title: f.Title, ID: f.ID,
	}), nil
}

// listAwards is /workbench/awards. Queries: kinds, the organisation
// typed, count, page.
func listAwards(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "awards", store.AwardKinds)
	if err != nil {
		return ledgerList{}, err
	}
	q, filter := awardQuery(c, kinds)
	kind, level, year := filter.Kind, filter.Level, filter.Year
	org, err := s.organizationFilter(ctx, &q, "organization", "党组织")
	if err != nil {
		return ledgerList{}, err
	}
	filter.Organization = org.ID
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.AwardLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "党组织名称或荣誉名称",
		Filters: []views.SelectFilter{
			{Name: "kind", Label: "荣誉类型", Any: "全部类型", Options: options(kinds, kind)},
			{Name: "level", Label: "级别", Any: "全部级别", Options: options(store.AwardLevels, level)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(s.now().In(chinaTime).Year(), 2000, year)},
			org.Filter,
		},
		Hidden: q.hidden("kind", "level", "year", "organization"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "kind":
				return "荣誉类型：" + store.Label(kinds, value)
			case "level":
				return "级别：" + store.Label(store.AwardLevels, value)
			case "year":
				return "年份：" + value + "年"
			}
			return "党组织：" + org.Name
		}),
		Count:     "共 " + views.Thousands(int64(total)) + " 项荣誉",
		Empty:     "没有符合条件的荣誉。",
		Columns:   []views.LedgerColumn{{Label: "荣誉"}, {Label: "党组织"}, {Label: "荣誉类型"}, {Label: "级别"}, {Label: "年份"}},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: store.AwardTitle(r.OrganizationName, store.Award{Title: r.Title, Year: r.Year, Level: r.Level, Kind: r.Kind}), Href: staffAwardHref(r.Key)},
			{Text: r.OrganizationName, Href: staffOrganizationHref(r.Organization)},
			{Text: store.Label(store.AwardKinds, r.Kind)},
			{Text: store.Label(store.AwardLevels, r.Level)},
			{Text: views.Year(r.Year)},
		})
	}
	return ledgerList{view: v, title: q.title("荣誉台账", pages)}, nil
}

// awardRecord is an award's page: its fields and its organisation.
func awardRecord(ctx context.Context, s *Server, a store.Award, v *views.StaffRecord) error {
	org, err := s.store.OrganizationName(ctx, a.Organization)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel(store.Awards, f) }
	v.Summary = []views.SummaryRow{
		{Label: label("organization"), Value: org},
		{Label: label("kind"), Value: store.Label(store.AwardKinds, a.Kind)},
		{Label: label("level"), Value: store.Label(store.AwardLevels, a.Level)},
		{Label: label("year"), Value: views.Year(a.Year)},
		{Label: label("title"), Value: dash(a.Title)},
		{Label: label("id"), Value: dash(a.ID)},
	}
	v.Related = []views.RelatedList{{Heading: "党组织", Count: 1, Items: []views.RelatedItem{{Href: staffOrganizationHref(a.Organization), Text: org}}}}
	return nil
}

// awardQuery is the award ledger's query and the filter it selects.
func awardQuery(c echo.Context, kinds []store.Choice) (ledgerQuery, store.AwardFilter) {
	q := parseLedgerQuery(c, awardLedger, nil)
	f := store.AwardFilter{Query: q.Query}
	f.Kind = q.choice(c, "kind", kinds)
	f.Level = q.choice(c, "level", store.AwardLevels)
	f.Year = q.year(c, "year")
	f.Organization = q.text(c, "organization")
	return q, f
}

// exportAwards is /workbench/awards.xlsx.
func exportAwards(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "awards", store.AwardKinds)
	if err != nil {
		return nil, nil, err
	}
	q, filter := awardQuery(c, kinds)
	org, err := s.organizationFilter(ctx, &q, "organization", "党组织")
	if err != nil {
		return nil, nil, err
	}
	filter.Organization = org.ID
	rows, _, err := s.store.AwardLedger(ctx, filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Key, r.Title, r.OrganizationName, store.Label(store.AwardKinds, r.Kind), store.Label(store.AwardLevels, r.Level), r.Year}
	}
	return sheetColumns(awardSheet), out, nil
}

// awardSheet is the ledger's export, and what an upload reads back: the
// organisation by its name, kinds and levels by their labels.
var awardSheet = []sheetField{
	keyColumn(),
	nameColumn(store.Awards, "title", 36),
	refColumn(store.Awards, "organization", 34, store.Organizations),
	choiceColumn(store.Awards, "kind", 16, store.AwardKinds),
	choiceColumn(store.Awards, "level", 8, store.AwardLevels),
	fieldColumn(store.Awards, "year", 8, sheet.Number),
}
