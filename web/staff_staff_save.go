package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// A staff member (两员) of the park: their page, the form and delete.

var staffFields = []string{"name", "roles", "since", "until", "enterprises", "id"}

func showStaffValue(field string, v any) string {
	switch field {
	case "since", "until":
		s, _ := v.(string)
		return views.Date(s)
	case "roles":
		list, _ := v.([]any)
		var out []string
		for _, r := range list {
			s, _ := r.(string)
			out = append(out, store.Label(store.StaffRoles, s))
		}
		return strings.Join(out, "、")
	}
	return plainValue(v)
}

func staffMemberOfParkHref(id string) string {
	return "/workbench/staff/" + url.PathEscape(id)
}

// staffFormRows is how many empty enterprise pickers the form offers.
const staffFormRows = 3

func (s *Server) staffOf(c echo.Context) (store.Staff, int64, error) {
	id, err := idParam(c)
	if err != nil {
		return store.Staff{}, 0, err
	}
	v, key, err := s.store.StaffByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Staff{}, 0, echo.ErrNotFound
	}
	return v, key, err
}

// showStaffRecord is /workbench/staff/{id}.
func (s *Server) showStaffRecord(c echo.Context) error {
	ctx := c.Request().Context()
	st, key, err := s.staffOf(c)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "staff", key, staffFields, showStaffValue)
	if err != nil {
		return err
	}
	names, err := s.store.EnterpriseNames(ctx, st.Enterprises)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel("staff", f) }
	roles := make([]any, len(st.Roles))
	for i, r := range st.Roles {
		roles[i] = r
	}
	href := staffMemberOfParkHref(st.ID)
	v := views.StaffRecord{
		Section: "/workbench/staff", Trail: []views.Link{{Href: "/workbench/staff", Label: "两员"}},
		Title: st.Name, Notice: map[string]string{"saved": "人员信息已保存。"}[c.QueryParam("done")],
		EditURL: href + "/edit", EditText: "人员信息",
		DeleteURL: href + "/delete", DeleteText: "删除这名人员",
		Summary: []views.SummaryRow{
			{Label: label("roles"), Value: showStaffValue("roles", roles)},
			{Label: label("since"), Value: views.Date(st.Since)},
			{Label: label("until"), Value: dash(views.Date(st.Until))},
			{Label: label("id"), Value: st.ID},
		},
		Related: []views.RelatedList{{Heading: "联系企业", Count: len(st.Enterprises), Empty: "还没有联系企业。"}},
		History: history,
	}
	for _, e := range st.Enterprises {
		v.Related[0].Items = append(v.Related[0].Items, views.RelatedItem{Href: staffEnterpriseHref(e), Text: names[e]})
	}
	return s.staffPage(c, st.Name+" - 两员", views.StaffRecordPage(v))
}

// staffForm is the form as typed; roles and enterprises are repeated.
type staffForm struct {
	ID, Name, Since, Until string
	Roles, Enterprises     []string
	edit                   views.Edit // the version it was opened on; what changed since, after a conflict
}

func staffFormFrom(values url.Values) staffForm {
	return staffForm{
		ID: strings.TrimSpace(values.Get("id")), Name: strings.TrimSpace(values.Get("name")),
		Since: strings.TrimSpace(values.Get("since")), Until: strings.TrimSpace(values.Get("until")),
		Roles: repeatedValues(values["roles"]), Enterprises: repeatedValues(values["enterprises"]),
	}
}

func (f staffForm) record() store.Staff {
	roles := f.Roles
	if roles == nil {
		roles = []string{}
	}
	return store.Staff{ID: f.ID, Name: f.Name, Roles: roles, Enterprises: f.Enterprises, Since: f.Since, Until: f.Until}
}

func (s *Server) renderStaffForm(c echo.Context, status int, f staffForm, oldID string, errs views.Errors) error {
	picked, err := s.pickedEnterprises(c.Request().Context(), f.Enterprises, staffFormRows)
	if err != nil {
		return err
	}
	v := views.StaffForm{
		Action: "/workbench/staff", Heading: "登记两员", CancelURL: "/workbench/staff",
		ID: f.ID, Name: f.Name, Enterprises: picked, Since: f.Since, Until: f.Until, Errors: errs, CSRF: s.csrfToken(c),
	}
	for _, r := range store.StaffRoles {
		v.Roles = append(v.Roles, views.Option{Value: r.Value, Label: r.Label, Selected: slices.Contains(f.Roles, r.Value)})
	}
	if oldID != "" {
		href := staffMemberOfParkHref(oldID)
		v.Action, v.Heading, v.CancelURL = href, "修改人员信息", href
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.StaffFormPage(v))
}

// showStaffNewForm is the empty form with an unused id proposed.
func (s *Server) showStaffNewForm(c echo.Context) error {
	id, err := s.store.SuggestStaffID(c.Request().Context())
	if err != nil {
		return err
	}
	return s.renderStaffForm(c, http.StatusOK, staffForm{ID: id}, "", nil)
}

// showStaffEditForm is the form filled in with the staff member.
func (s *Server) showStaffEditForm(c echo.Context) error {
	st, _, err := s.staffOf(c)
	if err != nil {
		return err
	}
	f := staffForm{ID: st.ID, Name: st.Name, Since: st.Since, Until: st.Until, Roles: st.Roles, Enterprises: st.Enterprises,
		edit: views.Edit{Version: st.Version}}
	return s.renderStaffForm(c, http.StatusOK, f, st.ID, nil)
}

// createStaff saves a new staff member.
func (s *Server) createStaff(c echo.Context) error { return s.saveStaff(c, "") }

// updateStaff saves changes to the staff member of the URL.
func (s *Server) updateStaff(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.saveStaff(c, id)
}

func (s *Server) saveStaff(c echo.Context, oldID string) error {
	ctx := c.Request().Context()
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "staff form").SetInternal(err)
	}
	f := staffFormFrom(values)
	f.edit.Version = formVersion(values)
	if f.Enterprises, err = s.store.EnterpriseIDsFor(ctx, f.Enterprises); err != nil {
		return err
	}
	v := f.record()
	v.Version = f.edit.Version
	_, err = s.store.SaveStaff(ctx, actorOf(c), oldID, v)
	if edit, ok := s.conflictEdit(c.Request().Context(), err, v, staffMemberOfParkHref(oldID)); ok {
		f.edit = edit
		return s.renderStaffForm(c, http.StatusConflict, f, oldID, nil)
	}
	problems, done, err := saveOutcome(c, err, staffMemberOfParkHref(v.ID))
	if done {
		return err
	}
	return s.renderStaffForm(c, http.StatusUnprocessableEntity, f, oldID, formErrors("staff", problems))
}

// staffDeleteView is the confirmation of deleting the staff member of the
// URL.
func (s *Server) staffDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	st, _, err := s.staffOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	return s.keyedDeleteView(c, "/workbench/staff", "两员", "删除人员", staffMemberOfParkHref(st.ID), st.Name, st.Version), nil
}

// confirmStaffDelete asks before deleting a staff member.
func (s *Server) confirmStaffDelete(c echo.Context) error {
	v, err := s.staffDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteStaff deletes a staff member through the write path.
func (s *Server) deleteStaff(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.deleteConfirmed(c, "/workbench/staff", func(version int64) error {
		_, err := s.store.DeleteStaff(c.Request().Context(), actorOf(c), id, version)
		return err
	}, s.staffDeleteView)
}
