package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// organizationForm is the organisation form as typed; the enterprises it
// covers come as repeated "enterprises" fields, one a row.
type organizationForm struct {
	ID, Name, Kind, Formed, Secretary string
	Enterprises                       []string
	edit                              views.Edit // the version it was opened on; what changed since, after a conflict
}

// organizationFormRows is how many enterprise rows the form offers: the
// most a joint branch covers.
const organizationFormRows = store.JointBranchMaxUnits

// choiceLimit bounds the enterprises a form offers to choose from.
const choiceLimit = 500

func organizationFormFrom(values url.Values) organizationForm {
	f := organizationForm{
		ID: strings.TrimSpace(values.Get("id")), Name: strings.TrimSpace(values.Get("name")), Kind: values.Get("kind"),
		Formed: strings.TrimSpace(values.Get("formed")), Secretary: strings.TrimSpace(values.Get("secretary")),
	}
	for _, e := range values["enterprises"] {
		if e = strings.TrimSpace(e); e != "" && len(f.Enterprises) < 50 {
			f.Enterprises = append(f.Enterprises, e)
		}
	}
	return f
}

func organizationFormOf(o store.Organization) organizationForm {
	return organizationForm{ID: o.ID, Name: o.Name, Kind: o.Kind, Formed: o.Formed, Secretary: o.Secretary, Enterprises: o.Enterprises}
}

func (f organizationForm) record() store.Organization {
	list := f.Enterprises
	if list == nil {
		list = []string{}
	}
	return store.Organization{ID: f.ID, Name: f.Name, Kind: f.Kind, Formed: f.Formed, Secretary: f.Secretary, Enterprises: list}
}

func (s *Server) renderOrganizationForm(c echo.Context, status int, f organizationForm, oldID string, errs views.Errors) error {
	ctx := c.Request().Context()
	// The choices: the enterprises chosen, then those no organisation covers.
	names, err := s.store.EnterpriseNames(ctx, f.Enterprises)
	if err != nil {
		return err
	}
	var choices []views.Option
	for _, id := range f.Enterprises {
		label := names[id]
		if label == "" {
			label = id + "（台账中没有这个编号）"
		}
		choices = append(choices, views.Option{Value: id, Label: label})
	}
	uncovered, err := s.store.UncoveredEnterprises(ctx, choiceLimit)
	if err != nil {
		return err
	}
	for _, e := range uncovered {
		if !slices.Contains(f.Enterprises, e.ID) {
			choices = append(choices, views.Option{Value: e.ID, Label: e.Name})
		}
	}
	v := views.OrganizationForm{
		Action: "/workbench/organizations", Heading: "组建党组织", CancelURL: "/workbench/pipeline",
		ID: f.ID, Name: f.Name, Kind: f.Kind, Kinds: options(store.OrganizationKinds, f.Kind), Formed: f.Formed,
		Secretary: f.Secretary, Enterprises: slices.Clone(f.Enterprises), Choices: choices, Errors: errs, CSRF: s.csrfToken(c),
	}
	if v.Warning, err = s.fewMembersWarning(ctx, f.Kind, f.Enterprises); err != nil {
		return err
	}
	if oldID != "" {
		v.Action, v.Heading, v.CancelURL = staffOrganizationHref(oldID), "修改党组织信息", staffOrganizationHref(oldID)
	}
	for len(v.Enterprises) < organizationFormRows {
		v.Enterprises = append(v.Enterprises, "")
	}
	title := v.Heading
	if len(errs) > 0 {
		title = "错误：" + title
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, title), views.OrganizationFormPage(v))
}

// showOrganizationNewForm is the form, filled in from the query (the
// pipeline's action) and with an unused id proposed.
func (s *Server) showOrganizationNewForm(c echo.Context) error {
	f := organizationFormFrom(c.QueryParams())
	id, err := s.store.SuggestOrganizationID(c.Request().Context())
	if err != nil {
		return err
	}
	f.ID = id
	return s.renderOrganizationForm(c, http.StatusOK, f, "", nil)
}

// showOrganizationEditForm is the form filled in with the organisation.
func (s *Server) showOrganizationEditForm(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	o, _, err := s.store.OrganizationByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	f := organizationFormOf(o)
	f.edit.Version = o.Version
	return s.renderOrganizationForm(c, http.StatusOK, f, id, nil)
}

// createOrganization saves a new organisation.
func (s *Server) createOrganization(c echo.Context) error { return s.saveOrganization(c, "") }

// updateOrganization saves changes to the organisation of the URL.
func (s *Server) updateOrganization(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.saveOrganization(c, id)
}

func (s *Server) saveOrganization(c echo.Context, oldID string) error {
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "organization form").SetInternal(err)
	}
	f := organizationFormFrom(values)
	f.edit.Version = formVersion(values)
	o := f.record()
	o.Version = f.edit.Version
	_, err = s.store.SaveOrganization(c.Request().Context(), actorOf(c), oldID, o)
	if edit, ok := s.conflictEdit(c.Request().Context(), err, o, staffOrganizationHref(oldID)); ok {
		f.edit = edit
		return s.renderOrganizationForm(c, http.StatusConflict, f, oldID, nil)
	}
	var refused *store.RecordError
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, staffOrganizationHref(o.ID)+"?done=saved")
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.As(err, &refused):
		return s.renderOrganizationForm(c, http.StatusUnprocessableEntity, f, oldID, formErrors("organizations", refused.Problems))
	}
	return err
}

// fewMembersWarning is the warning for a branch or joint branch whose
// enterprises have fewer full members today than a branch needs; "" when
// they have enough, or for other kinds. It warns and does not refuse: a
// clerk may be recording a branch formed in the past.
func (s *Server) fewMembersWarning(ctx context.Context, kind string, enterprises []string) (string, error) {
	n, err := s.store.FullMembersAt(ctx, enterprises)
	if err != nil || n >= store.BranchFullMembers || (kind != "branch" && kind != "joint_branch") || len(enterprises) == 0 {
		return "", err
	}
	return fmt.Sprintf("覆盖企业目前共有%d名正式党员，党支部应有%d名以上正式党员（还差%d名）。", n, store.BranchFullMembers, store.BranchFullMembers-n), nil
}

// staffOrganizationHref is an organisation's page in the workspace.
func staffOrganizationHref(id string) string {
	return "/workbench/organizations/" + url.PathEscape(id)
}
