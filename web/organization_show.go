package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// organizationKindNames are the kinds of party organisation in Chinese.
var organizationKindNames = map[string]string{
	"branch":         "党支部",
	"joint_branch":   "联合党支部",
	"general_branch": "党总支",
	"committee":      "党委",
}

// showOrganizationPage is a secretary's landing page: their own organisation
// and nothing of any other. The organisation comes from the account, never
// from the URL, so no URL can reach another's.
func (s *Server) showOrganizationPage(c echo.Context) error {
	u := viewerOf(c)
	o, err := s.store.OrganizationSummaryByID(c.Request().Context(), u.Organization)
	if errors.Is(err, store.ErrNotFound) {
		return s.render(c, http.StatusOK, s.page(c, "我的党组织"), views.ErrorPage(views.ErrorView{
			Code: http.StatusOK, Heading: "账号绑定的党组织不存在",
			Message: "您的账号所绑定的党组织已不在台账中，请联系园区系统管理员重新绑定。",
		}))
	}
	if err != nil {
		return err
	}
	v := views.OrganizationView{
		Name: o.Name, KindName: organizationKindNames[o.Kind], Formed: views.Date(o.Formed),
		Secretary: o.Secretary, Enterprises: o.Enterprises,
		Members: o.Members, Activities: o.Activities, Brands: o.Brands,
	}
	return s.render(c, http.StatusOK, s.page(c, o.Name), views.OrganizationPage(v))
}
