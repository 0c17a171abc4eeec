package web

import (
	"errors"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/story"
)

// showBrandPage is one published brand: its story and practices, the
// awards of its organisation, the social responsibility of that
// organisation's enterprises and the activities it organised. Drafts and
// submissions are 404, as are unknown ids.
func (s *Server) showBrandPage(c echo.Context) (publicPage, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return publicPage{}, echo.ErrNotFound
	}
	p, err := s.store.BrandPageByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return publicPage{}, echo.ErrNotFound
	}
	if err != nil {
		return publicPage{}, err
	}
	v := views.BrandView{
		Brand:        brandItem(p.Brand),
		Organization: organizationName(p.Brand.Organization),
		StoryHTML:    storyHTML(p.Story),
		Practices:    p.Practices,
		Awards:       awardItems(p.Awards),
		Totals:       responsibilityStats(p.Responsibility),
		Records:      responsibilityTable("社会责任记录（最近"+strconv.Itoa(len(p.Records))+"条）", p.Records, len(p.Brand.Enterprises) > 1),
		Activities:   activityItems(p.Activities),
	}
	if p.Logo != 0 {
		logo := photoRef(p.Logo)
		v.Logo = &logo
	}
	desc := "“" + p.Brand.Name + "”：" + p.Brand.Organization.Name + "的党建品牌。"
	if p.Brand.Slogan != "" {
		desc += p.Brand.Slogan
	}
	return publicPage{Title: p.Brand.Name + " - 党建品牌", Description: desc, Content: views.BrandPage(v)}, nil
}

// storyHTML is a brand story as safe HTML (web/story), "" for none.
func storyHTML(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	return story.HTML(src)
}

// storyPreview is a story as a form's 预览 shows it: as the public page
// will, or a word that there is nothing yet.
func storyPreview(src string) string {
	if h := storyHTML(src); h != "" {
		return h
	}
	return "<p>（还没有填写内容）</p>"
}
