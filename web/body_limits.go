package web

import (
	"errors"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"parkportal/store"
)

// How much of a request's body is read depends on who sends it where, and
// both are known before any of it is read (the chain's order, server.go):
// the session cookie says who (loadViewer), guardWrites has refused those
// who may not post there, and only then do limitBody, the CSRF check and
// readMultipart read.

// photoRoutes are the secretary's forms that carry photos (keepUploads):
// six of photo.MaxBytes and the fields.
var photoRoutes = map[string]bool{
	"/org/activities":  true,
	"/org/brands":      true,
	"/org/brands/:key": true,
	"/org/filings/:id": true,
}

// isUploadRoute says whether a route takes a ledger's spreadsheet, of up
// to sheet.MaxUploadBytes: /workbench/{ledger}/upload.
func isUploadRoute(path string) bool {
	ledger, ok := strings.CutPrefix(path, "/workbench/")
	return ok && strings.HasSuffix(ledger, "/upload") && strings.Count(ledger, "/") == 1
}

// limitBody sets how much of a body is read: a visitor only signs in (a
// few fields); a secretary's form with photos and a clerk's spreadsheet
// get room for their files; anything else is a form of fields.
func limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	visitor := middleware.BodyLimit("64K")(next)
	fields := middleware.BodyLimit("4M")(next)
	sheet := middleware.BodyLimit("11M")(next)
	photos := middleware.BodyLimit("64M")(next)
	return func(c echo.Context) error {
		u := viewerOf(c)
		post := c.Request().Method == http.MethodPost
		switch {
		case u == nil:
			return visitor(c)
		case post && u.Role == store.RoleSecretary && photoRoutes[c.Path()] && isMultipart(c.Request()):
			return photos(c)
		case post && slices.Contains(areaRoles["/workbench"], u.Role) && isUploadRoute(c.Path()):
			return sheet(c)
		}
		return fields(c)
	}
}

// isMultipart says whether a request's body is a multipart form, as
// net/http reads the type (in any case).
func isMultipart(r *http.Request) bool {
	t, _, err := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	return err == nil && t == "multipart/form-data"
}

// formMemory is how much of a multipart form's files is held in memory;
// the rest waits in a temporary file until the request ends.
const formMemory = 1 << 20

// readMultipart reads a multipart state change, once the CSRF check has
// passed, keeping at most formMemory of its files in memory (echo would
// keep 32 MB a request), and removes its temporary files when the request
// ends: net/http removes only those of the request it made, not of the
// copies middleware makes (secureHeaders).
func readMultipart(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if isSafe(req) || !isMultipart(req) {
			return next(c)
		}
		if err := req.ParseMultipartForm(formMemory); err != nil {
			var tooLarge *echo.HTTPError
			if errors.As(err, &tooLarge) {
				return tooLarge // limitBody's 413
			}
			return echo.NewHTTPError(http.StatusBadRequest, "multipart form").SetInternal(err)
		}
		defer req.MultipartForm.RemoveAll()
		return next(c)
	}
}

// isSafe says whether a request's method changes nothing.
func isSafe(r *http.Request) bool {
	return r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions
}
