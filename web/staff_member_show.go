package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// memberFields are a member's fields in the order the page and history show
// them. A member's personal data (name, birth) is shown to staff only.
var memberFields = []string{"name", "birth", "organization", "enterprise", "management", "applied", "activist", "candidate", "probationary", "full", "id"}

func showMemberValue(field string, v any) string {
	switch field {
	case "birth", "applied", "activist", "candidate", "probationary", "full":
		s, _ := v.(string)
		return views.Date(s)
	}
	return plainValue(v)
}

// showMemberRecord is /workbench/members/{id}: the member and the history
// of their record.
func (s *Server) showMemberRecord(c echo.Context) error {
	ctx := c.Request().Context()
	m, key, err := s.memberAndKeyOf(c)
	if err != nil {
		return err
	}
	org, err := s.store.OrganizationName(ctx, m.Organization)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "members", key, memberFields, showMemberValue)
	if err != nil {
		return err
	}
	v := views.MemberRecord{
		Name: m.Name, EditURL: staffMemberHref(m.ID) + "/edit", DeleteURL: staffMemberHref(m.ID) + "/delete", BoardURL: staffOrganizationHref(m.Organization) + "/members",
		OrgName: org, History: history,
	}
	raw := map[string]any{"name": m.Name, "birth": m.Birth, "organization": org, "enterprise": m.Enterprise, "management": m.Management,
		"applied": m.Applied, "activist": m.Activist, "candidate": m.Candidate, "probationary": m.Probationary, "full": m.Full, "id": m.ID}
	if m.Enterprise != "" {
		names, err := s.store.EnterpriseNames(ctx, []string{m.Enterprise})
		if err != nil {
			return err
		}
		raw["enterprise"] = names[m.Enterprise]
	}
	for _, f := range memberFields {
		val := showMemberValue(f, raw[f])
		if val == "" {
			val = "—"
		}
		v.Summary = append(v.Summary, views.SummaryRow{Label: store.FieldLabel("members", f), Value: val})
	}
	return s.staffPage(c, m.Name+" - 党员发展", views.MemberRecordPage(v))
}
