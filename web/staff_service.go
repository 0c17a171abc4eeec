package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The shared-service ledger (共享服务): every service record, a record's
// page, the form and delete. What the services saved, by month, is on
// /workbench/services/savings (staff_services.go).

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

// showServiceLedger is /workbench/services. Queries: years, count, page.
func (s *Server) showServiceLedger(c echo.Context) error {
	ctx := c.Request().Context()
	q, filter := serviceQuery(c)
	kind, year, effective := filter.Kind, filter.Year, filter.Effective
	earliest, latest, err := s.store.RecordYears(ctx, "services")
	if err != nil {
		return err
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.ServiceLedger(ctx, filter)
	if err != nil {
		return err
	}
	pages, ok := q.pages(total)
	if !ok {
		return echo.ErrNotFound
	}
	v := views.RecordLedger{
		Section: serviceLedger, Heading: "共享服务台账",
		Notice: map[string]string{"deleted": "服务记录已删除。"}[c.QueryParam("done")],
		NewURL: serviceLedger + "/new", NewText: "登记服务",
		Query: q.Query, SearchHint: "企业名称或备注",
		Filters: []views.SelectFilter{
			{Name: "kind", Label: "服务类型", Any: "全部类型", Options: options(store.ServiceKinds, kind)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(max(latest, s.now().In(chinaTime).Year()), earliest, year)},
			{Name: "effective", Label: "有效服务", Any: "不限", Options: options(yesNoChoices, effective)},
		},
		Hidden: q.hidden("kind", "year", "effective"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "kind":
				return "服务类型：" + store.Label(store.ServiceKinds, value)
			case "year":
				return "年份：" + value + "年"
			}
			return "有效服务：" + store.Label(yesNoChoices, value)
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 次服务",
		Empty: "没有符合条件的服务记录。",
		Columns: []views.LedgerColumn{
			{Label: "企业"}, {Label: "服务类型"},
			{Label: "服务日期", Sort: q.sortLink("服务日期", "date")},
			{Label: "有效服务"},
			{Label: "市场价（元）", Numeric: true}, {Label: "实际费用（元）", Numeric: true},
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
	return s.staffPage(c, q.title("共享服务台账", pages), views.RecordLedgerPage(v))
}

func (s *Server) serviceOf(c echo.Context) (store.Service, int64, error) {
	key, err := keyParam(c)
	if err != nil {
		return store.Service{}, 0, err
	}
	v, err := s.store.ServiceByKey(c.Request().Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Service{}, 0, echo.ErrNotFound
	}
	return v, key, err
}

// showServiceRecord is /workbench/services/{key}.
func (s *Server) showServiceRecord(c echo.Context) error {
	ctx := c.Request().Context()
	sv, key, err := s.serviceOf(c)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "services", key, serviceFields, showServiceValue)
	if err != nil {
		return err
	}
	names, err := s.store.EnterpriseNames(ctx, []string{sv.Enterprise})
	if err != nil {
		return err
	}
	title := names[sv.Enterprise] + " · " + store.Label(store.ServiceKinds, sv.Kind)
	label := func(f string) string { return store.FieldLabel("services", f) }
	saving := "—"
	if sv.MarketCost != nil && sv.ActualCost != nil {
		saving = (*sv.MarketCost - *sv.ActualCost).String() + " 元"
	}
	v := views.StaffRecord{
		Section: serviceLedger, Trail: []views.Link{{Href: serviceLedger, Label: "共享服务台账"}},
		Title: title, Notice: map[string]string{"saved": "服务记录已保存。"}[c.QueryParam("done")],
		EditURL: staffServiceHref(key) + "/edit", EditText: "服务记录",
		DeleteURL: staffServiceHref(key) + "/delete", DeleteText: "删除这条服务记录",
		Summary: []views.SummaryRow{
			{Label: label("enterprise"), Value: names[sv.Enterprise]},
			{Label: label("kind"), Value: store.Label(store.ServiceKinds, sv.Kind)},
			{Label: label("date"), Value: views.Date(sv.Date)},
			{Label: label("effective"), Value: map[bool]string{true: "是", false: "否"}[sv.Effective]},
			{Label: label("market_cost"), Value: dash(moneyText(sv.MarketCost))},
			{Label: label("actual_cost"), Value: dash(moneyText(sv.ActualCost))},
			{Label: "节省（元）", Value: saving},
			{Label: label("id"), Value: dash(sv.ID)},
		},
		Text: views.Paragraphs(sv.Note), TextLabel: label("note"),
		Related: []views.RelatedList{{Heading: "企业", Count: 1, Items: []views.RelatedItem{{Href: staffEnterpriseHref(sv.Enterprise), Text: names[sv.Enterprise]}}}},
		History: history,
	}
	return s.staffPage(c, title+" - 共享服务台账", views.StaffRecordPage(v))
}

// serviceForm is the form as typed.
type serviceForm struct {
	Enterprise, Kind, Date, Effective, MarketCost, ActualCost, Note, ID string
	edit                                                                views.Edit // the version it was opened on; what changed since, after a conflict
}

func serviceFormFrom(values url.Values) serviceForm {
	return serviceForm{
		Enterprise: strings.TrimSpace(values.Get("enterprise")), Kind: values.Get("kind"), Date: strings.TrimSpace(values.Get("date")),
		Effective: values.Get("effective"), MarketCost: strings.TrimSpace(values.Get("market_cost")),
		ActualCost: strings.TrimSpace(values.Get("actual_cost")), Note: strings.TrimSpace(values.Get("note")), ID: strings.TrimSpace(values.Get("id")),
	}
}

func serviceFormOf(v store.Service) serviceForm {
	return serviceForm{Enterprise: v.Enterprise, Kind: v.Kind, Date: v.Date, Effective: strconv.FormatBool(v.Effective),
		MarketCost: moneyText(v.MarketCost), ActualCost: moneyText(v.ActualCost), Note: v.Note, ID: v.ID}
}

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

func (s *Server) renderServiceForm(c echo.Context, status int, f serviceForm, key int64, errs views.Errors) error {
	picked, err := s.pickedEnterprises(c.Request().Context(), []string{f.Enterprise}, 0)
	if err != nil {
		return err
	}
	v := views.ServiceForm{
		Action: serviceLedger, Heading: "登记共享服务", CancelURL: serviceLedger,
		Enterprise: picked[0], Kind: f.Kind, Kinds: options(store.ServiceKinds, f.Kind), Date: f.Date, Effective: f.Effective,
		MarketCost: f.MarketCost, ActualCost: f.ActualCost, Note: f.Note, ID: f.ID, Errors: errs, CSRF: s.csrfToken(c),
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffServiceHref(key), "修改服务记录", staffServiceHref(key)
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.ServiceFormPage(v))
}

// showServiceNewForm is the empty form; ?enterprise= fills it in.
func (s *Server) showServiceNewForm(c echo.Context) error {
	return s.renderServiceForm(c, http.StatusOK, serviceForm{Enterprise: c.QueryParam("enterprise"), Effective: "true"}, 0, nil)
}

// showServiceEditForm is the form filled in with the service.
func (s *Server) showServiceEditForm(c echo.Context) error {
	v, key, err := s.serviceOf(c)
	if err != nil {
		return err
	}
	f := serviceFormOf(v)
	f.edit.Version = v.Version
	return s.renderServiceForm(c, http.StatusOK, f, key, nil)
}

// createService saves a new service record.
func (s *Server) createService(c echo.Context) error { return s.saveService(c, 0) }

// updateService saves changes to the service of the URL.
func (s *Server) updateService(c echo.Context) error {
	_, key, err := s.serviceOf(c)
	if err != nil {
		return err
	}
	return s.saveService(c, key)
}

func (s *Server) saveService(c echo.Context, key int64) error {
	ctx := c.Request().Context()
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "service form").SetInternal(err)
	}
	f := serviceFormFrom(values)
	f.edit.Version = formVersion(values)
	ids, err := s.store.EnterpriseIDsFor(ctx, []string{f.Enterprise})
	if err != nil {
		return err
	}
	f.Enterprise = ids[0]
	v, problems := f.record()
	v.Version = f.edit.Version
	if len(problems) > 0 {
		problems = append(problems, otherProblems(v.Validate(), "effective", "market_cost", "actual_cost")...)
	} else {
		entry, err := s.store.SaveService(ctx, actorOf(c), key, v)
		if edit, ok := s.conflictEdit(c.Request().Context(), err, v, staffServiceHref(key)); ok {
			f.edit = edit
			return s.renderServiceForm(c, http.StatusConflict, f, key, nil)
		}
		var done bool
		if problems, done, err = saveOutcome(c, err, staffServiceHref(entry.RecordKey)); done {
			return err
		}
	}
	return s.renderServiceForm(c, http.StatusUnprocessableEntity, f, key, formErrors("services", problems))
}

