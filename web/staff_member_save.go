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

// memberForm is the member form as typed.
type memberForm struct {
	ID, Name, Birth, Organization, Enterprise        string
	Management                                       bool
	Applied, Activist, Candidate, Probationary, Full string
	edit                                             views.Edit // the version it was opened on; what changed since, after a conflict
}

func parseMemberForm(c echo.Context) memberForm {
	v := func(name string) string { return strings.TrimSpace(c.FormValue(name)) }
	return memberForm{
		ID: v("id"), Name: v("name"), Birth: v("birth"), Organization: v("organization"), Enterprise: v("enterprise"),
		Management: c.FormValue("management") == "true",
		Applied:    v("applied"), Activist: v("activist"), Candidate: v("candidate"), Probationary: v("probationary"), Full: v("full"),
		edit: views.Edit{Version: postedVersion(c)},
	}
}

func memberFormOf(m store.Member) memberForm {
	return memberForm{ID: m.ID, Name: m.Name, Birth: m.Birth, Organization: m.Organization, Enterprise: m.Enterprise, Management: m.Management,
		Applied: m.Applied, Activist: m.Activist, Candidate: m.Candidate, Probationary: m.Probationary, Full: m.Full,
		edit: views.Edit{Version: m.Version}}
}

func (f memberForm) record() store.Member {
	return store.Member{ID: f.ID, Name: f.Name, Birth: f.Birth, Organization: f.Organization, Enterprise: f.Enterprise, Management: f.Management,
		Applied: f.Applied, Activist: f.Activist, Candidate: f.Candidate, Probationary: f.Probationary, Full: f.Full}
}

func (s *Server) renderMemberForm(c echo.Context, status int, f memberForm, oldID string, errs views.Errors) error {
	ctx := c.Request().Context()
	org, err := s.organizationPicker(ctx, "organization", "所属党组织", f.Organization)
	if err != nil {
		return err
	}
	v := views.MemberForm{
		Action: "/workbench/members", Heading: "登记入党申请人", CancelURL: "/workbench/pipeline",
		ID: f.ID, Name: f.Name, Birth: f.Birth, Organization: org, Enterprise: f.Enterprise, Management: f.Management,
		Applied: f.Applied, Activist: f.Activist, Candidate: f.Candidate, Probationary: f.Probationary, Full: f.Full,
		Errors: errs, CSRF: s.csrfToken(c),
	}
	// The enterprises to choose from: those the organisation covers.
	if f.Organization != "" {
		if o, _, err := s.store.OrganizationByID(ctx, f.Organization); err == nil {
			v.CancelURL = staffOrganizationHref(o.ID) + "/members"
			names, err := s.store.EnterpriseNames(ctx, o.Enterprises)
			if err != nil {
				return err
			}
			for _, e := range o.Enterprises {
				v.Enterprises = append(v.Enterprises, views.Option{Value: e, Label: names[e], Selected: e == f.Enterprise})
			}
		}
	}
	if f.Enterprise != "" && !optionsHave(v.Enterprises, f.Enterprise) {
		v.Enterprises = append(v.Enterprises, views.Option{Value: f.Enterprise, Label: f.Enterprise, Selected: true})
	}
	if oldID != "" {
		v.Action, v.Heading, v.CancelURL = staffMemberHref(oldID), "修改人员信息", staffMemberHref(oldID)
	}
	title := v.Heading
	if len(errs) > 0 {
		title = "错误：" + title
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, title), views.MemberFormPage(v))
}

func optionsHave(opts []views.Option, value string) bool {
	for _, o := range opts {
		if o.Value == value {
			return true
		}
	}
	return false
}

// showMemberNewForm is the empty member form for an organisation.
func (s *Server) showMemberNewForm(c echo.Context) error {
	id, err := s.store.SuggestMemberID(c.Request().Context())
	if err != nil {
		return err
	}
	return s.renderMemberForm(c, http.StatusOK, memberForm{ID: id, Organization: c.QueryParam("organization")}, "", nil)
}

// showMemberEditForm is the form filled in with the member: all five
// dates.
func (s *Server) showMemberEditForm(c echo.Context) error {
	m, err := s.memberOf(c)
	if err != nil {
		return err
	}
	return s.renderMemberForm(c, http.StatusOK, memberFormOf(m), m.ID, nil)
}

// memberOf is the member of the URL.
func (s *Server) memberOf(c echo.Context) (store.Member, error) {
	m, _, err := s.memberAndKeyOf(c)
	return m, err
}

// memberAndKeyOf is the member of the URL and its rowid.
func (s *Server) memberAndKeyOf(c echo.Context) (store.Member, int64, error) {
	id, err := idParam(c)
	if err != nil {
		return store.Member{}, 0, err
	}
	m, key, err := s.store.MemberByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Member{}, 0, echo.ErrNotFound
	}
	return m, key, err
}

// createMember records a new member.
func (s *Server) createMember(c echo.Context) error { return s.saveMember(c, "") }

// updateMember saves changes to the member of the URL.
func (s *Server) updateMember(c echo.Context) error {
	m, err := s.memberOf(c)
	if err != nil {
		return err
	}
	return s.saveMember(c, m.ID)
}

func (s *Server) saveMember(c echo.Context, oldID string) error {
	f := parseMemberForm(c)
	problem, err := s.resolveOrganization(c.Request().Context(), "organization", &f.Organization)
	if err != nil {
		return err
	}
	m := f.record()
	m.Version = f.edit.Version
	if problem != nil {
		problems := append([]store.Problem{*problem}, otherProblems(m.Validate(), "organization")...)
		return s.renderMemberForm(c, http.StatusUnprocessableEntity, f, oldID, formErrors("members", problems))
	}
	_, err = s.store.SaveMember(c.Request().Context(), actorOf(c), oldID, m)
	if edit, ok := s.conflictEdit(c.Request().Context(), err, m, staffMemberHref(oldID)); ok {
		f.edit = edit
		return s.renderMemberForm(c, http.StatusConflict, f, oldID, nil)
	}
	var refused *store.RecordError
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, staffOrganizationHref(m.Organization)+"/members?done=saved")
	case errors.As(err, &refused):
		return s.renderMemberForm(c, http.StatusUnprocessableEntity, f, oldID, formErrors("members", refused.Problems))
	}
	return err
}

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
	m, err := s.memberOf(c)
	if err != nil {
		return err
	}
	v, ok := s.nextStageView(c, m, s.now().Format("2006-01-02"), nil)
	if !ok {
		return echo.ErrNotFound // a full member has no next stage
	}
	return s.render(c, http.StatusOK, s.page(c, "记录下一阶段"), views.NextStageFormPage(v))
}

// recordNextStage sets the date of the member's next stage through the
// write path: a date the rules refuse comes back at the field, naming the
// rule and the earliest date allowed.
func (s *Server) recordNextStage(c echo.Context) error {
	m, key, err := s.memberAndKeyOf(c)
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
