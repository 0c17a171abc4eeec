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

// The social-responsibility ledger (社会责任), on the ledger engine
// (ledger.go): what differs from the other ledgers. A secretary files the
// same record (org_filing_forms.go), read by the same parser.

const responsibilityLedger = "/workbench/responsibility"

// responsibilityFields are a record's fields in the order its page and
// history show them.
var responsibilityFields = []string{"enterprise", "kind", "date", "beneficiaries", "note", "status", "id"}

func showResponsibilityValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "date":
		return views.Date(s)
	case "kind":
		return store.Label(store.ResponsibilityKinds, s)
	case "status":
		if v == nil {
			return ""
		}
		return store.Label(store.Statuses, s)
	}
	return plainValue(v)
}

func staffResponsibilityHref(key int64) string {
	return responsibilityLedger + "/" + strconv.FormatInt(key, 10)
}

var responsibilityRecords = &ledger[store.Responsibility, responsibilityForm]{
	collection: store.ResponsibilityRecords,
	path:       responsibilityLedger,
	names: ledgerNames{ledger: "社会责任台账", record: "记录", create: "登记履责记录", edit: "修改履责记录", remove: "删除履责记录",
		newText: "登记履责记录", editText: "履责记录", deleteText: "删除这条记录"},
	access: keyed((*store.Store).ResponsibilityByKey, (*store.Store).SaveResponsibility, (*store.Store).DeleteResponsibility),
	fields: responsibilityFields,
	show:   showResponsibilityValue,
	title: func(ctx context.Context, s *Server, r store.Responsibility) (string, error) {
		names, err := s.store.EnterpriseNames(ctx, []string{r.Enterprise})
		return names[r.Enterprise] + " · " + store.Label(store.ResponsibilityKinds, r.Kind), err
	},
	list:   listResponsibility,
	record: responsibilityRecord,
	export: exportResponsibility,
	sheet:  responsibilitySheet,
	form: ledgerForm[store.Responsibility, responsibilityForm]{
		blank: func(c echo.Context) responsibilityForm {
			return responsibilityForm{Enterprise: c.QueryParam("enterprise")}
		},
		of: func(r store.Responsibility) responsibilityForm {
			return responsibilityForm{Enterprise: r.Enterprise, Kind: r.Kind, Date: r.Date, Beneficiaries: strconv.Itoa(r.Beneficiaries),
				Note: r.Note, ID: r.ID}
		},
		read: readResponsibilityForm,
		resolve: func(ctx context.Context, s *Server, f *responsibilityForm) error {
			return s.resolveEnterprise(ctx, &f.Enterprise)
		},
		record: responsibilityForm.record,
		// A staff edit leaves the record's review status as it is.
		keep: func(stored store.Responsibility, r *store.Responsibility) { r.Status = stored.Status },
		draw: func(ctx context.Context, s *Server, f responsibilityForm, frame views.FormFrame) (templ.Component, error) {
			picked, err := s.pickedEnterprises(ctx, []string{f.Enterprise}, 0)
			if err != nil {
				return nil, err
			}
			return views.ResponsibilityFormPage(views.ResponsibilityForm{FormFrame: frame,
				Enterprise: picked[0], Kind: f.Kind, Kinds: options(store.ResponsibilityKinds, ""), Date: f.Date,
				Beneficiaries: f.Beneficiaries, Note: f.Note, ID: f.ID}), nil
		},
	},
}

// responsibilityForm is a social-responsibility record as typed, on a
// clerk's form or a secretary's filing.
type responsibilityForm struct {
	Enterprise, Kind, Date, Beneficiaries, Note, ID string
}

// readResponsibilityForm is the one reading of a posted responsibility
// record, staff's and secretaries' alike.
func readResponsibilityForm(values url.Values) responsibilityForm {
	return responsibilityForm{
		Enterprise: strings.TrimSpace(values.Get("enterprise")), Kind: strings.TrimSpace(values.Get("kind")),
		Date: strings.TrimSpace(values.Get("date")), Beneficiaries: strings.TrimSpace(values.Get("beneficiaries")),
		Note: strings.TrimSpace(values.Get("note")), ID: strings.TrimSpace(values.Get("id")),
	}
}

// record is the record the form describes and the problems of what could
// not be read as its type.
func (f responsibilityForm) record() (store.Responsibility, []store.Problem) {
	r := store.Responsibility{Enterprise: f.Enterprise, Kind: f.Kind, Date: f.Date, Note: f.Note, ID: f.ID}
	n, p := countField("beneficiaries", f.Beneficiaries, true, "须为整数，如 12")
	if n != nil {
		r.Beneficiaries = *n
	}
	return r, p
}

