package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// showHomePage is the public home page.
func (s *Server) showHomePage(c echo.Context) error {
	p := s.page(c, "")
	p.Description = s.site.ParkName + "“" + s.site.ParkBrand + "”园区党建：孵化工程·育种计划、提质工程·壮苗计划、品牌工程·成林计划。"
	return s.render(c, http.StatusOK, p, views.HomePage(views.HomeView{ParkBrand: s.site.ParkBrand, ParkName: s.site.ParkName}))
}
