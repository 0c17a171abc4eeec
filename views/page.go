// Package views holds the portal's templ components: the layout, shared
// partials and one file per page, each fed by a view-model struct that holds
// exactly what the page shows. It knows nothing of HTTP, Echo or SQL.
package views

import (
	"strconv"
	"strings"
)

// Page is what the layout needs around every page's content.
type Page struct {
	Title       string // page title, without the site name
	Description string // meta description and og:description
	Path        string // request path, for marking the current navigation item
	Canonical   string // absolute URL of the page, when known
	Viewer      *Viewer
	CSRF        string // token for the sign-out form and any other form
	NoIndex     bool   // keep private pages out of search engines
	Site        Site
}

// Viewer is the signed-in user as the layout shows them.
type Viewer struct {
	Name    string // the display name, or the login name when there is none
	Role    string // admin, staff, secretary
	HomeURL string // the role's landing page
	Unread  string // unread notifications, as digits; "" for none
	// An admin's choice of the park they work in, when there are several.
	Parks []Option
	Park  string // the chosen park's id
}

// NotificationsURL is where the viewer reads their notifications.
func (v *Viewer) NotificationsURL() string {
	if v.Role == "secretary" {
		return "/org/notifications"
	}
	return "/workbench/notifications"
}

// ParkChoiceURL is where the header's choice of park posts: the
// district's own for its users (their area), the workspace's for admins.
func (v *Viewer) ParkChoiceURL() string {
	if v.Role == "district" {
		return "/district/park"
	}
	return "/workbench/park"
}

// RoleName is the role in the users' words.
func (v *Viewer) RoleName() string { return RoleName(v.Role) }

// RoleName translates a role code.
func RoleName(role string) string {
	switch role {
	case "admin":
		return "系统管理员"
	case "staff":
		return "园区工作人员"
	case "secretary":
		return "企业党组织书记"
	case "district":
		return "区级组织部门"
	}
	return role
}

// Site is the operator's identity shown in the footer, as Chinese government
// website conventions ask: host organisation, contact and filing numbers, all
// configurable and empty by default.
type Site struct {
	Name      string // 园区党建工作平台
	ParkName  string // 株洲高新区（天元区）
	ParkBrand string // 跟党一起创业
	Host      string // 主办单位
	Contact   string
	ICP       string // ICP备案号
	PublicSec string // 公安备案号
	SiteCode  string // 网站标识码
	BaseURL   string // e.g. https://dj.example.gov.cn, for canonical and og:url
	// A park's own footer lines (parks.footer), in a district.
	Footer []string
	// District: the district's own pages of a portal of several parks,
	// whose header names the portal and whose navigation is the parks'
	// sites (Nav).
	District bool
	Nav      []NavItem
	// DistrictHref leads from a park's site back to the district's page;
	// "" in a one-park portal.
	DistrictHref string
}

// nav is the site's main navigation: the park's sections, or the
// district's parks.
func (s Site) nav() []NavItem {
	if s.District {
		return append([]NavItem{{"/", "全区首页"}}, s.Nav...)
	}
	return MainNav
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Href  string
	Label string
}

// MainNav is the public navigation: the three programmes and the showcase.
var MainNav = []NavItem{
	{"/", "首页"},
	{"/programs/incubation", "孵化工程·育种计划"},
	{"/programs/uplift", "提质工程·壮苗计划"},
	{"/programs/brand", "品牌工程·成林计划"},
	{"/brands", "品牌展示"},
	{"/benchmarks", "标杆荣誉"},
	{"/responsibility", "社会责任"},
	{"/reports", "年度报告"},
}

// current reports whether href is the section the path belongs to.
func current(path, href string) bool {
	if href == "/" {
		return path == "/"
	}
	return path == href || len(path) > len(href) && path[:len(href)] == href && path[len(href)] == '/'
}

// FieldError is one problem with one form field, shown twice: in the summary
// at the top (linking to the field) and at the field.
type FieldError struct {
	Field   string // the input's id
	Message string
	// Link leads to the record the field's value would repeat (已有企业
	// “…”使用此统一社会信用代码), named by LinkText; "" when there is none.
	Link, LinkText string
}

// Errors is a form's problems in the order of its fields.
type Errors []FieldError

// For returns the message for a field, or "".
func (e Errors) For(field string) string {
	fe, _ := e.Of(field)
	return fe.Message
}

// Of returns the problem at a field, if there is one.
func (e Errors) Of(field string) (FieldError, bool) {
	for _, fe := range e {
		if fe.Field == field {
			return fe, true
		}
	}
	return FieldError{}, false
}

// fieldAnchor is the HTML id of a field's input: the field's name, with the
// brackets and dots of a list entry ("stage_history[2].since") as hyphens.
// FieldAnchor is the id a form gives field's input (a change link's
// target from another page).
func FieldAnchor(field string) string { return fieldAnchor(field) }

func fieldAnchor(field string) string {
	return strings.Trim(strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(field), "-")
}

// indexedField names the n-th (1-based) entry's sub-field of a list, as the
// store's problems do: stage_history[2].since.
func indexedField(list string, n int, sub string) string {
	return list + "[" + strconv.Itoa(n) + "]." + sub
}
