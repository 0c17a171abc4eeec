package web

import (
	"context"
	"encoding/json"

	"github.com/labstack/echo/v4"
)

// The pickers' typeahead (site.js): /workbench/suggest/enterprises?q= and
// /workbench/suggest/organizations?q= answer the records whose name or id
// holds q, as JSON [{id, name}]. Staff only, never cached publicly.

// suggestionLimit is how many records a picker suggests at once.
const suggestionLimit = 20

// suggestion is one record a picker suggests.
type suggestion struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// suggest answers a picker's typeahead with what find offers for the text
// typed (its first 100 characters), kept in the page cache per revision
// and text: the same few characters typed again, by any clerk, read
// nothing until the records change.
func (s *Server) suggest(kind string, find func(ctx context.Context, q string) ([]suggestion, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		q := c.QueryParam("q")
		if r := []rune(q); len(r) > 100 {
			q = string(r[:100])
		}
		rev, err := s.pages.revision(ctx)
		if err != nil {
			return err
		}
		e, err := s.pages.entry(parkCacheKey(c)+"suggest "+kind+" "+q, rev.Value, func() (*cachedEntry, error) {
			found, err := find(ctx, q)
			if err != nil {
				return nil, err
			}
			b, err := json.Marshal(append([]suggestion{}, found...))
			if err != nil {
				return nil, err
			}
			return &cachedEntry{contentType: echo.MIMEApplicationJSON, body: b, bodyGz: gzipBytes(b)}, nil
		})
		if err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "private, no-store")
		return writeMaybeGzipped(c, echo.MIMEApplicationJSON, e.body, e.bodyGz)
	}
}

// suggestEnterprises finds the enterprises a picker suggests.
func (s *Server) suggestEnterprises(ctx context.Context, q string) ([]suggestion, error) {
	found, err := s.store.EnterpriseSuggestions(ctx, q, suggestionLimit)
	out := make([]suggestion, 0, len(found))
	for _, e := range found {
		out = append(out, suggestion{ID: e.ID, Name: e.Name})
	}
	return out, err
}

// suggestOrganizations finds the organisations a picker suggests.
func (s *Server) suggestOrganizations(ctx context.Context, q string) ([]suggestion, error) {
	found, err := s.store.OrganizationSuggestions(ctx, q, suggestionLimit)
	out := make([]suggestion, 0, len(found))
	for _, o := range found {
		out = append(out, suggestion{ID: o.ID, Name: o.Name})
	}
	return out, err
}
