package web

import (
	"context"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The member ledger (党员发展台账: everyone on the way to party
// membership), on the ledger engine (ledger.go): what differs from the
// other ledgers. Its records are named by their interchange id; a saved
// member goes to their organisation's board (staff_member_board.go),
// where the next stage is recorded (staff_member_next.go); its record
// page is kept per revision in the page cache; its spreadsheet is
// uploaded too (staff_member_sheet.go). A secretary files the same record
// (org_filing_forms.go), read by the same parser.

const memberLedger = "/workbench/members"

var members = &ledger[store.Member, memberForm]{
	collection: store.Members,
	path:       memberLedger,
	names: ledgerNames{ledger: "党员发展台账", record: "人员记录", create: "登记入党申请人", edit: "修改人员信息", remove: "删除人员记录",
		newText: "登记入党申请人", editText: "人员信息", deleteText: "删除这条人员记录", page: "党员发展",
		notices: map[string]string{"saved": ""}}, // a save goes to the board, which says so
	access: byID((*store.Store).MemberByID, (*store.Store).SaveMember, (*store.Store).DeleteMember),
	fields: memberFields,
	show:   showMemberValue,
	title:  func(_ context.Context, _ *Server, m store.Member) (string, error) { return m.Name, nil },
	list:   listMembers,
	record: memberRecord,
	export: exportMembers,
	sheet:  memberSheet,
	saved: func(m store.Member) string {
		return staffOrganizationHref(m.Organization) + "/members?done=saved"
	},
	form: ledgerForm[store.Member, memberForm]{
		blank: func(c echo.Context) memberForm { return memberForm{Organization: c.QueryParam("organization")} },
		propose: func(ctx context.Context, s *Server, f *memberForm) (err error) {
			f.ID, err = s.store.SuggestMemberID(ctx)
			return err
		},
		of: func(m store.Member) memberForm {
			return memberForm{ID: m.ID, Name: m.Name, Birth: m.Birth, Organization: m.Organization, Enterprise: m.Enterprise,
				Management: boolText(m.Management), Applied: m.Applied, Activist: m.Activist, Candidate: m.Candidate,
				Probationary: m.Probationary, Full: m.Full}
		},
		read: readMemberForm,
		resolve: func(ctx context.Context, s *Server, f *memberForm) (err error) {
			f.unpicked, err = s.resolveOrganization(ctx, "organization", &f.Organization)
			return err
		},
		record: memberForm.record,
		draw:   drawMemberForm,
	},
}

// memberForm is a member as typed, on a clerk's form or a secretary's
// filing.
type memberForm struct {
	ID, Name, Birth, Organization, Enterprise        string
	Management                                       string // "true", "false"; "" for a clerk's box left unticked
	Applied, Activist, Candidate, Probationary, Full string
	unpicked                                         *store.Problem // the organisation typed names none (organization_pick.go)
}

// readMemberForm is the one reading of a posted member, staff's and
// secretaries' alike.
func readMemberForm(values url.Values) memberForm {
	v := func(name string) string { return strings.TrimSpace(values.Get(name)) }
	return memberForm{
		ID: v("id"), Name: v("name"), Birth: v("birth"), Organization: v("organization"), Enterprise: v("enterprise"),
		Management: v("management"),
		Applied:    v("applied"), Activist: v("activist"), Candidate: v("candidate"), Probationary: v("probationary"), Full: v("full"),
	}
}

// record is the member the form describes and the problems of what could
// not be read: an organisation typed that names none.
func (f memberForm) record() (store.Member, []store.Problem) {
	m := store.Member{ID: f.ID, Name: f.Name, Birth: f.Birth, Organization: f.Organization, Enterprise: f.Enterprise,
		Management: f.Management == "true",
		Applied:    f.Applied, Activist: f.Activist, Candidate: f.Candidate, Probationary: f.Probationary, Full: f.Full}
	if f.unpicked != nil {
		return m, []store.Problem{*f.unpicked}
	}
	return m, nil
}

// drawMemberForm is the member form: the organisation picked by typing,
// the enterprises it covers to choose from. A new member's 取消 goes back
// to the organisation's board, or to the pipeline.
func drawMemberForm(ctx context.Context, s *Server, f memberForm, frame views.FormFrame) (templ.Component, error) {
	org, err := s.organizationPicker(ctx, "organization", frame.Label("organization"), f.Organization)
	if err != nil {
		return nil, err
	}
	v := views.MemberForm{FormFrame: frame,
		ID: f.ID, Name: f.Name, Birth: f.Birth, Organization: org, Enterprise: f.Enterprise, Management: f.Management == "true",
		Applied: f.Applied, Activist: f.Activist, Candidate: f.Candidate, Probationary: f.Probationary, Full: f.Full,
	}
	isNew := frame.Action == memberLedger
	if isNew {
		v.CancelURL = "/workbench/pipeline"
	}
	// The enterprises to choose from: those the organisation covers.
	if f.Organization != "" {
		if o, _, err := s.store.OrganizationByID(ctx, f.Organization); err == nil {
			if isNew {
				v.CancelURL = staffOrganizationHref(o.ID) + "/members"
			}
			names, err := s.store.EnterpriseNames(ctx, o.Enterprises)
			if err != nil {
				return nil, err
			}
			for _, e := range o.Enterprises {
				v.Enterprises = append(v.Enterprises, views.Option{Value: e, Label: names[e], Selected: e == f.Enterprise})
			}
		}
	}
	if f.Enterprise != "" && !optionsHave(v.Enterprises, f.Enterprise) {
		v.Enterprises = append(v.Enterprises, views.Option{Value: f.Enterprise, Label: f.Enterprise, Selected: true})
	}
	return views.MemberFormPage(v), nil
}

func optionsHave(opts []views.Option, value string) bool {
	for _, o := range opts {
		if o.Value == value {
			return true
		}
	}
	return false
}
