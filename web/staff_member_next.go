package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// A member's next stage, recorded from their organisation's board: the
// date of the one stage that comes next, through the member ledger's
// save.

// nextStageView is the quick form for a member's next stage.
func (s *Server) nextStageView(c echo.Context, m store.Member, date string, errs views.Errors) (views.NextStageForm, bool) {
	stage := "applied"
	for _, st := range memberStageLabels {
		if stageDate(m, st[0]) != "" {
			stage = st[0]
		}
	}
	next, ok := nextStage[stage]
	if !ok {
		return views.NextStageForm{}, false
	}
	prev := ""
	for _, st := range memberStageLabels {
		if st[0] == stage {
			prev = st[1] + "：" + views.Date(stageDate(m, stage))
		}
	}
	return views.NextStageForm{
		Action: staffMemberHref(m.ID) + "/next", CancelURL: staffOrganizationHref(m.Organization) + "/members",
		Name: m.Name, Field: next[0], Label: store.FieldLabel("members", next[0]), Previous: "目前阶段 " + prev,
		Date: date, Errors: errs, CSRF: s.csrfToken(c), Edit: views.Edit{Version: m.Version}, AskBirth: m.Birth == "",
	}, true
}

// showNextStageForm asks for the date of the member's next stage.
func (s *Server) showNextStageForm(c echo.Context) error {
	m, _, _, err := members.find(s, c)
	if err != nil {
		return err
	}
	v, ok := s.nextStageView(c, m, s.now().Format("2006-01-02"), nil)
	if !ok {
		return echo.ErrNotFound // a full member has no next stage
	}
	return s.staffPage(c, "记录下一阶段", views.NextStageFormPage(v))
}

// recordNextStage sets the date of the member's next stage through the
// write path: a date the rules refuse comes back at the field, naming the
// rule and the earliest date allowed.
func (s *Server) recordNextStage(c echo.Context) error {
	m, key, _, err := members.find(s, c)
	if err != nil {
		return err
	}
	date := strings.TrimSpace(c.FormValue("date"))
	v, ok := s.nextStageView(c, m, date, nil)
	if ok && c.FormValue("stage") != v.Field && postedVersion(c) != m.Version {
		// Someone recorded a stage meanwhile: the form asks for the stage
		// now next, beside what changed.
		seen := postedVersion(c)
		since, base, err := s.store.RecordChangesSince(c.Request().Context(), "members", key, seen)
		if err != nil {
			return err
		}
		theirs, _ := json.Marshal(m)
		mine := m // what the clerk typed, for the stage they were asked
		setStageDate(&mine, c.FormValue("stage"), date)
		v.Edit, _ = s.conflictEdit(c.Request().Context(), &store.ConflictError{Collection: "members", Key: key, Title: m.Name, Seen: seen, Current: m.Version,
			Base: base, Theirs: theirs, Since: since}, mine, staffMemberHref(m.ID))
		v.Date = ""
		return s.render(c, http.StatusConflict, s.page(c, "错误：记录下一阶段"), views.NextStageFormPage(v))
	}
	if !ok || c.FormValue("stage") != v.Field {
		// A full member has no next stage (or the form was not ours).
		return c.Redirect(http.StatusSeeOther, staffOrganizationHref(m.Organization)+"/members")
	}
	setStageDate(&m, v.Field, date)
	if v.AskBirth { // a record from before the birth date was required
		m.Birth = strings.TrimSpace(c.FormValue("birth"))
		v.Birth = m.Birth
	}
	m.Version = postedVersion(c) // the version the form was opened on
	v.Version = m.Version
	if date == "" {
		v.Errors = views.Errors{{Field: v.Field, Message: v.Label + "：缺少必填内容"}}
		return s.render(c, http.StatusUnprocessableEntity, s.page(c, "错误：记录下一阶段"), views.NextStageFormPage(v))
	}
	_, err = s.store.SaveMember(c.Request().Context(), actorOf(c), m.ID, m)
	if edit, ok := s.conflictEdit(c.Request().Context(), err, m, staffMemberHref(m.ID)); ok {
		v.Edit = edit
		return s.render(c, http.StatusConflict, s.page(c, "错误：记录下一阶段"), views.NextStageFormPage(v))
	}
	var refused *store.RecordError
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, staffOrganizationHref(m.Organization)+"/members?done=next")
	case errors.As(err, &refused):
		v.Errors = formErrors("members", refused.Problems)
		return s.render(c, http.StatusUnprocessableEntity, s.page(c, "错误：记录下一阶段"), views.NextStageFormPage(v))
	}
	return err
}
