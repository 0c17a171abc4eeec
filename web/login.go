package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showLoginPage shows the sign-in form; a signed-in user goes home.
func (s *Server) showLoginPage(c echo.Context) error {
	if u := viewerOf(c); u != nil {
		return c.Redirect(http.StatusSeeOther, homeURL(u.Role))
	}
	f := views.LoginForm{Next: safeNext(c.QueryParam("next"))}
	return s.render(c, http.StatusOK, s.loginPage(c), views.LoginPage(f, s.csrfToken(c)))
}

func (s *Server) loginPage(c echo.Context) views.Page {
	p := s.page(c, "登录")
	p.NoIndex = true
	return p
}

// loginForm is the sign-in form as submitted.
type loginForm struct {
	Username string
	Password string
	Next     string
}

func parseLoginForm(c echo.Context) (loginForm, views.Errors) {
	f := loginForm{
		Username: strings.TrimSpace(c.FormValue("username")),
		Password: c.FormValue("password"),
		Next:     safeNext(c.FormValue("next")),
	}
	var errs views.Errors
	if f.Username == "" {
		errs = append(errs, views.FieldError{Field: "username", Message: "请输入用户名"})
	}
	if f.Password == "" {
		errs = append(errs, views.FieldError{Field: "password", Message: "请输入密码"})
	}
	return f, errs
}

// login checks the credentials, slowed by the sign-in guard (throttle.go),
// and starts a new session (a fresh id, so a planted one is never reused).
// The attempt is reserved before the password is hashed.
func (s *Server) login(c echo.Context) error {
	f, errs := parseLoginForm(c)
	view := views.LoginForm{Username: f.Username, Next: f.Next, Errors: errs}
	if len(errs) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, s.loginPage(c), views.LoginPage(view, s.csrfToken(c)))
	}
	ip := c.RealIP()
	attempt, err := s.signIn.Begin(c.Request().Context(), store.UsernameKey(f.Username), ip)
	if err != nil {
		return err
	}
	if attempt.Refused {
		wait := attempt.RetryAfter
		if attempt.PairOrAddressExhausted {
			view.Message = fmt.Sprintf("登录失败次数过多，请 %d 分钟后再试。如忘记密码，请联系系统管理员。", int(wait.Minutes())+1)
		} else {
			view.Message = fmt.Sprintf("这个账号近期登录失败较多，为防止密码被猜测，请 %d 秒后再试。", int(wait.Seconds())+1)
		}
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
		s.log.Warn("sign-in throttled", slog.String("username", f.Username), slog.String("ip", ip))
		return s.render(c, http.StatusTooManyRequests, s.loginPage(c), views.LoginPage(view, s.csrfToken(c)))
	}
	if attempt.Wait > 0 {
		if err := s.sleep(c.Request().Context(), attempt.Wait); err != nil {
			return err
		}
	}
	u, err := s.store.Authenticate(c.Request().Context(), f.Username, f.Password)
	if errors.Is(err, store.ErrBadCredentials) {
		s.log.Info("sign-in failed", slog.String("username", f.Username), slog.String("ip", ip))
		view.Message = "用户名或密码不正确，或账号已停用。"
		return s.render(c, http.StatusUnprocessableEntity, s.loginPage(c), views.LoginPage(view, s.csrfToken(c)))
	}
	if err != nil {
		return err
	}
	attempt.Succeeded(c.Request().Context())
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.log.Info("signed in", slog.String("username", u.Username), slog.String("role", string(u.Role)))
	dest := f.Next
	if dest == "" {
		dest = homeURL(u.Role)
	}
	return c.Redirect(http.StatusSeeOther, dest)
}

// sleepContext waits d, or less when ctx ends first.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startSession ends any session the request came with and starts a new one.
func (s *Server) startSession(c echo.Context, u store.User) error {
	req, w := c.Request(), c.Response()
	old, err := s.sessions.Get(req, sessionName)
	if err != nil {
		return err
	}
	if old.ID != "" {
		s.sessions.forget(old.ID)
		if err := s.store.DeleteSession(req.Context(), old.ID); err != nil {
			return err
		}
	}
	old.ID = ""
	old.IsNew = true
	old.Values = map[any]any{userIDKey: u.ID, "at": s.now().Unix()}
	old.Options.MaxAge = 0
	return old.Save(req, w)
}

// logout ends the session at once: the row is deleted, not just the cookie.
func (s *Server) logout(c echo.Context) error {
	req := c.Request()
	session, err := s.sessions.Get(req, sessionName)
	if err != nil {
		return err
	}
	session.Options.MaxAge = -1
	if err := session.Save(req, c.Response()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/")
}
