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

// The designation ledger (企业认定: 专精特新 and other titles): its list, a
// record's page, the form and delete.

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

// showDesignationLedger is /workbench/designations. Queries: kinds, count,
// page.
func (s *Server) showDesignationLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "designations", store.DesignationKinds)
	if err != nil {
		return err
	}
	q, filter := designationQuery(c, kinds)
	kind, year := filter.Kind, filter.Year
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.DesignationLedger(ctx, filter)
	if err != nil {
		return err
	}
	pages, ok := q.pages(total)
	if !ok {
		return echo.ErrNotFound
	}
	v := views.RecordLedger{
		Section: designationLedger, Heading: "企业认定台账",
		Notice: map[string]string{"deleted": "认定已删除。"}[c.QueryParam("done")],
		NewURL: designationLedger + "/new", NewText: "登记认定",
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
	return s.staffPage(c, q.title("企业认定台账", pages), views.RecordLedgerPage(v))
}

func (s *Server) designationOf(c echo.Context) (store.Designation, int64, error) {
	key, err := keyParam(c)
	if err != nil {
		return store.Designation{}, 0, err
	}
	d, err := s.store.DesignationByKey(c.Request().Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Designation{}, 0, echo.ErrNotFound
	}
	return d, key, err
}

// showDesignationRecord is /workbench/designations/{key}.
func (s *Server) showDesignationRecord(c echo.Context) error {
	ctx := c.Request().Context()
	d, key, err := s.designationOf(c)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "designations", key, designationFields, showDesignationValue)
	if err != nil {
		return err
	}
	names, err := s.store.EnterpriseNames(ctx, []string{d.Enterprise})
	if err != nil {
		return err
	}
	title := names[d.Enterprise] + " · " + views.Year(d.Year) + store.Label(store.DesignationKinds, d.Kind)
	label := func(f string) string { return store.FieldLabel("designations", f) }
	v := views.StaffRecord{
		Section: designationLedger, Trail: []views.Link{{Href: designationLedger, Label: "企业认定台账"}},
		Title: title, Notice: map[string]string{"saved": "认定已保存。"}[c.QueryParam("done")],
		EditURL: staffDesignationHref(key) + "/edit", EditText: "认定信息",
		DeleteURL: staffDesignationHref(key) + "/delete", DeleteText: "删除这项认定",
		Summary: []views.SummaryRow{
			{Label: label("enterprise"), Value: names[d.Enterprise]},
			{Label: label("kind"), Value: store.Label(store.DesignationKinds, d.Kind)},
			{Label: label("year"), Value: views.Year(d.Year)},
			{Label: label("id"), Value: dash(d.ID)},
		},
		Related: []views.RelatedList{{Heading: "企业", Count: 1, Items: []views.RelatedItem{{Href: staffEnterpriseHref(d.Enterprise), Text: names[d.Enterprise]}}}},
		History: history,
	}
	return s.staffPage(c, title+" - 企业认定台账", views.StaffRecordPage(v))
}

// designationForm is the form as typed.
type designationForm struct {
	Enterprise, Kind, Year, ID string
	edit                       views.Edit // the version it was opened on; what changed since, after a conflict
}

func designationFormFrom(values url.Values) designationForm {
	return designationForm{Enterprise: strings.TrimSpace(values.Get("enterprise")), Kind: strings.TrimSpace(values.Get("kind")),
		Year: strings.TrimSpace(values.Get("year")), ID: strings.TrimSpace(values.Get("id"))}
}

func designationFormOf(d store.Designation) designationForm {
	return designationForm{Enterprise: d.Enterprise, Kind: d.Kind, Year: strconv.Itoa(d.Year), ID: d.ID}
}

func (f designationForm) record() (store.Designation, []store.Problem) {
	d := store.Designation{Enterprise: f.Enterprise, Kind: f.Kind, ID: f.ID}
	n, ps := countField("year", f.Year, true, "须为四位数字的年份，如 2023")
	if n != nil {
		d.Year = *n
	}
	return d, ps
}

func (s *Server) renderDesignationForm(c echo.Context, status int, f designationForm, key int64, errs views.Errors) error {
	picked, err := s.pickedEnterprises(c.Request().Context(), []string{f.Enterprise}, 0)
	if err != nil {
		return err
	}
	v := views.DesignationForm{
		Action: designationLedger, Heading: "登记企业认定", CancelURL: designationLedger,
		Enterprise: picked[0], Kind: f.Kind, Kinds: options(store.DesignationKinds, ""), Year: f.Year, ID: f.ID,
		Errors: errs, CSRF: s.csrfToken(c),
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffDesignationHref(key), "修改企业认定", staffDesignationHref(key)
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.DesignationFormPage(v))
}

