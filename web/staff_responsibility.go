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

// The social-responsibility ledger (社会责任): its list, a record's page,
// the form and delete.

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

// showResponsibilityLedger is /workbench/responsibility. Queries: years,
// kinds, count, page.
func (s *Server) showResponsibilityLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "responsibility", store.ResponsibilityKinds)
	if err != nil {
		return err
	}
	q, filter := responsibilityQuery(c, kinds)
	kind, year, status := filter.Kind, filter.Year, filter.Status
	earliest, latest, err := s.store.RecordYears(ctx, "responsibility")
	if err != nil {
		return err
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, beneficiaries, err := s.store.ResponsibilityLedger(ctx, filter)
	if err != nil {
		return err
	}
	pages, ok := q.pages(total)
	if !ok {
		return echo.ErrNotFound
	}
	v := views.RecordLedger{
		Section: responsibilityLedger, Heading: "社会责任台账",
		Notice: map[string]string{"deleted": "记录已删除。"}[c.QueryParam("done")],
		NewURL: responsibilityLedger + "/new", NewText: "登记履责记录",
		Query: q.Query, SearchHint: "企业名称或说明",
		Filters: []views.SelectFilter{
			{Name: "kind", Label: "类型", Any: "全部类型", Options: options(kinds, kind)},
			{Name: "year", Label: "年份", Any: "全部年份", Options: yearOptions(max(latest, s.now().In(chinaTime).Year()), earliest, year)},
			{Name: "status", Label: "状态", Any: "全部状态", Options: options(store.Statuses, status)},
		},
		Hidden: q.hidden("kind", "year", "status"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "kind":
				return "类型：" + store.Label(kinds, value)
			case "year":
				return "年份：" + value + "年"
			}
			return "状态：" + store.Label(store.Statuses, value)
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 条记录，受益 " + views.Thousands(int64(beneficiaries)) + " 人",
		Empty: "没有符合条件的记录。",
		Columns: []views.LedgerColumn{
			{Label: "企业"}, {Label: "类型"},
			{Label: "日期", Sort: q.sortLink("日期", "date")},
			{Label: "受益人数", Sort: q.sortLink("受益人数", "beneficiaries"), Numeric: true},
			{Label: "说明"}, {Label: "状态"},
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
	return s.staffPage(c, q.title("社会责任台账", pages), views.RecordLedgerPage(v))
}

// clip shortens a long text for a ledger's cell.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func (s *Server) responsibilityOf(c echo.Context) (store.Responsibility, int64, error) {
	key, err := keyParam(c)
	if err != nil {
		return store.Responsibility{}, 0, err
	}
	r, err := s.store.ResponsibilityByKey(c.Request().Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Responsibility{}, 0, echo.ErrNotFound
	}
	return r, key, err
}

// showResponsibilityRecord is /workbench/responsibility/{key}.
func (s *Server) showResponsibilityRecord(c echo.Context) error {
	ctx := c.Request().Context()
	r, key, err := s.responsibilityOf(c)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "responsibility", key, responsibilityFields, showResponsibilityValue)
	if err != nil {
		return err
	}
	names, err := s.store.EnterpriseNames(ctx, []string{r.Enterprise})
	if err != nil {
		return err
	}
	title := names[r.Enterprise] + " · " + store.Label(store.ResponsibilityKinds, r.Kind)
	status := "已发布"
	if r.Status != "" {
		status = store.Label(store.Statuses, r.Status)
	}
	label := func(f string) string { return store.FieldLabel("responsibility", f) }
	v := views.StaffRecord{
		Section: responsibilityLedger, Trail: []views.Link{{Href: responsibilityLedger, Label: "社会责任台账"}},
		Title: title, Notice: map[string]string{"saved": "记录已保存。"}[c.QueryParam("done")],
		EditURL: staffResponsibilityHref(key) + "/edit", EditText: "履责记录",
		DeleteURL: staffResponsibilityHref(key) + "/delete", DeleteText: "删除这条记录",
		Summary: []views.SummaryRow{
			{Label: label("enterprise"), Value: names[r.Enterprise]},
			{Label: label("kind"), Value: store.Label(store.ResponsibilityKinds, r.Kind)},
			{Label: label("date"), Value: views.Date(r.Date)},
			{Label: label("beneficiaries"), Value: strconv.Itoa(r.Beneficiaries) + " 人"},
			{Label: label("status"), Value: status},
			{Label: label("id"), Value: dash(r.ID)},
		},
		Text: views.Paragraphs(r.Note), TextLabel: label("note"),
		Related: []views.RelatedList{{Heading: "企业", Count: 1, Items: []views.RelatedItem{{Href: staffEnterpriseHref(r.Enterprise), Text: names[r.Enterprise]}}}},
		History: history,
	}
	return s.staffPage(c, title+" - 社会责任台账", views.StaffRecordPage(v))
}

// responsibilityForm is the form as typed.
type responsibilityForm struct {
	Enterprise, Kind, Date, Beneficiaries, Note, ID string
	status                                          string
	edit                                            views.Edit // the version it was opened on; what changed since, after a conflict
}

func responsibilityFormFrom(values url.Values) responsibilityForm {
	return responsibilityForm{
		Enterprise: strings.TrimSpace(values.Get("enterprise")), Kind: strings.TrimSpace(values.Get("kind")),
		Date: strings.TrimSpace(values.Get("date")), Beneficiaries: strings.TrimSpace(values.Get("beneficiaries")),
		Note: strings.TrimSpace(values.Get("note")), ID: strings.TrimSpace(values.Get("id")),
	}
}

func responsibilityFormOf(r store.Responsibility) responsibilityForm {
	return responsibilityForm{Enterprise: r.Enterprise, Kind: r.Kind, Date: r.Date, Beneficiaries: strconv.Itoa(r.Beneficiaries),
		Note: r.Note, ID: r.ID, status: r.Status}
}

