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

// The platform ledger (产学研平台: university lines, science parks, service
// platforms): its list, a record's page, the form and delete.

const platformLedger = "/workbench/platforms"

var platformFields = []string{"name", "kind", "established", "id"}

func showPlatformValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "kind":
		return store.Label(store.PlatformKinds, s)
	case "established":
		return views.Date(s)
	}
	return plainValue(v)
}

func staffPlatformHref(key int64) string {
	return platformLedger + "/" + strconv.FormatInt(key, 10)
}

// showPlatformLedger is /workbench/platforms; ?by=Y keeps those
// established by the end of year Y (the report's university lines).
// Queries: kinds, the list.
func (s *Server) showPlatformLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "platforms", store.PlatformKinds)
	if err != nil {
		return err
	}
	q, filter := platformQuery(c, kinds)
	kind := filter.Kind
	rows, err := s.store.PlatformLedger(ctx, filter)
	if err != nil {
		return err
	}
	if q.Page > 1 {
		return echo.ErrNotFound
	}
	v := views.RecordLedger{
		Section: platformLedger, Heading: "平台台账",
		Notice: map[string]string{"deleted": "平台已删除。"}[c.QueryParam("done")],
		NewURL: platformLedger + "/new", NewText: "登记平台",
		Query: q.Query, SearchHint: "平台名称",
		Filters: []views.SelectFilter{{Name: "kind", Label: "平台类型", Any: "全部类型", Options: options(kinds, kind)}},
		Hidden:  q.hidden("kind"),
		Tags: q.tags(func(key, value string) string {
			if key == "kind" {
				return "平台类型：" + store.Label(kinds, value)
			}
			return value + "年底前建立"
		}),
		Count:     "共 " + strconv.Itoa(len(rows)) + " 个平台",
		Empty:     "没有符合条件的平台。",
		Columns:   []views.LedgerColumn{{Label: "平台名称"}, {Label: "平台类型"}, {Label: "建立日期"}},
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.Name, Href: staffPlatformHref(r.Key)},
			{Text: store.Label(store.PlatformKinds, r.Kind)},
			{Text: views.Date(r.Established)},
		})
	}
	return s.staffPage(c, "平台台账", views.RecordLedgerPage(v))
}

func (s *Server) platformOf(c echo.Context) (store.Platform, int64, error) {
	key, err := keyParam(c)
	if err != nil {
		return store.Platform{}, 0, err
	}
	p, err := s.store.PlatformByKey(c.Request().Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Platform{}, 0, echo.ErrNotFound
	}
	return p, key, err
}

// showPlatformRecord is /workbench/platforms/{key}.
func (s *Server) showPlatformRecord(c echo.Context) error {
	p, key, err := s.platformOf(c)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(c.Request().Context(), "platforms", key, platformFields, showPlatformValue)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("platforms", f) }
	v := views.StaffRecord{
		Section: platformLedger, Trail: []views.Link{{Href: platformLedger, Label: "平台台账"}},
		Title: p.Name, Notice: map[string]string{"saved": "平台已保存。"}[c.QueryParam("done")],
		EditURL: staffPlatformHref(key) + "/edit", EditText: "平台信息",
		DeleteURL: staffPlatformHref(key) + "/delete", DeleteText: "删除这个平台",
		Summary: []views.SummaryRow{
			{Label: label("kind"), Value: store.Label(store.PlatformKinds, p.Kind)},
			{Label: label("established"), Value: views.Date(p.Established)},
			{Label: label("id"), Value: dash(p.ID)},
		},
		History: history,
	}
	return s.staffPage(c, p.Name+" - 平台台账", views.StaffRecordPage(v))
}

// platformForm is the form as typed.
type platformForm struct {
	Kind, Name, Established, ID string
	edit                        views.Edit // the version it was opened on; what changed since, after a conflict
}

func platformFormFrom(values url.Values) platformForm {
	return platformForm{Kind: strings.TrimSpace(values.Get("kind")), Name: strings.TrimSpace(values.Get("name")),
		Established: strings.TrimSpace(values.Get("established")), ID: strings.TrimSpace(values.Get("id"))}
}

func (f platformForm) record() store.Platform {
	return store.Platform{Kind: f.Kind, Name: f.Name, Established: f.Established, ID: f.ID}
}

