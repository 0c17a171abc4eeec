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

// The party-building brand ledger (党建品牌): its list, a record's page,
// the form and delete.

const brandLedger = "/workbench/brands"

var brandFields = []string{"name", "organization", "launched", "status", "slogan", "story", "practices", "id"}

func showBrandValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "status":
		return store.Label(store.BrandStatuses, s)
	case "launched":
		return views.Date(s)
	}
	return plainValue(v)
}

func staffBrandHref(key int64) string {
	return brandLedger + "/" + strconv.FormatInt(key, 10)
}

// brandPracticeRows is how many empty practice rows the form offers.
const brandPracticeRows = 2

// showBrandLedger is /workbench/brands; ?by=Y keeps those launched by the
// end of year Y (the report's published brands). Queries: one.
func (s *Server) showBrandLedger(c echo.Context) error {
	q, filter := brandQuery(c)
	status := filter.Status
	rows, err := s.store.BrandLedger(c.Request().Context(), filter)
	if err != nil {
		return err
	}
	if q.Page > 1 {
		return echo.ErrNotFound
	}
	v := views.RecordLedger{
		Section: brandLedger, Heading: "党建品牌台账",
		Notice: map[string]string{"deleted": "品牌已删除。"}[c.QueryParam("done")],
		NewURL: brandLedger + "/new", NewText: "登记品牌",
		Query: q.Query, SearchHint: "品牌名称、口号或党组织名称",
		Filters: []views.SelectFilter{{Name: "status", Label: "状态", Any: "全部状态", Options: options(store.BrandStatuses, status)}},
		Hidden:  q.hidden("status"),
		Tags: q.tags(func(key, value string) string {
			if key == "status" {
				return "状态：" + store.Label(store.BrandStatuses, value)
			}
			return value + "年底前创建"
		}),
		Count:     "共 " + strconv.Itoa(len(rows)) + " 个品牌",
		Empty:     "没有符合条件的品牌。",
		Columns:   []views.LedgerColumn{{Label: "品牌名称"}, {Label: "党组织"}, {Label: "品牌口号"}, {Label: "创建日期"}, {Label: "状态"}},
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.Name, Href: staffBrandHref(r.Key)},
			{Text: r.OrganizationName, Href: staffOrganizationHref(r.Organization)},
			{Text: r.Slogan},
			{Text: views.Date(r.Launched)},
			{Text: store.Label(store.BrandStatuses, r.Status)},
		})
	}
	return s.staffPage(c, "党建品牌台账", views.RecordLedgerPage(v))
}

func (s *Server) brandOf(c echo.Context) (store.Brand, int64, error) {
	key, err := keyParam(c)
	if err != nil {
		return store.Brand{}, 0, err
	}
	b, err := s.store.BrandByKey(c.Request().Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Brand{}, 0, echo.ErrNotFound
	}
	return b, key, err
}

// showBrandRecord is /workbench/brands/{key}.
func (s *Server) showBrandRecord(c echo.Context) error {
	ctx := c.Request().Context()
	b, key, err := s.brandOf(c)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "brands", key, brandFields, showBrandValue)
	if err != nil {
		return err
	}
	org, err := s.store.OrganizationName(ctx, b.Organization)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("brands", f) }
	v := views.StaffRecord{
		Section: brandLedger, Trail: []views.Link{{Href: brandLedger, Label: "党建品牌台账"}},
		Title: b.Name, Notice: map[string]string{"saved": "品牌已保存。"}[c.QueryParam("done")],
		EditURL: staffBrandHref(key) + "/edit", EditText: "品牌信息",
		DeleteURL: staffBrandHref(key) + "/delete", DeleteText: "删除这个品牌",
		Summary: []views.SummaryRow{
			{Label: label("organization"), Value: org},
			{Label: label("launched"), Value: views.Date(b.Launched)},
			{Label: label("status"), Value: store.Label(store.BrandStatuses, b.Status)},
			{Label: label("slogan"), Value: dash(b.Slogan)},
			{Label: label("practices"), Value: dash(strings.Join(b.Practices, "、"))},
			{Label: label("id"), Value: dash(b.ID)},
		},
		Text: views.Paragraphs(b.Story), TextLabel: label("story"),
		Related: []views.RelatedList{{Heading: "党组织", Count: 1, Items: []views.RelatedItem{{Href: staffOrganizationHref(b.Organization), Text: org}}}},
		History: history,
	}
	if b.Status == "published" {
		v.PublicURL = "/brands/" + strconv.FormatInt(key, 10)
	}
	return s.staffPage(c, b.Name+" - 党建品牌台账", views.StaffRecordPage(v))
}

// brandForm is the form as typed; practices come as repeated fields.
type brandForm struct {
	Organization, Name, Launched, Status, Slogan, Story, ID string
	Practices                                               []string
	edit                                                    views.Edit // the version it was opened on; what changed since, after a conflict
}

func brandFormFrom(values url.Values) brandForm {
	return brandForm{
		Organization: values.Get("organization"), Name: strings.TrimSpace(values.Get("name")), Launched: strings.TrimSpace(values.Get("launched")),
		Status: values.Get("status"), Slogan: strings.TrimSpace(values.Get("slogan")), Story: strings.TrimSpace(values.Get("story")),
		ID: strings.TrimSpace(values.Get("id")), Practices: repeatedValues(values["practices"]),
	}
}

