package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The party organisation ledger (党组织), on the ledger engine (ledger.go):
// what differs from the other ledgers. Its records are named by their
// interchange id; its list (staff_organization_list.go, with each one's
// term) and its record page (staff_organization_show.go, with its members
// by stage) are kept per revision in the page cache. A new organisation is
// formed from the pipeline, which its form goes back to.

const organizationLedger = "/workbench/organizations"

var organizations = &ledger[store.Organization, organizationForm]{
	collection: store.Organizations,
	path:       organizationLedger,
	names: ledgerNames{ledger: "党组织", record: "党组织", create: "组建党组织", edit: "修改党组织信息", remove: "删除党组织",
		newText: "新增党组织", editText: "党组织信息", deleteText: "删除这个党组织", sheet: "党组织台账",
		notices: map[string]string{"saved": "已保存。"}},
	access:  byID((*store.Store).OrganizationByID, (*store.Store).SaveOrganization, (*store.Store).DeleteOrganization),
	fields:  organizationFields,
	show:    showOrganizationValue,
	title:   func(_ context.Context, _ *Server, o store.Organization) (string, error) { return o.Name, nil },
	list:    listOrganizations,
	record:  organizationRecord,
	export:  exportOrganizations,
	sheet:   organizationSheet,
	listKey: organizationLedgerKey,
	form: ledgerForm[store.Organization, organizationForm]{
		// The pipeline's action fills in the kind and the enterprises.
		blank: func(c echo.Context) organizationForm { return readOrganizationForm(c.QueryParams()) },
		propose: func(ctx context.Context, s *Server, f *organizationForm) (err error) {
			f.ID, err = s.store.SuggestOrganizationID(ctx)
			return err
		},
		of: func(o store.Organization) organizationForm {
			return organizationForm{ID: o.ID, Name: o.Name, Kind: o.Kind, Formed: o.Formed, Secretary: o.Secretary, Enterprises: o.Enterprises}
		},
		read: readOrganizationForm,
		// A picker holds an enterprise's id or its full name.
		resolve: func(ctx context.Context, s *Server, f *organizationForm) (err error) {
			f.Enterprises, err = s.store.EnterpriseIDsFor(ctx, f.Enterprises)
			return err
		},
		record: organizationForm.record,
		order:  []string{"name", "kind", "formed", "enterprises", "secretary", "id"},
		draw:   drawOrganizationForm,
	},
}

// organizationForm is the organisation form as typed; the enterprises it
// covers come as repeated "enterprises" fields, one a row.
type organizationForm struct {
	ID, Name, Kind, Formed, Secretary string
	Enterprises                       []string
}

// organizationFormRows is how many enterprise rows the form offers: the
// most a joint branch covers.
const organizationFormRows = store.JointBranchMaxUnits

func readOrganizationForm(values url.Values) organizationForm {
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

func (f organizationForm) record() (store.Organization, []store.Problem) {
	list := f.Enterprises
	if list == nil {
		list = []string{}
	}
	return store.Organization{ID: f.ID, Name: f.Name, Kind: f.Kind, Formed: f.Formed, Secretary: f.Secretary, Enterprises: list}, nil
}

// drawOrganizationForm is the form's page: an enterprise picker for each
// enterprise chosen and for the rows left, and a warning for a branch
// short of full members.
func drawOrganizationForm(ctx context.Context, s *Server, f organizationForm, frame views.FormFrame) (templ.Component, error) {
	picked, err := s.pickedEnterprises(ctx, f.Enterprises, max(0, organizationFormRows-len(f.Enterprises)))
	if err != nil {
		return nil, err
	}
	if frame.Action == organizationLedger {
		frame.CancelURL = "/workbench/pipeline" // a new organisation is formed from the pipeline
	}
	v := views.OrganizationForm{FormFrame: frame,
		ID: f.ID, Name: f.Name, Kind: f.Kind, Kinds: options(store.OrganizationKinds, f.Kind), Formed: f.Formed,
		Secretary: f.Secretary, Enterprises: picked,
	}
	if v.Warning, err = s.fewMembersWarning(ctx, f.Kind, f.Enterprises); err != nil {
		return nil, err
	}
	return views.OrganizationFormPage(v), nil
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
	return organizationLedger + "/" + url.PathEscape(id)
}
