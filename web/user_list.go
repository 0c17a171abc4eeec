package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// showUserListPage is the admin's landing page: the users and their
// actions, a page at a time by name, with the names of the secretaries'
// organisations. Queries: count, page, the page's organisations.
func (s *Server) showUserListPage(c echo.Context) error {
	ctx := c.Request().Context()
	page := 1
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 1_000_000 {
		page = n
	}
	users, total, err := s.store.Users(ctx, (page-1)*ledgerPageSize, ledgerPageSize)
	if err != nil {
		return err
	}
	pages := max(1, (total+ledgerPageSize-1)/ledgerPageSize)
	if page > pages {
		return echo.ErrNotFound
	}
	var orgs []string
	for _, u := range users {
		if u.Organization != "" {
			orgs = append(orgs, u.Organization)
		}
	}
	names, err := s.store.OrganizationNames(ctx, orgs)
	if err != nil {
		return err
	}
	href := func(p int) string {
		if p == 1 {
			return "/admin/users"
		}
		return "/admin/users?page=" + strconv.Itoa(p)
	}
	v := views.UserList{CSRF: s.csrfToken(c), Notice: noticeText(c.QueryParam("done")), SelfID: viewerOf(c).ID,
		Total: total, Pager: pager(page, pages, href)}
	for _, u := range users {
		org := names[u.Organization]
		if u.Organization != "" && org == "" {
			org = u.Organization + "（已不存在）"
		}
		v.Users = append(v.Users, views.UserRow{
			ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role), OrganizationName: org, Email: u.Email,
			Disabled: u.Disabled, CreatedAt: u.CreatedAt.Format("2006-01-02"),
		})
	}
	title := "用户管理"
	if pages > 1 {
		title += "（第" + strconv.Itoa(page) + "页，共" + strconv.Itoa(pages) + "页）"
	}
	return s.render(c, http.StatusOK, s.page(c, title), views.UserListPage(v))
}

// noticeText maps the outcome code of a redirect to a confirmation.
func noticeText(done string) string {
	switch done {
	case "created":
		return "用户已创建。"
	case "disabled":
		return "用户已停用，其登录会话已全部结束。"
	case "enabled":
		return "用户已重新启用。"
	case "password":
		return "密码已重置，该用户需用新密码重新登录。"
	case "name":
		return "姓名已保存。"
	case "email":
		return "电子邮箱已保存。"
	}
	return ""
}
