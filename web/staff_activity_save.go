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
)

// activityForm is the activity form as typed; the enterprises come as
// repeated "enterprises" fields, each an id or a full name.
type activityForm struct {
	Program, Kind, Title, Date, Organizer, Participants, Summary, ID string
	Enterprises                                                      []string
	status                                                           string     // kept from the record: the form does not change it
	edit                                                             views.Edit // the version it was opened on; what changed since, after a conflict
}

// activityFormRows is how many enterprise pickers the form offers beyond
// those filled in.
const activityFormRows = 3

func activityFormFrom(values url.Values) activityForm {
	f := activityForm{
		Program: values.Get("program"), Kind: strings.TrimSpace(values.Get("kind")), Title: strings.TrimSpace(values.Get("title")),
		Date: strings.TrimSpace(values.Get("date")), Organizer: values.Get("organizer"),
		Participants: strings.TrimSpace(values.Get("participants")), Summary: strings.TrimSpace(values.Get("summary")),
		ID: strings.TrimSpace(values.Get("id")),
	}
	f.Enterprises = repeatedValues(values["enterprises"])
	return f
}

func activityFormOf(a store.Activity) activityForm {
	f := activityForm{Program: a.Program, Kind: a.Kind, Title: a.Title, Date: a.Date, Organizer: a.Organizer,
		Summary: a.Summary, ID: a.ID, Enterprises: a.Enterprises, status: a.Status}
	if a.Participants != nil {
		f.Participants = strconv.Itoa(*a.Participants)
	}
	return f
}

// record is the activity the form describes and the problems of what
// could not be read as its type.
func (f activityForm) record() (store.Activity, []store.Problem) {
	a := store.Activity{Program: f.Program, Kind: f.Kind, Title: f.Title, Date: f.Date, Organizer: f.Organizer,
		Enterprises: f.Enterprises, Summary: f.Summary, ID: f.ID, Status: f.status}
	var ps []store.Problem
	if f.Participants != "" {
		if n, err := strconv.Atoi(f.Participants); err != nil {
			ps = append(ps, store.Problem{Field: "participants", Code: store.CodeInteger, Message: "须为整数，如 40"})
		} else {
			a.Participants = &n
		}
	}
	return a, ps
}

func (s *Server) renderActivityForm(c echo.Context, status int, f activityForm, key int64, errs views.Errors) error {
	ctx := c.Request().Context()
	organizer, err := s.organizationPicker(ctx, "organizer", "组织单位（选填）", f.Organizer)
	if err != nil {
		return err
	}
	organizer.Hint = "不填则为园区组织的活动；输入党组织名称中的几个字或编号，从提示中选择"
	picked, err := s.pickedEnterprises(ctx, f.Enterprises, activityFormRows)
	if err != nil {
		return err
	}
	v := views.ActivityForm{
		Action: "/workbench/activities", Heading: "登记活动", CancelURL: "/workbench/activities",
		Program: f.Program, Programs: options(store.Programs, f.Program), Kind: f.Kind, Kinds: options(store.ActivityKinds, ""),
		Title: f.Title, Date: f.Date, Organizer: organizer, Participants: f.Participants, Enterprises: picked,
		Summary: f.Summary, ID: f.ID, Errors: errs, CSRF: s.csrfToken(c),
	}
	if key != 0 {
		v.Action, v.Heading, v.CancelURL = staffActivityHref(key), "修改活动信息", staffActivityHref(key)
	}
	title := v.Heading
	if len(errs) > 0 {
		title = "错误：" + title
	}
	v.Edit = f.edit
	return s.render(c, status, s.page(c, title), views.ActivityFormPage(v))
}

// showActivityNewForm is the empty form; ?organizer= and ?enterprise=
// fill it in from the page it was opened on.
func (s *Server) showActivityNewForm(c echo.Context) error {
	f := activityForm{Organizer: c.QueryParam("organizer")}
	if e := strings.TrimSpace(c.QueryParam("enterprise")); e != "" {
		f.Enterprises = []string{e}
	}
	return s.renderActivityForm(c, http.StatusOK, f, 0, nil)
}

// showActivityEditForm is the form filled in with the activity.
func (s *Server) showActivityEditForm(c echo.Context) error {
	a, key, err := s.activityOf(c)
	if err != nil {
		return err
	}
	f := activityFormOf(a)
	f.edit.Version = a.Version
	return s.renderActivityForm(c, http.StatusOK, f, key, nil)
}

// createActivity saves a new activity.
func (s *Server) createActivity(c echo.Context) error { return s.saveActivity(c, 0, "") }

// updateActivity saves changes to the activity of the URL.
func (s *Server) updateActivity(c echo.Context) error {
	a, key, err := s.activityOf(c)
	if err != nil {
		return err
	}
	return s.saveActivity(c, key, a.Status)
}

// saveActivity is the form's flow; status is the record's, which the form
// leaves as it is (a secretary's filing keeps its place in review).
func (s *Server) saveActivity(c echo.Context, key int64, status string) error {
	ctx := c.Request().Context()
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "activity form").SetInternal(err)
	}
	f := activityFormFrom(values)
	f.edit.Version = formVersion(values)
	f.status = status
	if f.Enterprises, err = s.store.EnterpriseIDsFor(ctx, f.Enterprises); err != nil {
		return err
	}
	organizer, err := s.resolveOrganization(ctx, "organizer", &f.Organizer)
	if err != nil {
		return err
	}
	a, problems := f.record()
	if organizer != nil {
		problems = append(problems, *organizer)
	}
	a.Version = f.edit.Version
	if len(problems) > 0 {
		for _, p := range a.Validate() {
			if p.Field != "participants" && (organizer == nil || p.Field != "organizer") {
				problems = append(problems, p)
			}
		}
	} else {
		entry, err := s.store.SaveActivity(ctx, actorOf(c), key, a)
		if edit, ok := s.conflictEdit(c.Request().Context(), err, a, staffActivityHref(key)); ok {
			f.edit = edit
			return s.renderActivityForm(c, http.StatusConflict, f, key, nil)
		}
		var refused *store.RecordError
		switch {
		case err == nil:
			return c.Redirect(http.StatusSeeOther, staffActivityHref(entry.RecordKey)+"?done=saved")
		case errors.Is(err, store.ErrNotFound):
			return echo.ErrNotFound
		case errors.As(err, &refused):
			problems = refused.Problems
		default:
			return err
		}
	}
	return s.renderActivityForm(c, http.StatusUnprocessableEntity, f, key, formErrors("activities", problems))
}

// activityDeleteView is the confirmation of deleting the activity of the
// URL.
func (s *Server) activityDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	a, key, err := s.activityOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	return s.keyedDeleteView(c, "/workbench/activities", "活动台账", "删除活动", staffActivityHref(key), a.Title, a.Version), nil
}

// confirmActivityDelete asks before deleting an activity.
func (s *Server) confirmActivityDelete(c echo.Context) error {
	v, err := s.activityDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteActivity deletes an activity through the write path.
func (s *Server) deleteActivity(c echo.Context) error {
	return s.deleteKeyed(c, "/workbench/activities", s.store.DeleteActivity, s.activityDeleteView)
}
