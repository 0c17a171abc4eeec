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

// The designation ledger (企业认定: 专精特新 and other titles), on the
// ledger engine (ledger.go): what differs from the other ledgers.

const designationLedger = "/workbench/designations"

var designationFields = []string{"enterprise", "kind", "year", "id"}

func showDesignationValue(field string, v any) string {
	if field == "kind" {
		s, _ := v.(string)
		return store.Label(store.DesignationKinds, s)
	}
	return plainValue(v)
}

func staffDesignationHref(key int64) string {
	return designationLedger + "/" + strconv.FormatInt(key, 10)
}

var designations = &ledger[store.Designation, designationForm]{
	collection: store.Designations,
	path:       designationLedger,
	names: ledgerNames{ledger: "企业认定台账", record: "认定", create: "登记企业认定", edit: "修改企业认定", remove: "删除企业认定",
		newText: "登记认定", editText: "认定信息", deleteText: "删除这项认定"},
	access: keyed((*store.Store).DesignationByKey, (*store.Store).SaveDesignation, (*store.Store).DeleteDesignation),
	fields: designationFields,
	show:   showDesignationValue,
	title: func(ctx context.Context, s *Server, d store.Designation) (string, error) {
		names, err := s.store.EnterpriseNames(ctx, []string{d.Enterprise})
		return names[d.Enterprise] + " · " + views.Year(d.Year) + store.Label(store.DesignationKinds, d.Kind), err
	},
	list:   listDesignations,
	record: designationRecord,
	export: exportDesignations,
	sheet:  designationSheet,
	form: ledgerForm[store.Designation, designationForm]{
		blank: func(c echo.Context) designationForm { return designationForm{Enterprise: c.QueryParam("enterprise")} },
		of: func(d store.Designation) designationForm {
			return designationForm{Enterprise: d.Enterprise, Kind: d.Kind, Year: strconv.Itoa(d.Year), ID: d.ID}
		},
		read: func(values url.Values) designationForm {
			return designationForm{Enterprise: strings.TrimSpace(values.Get("enterprise")), Kind: strings.TrimSpace(values.Get("kind")),
				Year: strings.TrimSpace(values.Get("year")), ID: strings.TrimSpace(values.Get("id"))}
		},
		resolve: func(ctx context.Context, s *Server, f *designationForm) error {
			ids, err := s.store.EnterpriseIDsFor(ctx, []string{f.Enterprise})
			if err == nil {
				f.Enterprise = ids[0]
			}
			return err
		},
		record: func(f designationForm) (store.Designation, []store.Problem) {
			d := store.Designation{Enterprise: f.Enterprise, Kind: f.Kind, ID: f.ID}
			n, ps := countField("year", f.Year, true, "须为四位数字的年份，如 2023")
			if n != nil {
				d.Year = *n
			}
			return d, ps
		},
		draw: func(ctx context.Context, s *Server, f designationForm, frame views.FormFrame) (templ.Component, error) {
			picked, err := s.pickedEnterprises(ctx, []string{f.Enterprise}, 0)
			if err != nil {
				return nil, err
			}
			return views.DesignationFormPage(views.DesignationForm{FormFrame: frame,
				Enterprise: picked[0], Kind: f.Kind, Kinds: options(store.DesignationKinds, ""), Year: f.Year, ID: f.ID}), nil
		},
	},
}

// designationForm is the form as typed.
type designationForm struct {
	Enterprise, Kind, Year, ID string
}

// listDesignations is /workbench/designations. Queries: kinds, count,
// page.
func listDesignations(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "designations", store.DesignationKinds)
	if err != nil {
		return ledgerList{}, err
	}
	q, filter := designationQuery(c, kinds)
	kind, year := filter.Kind, filter.Year
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.DesignationLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "企业名称",
		Filters: []views.SelectFilter{
			{Name: "kind", Label: "认定类型", Any: "全部类型", Options: options(kinds, kind)},
			{Name: "year", Label: "认定年份", Any: "全部年份", Options: yearOptions(s.now().In(chinaTime).Year(), 2000, year)},
		},
		Hidden: q.hidden("kind", "year"),
		Tags: q.tags(func(key, value string) string {
			if key == "kind" {
				return "认定类型：" + store.Label(kinds, value)
			}
			return "认定年份：" + value + "年"
		}),
		Count:     "共 " + views.Thousands(int64(total)) + " 项认定",
		Empty:     "没有符合条件的认定。",
		Columns:   []views.LedgerColumn{{Label: "企业"}, {Label: "认定类型"}, {Label: "认定年份"}},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.EnterpriseName, Href: staffDesignationHref(r.Key)},
			{Text: store.Label(store.DesignationKinds, r.Kind)},
			{Text: views.Year(r.Year)},
		})
	}
	return ledgerList{view: v, title: q.title("企业认定台账", pages)}, nil
}

// designationRecord is a designation's page: its fields and its
// enterprise.
func designationRecord(ctx context.Context, s *Server, d store.Designation, v *views.StaffRecord) error {
	names, err := s.store.EnterpriseNames(ctx, []string{d.Enterprise})
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel(store.Designations, f) }
	v.Summary = []views.SummaryRow{
		{Label: label("enterprise"), Value: names[d.Enterprise]},
		{Label: label("kind"), Value: store.Label(store.DesignationKinds, d.Kind)},
		{Label: label("year"), Value: views.Year(d.Year)},
		{Label: label("id"), Value: dash(d.ID)},
	}
	v.Related = []views.RelatedList{{Heading: "企业", Count: 1, Items: []views.RelatedItem{{Href: staffEnterpriseHref(d.Enterprise), Text: names[d.Enterprise]}}}}
	return nil
}

// designationQuery is the ledger's query and the filter it selects.
func designationQuery(c echo.Context, kinds []store.Choice) (ledgerQuery, store.DesignationFilter) {
	q := parseLedgerQuery(c, designationLedger, nil)
	f := store.DesignationFilter{Query: q.Query}
	f.Kind = q.choice(c, "kind", kinds)
	f.Year = q.year(c, "year")
	return q, f
}

// exportDesignations is /workbench/designations.xlsx.
func exportDesignations(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "designations", store.DesignationKinds)
	if err != nil {
		return nil, nil, err
	}
	_, filter := designationQuery(c, kinds)
	rows, _, err := s.store.DesignationLedger(ctx, filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Key, r.EnterpriseName, store.Label(store.DesignationKinds, r.Kind), r.Year}
	}
	return sheetColumns(designationSheet), out, nil
}

// designationSheet is the ledger's export, and what an upload reads back:
// the enterprise by its name, the kind by its label.
var designationSheet = []sheetField{
	keyColumn(),
	named(refColumn(store.Designations, "enterprise", 34, store.Enterprises)),
	choiceColumn(store.Designations, "kind", 28, store.DesignationKinds),
	fieldColumn(store.Designations, "year", 10, sheet.Number),
}
