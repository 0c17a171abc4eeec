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

// The shared-service ledger (共享服务), on the ledger engine (ledger.go):
// what differs from the other ledgers. What the services saved, by month,
// is on /workbench/services/savings (staff_services.go). A secretary's
// service request (org_filing_forms.go) and its closing in review
// (review.go) read the service's fields with the same parser.

const serviceLedger = "/workbench/services"

var serviceFields = []string{"enterprise", "kind", "date", "effective", "market_cost", "actual_cost", "note", "id"}

func showServiceValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "kind":
		return store.Label(store.ServiceKinds, s)
	case "date":
		return views.Date(s)
	}
	return plainValue(v)
}

func staffServiceHref(key int64) string {
	return serviceLedger + "/" + strconv.FormatInt(key, 10)
}

// yesNoChoices are the answers of a yes/no filter.
var yesNoChoices = []store.Choice{{Value: "yes", Label: "是"}, {Value: "no", Label: "否"}}

// moneyText shows an optional amount in yuan.
func moneyText(m *store.Money) string {
	if m == nil {
		return ""
	}
	return m.String()
}

var services = &ledger[store.Service, serviceForm]{
	collection: store.Services,
	path:       serviceLedger,
	names: ledgerNames{ledger: "共享服务台账", record: "服务记录", create: "登记共享服务", edit: "修改服务记录", remove: "删除服务记录",
		newText: "登记服务", editText: "服务记录", deleteText: "删除这条服务记录"},
	access: keyed((*store.Store).ServiceByKey, (*store.Store).SaveService, (*store.Store).DeleteService),
	fields: serviceFields,
	show:   showServiceValue,
	title: func(ctx context.Context, s *Server, v store.Service) (string, error) {
		names, err := s.store.EnterpriseNames(ctx, []string{v.Enterprise})
		return names[v.Enterprise] + " · " + store.Label(store.ServiceKinds, v.Kind), err
	},
	list:   listServices,
	record: serviceRecord,
	export: exportServices,
	sheet:  serviceSheet,
	form: ledgerForm[store.Service, serviceForm]{
		blank: func(c echo.Context) serviceForm {
			return serviceForm{Enterprise: c.QueryParam("enterprise"), Effective: "true"}
		},
		of: func(v store.Service) serviceForm {
			return serviceForm{Enterprise: v.Enterprise, Kind: v.Kind, Date: v.Date, Effective: strconv.FormatBool(v.Effective),
				MarketCost: moneyText(v.MarketCost), ActualCost: moneyText(v.ActualCost), Note: v.Note, ID: v.ID}
		},
		read: readServiceForm,
		resolve: func(ctx context.Context, s *Server, f *serviceForm) error {
			return s.resolveEnterprise(ctx, &f.Enterprise)
		},
		record: serviceForm.record,
		draw: func(ctx context.Context, s *Server, f serviceForm, frame views.FormFrame) (templ.Component, error) {
			picked, err := s.pickedEnterprises(ctx, []string{f.Enterprise}, 0)
			if err != nil {
				return nil, err
			}
			return views.ServiceFormPage(views.ServiceForm{FormFrame: frame,
				Enterprise: picked[0], Kind: f.Kind, Kinds: options(store.ServiceKinds, f.Kind), Date: f.Date, Effective: f.Effective,
				MarketCost: f.MarketCost, ActualCost: f.ActualCost, Note: f.Note, ID: f.ID}), nil
		},
	},
}

// serviceForm is a shared service as typed: on a clerk's form, in a
// secretary's request (its enterprise, kind and date) or in its closing
// (whether it was effective, what it cost).
type serviceForm struct {
	Enterprise, Kind, Date, Effective, MarketCost, ActualCost, Note, ID string
}

// readServiceForm is the one reading of a posted service.
func readServiceForm(values url.Values) serviceForm {
	return serviceForm{
		Enterprise: strings.TrimSpace(values.Get("enterprise")), Kind: values.Get("kind"), Date: strings.TrimSpace(values.Get("date")),
		Effective: values.Get("effective"), MarketCost: strings.TrimSpace(values.Get("market_cost")),
		ActualCost: strings.TrimSpace(values.Get("actual_cost")), Note: strings.TrimSpace(values.Get("note")), ID: strings.TrimSpace(values.Get("id")),
	}
}

// record is the service the form describes and the problems of what
// could not be read as its type: whether it was effective and its costs.
func (f serviceForm) record() (store.Service, []store.Problem) {
	v := store.Service{Enterprise: f.Enterprise, Kind: f.Kind, Date: f.Date, Effective: f.Effective == "true", Note: f.Note, ID: f.ID}
	var ps []store.Problem
	if f.Effective != "true" && f.Effective != "false" {
		ps = append(ps, store.Problem{Field: "effective", Code: store.CodeRequired, Message: "请选择“是”或“否”"})
	}
	for _, m := range []struct {
		field, typed string
		into         **store.Money
	}{{"market_cost", f.MarketCost, &v.MarketCost}, {"actual_cost", f.ActualCost, &v.ActualCost}} {
		if m.typed == "" {
			continue
		}
		amount, p := store.ParseMoney(m.field, strings.TrimSuffix(strings.ReplaceAll(m.typed, ",", ""), "元"))
		if p != nil {
			ps = append(ps, *p)
			continue
		}
		*m.into = &amount
	}
	return v, ps
}

