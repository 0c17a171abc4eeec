package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// userForm is the new-user form as submitted.
type userForm struct {
	Username     string
	DisplayName  string
	Role         store.Role
	Organization string
	Password     string
}

func parseUserForm(c echo.Context) (userForm, views.Errors) {
	f := userForm{
		Username:     strings.TrimSpace(c.FormValue("username")),
		DisplayName:  strings.TrimSpace(c.FormValue("display_name")),
		Role:         store.Role(c.FormValue("role")),
		Organization: strings.TrimSpace(c.FormValue("organization")),
		Password:     c.FormValue("password"),
	}
	var errs views.Errors
	if p := store.UsernameProblem(f.Username); p != "" {
		errs = append(errs, views.FieldError{Field: "username", Message: p})
	}
	if p := store.DisplayNameProblem(f.DisplayName); p != "" {
		errs = append(errs, views.FieldError{Field: "display_name", Message: p})
	}
	if !f.Role.Valid() {
		errs = append(errs, views.FieldError{Field: "role", Message: "请选择角色"})
	}
	if f.Role == store.RoleSecretary && f.Organization == "" {
		errs = append(errs, views.FieldError{Field: "organization", Message: "企业党组织书记须选择所属党组织"})
	}
	if f.Role != store.RoleSecretary && f.Role.Valid() && f.Organization != "" {
		errs = append(errs, views.FieldError{Field: "organization", Message: "只有企业党组织书记需要选择党组织，请改为“不属于任何党组织”"})
	}
	if err := store.CheckPasswordStrength(f.Password); err != nil {
		errs = append(errs, views.FieldError{Field: "password", Message: "密码至少需要 10 个字符"})
	}
	return f, errs
}

func (s *Server) userFormView(c echo.Context, f userForm, errs views.Errors) (views.UserForm, error) {
	org, err := s.organizationPicker(c.Request().Context(), "organization", "所属党组织（仅企业党组织书记填写）", f.Organization)
	if err != nil {
		return views.UserForm{}, err
	}
	org.Hint = "书记只能看到和填报本组织的内容。输入党组织名称中的几个字或编号，从提示中选择；其他角色不填"
	v := views.UserForm{Username: f.Username, DisplayName: f.DisplayName, Role: string(f.Role), Organization: org, Errors: errs, CSRF: s.csrfToken(c)}
	set, err := s.parks(c.Request().Context())
	if err != nil {
		return views.UserForm{}, err
	}
	if set.several() {
		park, ok := set.byID[store.ParkOf(c.Request().Context())]
		if !ok {
			return views.UserForm{}, echo.ErrNotFound
		}
		v.Park = park.Name
	}
	return v, nil
}

// showUserNewPage shows the empty new-user form.
func (s *Server) showUserNewPage(c echo.Context) error {
	v, err := s.userFormView(c, userForm{}, nil)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, s.page(c, "新建用户"), views.UserNewPage(v))
}

// createUser validates and stores a new user; on a problem the form comes
// back with what was typed (except the password) and says what is wrong.
func (s *Server) createUser(c echo.Context) error {
	f, errs := parseUserForm(c)
	if f.Organization != "" && errs.For("organization") == "" {
		problem, err := s.resolveOrganization(c.Request().Context(), "organization", &f.Organization)
		if err != nil {
			return err
		}
		if problem != nil { // in the form's order: before the password's
			at := len(errs)
			if i := slices.IndexFunc(errs, func(e views.FieldError) bool { return e.Field == "password" }); i >= 0 {
				at = i
			}
			errs = slices.Insert(errs, at, views.FieldError{Field: "organization", Message: "所属党组织：" + problem.Message})
		}
	}
	if len(errs) == 0 {
		// Staff and secretaries belong to the park the admin works in
		// (chosen in the header), whose organisations the form offers.
		var park int64
		if f.Role.InPark() {
			park = store.ParkOf(c.Request().Context())
		}
		_, err := s.store.CreateUser(c.Request().Context(), actorOf(c), store.NewUser{
			Username: f.Username, DisplayName: f.DisplayName, Role: f.Role, Organization: f.Organization, Password: f.Password, Park: park,
		})
		switch {
		case err == nil:
			return c.Redirect(http.StatusSeeOther, "/admin/users?done=created")
		case errors.Is(err, store.ErrExists):
			errs = append(errs, views.FieldError{Field: "username", Message: "用户名“" + f.Username + "”已被使用（不区分大小写），请换一个"})
		case errors.Is(err, store.ErrUnknownOrganization):
			errs = append(errs, views.FieldError{Field: "organization", Message: "所选党组织不存在，请重新选择"})
		default:
			return err
		}
	}
	v, err := s.userFormView(c, f, errs)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusUnprocessableEntity, s.page(c, "新建用户"), views.UserNewPage(v))
}
