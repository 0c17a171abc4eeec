package web

import (
	"errors"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

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

// activityOf is the activity of the URL and its rowid.
func (s *Server) activityOf(c echo.Context) (store.Activity, int64, error) {
	key, err := keyParam(c)
	if err != nil {
		return store.Activity{}, 0, err
	}
	a, err := s.store.ActivityByKey(c.Request().Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Activity{}, 0, echo.ErrNotFound
	}
	return a, key, err
}

// showActivityRecord is /workbench/activities/{key}: the activity, the
// enterprises that took part and its history.
func (s *Server) showActivityRecord(c echo.Context) error {
	ctx := c.Request().Context()
	key, err := keyParam(c)
	if err != nil {
		return err
	}
	a, organizer, err := s.store.ActivityWithOrganizer(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	history, err := s.recordHistory(ctx, "activities", key, activityFields, showActivityValue)
	if err != nil {
		return err
	}
	names, err := s.store.EnterpriseNames(ctx, a.Enterprises)
	if err != nil {
		return err
	}
	if organizer == "" {
		organizer = "—"
	}
	participants := "—"
	if a.Participants != nil {
		participants = strconv.Itoa(*a.Participants) + " 人"
	}
	status := "已发布"
	if a.Status != "" {
		status = store.Label(store.Statuses, a.Status)
	}
	id := a.ID
	if id == "" {
		id = "—"
	}
	v := views.StaffRecord{
		Section: "/workbench/activities", Trail: []views.Link{{Href: "/workbench/activities", Label: "活动台账"}},
		Title: a.Title, Notice: map[string]string{"saved": "活动已保存。"}[c.QueryParam("done")],
		EditURL: staffActivityHref(key) + "/edit", EditText: "活动信息",
		DeleteURL: staffActivityHref(key) + "/delete", DeleteText: "删除这场活动",
		Summary: []views.SummaryRow{
			{Label: store.FieldLabel("activities", "program"), Value: store.Label(store.Programs, a.Program)},
			{Label: store.FieldLabel("activities", "kind"), Value: store.Label(store.ActivityKinds, a.Kind)},
			{Label: store.FieldLabel("activities", "date"), Value: views.Date(a.Date)},
			{Label: store.FieldLabel("activities", "organizer"), Value: organizer},
			{Label: store.FieldLabel("activities", "participants"), Value: participants},
			{Label: store.FieldLabel("activities", "status"), Value: status},
			{Label: store.FieldLabel("activities", "id"), Value: id},
		},
		Text: views.Paragraphs(a.Summary), TextLabel: store.FieldLabel("activities", "summary"),
		Related: []views.RelatedList{{Heading: "参与企业", Count: len(a.Enterprises), Empty: "没有登记参与企业。"}},
		History: history,
	}
	for _, e := range a.Enterprises {
		v.Related[0].Items = append(v.Related[0].Items, views.RelatedItem{Href: staffEnterpriseHref(e), Text: names[e]})
	}
	return s.staffPage(c, a.Title+" - 活动台账", views.StaffRecordPage(v))
}
