package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"parkportal/views"
)

// showUserListPage is the admin's landing page: every user and their actions.
func (s *Server) showUserListPage(c echo.Context) error {
	ctx := c.Request().Context()
	users, err := s.store.Users(ctx)
	if err != nil {
		return err
	}
	// The names of the users' organisations only, not of the park's.
	var ids []string
	for _, u := range users {
		if u.Organization != "" {
			ids = append(ids, u.Organization)
		}
	}
	names, err := s.store.OrganizationNames(ctx, ids)
	if err != nil {
		return err
	}
	v := views.UserList{CSRF: s.csrfToken(c), Notice: noticeText(c.QueryParam("done")), SelfID: viewerOf(c).ID}
	for _, u := range users {
		org := names[u.Organization]
		if u.Organization != "" && org == "" {
			org = u.Organization + "（已不存在）"
		}
		v.Users = append(v.Users, views.UserRow{
			ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role), OrganizationName: org,
			Disabled: u.Disabled, CreatedAt: u.CreatedAt.Format("2006-01-02"),
		})
	}
	return s.render(c, http.StatusOK, s.page(c, "用户管理"), views.UserListPage(v))
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
	}
	return ""
}
