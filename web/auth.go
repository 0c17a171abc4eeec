package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
)

const viewerKey = "viewer"

// sessionIDKey holds the id of the request's live session (loadViewer).
const sessionIDKey = "session"

// loadViewer finds the signed-in user, if any, from the session cookie. Only
// requests that carry the cookie touch the database.
func (s *Server) loadViewer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(sessionName)
		if err != nil {
			return next(c)
		}
		id, u, err := s.sessions.viewer(c.Request().Context(), ck.Value)
		if err != nil {
			return err
		}
		if id != "" {
			c.Set(sessionIDKey, id) // the CSRF tokens are the session's (csrfTokenFor)
		}
		if u != nil && !u.Disabled {
			c.Set(viewerKey, u)
		}
		return next(c)
	}
}

// areaRoles are the roles that may use each signed-in area (routes.go
// gives each route its roles from here).
var areaRoles = map[string][]store.Role{
	"/admin":     {store.RoleAdmin},
	"/workbench": {store.RoleStaff, store.RoleAdmin},
	"/org":       {store.RoleSecretary},
	"/account":   {store.RoleStaff, store.RoleAdmin, store.RoleSecretary}, // one's own account
	"/district":  {store.RoleDistrict, store.RoleAdmin},                   // the parks side by side, figures only
}

// visitorWrites are the state changes open to a visitor not signed in.
var visitorWrites = map[string]bool{"/login": true, "/logout": true}

// guardWrites refuses a state change before anything reads its body, from
// the session alone (loadViewer): a visitor may only sign in or out, and a
// user may post only to an area their role may use. Every route checks its
// own roles again (requireRole).
func guardWrites(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if isSafe(req) {
			return next(c)
		}
		u := viewerOf(c)
		if u == nil {
			if req.Method == http.MethodPost && visitorWrites[c.Path()] {
				return next(c)
			}
			return echo.ErrForbidden
		}
		if roles, ok := areaRoles[areaOf(req.URL.Path)]; ok && !slices.Contains(roles, u.Role) {
			return echo.ErrForbidden
		}
		return next(c)
	}
}

// areaOf is the first segment of a path: /org of /org/filings/3.
func areaOf(path string) string {
	if i := strings.IndexByte(path[min(1, len(path)):], '/'); i >= 0 {
		return path[:i+1]
	}
	return path
}

// viewerOf is the signed-in user, or nil.
func viewerOf(c echo.Context) *store.User {
	u, _ := c.Get(viewerKey).(*store.User)
	return u
}

// homeURL is each role's landing page.
func homeURL(r store.Role) string {
	switch r {
	case store.RoleAdmin:
		return "/admin/users"
	case store.RoleSecretary:
		return "/org"
	case store.RoleDistrict:
		return "/district"
	default:
		return "/workbench"
	}
}

// requireRole lets through signed-in users holding one of roles; others are
// sent to sign in (when signed out) or refused with 403.
func requireRole(roles ...store.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := viewerOf(c)
			if u == nil {
				if c.Request().Method == http.MethodGet {
					return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
				}
				return echo.ErrForbidden
			}
			for _, r := range roles {
				if u.Role == r {
					return next(c)
				}
			}
			return echo.ErrForbidden
		}
	}
}

// safeNext keeps a post-sign-in redirect on this site: a local path of
// printable ASCII (as RequestURI writes it, percent-escaped), starting with
// one slash and holding no backslash. Browsers drop tabs and newlines from
// a URL and read a backslash as a slash, so "/\t/evil.com" or "/\\evil.com"
// would leave the site; anything else is refused, giving the role's home.
func safeNext(next string) string {
	if next == "" || len(next) > 2048 || next[0] != '/' || strings.HasPrefix(next, "//") {
		return ""
	}
	for i := 0; i < len(next); i++ {
		if b := next[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}
