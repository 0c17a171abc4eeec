package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/store"
)

// cachedStaffPaths are the staff workspace's read-only pages, whose content
// is cached and sent as stitched gzip (staff_cache.go); the gzip middleware
// stands aside for them (skipGzip). The ledgers name theirs (ledger.go).
var cachedStaffPaths = append([]string{
	"/workbench",
	"/workbench/pipeline",
	"/workbench/services/savings",
	"/workbench/organizations/:id/members",
	"/workbench/members/:id/next",
	"/workbench/review", "/workbench/review/:id",
	"/workbench/returns", "/workbench/returns/:year", "/district",
	"/workbench/notifications", "/org", "/org/notifications", // per account (cachedPersonal)
	"/workbench/suggest/enterprises", "/workbench/suggest/organizations", // JSON (suggest.go)
	// a secretary's, per organisation (cachedOrg)
	"/org/activities/new", "/org/members/new", "/org/responsibility/new", "/org/services/new",
	"/org/members/:key/next", "/org/brand", "/org/filings", "/org/filings/:id",
	"/org/filings/:id/edit", "/org/filings/:id/check",
	"/account/email", // per account and address
}, ledgerCachedPaths()...)

// ledgerCachedPaths are the ledgers' pages kept in the page cache.
func ledgerCachedPaths() []string {
	var out []string
	for _, l := range staffLedgers {
		out = append(out, l.cachedPaths()...)
	}
	return out
}

