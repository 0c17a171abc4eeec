package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"parkportal/store"
	"parkportal/views"
)

// enterpriseFields are an enterprise's fields in the order its page and its
// history show them.
var enterpriseFields = []string{"name", "credit_code", "id", "stage", "stage_history", "employees", "sector", "founded"}

// showEnterpriseValue shows one field of an enterprise as its page does.
func showEnterpriseValue(field string, v any) string {
	switch field {
	case "stage":
		s, _ := v.(string)
		return store.Label(store.Stages, s)
	case "founded":
		s, _ := v.(string)
		return views.Date(s)
	case "stage_history":
		list, _ := v.([]any)
		var parts []string
		for _, it := range list {
			m, _ := it.(map[string]any)
			stage, _ := m["stage"].(string)
			since, _ := m["since"].(string)
			parts = append(parts, views.Date(since)+"起"+store.Label(store.Stages, stage))
		}
		return strings.Join(parts, "；")
	}
	return plainValue(v)
}

// enterpriseRecord is an enterprise's page: its fields, its coverage and
// members, and what relates to it. Queries: a fixed dozen (store's
// EnterpriseDetailOf).
func enterpriseRecord(ctx context.Context, s *Server, e store.Enterprise, v *views.StaffRecord) error {
	d, err := s.store.EnterpriseDetailOf(ctx, e)
	if err != nil {
		return err
	}
	id := d.ID
	raw := map[string]any{"name": d.Name, "credit_code": d.CreditCode, "id": d.ID, "stage": d.Stage, "sector": d.Sector, "founded": d.Founded}
	if d.Employees != nil {
		raw["employees"] = float64(*d.Employees)
	}
	var hist []any
	for _, h := range d.StageHistory {
		hist = append(hist, map[string]any{"stage": h.Stage, "since": h.Since})
	}
	raw["stage_history"] = hist
	for _, f := range enterpriseFields {
		v.Summary = append(v.Summary, views.SummaryRow{Label: store.FieldLabel(store.Enterprises, f), Value: dash(showEnterpriseValue(f, raw[f]))})
	}
	v.Summary = append(v.Summary, views.SummaryRow{Label: "党组织覆盖", Value: store.Label(store.Coverages, string(d.Coverage))})
	members := []string{}
	for _, st := range memberStageLabels {
		if n := d.MembersByStage[st[0]]; n > 0 {
			members = append(members, st[1]+" "+strconv.Itoa(n)+" 名")
		}
	}
	if len(members) > 0 {
		v.Summary = append(v.Summary, views.SummaryRow{Label: "党员发展", Value: strings.Join(members, "，")})
	}

	surveys := views.RelatedList{Heading: "“三有”摸排", Count: d.SurveyCount, Empty: "还没有摸排记录。",
		AddURL: "/workbench/surveys/new?enterprise=" + url.QueryEscape(id), AddText: "记录摸排"}
	for _, sv := range d.Surveys {
		verdict := "不符合“三有”"
		if sv.Meets() {
			verdict = "符合“三有”"
		}
		surveys.Items = append(surveys.Items, views.RelatedItem{
			Href:   staffSurveyHref(sv.Key),
			Text:   views.Date(sv.Date) + " " + verdict,
			Detail: "固定场所：" + plainValue(sv.FixedPremises) + "，从业 " + strconv.Itoa(sv.Employees) + " 人，实际经营：" + plainValue(sv.Operating),
		})
	}
	orgs := views.RelatedList{Heading: "所属党组织", Count: len(d.Organizations), Empty: "还没有党组织覆盖这家企业。"}
	for _, o := range d.Organizations {
		orgs.Items = append(orgs.Items, views.RelatedItem{Href: staffOrganizationHref(o.ID), Text: o.Name, Detail: store.Label(store.OrganizationKinds, o.Kind)})
	}
	staff := views.RelatedList{Heading: "“两员”", Count: len(d.Staff), Empty: "还没有分配企业服务专员或党建指导员。"}
	for _, st := range d.Staff {
		var roles []string
		for _, r := range st.Roles {
			roles = append(roles, store.Label(store.StaffRoles, r))
		}
		staff.Items = append(staff.Items, views.RelatedItem{Href: staffMemberOfParkHref(st.ID), Text: st.Name, Detail: strings.Join(roles, "、")})
	}
	add := "?enterprise=" + url.QueryEscape(id)
	services := views.RelatedList{Heading: "共享服务", Count: d.ServiceCount, Empty: "还没有共享服务记录。",
		AddURL: serviceLedger + "/new" + add, AddText: "登记服务"}
	for _, sv := range d.Services {
		detail := ""
		if sv.MarketCost != nil && sv.ActualCost != nil {
			detail = "市场价 " + sv.MarketCost.String() + " 元，实际 " + sv.ActualCost.String() + " 元，节省 " + (*sv.MarketCost - *sv.ActualCost).String() + " 元"
		}
		if !sv.Effective {
			detail += "（未计为有效服务）"
		}
		services.Items = append(services.Items, views.RelatedItem{Href: staffServiceHref(sv.Key), Text: views.Date(sv.Date) + " " + store.Label(store.ServiceKinds, sv.Kind), Detail: detail})
	}
	activities := views.RelatedList{Heading: "参与的活动", Count: d.ActivityCount, Empty: "还没有活动记录。",
		AddURL: "/workbench/activities/new" + add, AddText: "登记活动"}
	for _, a := range d.Activities {
		activities.Items = append(activities.Items, views.RelatedItem{Href: staffActivityHref(a.Key), Text: a.Title, Detail: views.Date(a.Date) + " · " + store.Label(store.Programs, a.Program)})
	}
	designations := views.RelatedList{Heading: "企业认定", Count: len(d.Designations), Empty: "还没有认定记录。",
		AddURL: designationLedger + "/new" + add, AddText: "登记认定"}
	for _, ds := range d.Designations {
		designations.Items = append(designations.Items, views.RelatedItem{Href: staffDesignationHref(ds.Key), Text: strconv.Itoa(ds.Year) + "年 " + store.Label(store.DesignationKinds, ds.Kind)})
	}
	resp := views.RelatedList{Heading: "社会责任", Count: d.ResponsibilityCount, Empty: "还没有社会责任记录。",
		AddURL: responsibilityLedger + "/new" + add, AddText: "登记履责记录"}
	for _, r := range d.Responsibility {
		resp.Items = append(resp.Items, views.RelatedItem{Href: staffResponsibilityHref(r.Key), Text: views.Date(r.Date) + " " + responsibilityKindName(r.Kind), Detail: "受益 " + strconv.Itoa(r.Beneficiaries) + " 人"})
	}
	v.Related = []views.RelatedList{surveys, orgs, staff, services, activities, designations, resp}
	return nil
}

// memberStageLabels are the five stages of member development in order.
var memberStageLabels = [][2]string{
	{"applied", "入党申请人"}, {"activist", "入党积极分子"}, {"candidate", "发展对象"}, {"probationary", "预备党员"}, {"full", "正式党员"},
}
