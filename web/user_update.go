package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// userParam reads the :id of a user route and loads that user.
func (s *Server) userParam(c echo.Context) (store.User, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return store.User{}, echo.ErrNotFound
	}
	u, err := s.store.UserByID(c.Request().Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return store.User{}, echo.ErrNotFound
	}
	return u, err
}

// disableUser stops a user from signing in and ends their sessions at once.
func (s *Server) disableUser(c echo.Context) error { return s.setDisabled(c, true) }

// enableUser lets a disabled user sign in again.
func (s *Server) enableUser(c echo.Context) error { return s.setDisabled(c, false) }

func (s *Server) setDisabled(c echo.Context, disabled bool) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	if me := viewerOf(c); disabled && me != nil && me.ID == u.ID {
		return echo.NewHTTPError(http.StatusBadRequest, "cannot disable yourself")
	}
	if err := s.store.SetUserDisabled(c.Request().Context(), actorOf(c), u.ID, disabled); err != nil {
		return err
	}
	done := "enabled"
	if disabled {
		done = "disabled"
	}
	return c.Redirect(http.StatusSeeOther, "/admin/users?done="+done)
}

// showPasswordResetPage asks for a user's new password.
func (s *Server) showPasswordResetPage(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	v := views.PasswordForm{UserID: u.ID, Username: u.Username, CSRF: s.csrfToken(c)}
	return s.render(c, http.StatusOK, s.page(c, "重置密码"), views.PasswordResetPage(v))
}

// resetPassword sets the new password and ends the user's sessions.
func (s *Server) resetPassword(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	password := c.FormValue("password")
	if err := store.CheckPasswordStrength(password); err != nil {
		v := views.PasswordForm{UserID: u.ID, Username: u.Username, CSRF: s.csrfToken(c),
			Errors: views.Errors{{Field: "password", Message: "新密码至少需要 10 个字符"}}}
		return s.render(c, http.StatusUnprocessableEntity, s.page(c, "重置密码"), views.PasswordResetPage(v))
	}
	if err := s.store.SetPassword(c.Request().Context(), actorOf(c), u.ID, password); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/users?done=password")
}
