package web

import (
	"fmt"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// nextStage is the stage after each, with the words of its quick action.
var nextStage = map[string][2]string{
	"applied":      {"activist", "列为积极分子"},
	"activist":     {"candidate", "确定为发展对象"},
	"candidate":    {"probationary", "接收为预备党员"},
	"probationary": {"full", "转为正式党员"},
}

// stageDate is a member's date of a stage.
func stageDate(m store.Member, stage string) string {
	switch stage {
	case "applied":
		return m.Applied
	case "activist":
		return m.Activist
	case "candidate":
		return m.Candidate
	case "probationary":
		return m.Probationary
	case "full":
		return m.Full
	}
	return ""
}

// setStageDate sets a member's date of a stage.
func setStageDate(m *store.Member, stage, date string) {
	switch stage {
	case "applied":
		m.Applied = date
	case "activist":
		m.Activist = date
	case "candidate":
		m.Candidate = date
	case "probationary":
		m.Probationary = date
	case "full":
		m.Full = date
	}
}

// dueWithin is how far ahead the board warns of probations ending.
const dueWithin = 60 * 24 * time.Hour

// memberDue says what is due for a member on today: an activist of a year
// or more can become a candidate; a probation ending within 60 days, or
// ended without the member made full, needs the step.
func memberDue(m store.MemberRow, today time.Time) (string, bool, bool) {
	switch m.Stage {
	case "activist":
		if t, ok := store.ParseDate(m.Activist); ok {
			if due := store.AddYears(t, 1); !due.After(today) {
				return fmt.Sprintf("列为积极分子已满一年（%s起），可确定为发展对象", views.Date(m.Activist)), false, true
			}
		}
	case "probationary":
		if t, ok := store.ParseDate(m.Probationary); ok {
			end := store.AddYears(t, 1)
			switch {
			case end.Before(today):
				return fmt.Sprintf("预备期已于 %s 满一年，尚未转为正式党员", views.Date(end.Format("2006-01-02"))), true, true
			case end.Sub(today) <= dueWithin:
				return fmt.Sprintf("预备期将于 %s 满一年，请准备转正", views.Date(end.Format("2006-01-02"))), false, true
			}
		}
	}
	return "", false, false
}

// showMemberBoard is /workbench/organizations/{id}/members: the board of
// the organisation's members by stage, what is due, and the year's share
// of management among new members. Queries: the organisation, its members.
func (s *Server) showMemberBoard(c echo.Context) error {
	ctx := c.Request().Context()
	o, key, err := s.organizationOf(c)
	if err != nil {
		return err
	}
	id := o.ID
	members, err := s.store.OrganizationMembers(ctx, key)
	if err != nil {
		return err
	}
	today := s.now()
	v := views.MemberBoard{
		OrgName: o.Name, OrgHref: staffOrganizationHref(id), NewURL: "/workbench/members/new?organization=" + url.QueryEscape(id),
		Notice: map[string]string{"next": "已记录下一阶段。", "saved": "已保存。"}[c.QueryParam("done")],
	}
	columns := map[string]int{}
	for i, st := range memberStageLabels {
		v.Columns = append(v.Columns, views.BoardColumn{Label: st[1]})
		columns[st[0]] = i
	}
	year := today.Format("2006")
	developed, management := 0, 0
	for _, m := range members {
		card := views.BoardCard{Name: m.Name, Href: staffMemberHref(m.ID), Since: views.Date(stageDate(m.Member, m.Stage)), Management: m.Management}
		if next, ok := nextStage[m.Stage]; ok {
			card.NextURL, card.NextLabel = staffMemberHref(m.ID)+"/next", next[1]
		}
		i := columns[m.Stage]
		v.Columns[i].Members = append(v.Columns[i].Members, card)
		if what, overdue, ok := memberDue(m, today); ok {
			v.Due = append(v.Due, views.DueItem{Name: m.Name, Href: staffMemberHref(m.ID), What: what, Overdue: overdue})
		}
		if len(m.Probationary) >= 4 && m.Probationary[:4] == year {
			developed++
			if m.Management {
				management++
			}
		}
	}
	if developed > 0 {
		v.YearLabel = fmt.Sprintf("%s年发展党员 %d 名，其中管理层 %d 名（%d%%）", year, developed, management, management*100/developed)
	}
	return s.staffPage(c, "党员发展 - "+o.Name, views.MemberBoardPage(v))
}

// staffMemberHref is a member's page in the workspace.
func staffMemberHref(id string) string { return "/workbench/members/" + url.PathEscape(id) }
