package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// activityForm is an activity as typed, on a clerk's form or a
// secretary's filing; the enterprises come as repeated "enterprises"
// fields, each an id or (on a clerk's form) a full name.
type activityForm struct {
	Program, Kind, Title, Date, Organizer, Participants, Summary, ID string
	Enterprises                                                      []string
	unpicked                                                         *store.Problem // the organiser typed names none (organization_pick.go)
}

// activityFormRows is how many enterprise pickers the form offers beyond
// those filled in.
const activityFormRows = 3

// activityLedgerForm is the activity ledger's form.
var activityLedgerForm = ledgerForm[store.Activity, activityForm]{
	// The new form is filled in from the page it was opened on:
	// ?organizer= and ?enterprise=.
	blank: func(c echo.Context) activityForm {
		f := activityForm{Organizer: c.QueryParam("organizer")}
		if e := strings.TrimSpace(c.QueryParam("enterprise")); e != "" {
			f.Enterprises = []string{e}
		}
		return f
	},
	of: func(a store.Activity) activityForm {
		f := activityForm{Program: a.Program, Kind: a.Kind, Title: a.Title, Date: a.Date, Organizer: a.Organizer,
			Summary: a.Summary, ID: a.ID, Enterprises: a.Enterprises}
		if a.Participants != nil {
			f.Participants = strconv.Itoa(*a.Participants)
		}
		return f
	},
	read: readActivityForm,
	resolve: func(ctx context.Context, s *Server, f *activityForm) (err error) {
		if f.Enterprises, err = s.store.EnterpriseIDsFor(ctx, f.Enterprises); err != nil {
			return err
		}
		f.unpicked, err = s.resolveOrganization(ctx, "organizer", &f.Organizer)
		return err
	},
	record: activityForm.record,
	// A staff edit leaves the review status a secretary's filing gave the
	// activity as it is.
	keep: func(stored store.Activity, a *store.Activity) { a.Status = stored.Status },
	draw: func(ctx context.Context, s *Server, f activityForm, frame views.FormFrame) (templ.Component, error) {
		organizer, err := s.organizationPicker(ctx, "organizer", views.Optional(frame.Label("organizer")), f.Organizer)
		if err != nil {
			return nil, err
		}
		organizer.Hint = "不填则为园区组织的活动；输入党组织名称中的几个字或编号，从提示中选择"
		picked, err := s.pickedEnterprises(ctx, f.Enterprises, activityFormRows)
		if err != nil {
			return nil, err
		}
		return views.ActivityFormPage(views.ActivityForm{FormFrame: frame,
			Program: f.Program, Programs: options(store.Programs, f.Program), Kind: f.Kind, Kinds: options(store.ActivityKinds, ""),
			Title: f.Title, Date: f.Date, Organizer: organizer, Participants: f.Participants, Enterprises: picked,
			Summary: f.Summary, ID: f.ID,
		}), nil
	},
}

// readActivityForm is the one reading of a posted activity, staff's and
// secretaries' alike (a secretary's form has no organiser or id: the
// organisation is theirs, the id the ledger's).
func readActivityForm(values url.Values) activityForm {
	return activityForm{
		Program: values.Get("program"), Kind: strings.TrimSpace(values.Get("kind")), Title: strings.TrimSpace(values.Get("title")),
		Date: strings.TrimSpace(values.Get("date")), Organizer: values.Get("organizer"),
		Participants: strings.TrimSpace(values.Get("participants")), Summary: strings.TrimSpace(values.Get("summary")),
		ID: strings.TrimSpace(values.Get("id")), Enterprises: repeatedValues(values["enterprises"]),
	}
}

// record is the activity the form describes and the problems of what
// could not be read as its type.
func (f activityForm) record() (store.Activity, []store.Problem) {
	a := store.Activity{Program: f.Program, Kind: f.Kind, Title: f.Title, Date: f.Date, Organizer: f.Organizer,
		Enterprises: f.Enterprises, Summary: f.Summary, ID: f.ID}
	n, ps := countField("participants", f.Participants, false, "须为整数，如 40")
	a.Participants = n
	if f.unpicked != nil {
		ps = append(ps, *f.unpicked)
	}
	return a, ps
}
