package web

import (
	"context"

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

// memberRecord is a member's page, reached from their organisation's
// board, which it goes back to: their fields.
func memberRecord(ctx context.Context, s *Server, m store.Member, v *views.StaffRecord) error {
	org, err := s.store.OrganizationName(ctx, m.Organization)
	if err != nil {
		return err
	}
	v.Section = organizationLedger
	v.Trail = []views.Link{{Href: staffOrganizationHref(m.Organization) + "/members", Label: "党员发展 · " + org}}
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
		v.Summary = append(v.Summary, views.SummaryRow{Label: store.FieldLabel(store.Members, f), Value: dash(showMemberValue(f, raw[f]))})
	}
	return nil
}
