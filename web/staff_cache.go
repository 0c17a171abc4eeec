package web

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// The staff workspace's pages (ledgers, records, boards, the dashboard,
// the ledgers' forms as they open) are the same for every staff member
// until the records change, so their content is kept in the page cache per
// revision and parsed query, like the public pages'; the layout around it
// (the viewer, the sign-out form's token) is put in per request, and so is
// each form's CSRF token: the content is rendered with a marker in its
// place and cut there (cutContent). The cache sits behind the routes' role
// checks, and its keys are apart from the public pages'.

// staffCaptureKey marks a request whose page is being built for the cache.
const staffCaptureKey = "staff-capture"

// staffCapture receives a page's title and content instead of a response.
type staffCapture struct {
	title string
	body  []byte
}

// staffPage writes a workspace page, or hands it to the cache when the
// request is building a cached entry.
func (s *Server) staffPage(c echo.Context, title string, content templ.Component) error {
	if capture, ok := c.Get(staffCaptureKey).(*staffCapture); ok {
		var buf bytes.Buffer
		if err := content.Render(c.Request().Context(), &buf); err != nil {
			return err
		}
		capture.title, capture.body = title, buf.Bytes()
		return nil
	}
	return s.render(c, http.StatusOK, s.page(c, title), content)
}

// cachedOrg is cachedStaff for a secretary's page of their own
// organisation (its forms as they open, its filings): kept per
// organisation and query. The handler checks what the organisation may
// see, so a page it refuses is never kept.
func (s *Server) cachedOrg(h echo.HandlerFunc) echo.HandlerFunc {
	return s.cachedStaff(h, func(c echo.Context) string {
		org := ""
		if u := viewerOf(c); u != nil {
			org = u.Organization
		}
		return "org " + org + " " + s.draftsKey(c, org) + " " + queryKey(c)
	})
}

// unsharedKeys numbers the keys of pages that must not be shared.
var unsharedKeys atomic.Int64

// draftsKey is the stamp of the organisation's filings, for the key of a
// page that shows them: a draft's save moves no revision (no page but the
// secretary's own shows drafts), and without it the draft's page, the
// check page whose answers 确认提交 submits, and the lists of filings
// showed a draft as it was before its last save.
func (s *Server) draftsKey(c echo.Context, org string) string {
	if org == "" {
		return "drafts=0"
	}
	stamp, err := s.store.OrganizationFilingStamp(c.Request().Context(), org)
	if err != nil {
		return "drafts=?" + strconv.FormatInt(unsharedKeys.Add(1), 10) // unreadable: a key of its own, never shared
	}
	return "drafts=" + strconv.FormatInt(stamp, 10)
}

// cachedPersonal is cachedStaff for a page of the viewer's own (their
// notifications, a secretary's workspace with them): kept per account and
// count of unread notifications, since marking them read changes no
// record's revision but always changes that count.
func (s *Server) cachedPersonal(h echo.HandlerFunc) echo.HandlerFunc {
	return s.cachedStaff(h, func(c echo.Context) string {
		u := viewerOf(c)
		if u == nil {
			return "user none " + queryKey(c) // the role check refuses it first
		}
		return "user " + strconv.FormatInt(u.ID, 10) + " unread=" + s.unreadText(c, u) + " " + s.draftsKey(c, u.Organization) + " " + queryKey(c)
	})
}

// formPage writes a form's page: as it opens (200) through staffPage, so
// that a cached route keeps it; with problems or a conflict (422, 409) as
// rendered for this request.
func (s *Server) formPage(c echo.Context, status int, title string, content templ.Component) error {
	if status == http.StatusOK {
		return s.staffPage(c, title, content)
	}
	return s.render(c, status, s.page(c, title), content)
}

// errAnswered is a handler that answered by itself (a redirect: a
// secretary's brand form sends them to the brand filing they have open)
// instead of handing a page to the cache: there is nothing to keep.
var errAnswered = errors.New("web: the page answered by itself")

