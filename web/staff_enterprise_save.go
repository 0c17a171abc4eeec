package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// enterpriseForm is the enterprise form as typed: strings, so that what a
// clerk typed can be shown again whatever it was. Fields are named as in the
// interchange spec; the stage history comes as repeated
// stage_history.stage and stage_history.since fields, one pair a row.
type enterpriseForm struct {
	ID, Name, CreditCode, Stage string
	History                     []views.StageRow
	Employees, Sector, Founded  string
	edit                        views.Edit
}

// emptyStageRows is how many blank stage rows the form offers.
const emptyStageRows = 2

func parseEnterpriseForm(c echo.Context) (enterpriseForm, error) {
	form, err := c.FormParams()
	if err != nil {
		return enterpriseForm{}, echo.NewHTTPError(http.StatusBadRequest, "enterprise form").SetInternal(err)
	}
	f := enterpriseForm{
		ID:         strings.TrimSpace(form.Get("id")),
		Name:       strings.TrimSpace(form.Get("name")),
		CreditCode: strings.ToUpper(strings.TrimSpace(form.Get("credit_code"))),
		Stage:      form.Get("stage"),
		Employees:  strings.TrimSpace(form.Get("employees")),
		Sector:     strings.TrimSpace(form.Get("sector")),
		Founded:    strings.TrimSpace(form.Get("founded")),
		edit:       views.Edit{Version: formVersion(form)},
	}
	stages, since := form["stage_history.stage"], form["stage_history.since"]
	for i := 0; i < max(len(stages), len(since)) && i < 50; i++ {
		var row views.StageRow
		if i < len(stages) {
			row.Stage = stages[i]
		}
		if i < len(since) {
			row.Since = strings.TrimSpace(since[i])
		}
		if row.Stage != "" || row.Since != "" { // blank rows are no entries
			f.History = append(f.History, row)
		}
	}
	return f, nil
}

// formOf is the form filled in with an enterprise.
func enterpriseFormOf(e store.Enterprise) enterpriseForm {
	f := enterpriseForm{ID: e.ID, Name: e.Name, CreditCode: e.CreditCode, Stage: e.Stage, Sector: e.Sector, Founded: e.Founded,
		edit: views.Edit{Version: e.Version}}
	if e.Employees != nil {
		f.Employees = strconv.Itoa(*e.Employees)
	}
	for _, h := range e.StageHistory {
		f.History = append(f.History, views.StageRow{Stage: h.Stage, Since: h.Since})
	}
	return f
}

// record is the enterprise the form describes, and the problems of what
// could not be read as its type (a number field that is not a number).
func (f enterpriseForm) record() (store.Enterprise, []store.Problem) {
	e := store.Enterprise{ID: f.ID, Name: f.Name, CreditCode: f.CreditCode, Stage: f.Stage, Sector: f.Sector, Founded: f.Founded,
		Version: f.edit.Version}
	var ps []store.Problem
	if f.Employees != "" {
		n, err := strconv.Atoi(f.Employees)
		if err != nil {
			ps = append(ps, store.Problem{Field: "employees", Code: store.CodeInteger, Message: "须为整数，如 35"})
		} else {
			e.Employees = &n
		}
	}
	for _, h := range f.History {
		e.StageHistory = append(e.StageHistory, store.StageEntry{Stage: h.Stage, Since: h.Since})
	}
	return e, ps
}

// enterpriseFormView is the form page's view model.
func (s *Server) enterpriseFormView(c echo.Context, f enterpriseForm, oldID string, errs views.Errors) views.EnterpriseForm {
	v := views.EnterpriseForm{
		Action: "/workbench/enterprises", Heading: "新增企业", CancelURL: "/workbench/enterprises",
		ID: f.ID, Name: f.Name, CreditCode: f.CreditCode, Stage: f.Stage, Stages: options(store.Stages, f.Stage),
		History: f.History, Employees: f.Employees, Sector: f.Sector, Founded: f.Founded,
		Errors: errs, CSRF: s.csrfToken(c), Edit: f.edit,
	}
	if oldID != "" {
		v.Action, v.Heading, v.CancelURL = staffEnterpriseHref(oldID), "修改企业信息", staffEnterpriseHref(oldID)
	}
	for range emptyStageRows {
		v.History = append(v.History, views.StageRow{})
	}
	return v
}

func (s *Server) renderEnterpriseForm(c echo.Context, status int, f enterpriseForm, oldID string, errs views.Errors) error {
	v := s.enterpriseFormView(c, f, oldID, errs)
	title := v.Heading
	if len(errs) > 0 || v.Conflict != nil {
		title = "错误：" + title
	}
	return s.render(c, status, s.page(c, title), views.EnterpriseFormPage(v))
}

// showEnterpriseNewForm is the empty form, with an unused id proposed.
func (s *Server) showEnterpriseNewForm(c echo.Context) error {
	id, err := s.store.SuggestEnterpriseID(c.Request().Context())
	if err != nil {
		return err
	}
	return s.renderEnterpriseForm(c, http.StatusOK, enterpriseForm{ID: id}, "", nil)
}

// showEnterpriseEditForm is the form filled in with the enterprise.
func (s *Server) showEnterpriseEditForm(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	e, _, err := s.store.EnterpriseByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return s.renderEnterpriseForm(c, http.StatusOK, enterpriseFormOf(e), id, nil)
}

// createEnterprise saves a new enterprise.
func (s *Server) createEnterprise(c echo.Context) error { return s.saveEnterprise(c, "") }

// updateEnterprise saves changes to the enterprise of the URL.
func (s *Server) updateEnterprise(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.saveEnterprise(c, id)
}

// saveEnterprise is the form's flow: parse, save through the write path,
// and either go to the record (303) or show the form again as typed with
// each problem at its field (422).
func (s *Server) saveEnterprise(c echo.Context, oldID string) error {
	f, err := parseEnterpriseForm(c)
	if err != nil {
		return err
	}
	e, parseProblems := f.record()
	if len(parseProblems) > 0 {
		// Say everything at once: the rules on what could be read too.
		for _, p := range e.Validate() {
			if p.Field != "employees" {
				parseProblems = append(parseProblems, p)
			}
		}
	} else {
		_, err = s.store.SaveEnterprise(c.Request().Context(), actorOf(c), oldID, e)
		var refused *store.RecordError
		switch {
		case err == nil:
			return c.Redirect(http.StatusSeeOther, staffEnterpriseHref(e.ID)+"?done=saved")
		case errors.Is(err, store.ErrNotFound):
			return echo.ErrNotFound
		case errors.As(err, &refused):
			parseProblems = refused.Problems
		default:
			if edit, ok := s.conflictEdit(c.Request().Context(), err, e, staffEnterpriseHref(oldID)); ok {
				f.edit = edit
				return s.renderEnterpriseForm(c, http.StatusConflict, f, oldID, nil)
			}
			return err
		}
	}
	return s.renderEnterpriseForm(c, http.StatusUnprocessableEntity, f, oldID, formErrors("enterprises", parseProblems))
}
