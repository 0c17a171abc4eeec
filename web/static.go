package web

import (
	"mime"
	"net/http"
	"path"
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
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if gz := static.Gzipped(name); gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if skipGzip(c) && acceptsGzip(c.Request()) {
			h.Set("Content-Encoding", "gzip")
			return c.Blob(http.StatusOK, mime.TypeByExtension(path.Ext(name)), gz)
		}
	}
	http.ServeFileFS(c.Response(), c.Request(), static.FS, name)
	return nil
}