func brandFormOf(b store.Brand) brandForm {
	return brandForm{Organization: b.Organization, Name: b.Name, Launched: b.Launched, Status: b.Status, Slogan: b.Slogan,
		Story: b.Story, ID: b.ID, Practices: b.Practices}
}

func (f brandForm) record() store.Brand {
	return store.Brand{Organization: f.Organization, Name: f.Name, Launched: f.Launched, Status: f.Status, Slogan: f.Slogan,
		Story: f.Story, ID: f.ID, Practices: f.Practices}
}

func (s *Server) renderBrandForm(c echo.Context, status int, f brandForm, key int64, errs views.Errors) error {
	org, err := s.organizationPicker(c.Request().Context(), "organization", "党组织", f.Organization)
	if err != nil {
		return err
	}
	v := views.BrandForm{
		Action: brandLedger, Heading: "登记党建品牌", CancelURL: brandLedger,
		Organization: org, Name: f.Name, Launched: f.Launched, Status: f.Status, Statuses: options(store.BrandStatuses, f.Status),
		Slogan: f.Slogan, Story: f.Story, ID: f.ID, Practices: append(append([]string(nil), f.Practices...), make([]string, brandPracticeRows)...),
		Errors: errs, CSRF: s.csrfToken(c),
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffBrandHref(key), "修改党建品牌", staffBrandHref(key)
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.BrandFormPage(v))
}

// showBrandNewForm is the empty form; ?organization= fills it in.
func (s *Server) showBrandNewForm(c echo.Context) error {
	return s.renderBrandForm(c, http.StatusOK, brandForm{Organization: c.QueryParam("organization")}, 0, nil)
}

// showBrandEditForm is the form filled in with the brand.
func (s *Server) showBrandEditForm(c echo.Context) error {
	b, key, err := s.brandOf(c)
	if err != nil {
		return err
	}
	f := brandFormOf(b)
	f.edit.Version = b.Version
	return s.renderBrandForm(c, http.StatusOK, f, key, nil)
}

// createBrand saves a new brand.
func (s *Server) createBrand(c echo.Context) error { return s.saveBrand(c, 0) }

// updateBrand saves changes to the brand of the URL.
func (s *Server) updateBrand(c echo.Context) error {
	_, key, err := s.brandOf(c)
	if err != nil {
		return err
	}
	return s.saveBrand(c, key)
}

func (s *Server) saveBrand(c echo.Context, key int64) error {
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "brand form").SetInternal(err)
	}
	f := brandFormFrom(values)
	f.edit.Version = formVersion(values)
	problem, err := s.resolveOrganization(c.Request().Context(), "organization", &f.Organization)
	if err != nil {
		return err
	}
	b := f.record()
	b.Version = f.edit.Version
	if problem != nil {
		problems := append([]store.Problem{*problem}, otherProblems(b.Validate(), "organization")...)
		return s.renderBrandForm(c, http.StatusUnprocessableEntity, f, key, formErrors("brands", problems))
	}
	entry, err := s.store.SaveBrand(c.Request().Context(), actorOf(c), key, b)
	if edit, ok := s.conflictEdit(c.Request().Context(), err, b, staffBrandHref(key)); ok {
		f.edit = edit
		return s.renderBrandForm(c, http.StatusConflict, f, key, nil)
	}
	problems, done, err := saveOutcome(c, err, staffBrandHref(entry.RecordKey))
	if done {
		return err
	}
	return s.renderBrandForm(c, http.StatusUnprocessableEntity, f, key, formErrors("brands", problems))
}

// brandDeleteView is the confirmation of deleting a brand of the URL.
func (s *Server) brandDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	b, key, err := s.brandOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	return s.keyedDeleteView(c, brandLedger, "党建品牌台账", "删除党建品牌", staffBrandHref(key), b.Name, b.Version), nil
}

// confirmBrandDelete asks before deleting a brand.
func (s *Server) confirmBrandDelete(c echo.Context) error {
	v, err := s.brandDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteBrand deletes a brand through the write path.
func (s *Server) deleteBrand(c echo.Context) error {
	return s.deleteKeyed(c, brandLedger, s.store.DeleteBrand, s.brandDeleteView)
}

// brandQuery is the brand ledger's query and the filter it selects.
func brandQuery(c echo.Context) (ledgerQuery, store.BrandLedgerFilter) {
	q := parseLedgerQuery(c, brandLedger, nil)
	f := store.BrandLedgerFilter{Query: q.Query}
	f.Status = q.choice(c, "status", store.BrandStatuses)
	f.By = q.year(c, "by")
	return q, f
}

// exportBrandLedger is /workbench/brands.xlsx.
func (s *Server) exportBrandLedger(c echo.Context) error {
	_, filter := brandQuery(c)
	rows, err := s.store.BrandLedger(c.Request().Context(), filter)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("brands", f) }
	columns := []sheet.Column{
		{Header: label("name"), Width: 24}, {Header: label("organization"), Width: 34}, {Header: label("slogan"), Width: 30},
		{Header: label("launched"), Width: 12, Kind: sheet.Date}, {Header: label("status"), Width: 8},
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Name, r.OrganizationName, r.Slogan, r.Launched, store.Label(store.BrandStatuses, r.Status)}
	}
	return s.sendSheet(c, "党建品牌台账", "brands", columns, out)
}
