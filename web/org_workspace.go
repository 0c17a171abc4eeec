package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// showOrganizationPage is a secretary's workspace, /org: their
// organisation, its enterprises, its members by stage with what is due,
// their filings, the term's end and their notifications. The organisation
// comes from the account, never from the URL, so no URL can reach
// another's.
func (s *Server) showOrganizationPage(c echo.Context) error {
	ctx := c.Request().Context()
	u := viewerOf(c)
	o, err := s.store.OrganizationSummaryByID(ctx, u.Organization)
	if errors.Is(err, store.ErrNotFound) {
		return s.staffPage(c, "我的党组织", views.ErrorPage(views.ErrorView{
			Code: http.StatusOK, Heading: "账号绑定的党组织不存在",
			Message: "您的账号所绑定的党组织已不在台账中，请联系园区系统管理员重新绑定。",
		}))
	}
	if err != nil {
		return err
	}
	key, err := s.store.OrganizationKey(ctx, u.Organization)
	if err != nil {
		return err
	}
	members, err := s.store.OrganizationMembers(ctx, key)
	if err != nil {
		return err
	}
	filings, err := s.store.OrganizationFilings(ctx, u.Organization, workspaceFilings+1, 0)
	if err != nil {
		return err
	}
	counts, err := s.store.FilingStatusCounts(ctx, u.Organization)
	if err != nil {
		return err
	}
	notes, err := s.store.Notifications(ctx, u.ID, 5)
	if err != nil {
		return err
	}
	returned, err := s.store.ReturnedFilings(ctx, u.Organization, returnedShown)
	if err != nil {
		return err
	}
	today := s.now()
	v := views.OrgWorkspace{
		Name: o.Name, KindName: organizationKindNames[o.Kind], Formed: views.Date(o.Formed),
		Secretary: o.Secretary, Enterprises: o.Enterprises,
		Members: o.Members, Activities: o.Activities, Brands: o.Brands,
		Notifications: notificationRows(notes, orgFilingHref),
	}
	if due, soon, ok := store.TermEnd(o.Formed, o.Kind, today); ok {
		v.Renewal, v.RenewalSoon = views.Date(due.Format("2006-01-02")), soon
	}
	for _, f := range returned {
		v.Returned = append(v.Returned, views.ReturnedFiling{Title: f.Title, Kind: store.FilingKindLabel(f.Kind), Comment: f.Comment,
			Href: orgFilingHref(f.ID) + "/edit"})
	}
	stages := map[string]int{}
	for i, st := range memberStageLabels {
		v.Stages = append(v.Stages, views.OrgStage{Label: st[1]})
		stages[st[0]] = i
	}
	for _, m := range members {
		card := views.OrgMember{Name: m.Name, Since: views.Date(stageDate(m.Member, m.Stage)) + "起"}
		if next, ok := nextStage[m.Stage]; ok {
			card.NextURL, card.NextLabel = "/org/members/"+strconv.FormatInt(m.Key, 10)+"/next", "报送："+next[1]
		}
		card.Due, card.Overdue, _ = memberDue(m, today)
		i := stages[m.Stage]
		v.Stages[i].Members = append(v.Stages[i].Members, card)
	}
	if len(filings) > workspaceFilings {
		filings, v.AllFilingsURL = filings[:workspaceFilings], "/org/filings"
	}
	for _, f := range filings {
		v.Filings = append(v.Filings, filingRow(f, orgFilingHref(f.ID)))
	}
	for _, st := range []string{store.FilingReturned, store.FilingDraft, store.FilingSubmitted, store.FilingPublished} {
		if counts[st] > 0 {
			v.FilingCounts = append(v.FilingCounts, views.Stat{Label: store.FilingStatusLabel(st), Value: strconv.Itoa(counts[st])})
		}
	}
	return s.staffPage(c, o.Name, views.OrgWorkspacePage(v))
}

// returnedShown is how many returned filings head the workspace.
const returnedShown = 3

