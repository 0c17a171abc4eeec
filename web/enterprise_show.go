package web

import (
	"errors"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showEnterprisePage is an enterprise's public page: its brands, the awards
// of its organisations, its social responsibility and its activities. An
// enterprise without published material is 404.
func (s *Server) showEnterprisePage(c echo.Context) (publicPage, error) {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil || id == "" {
		return publicPage{}, echo.ErrNotFound
	}
	p, err := s.store.EnterprisePageByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return publicPage{}, echo.ErrNotFound
	}
	if err != nil {
		return publicPage{}, err
	}
	e := p.Enterprise
	v := views.EnterpriseView{
		Name: e.Name, Stage: stageName(e.Stage), Sector: e.Sector, Founded: views.Date(p.Founded),
		Brands: brandItems(p.Brands), Awards: awardItems(p.Awards),
		Totals:     responsibilityStats(p.Responsibility),
		Records:    responsibilityTable("社会责任记录", p.Records, false),
		Activities: activityItems(p.Activities),
	}
	for _, o := range p.Organizations {
		v.Organizations = append(v.Organizations, organizationName(o))
	}
	if p.RecordCount > len(p.Records) {
		v.RecordsNote = "共" + strconv.Itoa(p.RecordCount) + "条记录，这里列出最近的" + strconv.Itoa(len(p.Records)) + "条；上方合计包含全部记录。"
	}
	desc := e.Name + "（" + stageName(e.Stage) + "企业）的党建品牌、荣誉、社会责任和活动。"
	return publicPage{Title: e.Name, Description: desc, Content: views.EnterprisePage(v)}, nil
}
