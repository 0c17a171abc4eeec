package web

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The staff ledger (两员: the park's enterprise service specialists and
// Party-building instructors), on the ledger engine (ledger.go): what
// differs from the other ledgers. Its records are named by their
// interchange id; its list is its own page (staff_staff_list.go).

const staffLedgerPath = "/workbench/staff"

var staffFields = []string{"name", "roles", "since", "until", "enterprises", "id"}

func showStaffValue(field string, v any) string {
	switch field {
	case "since", "until":
		s, _ := v.(string)
		return views.Date(s)
	case "roles":
		list, _ := v.([]any)
		var out []string
		for _, r := range list {
			s, _ := r.(string)
			out = append(out, store.Label(store.StaffRoles, s))
		}
		return strings.Join(out, "、")
	}
	return plainValue(v)
}

func staffMemberOfParkHref(id string) string {
	return staffLedgerPath + "/" + url.PathEscape(id)
}

// staffFormRows is how many empty enterprise pickers the form offers.
const staffFormRows = 3

var staffLedger = &ledger[store.Staff, staffForm]{
	collection: store.StaffRecords,
	path:       staffLedgerPath,
	names: ledgerNames{ledger: "两员", record: "人员", create: "登记两员", edit: "修改人员信息", remove: "删除人员",
		newText: "登记人员", editText: "人员信息", deleteText: "删除这名人员", sheet: "两员台账",
		notices: map[string]string{"saved": "人员信息已保存。"}},
	access:  byID((*store.Store).StaffByID, (*store.Store).SaveStaff, (*store.Store).DeleteStaff),
	fields:  staffFields,
	show:    showStaffValue,
	title:   func(_ context.Context, _ *Server, st store.Staff) (string, error) { return st.Name, nil },
	list:    listStaff,
	record:  staffRecord,
	export:  exportStaff,
	sheet:   staffSheet,
	listKey: staffLedgerKey,
	form: ledgerForm[store.Staff, staffForm]{
		blank: func(echo.Context) staffForm { return staffForm{} },
		propose: func(ctx context.Context, s *Server, f *staffForm) (err error) {
			f.ID, err = s.store.SuggestStaffID(ctx)
			return err
		},
		of: func(st store.Staff) staffForm {
			return staffForm{ID: st.ID, Name: st.Name, Since: st.Since, Until: st.Until, Roles: st.Roles, Enterprises: st.Enterprises}
		},
		read: func(values url.Values) staffForm {
			return staffForm{
				ID: strings.TrimSpace(values.Get("id")), Name: strings.TrimSpace(values.Get("name")),
				Since: strings.TrimSpace(values.Get("since")), Until: strings.TrimSpace(values.Get("until")),
				Roles: repeatedValues(values["roles"]), Enterprises: repeatedValues(values["enterprises"]),
			}
		},
		resolve: func(ctx context.Context, s *Server, f *staffForm) (err error) {
			f.Enterprises, err = s.store.EnterpriseIDsFor(ctx, f.Enterprises)
			return err
		},
		record: func(f staffForm) (store.Staff, []store.Problem) {
			roles := f.Roles
			if roles == nil {
				roles = []string{}
			}
			return store.Staff{ID: f.ID, Name: f.Name, Roles: roles, Enterprises: f.Enterprises, Since: f.Since, Until: f.Until}, nil
		},
		draw: func(ctx context.Context, s *Server, f staffForm, frame views.FormFrame) (templ.Component, error) {
			picked, err := s.pickedEnterprises(ctx, f.Enterprises, staffFormRows)
			if err != nil {
				return nil, err
			}
			v := views.StaffForm{FormFrame: frame, ID: f.ID, Name: f.Name, Enterprises: picked, Since: f.Since, Until: f.Until}
			for _, r := range store.StaffRoles {
				v.Roles = append(v.Roles, views.Option{Value: r.Value, Label: r.Label, Selected: slices.Contains(f.Roles, r.Value)})
			}
			return views.StaffFormPage(v), nil
		},
	},
}

// staffForm is the form as typed; roles and enterprises are repeated.
type staffForm struct {
	ID, Name, Since, Until string
	Roles, Enterprises     []string
}

// staffRecord is a staff member's page: their roles and term, and the
// enterprises they serve.
func staffRecord(ctx context.Context, s *Server, st store.Staff, v *views.StaffRecord) error {
	names, err := s.store.EnterpriseNames(ctx, st.Enterprises)
	if err != nil {
		return err
	}
	label := func(f string) string { return store.FieldLabel(store.StaffRecords, f) }
	roles := make([]any, len(st.Roles))
	for i, r := range st.Roles {
		roles[i] = r
	}
	v.Summary = []views.SummaryRow{
		{Label: label("roles"), Value: showStaffValue("roles", roles)},
		{Label: label("since"), Value: views.Date(st.Since)},
		{Label: label("until"), Value: dash(views.Date(st.Until))},
		{Label: label("id"), Value: st.ID},
	}
	v.Related = []views.RelatedList{{Heading: "联系企业", Count: len(st.Enterprises), Empty: "还没有联系企业。"}}
	for _, e := range st.Enterprises {
		v.Related[0].Items = append(v.Related[0].Items, views.RelatedItem{Href: staffEnterpriseHref(e), Text: names[e]})
	}
	return nil
}