// serviceDeleteView is the confirmation of deleting a service record of the URL.
func (s *Server) serviceDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	v, key, err := s.serviceOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	names, err := s.store.EnterpriseNames(c.Request().Context(), []string{v.Enterprise})
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	title := names[v.Enterprise] + " " + views.Date(v.Date) + " " + store.Label(store.ServiceKinds, v.Kind)
	return s.keyedDeleteView(c, serviceLedger, "共享服务台账", "删除服务记录", staffServiceHref(key), title, v.Version), nil
}

// confirmServiceDelete asks before deleting a service record.
func (s *Server) confirmServiceDelete(c echo.Context) error {
	v, err := s.serviceDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteService deletes a service record through the write path.
func (s *Server) deleteService(c echo.Context) error {
	return s.deleteKeyed(c, serviceLedger, s.store.DeleteService, s.serviceDeleteView)
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

// exportServiceLedger is /workbench/services.xlsx.
func (s *Server) exportServiceLedger(c echo.Context) error {
	_, filter := serviceQuery(c)
	rows, _, err := s.store.ServiceLedger(c.Request().Context(), filter)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("services", f) }
	columns := []sheet.Column{
		{Header: label("enterprise"), Width: 34}, {Header: label("kind"), Width: 10}, {Header: label("date"), Width: 12, Kind: sheet.Date},
		{Header: label("effective"), Width: 8}, {Header: label("market_cost"), Width: 12, Kind: sheet.Number},
		{Header: label("actual_cost"), Width: 12, Kind: sheet.Number}, {Header: "节省（元）", Width: 12, Kind: sheet.Number}, {Header: label("note"), Width: 30},
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		var saving *store.Money
		if r.MarketCost != nil && r.ActualCost != nil {
			d := *r.MarketCost - *r.ActualCost
			saving = &d
		}
		out[i] = []any{r.EnterpriseName, store.Label(store.ServiceKinds, r.Kind), r.Date, map[bool]string{true: "是", false: "否"}[r.Effective],
			r.MarketCost, r.ActualCost, saving, r.Note}
	}
	return s.sendSheet(c, "共享服务台账", "services", columns, out)
}
