package web

import (
	"context"
	"strconv"

	"parkportal/store"
	"parkportal/views"
)

// The activity ledger (活动台账), on the ledger engine (ledger.go): the
// ledger, an activity's page (here), its list and export
// (staff_activity_list.go) and its form (staff_activity_save.go). A
// secretary files the same record (org_filing_forms.go), read by the
// same parser; a staff edit keeps the review status the filing gave it.

const activityLedger = "/workbench/activities"

// activityFields are an activity's fields in the order its page, its form
// and its history show them.
var activityFields = []string{"title", "program", "kind", "date", "organizer", "participants", "enterprises", "summary", "status", "id"}

func showActivityValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "date":
		return views.Date(s)
	case "program":
		return store.Label(store.Programs, s)
	case "kind":
		return store.Label(store.ActivityKinds, s)
	case "status":
		if v == nil {
			return ""
		}
		return store.Label(store.Statuses, s)
	}
	return plainValue(v)
}

// staffActivityHref is an activity's page in the workspace.
func staffActivityHref(key int64) string {
	return activityLedger + "/" + strconv.FormatInt(key, 10)
}

var activities = &ledger[store.Activity, activityForm]{
	collection: store.Activities,
	path:       activityLedger,
	names: ledgerNames{ledger: "活动台账", record: "活动", create: "登记活动", edit: "修改活动信息", remove: "删除活动",
		newText: "登记活动", editText: "活动信息", deleteText: "删除这场活动"},
	access: keyed((*store.Store).ActivityByKey, (*store.Store).SaveActivity, (*store.Store).DeleteActivity),
	fields: activityFields,
	show:   showActivityValue,
	title:  func(_ context.Context, _ *Server, a store.Activity) (string, error) { return a.Title, nil },
	list:   listActivities,
	record: activityRecord,
	export: exportActivities,
	sheet:  activitySheet,
	form:   activityLedgerForm,
}

// activityRecord is an activity's page: its fields, its summary and the
// enterprises that took part.
func activityRecord(ctx context.Context, s *Server, a store.Activity, v *views.StaffRecord) error {
	names, err := s.store.EnterpriseNames(ctx, a.Enterprises)
	if err != nil {
		return err
	}
	// Asked even for none, so that the page's statements are the same
	// for every activity.
	orgs, err := s.store.OrganizationNames(ctx, []string{a.Organizer})
	if err != nil {
		return err
	}
	organizer := dash(orgs[a.Organizer])
	participants := "—"
	if a.Participants != nil {
		participants = strconv.Itoa(*a.Participants) + " 人"
	}
	status := "已发布"
	if a.Status != "" {
		status = store.Label(store.Statuses, a.Status)
	}
	label := labelsOf(store.Activities)
	v.Summary = []views.SummaryRow{
		{Label: label("program"), Value: store.Label(store.Programs, a.Program)},
		{Label: label("kind"), Value: store.Label(store.ActivityKinds, a.Kind)},
		{Label: label("date"), Value: views.Date(a.Date)},
		{Label: label("organizer"), Value: organizer},
		{Label: label("participants"), Value: participants},
		{Label: label("status"), Value: status},
		{Label: label("id"), Value: dash(a.ID)},
	}
	v.Text, v.TextLabel = views.Paragraphs(a.Summary), label("summary")
	v.Related = []views.RelatedList{{Heading: "参与企业", Count: len(a.Enterprises), Empty: "没有登记参与企业。"}}
	for _, e := range a.Enterprises {
		v.Related[0].Items = append(v.Related[0].Items, views.RelatedItem{Href: staffEnterpriseHref(e), Text: names[e]})
	}
	return nil
}
