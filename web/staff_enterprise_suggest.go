package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// suggestionLimit is how many enterprises a picker suggests at once.
const suggestionLimit = 20

// suggestEnterprises is /workbench/suggest/enterprises?q=: the
// enterprises whose name or id holds q, as JSON [{id, name}], for the
// forms' enterprise pickers (site.js). Staff only, never cached publicly.
func (s *Server) suggestEnterprises(c echo.Context) error {
	q := c.QueryParam("q")
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	found, err := s.store.EnterpriseSuggestions(c.Request().Context(), q, suggestionLimit)
	if err != nil {
		return err
	}
	type suggestion struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	out := make([]suggestion, 0, len(found))
	for _, e := range found {
		out = append(out, suggestion{ID: e.ID, Name: e.Name})
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.JSON(http.StatusOK, out)
}
