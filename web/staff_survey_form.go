package web

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// surveyForm is the survey form as typed.
type surveyForm struct {
	Enterprise, Date, FixedPremises, Employees, Operating string
	ID                                                    string // kept from the record: the form does not show it
}

// surveyFormKind is the survey form: reached from an enterprise's page
// (?enterprise=ID), which a new survey's 取消 goes back to.
var surveyFormKind = ledgerForm[store.Survey, surveyForm]{
	blank: func(c echo.Context) surveyForm { return surveyForm{Enterprise: c.QueryParam("enterprise")} },
	of: func(v store.Survey) surveyForm {
		return surveyForm{Enterprise: v.Enterprise, Date: v.Date, FixedPremises: strconv.FormatBool(v.FixedPremises),
			Employees: strconv.Itoa(v.Employees), Operating: strconv.FormatBool(v.Operating), ID: v.ID}
	},
	read: func(values url.Values) surveyForm {
		return surveyForm{
			Enterprise:    strings.TrimSpace(values.Get("enterprise")),
			Date:          strings.TrimSpace(values.Get("date")),
			FixedPremises: values.Get("fixed_premises"),
			Employees:     strings.TrimSpace(values.Get("employees")),
			Operating:     values.Get("operating"),
			ID:            strings.TrimSpace(values.Get("id")),
		}
	},
	record: surveyFormRecord,
	draw: func(ctx context.Context, s *Server, f surveyForm, frame views.FormFrame) (templ.Component, error) {
		e, _, err := s.store.EnterpriseByID(ctx, f.Enterprise)
		if errors.Is(err, store.ErrNotFound) {
			return nil, echo.ErrNotFound // the form is reached from an enterprise's page
		}
		if err != nil {
			return nil, err
		}
		if frame.Action == surveyLedger {
			frame.CancelURL = staffEnterpriseHref(f.Enterprise)
		}
		return views.SurveyFormPage(views.SurveyForm{FormFrame: frame, Enterprise: f.Enterprise, EnterpriseName: e.Name,
			Date: f.Date, FixedPremises: f.FixedPremises, Employees: f.Employees, Operating: f.Operating, ID: f.ID,
		}), nil
	},
}

// surveyFormRecord is the survey the form describes and the problems of
// what could not be read: yes/no questions left unanswered, a count that
// is no number.
func surveyFormRecord(f surveyForm) (store.Survey, []store.Problem) {
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
