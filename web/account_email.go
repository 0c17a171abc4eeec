package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// E-mail notices: each account may give an address where its notices are
// also mailed (/account/email), and an administrator may set anyone's
// (/admin/users/:id/email). The page says what the account is told of.

// noticesOf is what an account of role is told of, in the portal and,
// with an address, by mail.
func noticesOf(r store.Role) []string {
	switch r {
	case store.RoleSecretary:
		return []string{"本单位的报送被退回修改时（附审核意见）", "本单位的报送审核通过、发布时",
			"每日待办提醒：本组织党员转正、确定发展对象、换届到期，报送等待审核或退回超过 7 天"}
	case store.RoleAdmin: // not told of submissions: that is staff's review
		return []string{"每日待办提醒：全园区到期事项（按党组织计数，不写党员姓名）"}
	}
	return []string{"党组织书记提交报送、等待审核时", "每日待办提醒：全园区到期事项（按党组织计数，不写党员姓名）"}
}

// emailForm is the form for account u, posting to action.
func (s *Server) emailForm(c echo.Context, u store.User, self bool) views.EmailForm {
	f := views.EmailForm{Email: u.Email, Notices: noticesOf(u.Role), MailOn: s.store.SendsMail(), CSRF: s.csrfToken(c),
		Action: "/account/email", Back: homeURL(u.Role), BackText: "返回首页", Saved: c.QueryParam("done") == "1"}
	if !self {
		f.Username = u.Username
		f.Action = "/admin/users/" + strconv.FormatInt(u.ID, 10) + "/email"
		f.Back, f.BackText = "/admin/users", "用户管理"
	}
	return f
}

// showOwnEmail is /account/email for the signed-in account, as the request
// read it (its session's account, read for this request).
func (s *Server) showOwnEmail(c echo.Context) error {
	return s.staffPage(c, "邮件通知", views.EmailPage(s.emailForm(c, *viewerOf(c), true)))
}

// ownEmailKey keys /account/email in the page cache by account and address:
// setting an address moves no record's revision.
func ownEmailKey(c echo.Context) string {
	u := viewerOf(c)
	if u == nil {
		return "user none " + queryKey(c) // the role check refuses it first
	}
	return "user " + strconv.FormatInt(u.ID, 10) + " email=" + u.Email + " " + queryKey(c)
}

// saveOwnEmail sets the signed-in account's address.
func (s *Server) saveOwnEmail(c echo.Context) error {
	u, err := s.store.UserByID(c.Request().Context(), viewerOf(c).ID)
	if err != nil {
		return err
	}
	return s.saveEmail(c, u, true)
}

// showUserEmail is /admin/users/:id/email.
func (s *Server) showUserEmail(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, s.page(c, "邮件通知"), views.EmailPage(s.emailForm(c, u, false)))
}

// saveUserEmail sets another account's address (administrators).
func (s *Server) saveUserEmail(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	return s.saveEmail(c, u, false)
}

// saveEmail sets u's address ("" removes it); a refused address comes back
// as typed, with what is wrong at the field.
func (s *Server) saveEmail(c echo.Context, u store.User, self bool) error {
	email := strings.TrimSpace(c.FormValue("email"))
	if p := store.EmailProblem(email); p != "" {
		f := s.emailForm(c, u, self)
		f.Email, f.Saved, f.Errors = email, false, views.Errors{{Field: "email", Message: p}}
		return s.render(c, http.StatusUnprocessableEntity, s.page(c, "错误：邮件通知"), views.EmailPage(f))
	}
	err := s.store.SetEmail(c.Request().Context(), actorOf(c), u.ID, email)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	if self {
		return c.Redirect(http.StatusSeeOther, "/account/email?done=1")
	}
	return c.Redirect(http.StatusSeeOther, "/admin/users?done=email")
}
