package web

import (
	"net/url"

	"github.com/labstack/echo/v4"
)

// The records' URLs: reading a record's id from a path (the engine's
// ledgers read their rowids themselves: parseKey in ledger.go).

// idParam is the interchange id of the URL (an enterprise, organisation
// or member).
func idParam(c echo.Context) (string, error) {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil || id == "" {
		return "", echo.ErrNotFound
	}
	return id, nil
}
