package web

import (
	"errors"
	"strconv"
	"time"

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

// termYears is how long a term lasts (换届): five years for a committee,
// three for a branch, joint branch or general branch.
func termYears(kind string) int {
	if kind == "committee" {
		return 5
	}
	return 3
}

// nextTermDue is the end of the term running on today, counting terms from
// the formation date (the ledger keeps no election dates: a renewal held is
// assumed on time), and whether it falls within six months.
func nextTermDue(formed, kind string, today time.Time) (time.Time, bool, bool) {
	f, ok := store.ParseDate(formed)
	if !ok {
		return time.Time{}, false, false
	}
	due := f
	for !due.After(today) {
		due = store.AddYears(due, termYears(kind))
	}
	return due, today.AddDate(0, 6, 0).After(due), true
}

// showOrganizationRecord is /workbench/organizations/{id}: the
// organisation, its enterprises (flagged when a branch's have fewer full
// members than it needs), its members by stage, its term and its history.
func (s *Server) showOrganizationRecord(c echo.Context) error {
	ctx := c.Request().Context()
	o, key, err := s.organizationOf(c)
	if err != nil {
		return err
	}
	id := o.ID
	names, err := s.store.EnterpriseNames(ctx, o.Enterprises)
	if err != nil {
		return err
	}
	members, err := s.store.OrganizationMembersByStage(ctx, key)
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "organizations", key, organizationFields, showOrganizationValue)
	if err != nil {
		return err
	}
	v := views.OrganizationRecord{Name: o.Name, EditURL: staffOrganizationHref(id) + "/edit", DeleteURL: staffOrganizationHref(id) + "/delete", BoardURL: staffOrganizationHref(id) + "/members", Notice: savedNotices[c.QueryParam("done")], History: history}
	raw := map[string]any{"name": o.Name, "id": o.ID, "kind": o.Kind, "formed": o.Formed, "secretary": o.Secretary}
	for _, f := range organizationFields[:5] {
		val := showOrganizationValue(f, raw[f])
		if val == "" {
			val = "—"
		}
		v.Summary = append(v.Summary, views.SummaryRow{Label: store.FieldLabel("organizations", f), Value: val})
	}
	if due, soon, ok := nextTermDue(o.Formed, o.Kind, s.now()); ok {
		val := views.Date(due.Format("2006-01-02")) + "（每 " + strconv.Itoa(termYears(o.Kind)) + " 年一届）"
		if soon {
			val = "即将到期：" + val
			v.TermFlag = "due"
		}
		v.Summary = append(v.Summary, views.SummaryRow{Label: "换届时间", Value: val})
	}
	if v.FewMembers, err = s.fewMembersWarning(ctx, o.Kind, o.Enterprises); err != nil {
		return err
	}
	for _, e := range o.Enterprises {
		v.Enterprises = append(v.Enterprises, views.Link{Href: staffEnterpriseHref(e), Label: names[e]})
	}
	for _, st := range memberStageLabels {
		if n := members[st[0]]; n > 0 {
			v.Members = append(v.Members, views.SummaryRow{Label: st[1], Value: strconv.Itoa(n) + " 名"})
		}
	}
	return s.staffPage(c, o.Name+" - 党组织", views.OrganizationRecordPage(v))
}

// organizationOf is the organisation of the URL, and its rowid.
func (s *Server) organizationOf(c echo.Context) (store.Organization, int64, error) {
	id, err := idParam(c)
	if err != nil {
		return store.Organization{}, 0, err
	}
	o, key, err := s.store.OrganizationByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Organization{}, 0, echo.ErrNotFound
	}
	return o, key, err
}

// savedNotices are the confirmations after a redirect to a record.
var savedNotices = map[string]string{
	"saved":  "已保存。",
	"survey": "摸排记录已保存。",
}
