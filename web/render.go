package web

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// page builds the layout's view model for the current request.
func (s *Server) page(c echo.Context, title string) views.Page {
	p := views.Page{
		Title: title,
		Path:  c.Request().URL.Path,
		Site:  s.siteOf(c),
		CSRF:  s.csrfToken(c),
	}
	if u := viewerOf(c); u != nil {
		p.Viewer = &views.Viewer{Name: u.ShownName(), Role: string(u.Role), HomeURL: homeURL(u.Role), Unread: s.unreadText(c, u)}
		p.NoIndex = true
		if u.Role == store.RoleAdmin || u.Role == store.RoleDistrict {
			s.adminParks(c, p.Viewer)
		}
	}
	if base := s.site.BaseURL; base != "" {
		// The escaped path, as requested: the decoded one turns an id's
		// "%2F" into a slash, and Chinese into raw bytes. A page of a
		// park's site is at its site's address (its own host, or the
		// district's with its prefix).
		path := c.Request().URL.EscapedPath()
		if views.SitePage(path) {
			base = s.siteBase(c)
		}
		p.Canonical = base + path
	}
	return p
}

// render writes content inside the layout. It renders into a buffer first so
// that a failure can still become a proper 500 page.
func (s *Server) render(c echo.Context, status int, p views.Page, content templ.Component) error {
	var buf bytes.Buffer
	if err := views.Layout(p, content).Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	h := c.Response().Header()
	if p.Viewer != nil || p.NoIndex {
		h.Set("Cache-Control", "no-store")
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// errorTexts are the error pages' words.
var errorTexts = map[int]views.ErrorView{
	http.StatusBadRequest:            {Heading: "请求有误", Message: "提交的内容无法识别，请返回上一页重试。"},
	http.StatusForbidden:             {Heading: "没有访问权限", Message: "您没有权限访问这个页面或执行这项操作。如果刚才提交了表单，请刷新页面后重试。"},
	http.StatusNotFound:              {Heading: "页面不存在", Message: "您访问的页面不存在或已被移除，请检查网址，或从首页重新进入。"},
	http.StatusMethodNotAllowed:      {Heading: "不支持此操作", Message: "这个页面不支持该请求方式。"},
	http.StatusRequestEntityTooLarge: {Heading: "提交的内容过大", Message: "提交的内容超过了允许的大小，请缩小后重试。"},
	http.StatusTooManyRequests:       {Heading: "尝试次数过多", Message: "操作过于频繁，请稍后再试。"},
	http.StatusInternalServerError:   {Heading: "系统出了点问题", Message: "服务器暂时无法完成您的请求，我们已记录此问题。请稍后再试。"},
	http.StatusServiceUnavailable:    {Heading: "服务暂不可用", Message: "系统正在维护或数据库暂时无法访问，请稍后再试。"},
}

// handleError renders every error as a page in the site's layout and
// language; internal details go to the log, never to the page.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code := http.StatusInternalServerError
	var he *echo.HTTPError
	if errors.As(err, &he) {
		code = he.Code
	}
	if errors.Is(err, store.ErrUnstorableText) {
		code = http.StatusBadRequest // a NUL or broken UTF-8 in what was sent
	}
	if code >= 500 {
		s.log.Error("request failed", slog.String("path", c.Request().URL.Path), slog.Any("err", err))
	}
	if code == http.StatusUnauthorized {
		code = http.StatusForbidden
	}
	v, ok := errorTexts[code]
	if !ok {
		v = errorTexts[http.StatusInternalServerError]
		if code < 500 {
			v = errorTexts[http.StatusBadRequest]
		}
	}
	v.Code = code
	p := s.page(c, v.Heading)
	p.NoIndex = true
	var buf bytes.Buffer
	if rerr := views.Layout(p, views.ErrorPage(v)).Render(c.Request().Context(), &buf); rerr != nil {
		s.log.Error("error page failed", slog.Any("err", rerr))
		_ = c.String(code, v.Heading)
		return
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	_ = c.HTMLBlob(code, buf.Bytes())
}

// unreadText is the viewer's unread notifications for the header, as
// digits ("" for none); the store keeps the counts in memory.
func (s *Server) unreadText(c echo.Context, u *store.User) string {
	n, err := s.store.UnreadCount(c.Request().Context(), u.ID)
	if err != nil || n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