// workspaceFilings is how many of the latest filings the workspace lists;
// the rest are on /org/filings.
const workspaceFilings = 20

// showOrgFilings is /org/filings: the organisation's filings, latest
// change first, a ledger page at a time.
func (s *Server) showOrgFilings(c echo.Context) error {
	ctx := c.Request().Context()
	org := viewerOf(c).Organization
	counts, err := s.store.FilingStatusCounts(ctx, org)
	if err != nil {
		return err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	q := parseLedgerQuery(c, "/org/filings", nil)
	pages, ok := q.pages(total)
	if !ok {
		return echo.ErrNotFound
	}
	filings, err := s.store.OrganizationFilings(ctx, org, ledgerPageSize, (q.Page-1)*ledgerPageSize)
	if err != nil {
		return err
	}
	v := views.OrgFilings{Total: total, Pager: pager(q.Page, pages, q.href)}
	for _, f := range filings {
		v.Filings = append(v.Filings, filingRow(f, orgFilingHref(f.ID)))
	}
	return s.staffPage(c, q.title("我的报送", pages), views.OrgFilingsPage(v))
}

func filingRow(f store.Filing, href string) views.FilingRow {
	r := views.FilingRow{
		ID: strconv.FormatInt(f.ID, 10), Href: href, Title: f.Title, Kind: store.FilingKindLabel(f.Kind), Org: f.OrganizationName,
		Status: f.Status, StatusLabel: store.FilingStatusLabel(f.Status), Updated: views.DateTime(f.UpdatedAt),
	}
	r.Comment = f.OpenComment()
	if f.Version > 0 {
		r.Version = strconv.Itoa(f.Version)
	}
	return r
}

func notificationRows(ns []store.Notification, href func(int64) string) []views.NotificationRow {
	out := make([]views.NotificationRow, len(ns))
	for i, n := range ns {
		out[i] = views.NotificationRow{Message: n.Message, At: views.DateTime(n.At), Unread: !n.Read}
		if n.FilingID != 0 {
			out[i].Href = href(n.FilingID)
		}
	}
	return out
}

// notificationPageSize is how many notifications a page lists.
const notificationPageSize = 50

// showNotifications lists the viewer's notifications, newest first,
// ?before=ID paging back; reading the list does not mark them read (a
// plain form does).
func (s *Server) showNotifications(c echo.Context) error {
	u := viewerOf(c)
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	ns, err := s.store.NotificationsBefore(c.Request().Context(), u.ID, before, notificationPageSize+1)
	if err != nil {
		return err
	}
	v := views.NotificationsView{Staff: u.Role != store.RoleSecretary, CSRF: s.csrfToken(c)}
	if len(ns) > notificationPageSize {
		ns = ns[:notificationPageSize]
		v.NextURL = c.Request().URL.Path + "?before=" + strconv.FormatInt(ns[len(ns)-1].ID, 10)
	}
	if v.Staff {
		v.Items, v.Read = notificationRows(ns, reviewHref), "/workbench/notifications/read"
	} else {
		v.Items, v.Read = notificationRows(ns, orgFilingHref), "/org/notifications/read"
	}
	return s.staffPage(c, "通知", views.NotificationsPage(v))
}

// readNotifications marks the viewer's notifications read.
func (s *Server) readNotifications(c echo.Context) error {
	if err := s.store.MarkNotificationsRead(c.Request().Context(), actorOf(c)); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, c.Request().URL.Path[:len(c.Request().URL.Path)-len("/read")])
}

