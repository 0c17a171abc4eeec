package web

import (
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// requestLog writes one structured line per request.
func (s *Server) requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()          // monotonic: the request's duration, not a date
		path := c.Request().URL.Path // as asked: a park's site's prefix comes off it (routeSite)
		if s.pages.every == 0 {
			c.SetRequest(c.Request().WithContext(withRevisionMemo(c.Request().Context())))
		}
		err := next(c)
		if err != nil {
			c.Error(err) // write the error page now so the status is known
		}
		req, res := c.Request(), c.Response()
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(req.Context(), level, "request",
			slog.String("method", req.Method),
			slog.String("path", path),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Duration("took", time.Since(start)),
			slog.String("ip", c.RealIP()),
		)
		return nil
	}
}

// secureHeaders sets a strict Content-Security-Policy with a fresh nonce per
// request (handed to templ through the request context) and the other
// headers every page needs.
func (s *Server) secureHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		nonce := newNonce()
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-"+nonce+"'; "+
			"style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "+
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.secure {
			// Served over https (PORTAL_BASE_URL): browsers keep to it for a
			// year. Not for subdomains, which the park may not run.
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		req := c.Request()
		c.SetRequest(req.WithContext(templ.WithNonce(req.Context(), nonce)))
		return next(c)
	}
}

func newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawStdEncoding.EncodeToString(b)
}

// csrfCookie holds the browser's random CSRF value, which tokens are made from (csrf.go).
const csrfCookie = "portal_csrf"

// privatePrefixes are the areas whose pages carry forms; public pages skip
// the CSRF middleware on safe methods so that they set no cookie and stay
// cacheable. Every state-changing request, anywhere, is checked.
var privatePrefixes = []string{"/login", "/logout", "/admin", "/workbench", "/org", "/app"}

func skipCSRF(c echo.Context) bool {
	switch c.Request().Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		return false
	}
	p := c.Request().URL.Path
	for _, prefix := range privatePrefixes {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return false
		}
	}
	return true
}

// skipGzip lets the gzip middleware stand aside for signed-out GETs of
// public pages and assets, which are served from precompressed copies
// (writeMaybeGzipped, serveStatic); compressing them on every request was
// most of the public pages' cost.
func skipGzip(c echo.Context) bool {
	if m := c.Request().Method; (m == http.MethodGet || m == http.MethodHead) && slices.Contains(cachedStaffPaths, c.Path()) {
		return true // compressed by cachedStaff itself
	}
	if strings.HasSuffix(c.Path(), ".xlsx") {
		return true // a workbook is a zip archive, compressed already
	}
	if !skipCSRF(c) { // not a safe request for a public path
		return false
	}
	_, err := c.Cookie(sessionName)
	return err != nil
}
