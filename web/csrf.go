package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/labstack/echo/v4"
)

// CSRF protection, in two layers, for every state-changing request:
//
//  1. Fetch metadata: a browser says where a request comes from in
//     Sec-Fetch-Site; anything but "same-origin" or "none" (typed or
//     bookmarked) is refused at once.
//  2. A token bound to the session: the form carries
//     HMAC(key, session id, csrf cookie), so a token is good only with the
//     session and the browser it was issued to. The csrf cookie is a random
//     value set on the first visit to a page with forms; before sign-in the
//     session id is empty, and signing in (a new session id) makes earlier
//     tokens worthless. Without the server's key no token can be made from
//     a cookie planted by a neighbouring site.
//
// Public pages skip the cookie on safe methods so that they stay cacheable
// (skipCSRF).

// csrfCookieName is the cookie holding the browser's CSRF value; over https
// it takes the __Host- prefix, which browsers accept only from this exact
// host, Secure, with Path=/ and no Domain.
func (s *Server) csrfCookieName() string {
	if s.secure {
		return "__Host-" + csrfCookie
	}
	return csrfCookie
}

// csrfContextKey holds the request's token for forms.
const csrfContextKey = "csrf"

// csrfProtect is the CSRF middleware.
func (s *Server) csrfProtect(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if skipCSRF(c) {
			return next(c)
		}
		req := c.Request()
		safe := isSafe(req)
		if !safe {
			switch req.Header.Get("Sec-Fetch-Site") {
			case "", "same-origin", "none":
			default:
				return echo.NewHTTPError(http.StatusForbidden, "csrf: cross-site request")
			}
		}
		value := ""
		if ck, err := c.Cookie(s.csrfCookieName()); err == nil && len(ck.Value) >= 32 {
			value = ck.Value
		}
		if !safe {
			sent := sentToken(req)
			want, err := s.csrfTokenFor(c, value)
			if err != nil {
				return err
			}
			if value == "" || sent == "" || !hmac.Equal([]byte(sent), []byte(want)) {
				return echo.NewHTTPError(http.StatusForbidden, "csrf: missing or wrong token")
			}
		}
		if value == "" {
			value = newCSRFValue()
			c.SetCookie(&http.Cookie{
				Name: s.csrfCookieName(), Value: value, Path: "/",
				HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
			})
		}
		token, err := s.csrfTokenFor(c, value)
		if err != nil {
			return err
		}
		c.Set(csrfContextKey, token)
		c.Response().Header().Add("Vary", "Cookie")
		return next(c)
	}
}

// sentToken is the token a state change carries: its X-CSRF-Token header,
// else its form's _csrf field (never the URL's). A multipart form's field
// must come before its first file (the forms put it first): it is read
// from at most tokenPrefix bytes, and what was read is put back for the
// handler, so no file is read before the token is checked.
func sentToken(req *http.Request) string {
	if t := req.Header.Get("X-CSRF-Token"); t != "" {
		return t
	}
	if isMultipart(req) {
		return multipartToken(req)
	}
	if err := req.ParseForm(); err != nil {
		return ""
	}
	return req.PostForm.Get("_csrf")
}

// tokenPrefix is how much of a multipart body may come before its token.
const tokenPrefix = 64 << 10

func multipartToken(req *http.Request) string {
	_, params, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if params["boundary"] == "" {
		return ""
	}
	body := req.Body
	var read bytes.Buffer
	defer func() {
		req.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(&read, body), body}
	}()
	parts := multipart.NewReader(io.TeeReader(io.LimitReader(body, tokenPrefix), &read), params["boundary"])
	for {
		p, err := parts.NextPart()
		if err != nil || p.FileName() != "" {
			return ""
		}
		if p.FormName() == "_csrf" {
			t, err := io.ReadAll(io.LimitReader(p, 256))
			if err != nil {
				return ""
			}
			return string(t)
		}
	}
}

// csrfTokenFor is the token for the request's session and the browser's
// csrf cookie value.
func (s *Server) csrfTokenFor(c echo.Context, value string) (string, error) {
	id, _ := c.Get(sessionIDKey).(string) // "" without a live session
	mac := hmac.New(sha256.New, s.csrfKey)
	mac.Write([]byte(id))
	mac.Write([]byte{0})
	mac.Write([]byte(value))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)), nil
}

func newCSRFValue() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// csrfToken is the token to put in a form: from the CSRF middleware when it
// ran, else made from the cookie (public pages rendered for a signed-in
// user, which skip the middleware).
func (s *Server) csrfToken(c echo.Context) string {
	if t, ok := c.Get(csrfContextKey).(string); ok {
		return t
	}
	ck, err := c.Cookie(s.csrfCookieName())
	if err != nil || len(ck.Value) < 32 {
		return ""
	}
	t, err := s.csrfTokenFor(c, ck.Value)
	if err != nil {
		return ""
	}
	return t
}