// routes lists every URL of the portal.
func (s *Server) routes() {
	e := s.echo

	// Infrastructure.
	e.GET("/healthz", s.healthz)
	e.GET("/static/*", s.serveStatic)

	// Public site: no sign-in, only published material. Pages are cached
	// in memory until the records' revision moves (see pagecache.go).
	s.pages = newPageCache(s.store, s.now)
	s.store.OnChange(s.pages.expire)
	pc := s.pages
	e.GET("/", s.cachedPage(pc, s.showHomePage, pathKey))
	e.GET("/programs/:slug", s.cachedPage(pc, s.showProgramPage, pathKey))
	e.GET("/brands", s.cachedPage(pc, s.showBrandListPage, brandListKey))
	e.GET("/brands/:id", s.cachedPage(pc, s.showBrandPage, pathKey))
	e.GET("/benchmarks", s.cachedPage(pc, s.showBenchmarkPage, benchmarkKey))
	e.GET("/responsibility", s.cachedPage(pc, s.showResponsibilityPage, pathKey))
	e.GET("/enterprises/:id", s.cachedPage(pc, s.showEnterprisePage, pathKey))
	e.GET("/activities/:id", s.cachedPage(pc, s.showActivityPage, pathKey))
	e.GET("/search", s.cachedPage(pc, s.showSearchPage, searchKey))
	e.GET("/reports", s.cachedPage(pc, s.showReportListPage, pathKey))
	e.GET("/reports/definitions", s.cachedPage(pc, s.showDefinitionsPage, pathKey))
	e.GET("/reports/:year", s.showReport(pc)) // also /reports/2023.json and .csv
	e.GET("/sitemap.xml", s.sitemapHandler(pc))
	e.GET("/robots.txt", s.showRobots)

	// Signing in and out.
	e.GET("/login", s.showLoginPage)
	e.POST("/login", s.login)
	e.POST("/logout", s.logout)

	// Park staff (admins may look too). Middleware is given per route: an
	// Echo group with an empty prefix would also catch every unknown URL.
	staff := s.staffOnly()
	// The workspace's read-only pages: cached per revision, gzip stitched
	// (staff_cache.go).
	cached := map[string]struct {
		h   echo.HandlerFunc
		key func(echo.Context) string
	}{
		"/workbench":                           {s.showWorkbenchPage, staffKey},
		"/workbench/pipeline":                  {s.showPipeline, staffKey},
		"/workbench/services/savings":          {s.showServices, staffKey},
		"/workbench/organizations/:id/members": {s.showMemberBoard, staffKey},
	}
	for path, page := range cached {
		e.GET(path, s.cachedStaff(page.h, page.key), staff)
	}
	e.GET("/workbench/members/:id/next", s.cachedStaff(s.showNextStageForm, queryKey), staff)
	e.POST("/workbench/members/:id/next", s.recordNextStage, staff)
	e.GET("/workbench/suggest/enterprises", s.suggest("enterprises", s.suggestEnterprises), staff)
	e.GET("/workbench/suggest/organizations", s.suggest("organizations", s.suggestOrganizations), staff)
	e.GET("/workbench/review", s.cachedStaff(s.showReviewQueue, s.reviewQueueKey), staff)
	e.POST("/workbench/review/publish", s.bulkPublish, staff)
	e.GET("/workbench/review/:id", s.cachedStaff(s.showReview, queryKey), staff)
	e.POST("/workbench/review/:id/publish", s.publishReview, staff)
	e.POST("/workbench/review/:id/return", s.returnReview, staff)
	e.GET("/workbench/notifications", s.cachedPersonal(s.showNotifications), staff)
	e.POST("/workbench/park", s.choosePark, requireRole(store.RoleAdmin))
	e.POST("/workbench/notifications/read", s.readNotifications, staff)
	e.GET("/workbench/returns", s.cachedStaff(s.showReturns, staffKey), staff)
	e.GET("/workbench/returns/:year", s.cachedStaff(s.showReturn, returnKey), staff)
	e.POST("/workbench/returns/:year", s.fileReturn, staff)
	e.GET("/workbench/returns/:year/:file", s.sendReturnFile, staff) // 2.pdf, 2.xlsx
	for _, l := range staffLedgers {
		l.routes(s, e, staff)
	}

	// Enterprise party secretaries: their own organisation only. Each
	// filing form's post is one of the account's writes, counted before
	// its body is read (write_limit.go).
	secretary := requireRole(areaRoles["/org"]...)
	filingPost := func(path string, h echo.HandlerFunc) {
		e.POST(path, h, secretary)
		s.writeLimited[path] = true
	}
	e.GET("/org", s.cachedPersonal(s.showOrganizationPage), secretary)
	for _, kind := range []string{store.FilingActivity, store.FilingMember, store.FilingResponsibility, store.FilingServiceRequest} {
		e.GET("/org/"+kindPath(kind)+"/new", s.cachedOrg(s.newFiling(kind)), secretary)
		filingPost("/org/"+kindPath(kind), s.createFiling(kind))
	}
	e.GET("/org/members/:key/next", s.cachedOrg(s.newMemberStage), secretary)
	filingPost("/org/members/:key", s.createMemberStage)
	e.GET("/org/brand", s.cachedOrg(s.showBrandForm), secretary)
	filingPost("/org/brands", s.createFiling(store.FilingBrand))
	filingPost("/org/brands/:key", s.createBrandChange)
	e.GET("/org/filings", s.cachedOrg(s.showOrgFilings), secretary)
	e.GET("/org/filings/:id", s.cachedOrg(s.showFiling), secretary)
	e.GET("/org/filings/:id/edit", s.cachedOrg(s.editFiling), secretary)
	e.GET("/org/filings/:id/check", s.cachedOrg(s.checkFiling), secretary)
	filingPost("/org/filings/:id/submit", s.submitFiling)
	filingPost("/org/filings/:id", s.updateFiling)
	e.GET("/org/notifications", s.cachedPersonal(s.showNotifications), secretary)
	e.POST("/org/notifications/read", s.readNotifications, secretary)

	// Photos: public once a published record shows them (photo checks).
	e.GET("/photos/:id", s.servePhoto(false))
	e.GET("/photos/:id/thumb", s.servePhoto(true))

	// Every signed-in account: its own settings.
	account := requireRole(areaRoles["/account"]...)
	e.GET("/account/email", s.cachedStaff(s.showOwnEmail, ownEmailKey), account)
	e.POST("/account/email", s.saveOwnEmail, account)

	// Administrators: user management.
	admin := e.Group("/admin", requireRole(areaRoles["/admin"]...))
	// The district's users and admins: the parks' figures side by side.
	e.GET("/district", s.cachedStaff(s.showDistrict, districtKey), requireRole(areaRoles["/district"]...))
	e.GET("/district/returns/:park/:year/:file", s.sendDistrictReturnFile, requireRole(areaRoles["/district"]...))
	e.POST("/district/park", s.choosePark, requireRole(areaRoles["/district"]...))

	admin.GET("/users", s.showUserListPage)
	admin.GET("/users/new", s.showUserNewPage)
	admin.POST("/users", s.createUser)
	admin.POST("/users/:id/disable", s.disableUser)
	admin.POST("/users/:id/enable", s.enableUser)
	admin.GET("/users/:id/name", s.showUserNamePage)
	admin.POST("/users/:id/name", s.saveUserName)
	admin.GET("/users/:id/password", s.showPasswordResetPage)
	admin.POST("/users/:id/password", s.resetPassword)
	admin.GET("/audit", s.showAuditLog)
	admin.GET("/outbox", s.showOutbox)
	admin.GET("/users/:id/email", s.showUserEmail)
	admin.POST("/users/:id/email", s.saveUserEmail)
}
