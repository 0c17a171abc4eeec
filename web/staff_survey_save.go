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

// surveyForm is the survey form as typed.
type surveyForm struct {
	Enterprise, Date, FixedPremises, Employees, Operating string
	ID                                                    string     // kept from the record: the form does not show it
	edit                                                  views.Edit // the version it was opened on; what changed since, after a conflict
}

func parseSurveyForm(c echo.Context) surveyForm {
	return surveyForm{
		Enterprise:    strings.TrimSpace(c.FormValue("enterprise")),
		Date:          strings.TrimSpace(c.FormValue("date")),
		FixedPremises: c.FormValue("fixed_premises"),
		Employees:     strings.TrimSpace(c.FormValue("employees")),
		Operating:     c.FormValue("operating"),
		ID:            strings.TrimSpace(c.FormValue("id")),
		edit:          views.Edit{Version: postedVersion(c)},
	}
}

// record is the survey the form describes and the problems of what could
// not be read: yes/no questions left unanswered, a count that is no number.
func (f surveyForm) record() (store.Survey, []store.Problem) {
	v := store.Survey{ID: f.ID, Enterprise: f.Enterprise, Date: f.Date, FixedPremises: f.FixedPremises == "true", Operating: f.Operating == "true"}
	var ps []store.Problem
	for _, q := range [][2]string{{"fixed_premises", f.FixedPremises}, {"operating", f.Operating}} {
		if q[1] != "true" && q[1] != "false" {
			ps = append(ps, store.Problem{Field: q[0], Code: store.CodeRequired, Message: "请选择“是”或“否”"})
		}
	}
	switch n, err := strconv.Atoi(f.Employees); {
	case f.Employees == "":
		ps = append(ps, store.Problem{Field: "employees", Code: store.CodeRequired, Message: "缺少必填内容"})
	case err != nil:
		ps = append(ps, store.Problem{Field: "employees", Code: store.CodeInteger, Message: "须为整数，如 12"})
	default:
		v.Employees = n
	}
	return v, ps
}

func (s *Server) renderSurveyForm(c echo.Context, status int, f surveyForm, key int64, errs views.Errors) error {
	e, _, err := s.store.EnterpriseByID(c.Request().Context(), f.Enterprise)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound // the form is reached from an enterprise's page
	}
	if err != nil {
		return err
	}
	v := views.SurveyForm{
		Action: "/workbench/surveys", Heading: "记录“三有”摸排",
		Enterprise: f.Enterprise, EnterpriseName: e.Name, CancelURL: staffEnterpriseHref(f.Enterprise),
		Date: f.Date, FixedPremises: f.FixedPremises, Employees: f.Employees, Operating: f.Operating, ID: f.ID,
		Errors: errs, CSRF: s.csrfToken(c),
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffSurveyHref(key), "修改“三有”摸排记录", staffSurveyHref(key)
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, formTitle(v.Heading, errs, v.Edit)), views.SurveyFormPage(v))
}

// showSurveyNewForm is /workbench/surveys/new?enterprise=ID.
func (s *Server) showSurveyNewForm(c echo.Context) error {
	return s.renderSurveyForm(c, http.StatusOK, surveyForm{Enterprise: c.QueryParam("enterprise")}, 0, nil)
}

// showSurveyEditForm is the form filled in with the survey.
func (s *Server) showSurveyEditForm(c echo.Context) error {
	v, key, err := s.surveyOf(c)
	if err != nil {
		return err
	}
	f := surveyForm{Enterprise: v.Enterprise, Date: v.Date, FixedPremises: strconv.FormatBool(v.FixedPremises),
		Employees: strconv.Itoa(v.Employees), Operating: strconv.FormatBool(v.Operating), ID: v.ID, edit: views.Edit{Version: v.Version}}
	return s.renderSurveyForm(c, http.StatusOK, f, key, nil)
}

// updateSurvey saves changes to the survey of the URL.
func (s *Server) updateSurvey(c echo.Context) error {
	_, key, err := s.surveyOf(c)
	if err != nil {
		return err
	}
	return s.saveSurvey(c, key)
}

// createSurvey records a survey through the write path and goes back to
// the enterprise's page.
func (s *Server) createSurvey(c echo.Context) error { return s.saveSurvey(c, 0) }

func (s *Server) saveSurvey(c echo.Context, key int64) error {
	f := parseSurveyForm(c)
	v, problems := f.record()
	v.Version = f.edit.Version
	if len(problems) == 0 {
		_, err := s.store.SaveSurvey(c.Request().Context(), actorOf(c), key, v)
		if edit, ok := s.conflictEdit(c.Request().Context(), err, v, staffSurveyHref(key)); ok {
			f.edit = edit
			return s.renderSurveyForm(c, http.StatusConflict, f, key, nil)
		}
		var refused *store.RecordError
		switch {
		case err == nil:
			return c.Redirect(http.StatusSeeOther, staffEnterpriseHref(v.Enterprise)+"?done=survey")
		case errors.As(err, &refused):
			problems = refused.Problems
		default:
			return err
		}
	} else {
		for _, p := range v.Validate() {
			if p.Field != "employees" {
				problems = append(problems, p)
			}
		}
	}
	return s.renderSurveyForm(c, http.StatusUnprocessableEntity, f, key, formErrors("surveys", problems))
}