// cachedStaff wraps a workspace page's handler with the cache; keyOf names
// the page from the parsed request. A handler that answers by itself is
// not kept: its request has its answer, and a request that waited for the
// same entry is answered by the handler in turn.
func (s *Server) cachedStaff(h echo.HandlerFunc, keyOf func(echo.Context) string) echo.HandlerFunc {
	return func(c echo.Context) error {
		pc := s.pages
		rev, err := pc.revision(c.Request().Context())
		if err != nil {
			return err
		}
		key := parkCacheKey(c) + "staff " + keyOf(c)
		if views.ReadOnly(c.Request().Context()) {
			key = "read " + key // a reader's page offers no change
		}
		e, err := pc.entry(key, rev.Value, func() (*cachedEntry, error) {
			capture := &staffCapture{}
			c.Set(staffCaptureKey, capture)
			defer c.Set(staffCaptureKey, nil)
			token := c.Get(csrfContextKey)
			c.Set(csrfContextKey, csrfMarker) // the forms' token, put in per request
			defer c.Set(csrfContextKey, token)
			if err := h(c); err != nil {
				return nil, err
			}
			if capture.body == nil {
				if c.Response().Committed {
					return nil, errAnswered
				}
				return nil, echo.NewHTTPError(http.StatusInternalServerError, "staff page wrote no content")
			}
			return &cachedEntry{html: true, title: capture.title, body: capture.body, content: cutContent(capture.body)}, nil
		})
		if errors.Is(err, errAnswered) {
			if c.Response().Committed {
				return nil // this request's own answer
			}
			return h(c) // it waited on another request's
		}
		if err != nil {
			return err
		}
		p := s.page(c, e.title)
		if !acceptsGzip(c.Request()) {
			return s.render(c, http.StatusOK, p, rawHTML(bytes.ReplaceAll(e.body, []byte(csrfMarker), []byte(html.EscapeString(p.CSRF)))))
		}
		// The layout, cut and compressed once per role, title and path,
		// with the request's nonce, name, token and unread count put in
		// (staff_layout.go).
		u := viewerOf(c)
		if u == nil {
			return echo.ErrForbidden // the route's role check comes first
		}
		l, err := s.layouts.layoutFor(c.Request().Context(), p, u)
		if err != nil {
			return err
		}
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Encoding", "gzip")
		h.Add("Vary", "Accept-Encoding")
		return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, l.gzip(e, templ.GetNonce(c.Request().Context()), u.ShownName(), p.CSRF, p.Viewer.Unread))
	}
}

// cutContent cuts a cached page's content at the CSRF markers its forms
// hold and compresses the pieces between them (as the layout's).
func cutContent(body []byte) []layoutPart {
	var parts []layoutPart
	for rest := body; ; {
		at := bytes.Index(rest, []byte(csrfMarker))
		if at < 0 {
			at = len(rest)
		}
		if at > 0 {
			parts = append(parts, layoutPart{raw: rest[:at], deflated: deflateSegment(rest[:at])})
		}
		if at == len(rest) {
			return parts
		}
		parts = append(parts, layoutPart{marker: csrfMarker})
		rest = rest[at+len(csrfMarker):]
	}
}

// contentMarker stands for the content in a layout rendered around it: a
// NUL never appears in escaped HTML.
const contentMarker = "\x00portal-content\x00"

// staffKey is a workspace page's cache key: its path and, parsed, the
// query values the page reads: a page number, a year, a notice.
func staffKey(c echo.Context) string {
	key := c.Request().URL.Path
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 1_000_000 {
		key += " page=" + strconv.Itoa(n)
	}
	if y, err := strconv.Atoi(c.QueryParam("year")); err == nil && y >= 1000 && y <= 9999 {
		key += " year=" + strconv.Itoa(y)
	}
	switch done := c.QueryParam("done"); done {
	case "saved", "survey", "next", "deleted":
		key += " done=" + done
	case "uploaded":
		key += " done=uploaded created=" + strconv.Itoa(atoiSafe(c.QueryParam("created"))) + " updated=" + strconv.Itoa(atoiSafe(c.QueryParam("updated")))
	}
	return key
}

// queryKey is a page's cache key by its path and its whole query, sorted:
// for a list whose filters are not parsed into a key of their own. A query
// the page ignores only makes another entry, which the cache's bound
// evicts in time.
func queryKey(c echo.Context) string {
	return c.Request().URL.Path + "?" + c.QueryParams().Encode()
}

// rawHTML writes cached, already escaped HTML as it is, without copying it
// into a string first (templ.Raw would, on every request).
func rawHTML(b []byte) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
