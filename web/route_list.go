package web

import "github.com/labstack/echo/v4"

// Routes lists every route of the portal as the router holds it. The load
// benchmark (cmd/loadbench) measures every GET route from this list, and its
// test fails on one it cannot measure, so a new page cannot be left out.
func (s *Server) Routes() []*echo.Route { return s.echo.Routes() }