// newMemberStage is the member form for one of the organisation's members,
// with today's date in the next stage: the filing changes that member.
func (s *Server) newMemberStage(c echo.Context) error {
	ctx := c.Request().Context()
	key, err := strconv.ParseInt(c.Param("key"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	m, err := s.store.MemberByKey(ctx, key)
	if errors.Is(err, store.ErrNotFound) || (err == nil && m.Organization != viewerOf(c).Organization) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	stage := "applied"
	for _, st := range memberStageLabels {
		if stageDate(m, st[0]) != "" {
			stage = st[0]
		}
	}
	if next, ok := nextStage[stage]; ok {
		setStageDate(&m, next[0], s.now().Format("2006-01-02"))
	}
	return s.renderFilingForm(c, http.StatusOK, filingForms[store.FilingMember], store.Filing{RecordKey: key, RecordVersion: m.Version}, &m, "/org/members/"+c.Param("key"), nil)
}

// createMemberStage files a change of one of the organisation's members.
func (s *Server) createMemberStage(c echo.Context) error {
	key, err := strconv.ParseInt(c.Param("key"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	return s.saveFilingForm(c, filingForms[store.FilingMember], store.Filing{Kind: store.FilingMember, RecordKey: key}, "/org/members/"+c.Param("key"))
}

// showBrandForm is the organisation's brand: its open filing, else its
// published brand to change, else a new one.
func (s *Server) showBrandForm(c echo.Context) error {
	ctx := c.Request().Context()
	u := viewerOf(c)
	open, err := s.store.LatestFilingOfKind(ctx, u.Organization, store.FilingBrand)
	if err != nil {
		return err
	}
	if open != 0 {
		return c.Redirect(http.StatusSeeOther, orgFilingHref(open)+"/edit")
	}
	ff := filingForms[store.FilingBrand]
	key, err := s.store.OrganizationBrandKey(ctx, u.Organization)
	if err != nil {
		return err
	}
	if key == 0 {
		return s.renderFilingForm(c, http.StatusOK, ff, store.Filing{}, ff.empty(), "/org/brands", nil)
	}
	b, err := s.store.BrandByKey(ctx, key)
	if err != nil {
		return err
	}
	logo, err := s.store.BrandLogo(ctx, key)
	if err != nil {
		return err
	}
	return s.renderFilingForm(c, http.StatusOK, ff, store.Filing{RecordKey: key, RecordVersion: b.Version}, &store.BrandFiling{Brand: b, Logo: logo}, "/org/brands/"+strconv.FormatInt(key, 10), nil)
}

// createBrandChange files a change of the organisation's published brand;
// another organisation's brand is 404, before the form is read, so that
// no answer (a refusal, a preview, a conflict) shows anything of it.
func (s *Server) createBrandChange(c echo.Context) error {
	key, err := strconv.ParseInt(c.Param("key"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	own, err := s.store.OrganizationBrandKey(c.Request().Context(), viewerOf(c).Organization)
	if err != nil {
		return err
	}
	if key != own {
		return echo.ErrNotFound
	}
	return s.saveFilingForm(c, filingForms[store.FilingBrand], store.Filing{Kind: store.FilingBrand, RecordKey: key}, "/org/brands/"+c.Param("key"))
}

// servePhoto sends a photo or its thumbnail: to everyone once a published
// record shows it, else only to its organisation's secretary, its park's
// staff and admins (others get 404, as if it did not exist). Photos never change: an id is
// cached for long.
func (s *Server) servePhoto(thumb bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil || id <= 0 {
			return echo.ErrNotFound
		}
		data, ctype, access, err := s.store.PhotoFile(c.Request().Context(), id, thumb)
		if errors.Is(err, store.ErrNotFound) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		h := c.Response().Header()
		if access.Public {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			u := viewerOf(c)
			switch {
			case u == nil, u.Role == store.RoleDistrict:
				return echo.ErrNotFound
			case u.Role.InPark() && u.Park != access.Park:
				return echo.ErrNotFound
			case u.Role == store.RoleSecretary && u.Organization != access.Organization:
				return echo.ErrNotFound
			}
			h.Set("Cache-Control", "private, max-age=86400")
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Disposition", "inline")
		return c.Blob(http.StatusOK, ctype, data)
	}
}

// organizationKindNames are the kinds of party organisation in Chinese.
var organizationKindNames = map[string]string{
	"branch":         "党支部",
	"joint_branch":   "联合党支部",
	"general_branch": "党总支",
	"committee":      "党委",
}