// listServices is /workbench/services. Queries: years, count, page.
func listServices(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	q, filter := serviceQuery(c)
	kind, year, effective := filter.Kind, filter.Year, filter.Effective
	earliest, latest, err := s.store.RecordYears(ctx, "services")
	if err != nil {
		return ledgerList{}, err
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.ServiceLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	label := labelsOf(store.Services)
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "企业名称或备注",
		Filters: []views.SelectFilter{
			{Name: "kind", Label: label("kind"), Any: "全部类型", Options: options(store.ServiceKinds, kind)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(max(latest, s.now().In(chinaTime).Year()), earliest, year)},
			{Name: "effective", Label: label("effective"), Any: "不限", Options: options(yesNoChoices, effective)},
		},
		Hidden: q.hidden("kind", "year", "effective"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "kind":
				return label("kind") + "：" + store.Label(store.ServiceKinds, value)
			case "year":
				return "年份：" + value + "年"
			}
			return label("effective") + "：" + store.Label(yesNoChoices, value)
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 次服务",
		Empty: "没有符合条件的服务记录。",
		Columns: []views.LedgerColumn{
			{Label: label("enterprise")}, {Label: label("kind")},
			{Label: label("date"), Sort: q.sortLink(label("date"), "date")},
			{Label: label("effective")},
			{Label: label("market_cost"), Numeric: true}, {Label: label("actual_cost"), Numeric: true},
			{Label: "节省（元）", Sort: q.sortLink("节省（元）", "saving"), Numeric: true},
		},
		Pager:     pager(q.Page, pages, q.href),
		Before:    views.ServicesLinks(),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		saving := ""
		if r.MarketCost != nil && r.ActualCost != nil {
			saving = (*r.MarketCost - *r.ActualCost).String()
		}
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.EnterpriseName, Href: staffServiceHref(r.Key)},
			{Text: store.Label(store.ServiceKinds, r.Kind)},
			{Text: views.Date(r.Date)},
			{Text: map[bool]string{true: "是", false: "否"}[r.Effective]},
			{Text: moneyText(r.MarketCost)}, {Text: moneyText(r.ActualCost)}, {Text: saving},
		})
	}
	return ledgerList{view: v, title: q.title("共享服务台账", pages)}, nil
}

// serviceRecord is a service's page: its fields, what it saved, its note
// and its enterprise.
func serviceRecord(ctx context.Context, s *Server, sv store.Service, v *views.StaffRecord) error {
	names, err := s.store.EnterpriseNames(ctx, []string{sv.Enterprise})
	if err != nil {
		return err
	}
	label := labelsOf(store.Services)
	saving := "—"
	if sv.MarketCost != nil && sv.ActualCost != nil {
		saving = (*sv.MarketCost - *sv.ActualCost).String() + " 元"
	}
	v.Summary = []views.SummaryRow{
		{Label: label("enterprise"), Value: names[sv.Enterprise]},
		{Label: label("kind"), Value: store.Label(store.ServiceKinds, sv.Kind)},
		{Label: label("date"), Value: views.Date(sv.Date)},
		{Label: label("effective"), Value: map[bool]string{true: "是", false: "否"}[sv.Effective]},
		{Label: label("market_cost"), Value: dash(moneyText(sv.MarketCost))},
		{Label: label("actual_cost"), Value: dash(moneyText(sv.ActualCost))},
		{Label: "节省（元）", Value: saving},
		{Label: label("id"), Value: dash(sv.ID)},
	}
	v.Text, v.TextLabel = views.Paragraphs(sv.Note), label("note")
	v.Related = []views.RelatedList{{Heading: "企业", Count: 1, Items: []views.RelatedItem{{Href: staffEnterpriseHref(sv.Enterprise), Text: names[sv.Enterprise]}}}}
	return nil
}

// serviceQuery is the service ledger's query and the filter it selects.
func serviceQuery(c echo.Context) (ledgerQuery, store.ServiceFilter) {
	q := parseLedgerQuery(c, serviceLedger, []string{"date", "saving"})
	f := store.ServiceFilter{Query: q.Query, Sort: q.Sort}
	f.Kind = q.choice(c, "kind", store.ServiceKinds)
	f.Year = q.year(c, "year")
	f.Effective = q.choice(c, "effective", yesNoChoices)
	return q, f
}

// exportServices is /workbench/services.xlsx.
func exportServices(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	_, filter := serviceQuery(c)
	rows, _, err := s.store.ServiceLedger(c.Request().Context(), filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		var saving *store.Money
		if r.MarketCost != nil && r.ActualCost != nil {
			d := *r.MarketCost - *r.ActualCost
			saving = &d
		}
		out[i] = []any{r.Key, r.EnterpriseName, store.Label(store.ServiceKinds, r.Kind), r.Date, map[bool]string{true: "是", false: "否"}[r.Effective],
			r.MarketCost, r.ActualCost, saving, r.Note}
	}
	return sheetColumns(serviceSheet), out, nil
}

// serviceSheet is the ledger's export, and what an upload reads back: the
// enterprise by its name, the kind by its label, 是/否, amounts in yuan;
// the saving is worked out, not read.
var serviceSheet = []sheetField{
	keyColumn(),
	named(refColumn(store.Services, "enterprise", 34, store.Enterprises)),
	choiceColumn(store.Services, "kind", 10, store.ServiceKinds),
	dateColumn(store.Services, "date"),
	boolColumn(store.Services, "effective", "true", "false", ""),
	fieldColumn(store.Services, "market_cost", 12, sheet.Number),
	fieldColumn(store.Services, "actual_cost", 12, sheet.Number),
	shownColumn("节省（元）", 12, sheet.Number),
	fieldColumn(store.Services, "note", 30, sheet.Text),
}