// listResponsibility is /workbench/responsibility. Queries: kinds, years,
// count, page.
func listResponsibility(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "responsibility", store.ResponsibilityKinds)
	if err != nil {
		return ledgerList{}, err
	}
	q, filter := responsibilityQuery(c, kinds)
	kind, year, status := filter.Kind, filter.Year, filter.Status
	earliest, latest, err := s.store.RecordYears(ctx, "responsibility")
	if err != nil {
		return ledgerList{}, err
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, beneficiaries, err := s.store.ResponsibilityLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	label := labelsOf(store.ResponsibilityRecords)
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "企业名称或说明",
		Filters: []views.SelectFilter{
			{Name: "kind", Label: label("kind"), Any: "全部" + label("kind"), Options: options(kinds, kind)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(max(latest, s.now().In(chinaTime).Year()), earliest, year)},
			{Name: "status", Label: label("status"), Any: "全部状态", Options: options(store.Statuses, status)},
		},
		Hidden: q.hidden("kind", "year", "status"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "kind":
				return label("kind") + "：" + store.Label(kinds, value)
			case "year":
				return "年份：" + value + "年"
			}
			return label("status") + "：" + store.Label(store.Statuses, value)
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 条记录，受益 " + views.Thousands(int64(beneficiaries)) + " 人",
		Empty: "没有符合条件的记录。",
		Columns: []views.LedgerColumn{
			{Label: label("enterprise")}, {Label: label("kind")},
			{Label: label("date"), Sort: q.sortLink(label("date"), "date")},
			{Label: label("beneficiaries"), Sort: q.sortLink(label("beneficiaries"), "beneficiaries"), Numeric: true},
			{Label: label("note")}, {Label: label("status")},
		},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.EnterpriseName, Href: staffResponsibilityHref(r.Key)},
			{Text: store.Label(store.ResponsibilityKinds, r.Kind)},
			{Text: views.Date(r.Date)},
			{Text: strconv.Itoa(r.Beneficiaries)},
			{Text: clip(r.Note, 40)},
			{Text: store.Label(store.Statuses, r.Status)},
		})
	}
	return ledgerList{view: v, title: q.title("社会责任台账", pages)}, nil
}

// responsibilityRecord is a record's page: its fields, its story and its
// enterprise.
func responsibilityRecord(ctx context.Context, s *Server, r store.Responsibility, v *views.StaffRecord) error {
	names, err := s.store.EnterpriseNames(ctx, []string{r.Enterprise})
	if err != nil {
		return err
	}
	status := "已发布"
	if r.Status != "" {
		status = store.Label(store.Statuses, r.Status)
	}
	label := labelsOf(store.ResponsibilityRecords)
	v.Summary = []views.SummaryRow{
		{Label: label("enterprise"), Value: names[r.Enterprise]},
		{Label: label("kind"), Value: store.Label(store.ResponsibilityKinds, r.Kind)},
		{Label: label("date"), Value: views.Date(r.Date)},
		{Label: label("beneficiaries"), Value: strconv.Itoa(r.Beneficiaries) + " 人"},
		{Label: label("status"), Value: status},
		{Label: label("id"), Value: dash(r.ID)},
	}
	v.Text, v.TextLabel = views.Paragraphs(r.Note), label("note")
	v.Related = []views.RelatedList{{Heading: "企业", Count: 1, Items: []views.RelatedItem{{Href: staffEnterpriseHref(r.Enterprise), Text: names[r.Enterprise]}}}}
	return nil
}

// responsibilityQuery is the ledger's query and the filter it selects.
func responsibilityQuery(c echo.Context, kinds []store.Choice) (ledgerQuery, store.ResponsibilityFilter) {
	q := parseLedgerQuery(c, responsibilityLedger, []string{"date", "beneficiaries"})
	f := store.ResponsibilityFilter{Query: q.Query, Sort: q.Sort}
	f.Kind = q.choice(c, "kind", kinds)
	f.Year = q.year(c, "year")
	f.Status = q.choice(c, "status", store.Statuses)
	return q, f
}

// exportResponsibility is /workbench/responsibility.xlsx.
func exportResponsibility(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "responsibility", store.ResponsibilityKinds)
	if err != nil {
		return nil, nil, err
	}
	_, filter := responsibilityQuery(c, kinds)
	rows, _, _, err := s.store.ResponsibilityLedger(ctx, filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Key, r.EnterpriseName, store.Label(store.ResponsibilityKinds, r.Kind), r.Date, r.Beneficiaries, r.Note, store.Label(store.Statuses, r.Status)}
	}
	return sheetColumns(responsibilitySheet), out, nil
}

// responsibilitySheet is the ledger's export, and what an upload reads
// back: the enterprise by its name, the kind by its label; the review
// status is shown, not read (a staff change keeps it).
var responsibilitySheet = []sheetField{
	keyColumn(),
	named(refColumn(store.ResponsibilityRecords, "enterprise", 34, store.Enterprises)),
	choiceColumn(store.ResponsibilityRecords, "kind", 12, store.ResponsibilityKinds),
	dateColumn(store.ResponsibilityRecords, "date"),
	fieldColumn(store.ResponsibilityRecords, "beneficiaries", 10, sheet.Number),
	fieldColumn(store.ResponsibilityRecords, "note", 40, sheet.Text),
	shownColumn(store.FieldLabel(store.ResponsibilityRecords, "status"), 8, sheet.Text),
}
