package web

import (
	"context"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// organizationFields are an organisation's fields in the order its page and
// its history show them.
var organizationFields = []string{"name", "id", "kind", "formed", "secretary", "enterprises"}

func showOrganizationValue(field string, v any) string {
	switch field {
	case "kind":
		s, _ := v.(string)
		return store.Label(store.OrganizationKinds, s)
	case "formed":
		s, _ := v.(string)
		return views.Date(s)
	}
	return plainValue(v)
}

// organizationRecord is an organisation's page: its fields and term,
// the enterprises it covers (flagged when a branch's have fewer full
// members than it needs) and its members by stage.
func organizationRecord(ctx context.Context, s *Server, o store.Organization, v *views.StaffRecord) error {
	names, err := s.store.EnterpriseNames(ctx, o.Enterprises)
	if err != nil {
		return err
	}
	members, err := s.store.OrganizationMembersByStage(ctx, o.ID)
	if err != nil {
		return err
	}
	raw := map[string]any{"name": o.Name, "id": o.ID, "kind": o.Kind, "formed": o.Formed, "secretary": o.Secretary}
	for _, f := range organizationFields[:5] {
		v.Summary = append(v.Summary, views.SummaryRow{Label: store.FieldLabel(store.Organizations, f), Value: dash(showOrganizationValue(f, raw[f]))})
	}
	if due, soon, ok := store.TermEnd(o.Formed, o.Kind, s.now()); ok {
		val := views.Date(due.Format("2006-01-02")) + "（每 " + strconv.Itoa(store.TermYears(o.Kind)) + " 年一届）"
		if soon {
			val = "即将到期：" + val
		}
		v.Summary = append(v.Summary, views.SummaryRow{Label: "换届时间", Value: val})
	}
	p := views.OrganizationPanels{BoardURL: staffOrganizationHref(o.ID) + "/members"}
	if p.FewMembers, err = s.fewMembersWarning(ctx, o.Kind, o.Enterprises); err != nil {
		return err
	}
	for _, e := range o.Enterprises {
		p.Enterprises = append(p.Enterprises, views.Link{Href: staffEnterpriseHref(e), Label: names[e]})
	}
	for _, st := range memberStageLabels {
		if n := members[st[0]]; n > 0 {
			p.Members = append(p.Members, views.SummaryRow{Label: st[1], Value: strconv.Itoa(n) + " 名"})
		}
	}
	v.Panels = views.OrganizationPanelsOf(p)
	return nil
}

// organizationOf is the organisation of the URL, and its rowid, as its
// ledger finds it (the member board's).
func (s *Server) organizationOf(c echo.Context) (store.Organization, int64, error) {
	o, key, _, err := organizations.find(s, c)
	return o, key, err
}
