package web

import (
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"
)

// The records' URLs: reading a record's id or key from a path.

// idParam is the interchange id of the URL (an enterprise, organisation
// or member).
func idParam(c echo.Context) (string, error) {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil || id == "" {
		return "", echo.ErrNotFound
	}
	return id, nil
}

// keyParam is the rowid of the URL, for the collections whose interchange
// id is optional (activities, surveys, services …).
func keyParam(c echo.Context) (int64, error) {
	key, err := strconv.ParseInt(c.Param("key"), 10, 64)
	if err != nil || key <= 0 {
		return 0, echo.ErrNotFound
	}
	return key, nil
}