// showDesignationNewForm is the empty form; ?enterprise= fills it in.
func (s *Server) showDesignationNewForm(c echo.Context) error {
	return s.renderDesignationForm(c, http.StatusOK, designationForm{Enterprise: c.QueryParam("enterprise")}, 0, nil)
}

// showDesignationEditForm is the form filled in with the designation.
func (s *Server) showDesignationEditForm(c echo.Context) error {
	d, key, err := s.designationOf(c)
	if err != nil {
		return err
	}
	f := designationFormOf(d)
	f.edit.Version = d.Version
	return s.renderDesignationForm(c, http.StatusOK, f, key, nil)
}

// createDesignation saves a new designation.
func (s *Server) createDesignation(c echo.Context) error { return s.saveDesignation(c, 0) }

// updateDesignation saves changes to the designation of the URL.
func (s *Server) updateDesignation(c echo.Context) error {
	_, key, err := s.designationOf(c)
	if err != nil {
		return err
	}
	return s.saveDesignation(c, key)
}

func (s *Server) saveDesignation(c echo.Context, key int64) error {
	ctx := c.Request().Context()
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "designation form").SetInternal(err)
	}
	f := designationFormFrom(values)
	f.edit.Version = formVersion(values)
	ids, err := s.store.EnterpriseIDsFor(ctx, []string{f.Enterprise})
	if err != nil {
		return err
	}
	f.Enterprise = ids[0]
	d, problems := f.record()
	d.Version = f.edit.Version
	if len(problems) > 0 {
		problems = append(problems, otherProblems(d.Validate(), "year")...)
	} else {
		entry, err := s.store.SaveDesignation(ctx, actorOf(c), key, d)
		if edit, ok := s.conflictEdit(c.Request().Context(), err, d, staffDesignationHref(key)); ok {
			f.edit = edit
			return s.renderDesignationForm(c, http.StatusConflict, f, key, nil)
		}
		var done bool
		if problems, done, err = saveOutcome(c, err, staffDesignationHref(entry.RecordKey)); done {
			return err
		}
	}
	return s.renderDesignationForm(c, http.StatusUnprocessableEntity, f, key, formErrors("designations", problems))
}

// designationDeleteView is the confirmation of deleting a designation of the URL.
func (s *Server) designationDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	d, key, err := s.designationOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	names, err := s.store.EnterpriseNames(c.Request().Context(), []string{d.Enterprise})
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	title := names[d.Enterprise] + " " + views.Year(d.Year) + store.Label(store.DesignationKinds, d.Kind)
	return s.keyedDeleteView(c, designationLedger, "企业认定台账", "删除企业认定", staffDesignationHref(key), title, d.Version), nil
}

// confirmDesignationDelete asks before deleting a designation.
func (s *Server) confirmDesignationDelete(c echo.Context) error {
	v, err := s.designationDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteDesignation deletes a designation through the write path.
func (s *Server) deleteDesignation(c echo.Context) error {
	return s.deleteKeyed(c, designationLedger, s.store.DeleteDesignation, s.designationDeleteView)
}

// designationQuery is the ledger's query and the filter it selects.
func designationQuery(c echo.Context, kinds []store.Choice) (ledgerQuery, store.DesignationFilter) {
	q := parseLedgerQuery(c, designationLedger, nil)
	f := store.DesignationFilter{Query: q.Query}
	f.Kind = q.choice(c, "kind", kinds)
	f.Year = q.year(c, "year")
	return q, f
}

// exportDesignationLedger is /workbench/designations.xlsx.
func (s *Server) exportDesignationLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "designations", store.DesignationKinds)
	if err != nil {
		return err
	}
	_, filter := designationQuery(c, kinds)
	rows, _, err := s.store.DesignationLedger(ctx, filter)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("designations", f) }
	columns := []sheet.Column{{Header: label("enterprise"), Width: 34}, {Header: label("kind"), Width: 28}, {Header: label("year"), Width: 10, Kind: sheet.Number}}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.EnterpriseName, store.Label(store.DesignationKinds, r.Kind), r.Year}
	}
	return s.sendSheet(c, "企业认定台账", "designations", columns, out)
}
