package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/static"
)

// serveStatic serves embedded assets by their hashed names with a year-long
// immutable cache lifetime; a stale hash is a 404 rather than stale content.
func (s *Server) serveStatic(c echo.Context) error {
	name, ok := static.Lookup(strings.TrimPrefix(c.Param("*"), "/"))
	if !ok {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeFileFS(c.Response(), c.Request(), static.FS, name)
	return nil
}
