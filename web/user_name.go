package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showUserNamePage asks for a user's display name.
func (s *Server) showUserNamePage(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	v := views.NameForm{UserID: u.ID, Username: u.Username, DisplayName: u.DisplayName, CSRF: s.csrfToken(c)}
	return s.render(c, http.StatusOK, s.page(c, "修改姓名"), views.UserNamePage(v))
}

// saveUserName sets a user's display name ("" removes it); a refused name
// comes back as typed, with what is wrong at the field.
func (s *Server) saveUserName(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(c.FormValue("display_name"))
	if p := store.DisplayNameProblem(name); p != "" {
		v := views.NameForm{UserID: u.ID, Username: u.Username, DisplayName: name, CSRF: s.csrfToken(c),
			Errors: views.Errors{{Field: "display_name", Message: p}}}
		return s.render(c, http.StatusUnprocessableEntity, s.page(c, "错误：修改姓名"), views.UserNamePage(v))
	}
	err = s.store.SetDisplayName(c.Request().Context(), actorOf(c), u.ID, name)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/users?done=name")
}