func (f responsibilityForm) record() (store.Responsibility, []store.Problem) {
	r := store.Responsibility{Enterprise: f.Enterprise, Kind: f.Kind, Date: f.Date, Note: f.Note, ID: f.ID, Status: f.status}
	n, p := countField("beneficiaries", f.Beneficiaries, true, "须为整数，如 12")
	if n != nil {
		r.Beneficiaries = *n
	}
	return r, p
}

func (s *Server) renderResponsibilityForm(c echo.Context, status int, f responsibilityForm, key int64, errs views.Errors) error {
	picked, err := s.pickedEnterprises(c.Request().Context(), []string{f.Enterprise}, 0)
	if err != nil {
		return err
	}
	v := views.ResponsibilityForm{
		Action: responsibilityLedger, Heading: "登记履责记录", CancelURL: responsibilityLedger,
		Enterprise: picked[0], Kind: f.Kind, Kinds: options(store.ResponsibilityKinds, ""), Date: f.Date,
		Beneficiaries: f.Beneficiaries, Note: f.Note, ID: f.ID, Errors: errs, CSRF: s.csrfToken(c),
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffResponsibilityHref(key), "修改履责记录", staffResponsibilityHref(key)
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.ResponsibilityFormPage(v))
}

// showResponsibilityNewForm is the empty form; ?enterprise= fills it in.
func (s *Server) showResponsibilityNewForm(c echo.Context) error {
	return s.renderResponsibilityForm(c, http.StatusOK, responsibilityForm{Enterprise: c.QueryParam("enterprise")}, 0, nil)
}

// showResponsibilityEditForm is the form filled in with the record.
func (s *Server) showResponsibilityEditForm(c echo.Context) error {
	r, key, err := s.responsibilityOf(c)
	if err != nil {
		return err
	}
	f := responsibilityFormOf(r)
	f.edit.Version = r.Version
	return s.renderResponsibilityForm(c, http.StatusOK, f, key, nil)
}

// createResponsibility saves a new record.
func (s *Server) createResponsibility(c echo.Context) error {
	return s.saveResponsibility(c, 0, "")
}

// updateResponsibility saves changes to the record of the URL, keeping
// its status.
func (s *Server) updateResponsibility(c echo.Context) error {
	r, key, err := s.responsibilityOf(c)
	if err != nil {
		return err
	}
	return s.saveResponsibility(c, key, r.Status)
}

func (s *Server) saveResponsibility(c echo.Context, key int64, status string) error {
	ctx := c.Request().Context()
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "responsibility form").SetInternal(err)
	}
	f := responsibilityFormFrom(values)
	f.edit.Version = formVersion(values)
	f.status = status
	ids, err := s.store.EnterpriseIDsFor(ctx, []string{f.Enterprise})
	if err != nil {
		return err
	}
	f.Enterprise = ids[0]
	r, problems := f.record()
	r.Version = f.edit.Version
	if len(problems) > 0 {
		problems = append(problems, otherProblems(r.Validate(), "beneficiaries")...)
	} else {
		entry, err := s.store.SaveResponsibility(ctx, actorOf(c), key, r)
		if edit, ok := s.conflictEdit(c.Request().Context(), err, r, staffResponsibilityHref(key)); ok {
			f.edit = edit
			return s.renderResponsibilityForm(c, http.StatusConflict, f, key, nil)
		}
		var done bool
		if problems, done, err = saveOutcome(c, err, staffResponsibilityHref(entry.RecordKey)); done {
			return err
		}
	}
	return s.renderResponsibilityForm(c, http.StatusUnprocessableEntity, f, key, formErrors("responsibility", problems))
}

// responsibilityDeleteView is the confirmation of deleting a record of the URL.
func (s *Server) responsibilityDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	r, key, err := s.responsibilityOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	names, err := s.store.EnterpriseNames(c.Request().Context(), []string{r.Enterprise})
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	title := names[r.Enterprise] + " " + views.Date(r.Date) + " " + store.Label(store.ResponsibilityKinds, r.Kind)
	return s.keyedDeleteView(c, responsibilityLedger, "社会责任台账", "删除履责记录", staffResponsibilityHref(key), title, r.Version), nil
}

// confirmResponsibilityDelete asks before deleting a record.
func (s *Server) confirmResponsibilityDelete(c echo.Context) error {
	v, err := s.responsibilityDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteResponsibility deletes a record through the write path.
func (s *Server) deleteResponsibility(c echo.Context) error {
	return s.deleteKeyed(c, responsibilityLedger, s.store.DeleteResponsibility, s.responsibilityDeleteView)
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

// exportResponsibilityLedger is /workbench/responsibility.xlsx.
func (s *Server) exportResponsibilityLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "responsibility", store.ResponsibilityKinds)
	if err != nil {
		return err
	}
	_, filter := responsibilityQuery(c, kinds)
	rows, _, _, err := s.store.ResponsibilityLedger(ctx, filter)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("responsibility", f) }
	columns := []sheet.Column{
		{Header: label("enterprise"), Width: 34}, {Header: label("kind"), Width: 12}, {Header: label("date"), Width: 12, Kind: sheet.Date},
		{Header: label("beneficiaries"), Width: 10, Kind: sheet.Number}, {Header: label("note"), Width: 40}, {Header: label("status"), Width: 8},
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.EnterpriseName, store.Label(store.ResponsibilityKinds, r.Kind), r.Date, r.Beneficiaries, r.Note, store.Label(store.Statuses, r.Status)}
	}
	return s.sendSheet(c, "社会责任台账", "responsibility", columns, out)
}