func (s *Server) renderPlatformForm(c echo.Context, status int, f platformForm, key int64, errs views.Errors) error {
	v := views.PlatformForm{
		Action: platformLedger, Heading: "登记平台", CancelURL: platformLedger,
		Kind: f.Kind, Kinds: options(store.PlatformKinds, ""), Name: f.Name, Established: f.Established, ID: f.ID,
		Errors: errs, CSRF: s.csrfToken(c),
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffPlatformHref(key), "修改平台信息", staffPlatformHref(key)
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.PlatformFormPage(v))
}

// showPlatformNewForm is the empty form.
func (s *Server) showPlatformNewForm(c echo.Context) error {
	return s.renderPlatformForm(c, http.StatusOK, platformForm{}, 0, nil)
}

// showPlatformEditForm is the form filled in with the platform.
func (s *Server) showPlatformEditForm(c echo.Context) error {
	p, key, err := s.platformOf(c)
	if err != nil {
		return err
	}
	return s.renderPlatformForm(c, http.StatusOK, platformForm{Kind: p.Kind, Name: p.Name, Established: p.Established, ID: p.ID,
		edit: views.Edit{Version: p.Version}}, key, nil)
}

// createPlatform saves a new platform.
func (s *Server) createPlatform(c echo.Context) error { return s.savePlatform(c, 0) }

// updatePlatform saves changes to the platform of the URL.
func (s *Server) updatePlatform(c echo.Context) error {
	_, key, err := s.platformOf(c)
	if err != nil {
		return err
	}
	return s.savePlatform(c, key)
}

func (s *Server) savePlatform(c echo.Context, key int64) error {
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "platform form").SetInternal(err)
	}
	f := platformFormFrom(values)
	f.edit.Version = formVersion(values)
	p := f.record()
	p.Version = f.edit.Version
	entry, err := s.store.SavePlatform(c.Request().Context(), actorOf(c), key, p)
	if edit, ok := s.conflictEdit(c.Request().Context(), err, p, staffPlatformHref(key)); ok {
		f.edit = edit
		return s.renderPlatformForm(c, http.StatusConflict, f, key, nil)
	}
	problems, done, err := saveOutcome(c, err, staffPlatformHref(entry.RecordKey))
	if done {
		return err
	}
	return s.renderPlatformForm(c, http.StatusUnprocessableEntity, f, key, formErrors("platforms", problems))
}

// platformDeleteView is the confirmation of deleting a platform of the URL.
func (s *Server) platformDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	p, key, err := s.platformOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	return s.keyedDeleteView(c, platformLedger, "平台台账", "删除平台", staffPlatformHref(key), p.Name, p.Version), nil
}

// confirmPlatformDelete asks before deleting a platform.
func (s *Server) confirmPlatformDelete(c echo.Context) error {
	v, err := s.platformDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deletePlatform deletes a platform through the write path.
func (s *Server) deletePlatform(c echo.Context) error {
	return s.deleteKeyed(c, platformLedger, s.store.DeletePlatform, s.platformDeleteView)
}

// platformQuery is the platform ledger's query and the filter it selects.
func platformQuery(c echo.Context, kinds []store.Choice) (ledgerQuery, store.PlatformFilter) {
	q := parseLedgerQuery(c, platformLedger, nil)
	f := store.PlatformFilter{Query: q.Query}
	f.Kind = q.choice(c, "kind", kinds)
	f.By = q.year(c, "by")
	return q, f
}

// exportPlatformLedger is /workbench/platforms.xlsx.
func (s *Server) exportPlatformLedger(c echo.Context) error {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "platforms", store.PlatformKinds)
	if err != nil {
		return err
	}
	_, filter := platformQuery(c, kinds)
	rows, err := s.store.PlatformLedger(ctx, filter)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("platforms", f) }
	columns := []sheet.Column{{Header: label("name"), Width: 36}, {Header: label("kind"), Width: 16}, {Header: label("established"), Width: 12, Kind: sheet.Date}}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Name, store.Label(store.PlatformKinds, r.Kind), r.Established}
	}
	return s.sendSheet(c, "平台台账", "platforms", columns, out)
}
