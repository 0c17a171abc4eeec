package web

import (
	"errors"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// maxDescriptionRunes is as much of an activity's report as its page's
// description (for search engines and shared links) holds.
const maxDescriptionRunes = 120

// showActivityPage is one published activity: its programme, date,
// organiser (linked to the organiser's brand when it has one), the
// enterprises that took part, its report and photos. Drafts and
// submissions are 404, as are unknown ids.
func (s *Server) showActivityPage(c echo.Context) (publicPage, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return publicPage{}, echo.ErrNotFound
	}
	p, err := s.store.ActivityPageByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return publicPage{}, echo.ErrNotFound
	}
	if err != nil {
		return publicPage{}, err
	}
	v := views.ActivityView{Activity: activityItems([]store.PublicActivity{p.Activity})[0], Enterprises: enterpriseLinks(p.Enterprises)}
	if p.Activity.HasParticipants && p.Activity.Participants > 0 {
		v.Participants = views.Count(p.Activity.Participants, "人")
	}
	if p.OrganizerBrand != 0 {
		v.OrganizerHref = brandHref(p.OrganizerBrand)
	}
	a := v.Activity
	desc := a.Date + "，" + a.Program + "：" + a.Title + "。"
	if a.Summary != "" {
		desc = a.Date + "，" + a.Title + "：" + strings.Join(strings.Fields(a.Summary), " ")
		if r := []rune(desc); len(r) > maxDescriptionRunes {
			desc = string(r[:maxDescriptionRunes-1]) + "…"
		}
	}
	return publicPage{Title: a.Title, Description: desc, Content: views.ActivityPage(v)}, nil
}
