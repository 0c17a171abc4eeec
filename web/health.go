package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// healthz answers 200 "ok" when the database answers, else 503.
func (s *Server) healthz(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(c.Request().Context()); err != nil {
		return c.String(http.StatusServiceUnavailable, "database unavailable")
	}
	return c.String(http.StatusOK, "ok")
}
