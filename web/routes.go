package web

import (
	"parkportal/store"
)

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
	e.GET("/benchmarks", s.cachedPage(pc, s.showBenchmarkPage, pathKey))
	e.GET("/responsibility", s.cachedPage(pc, s.showResponsibilityPage, pathKey))
	e.GET("/enterprises/:id", s.cachedPage(pc, s.showEnterprisePage, pathKey))
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
	staff := requireRole(store.RoleStaff, store.RoleAdmin)
	e.GET("/workbench", s.cachedStaff(s.showWorkbenchPage, staffKey), staff)
	e.GET("/workbench/enterprises", s.cachedStaff(s.showEnterpriseLedger, enterpriseLedgerKey), staff)
	e.GET("/workbench/enterprises.xlsx", s.exportEnterpriseLedger, staff)
	e.GET("/workbench/enterprises/new", s.showEnterpriseNewForm, staff)
	e.POST("/workbench/enterprises", s.createEnterprise, staff)
	e.GET("/workbench/enterprises/:id", s.cachedStaff(s.showEnterpriseRecord, staffKey), staff)
	e.GET("/workbench/enterprises/:id/edit", s.showEnterpriseEditForm, staff)
	e.POST("/workbench/enterprises/:id", s.updateEnterprise, staff)
	e.GET("/workbench/enterprises/:id/delete", s.confirmEnterpriseDelete, staff)
	e.POST("/workbench/enterprises/:id/delete", s.deleteEnterprise, staff)
	e.GET("/workbench/pipeline", s.cachedStaff(s.showPipeline, staffKey), staff)
	e.GET("/workbench/staff", s.cachedStaff(s.showStaffLedger, staffKey), staff)
	e.GET("/workbench/services", s.cachedStaff(s.showServices, staffKey), staff)
	e.GET("/workbench/organizations", s.cachedStaff(s.showOrganizationLedger, organizationLedgerKey), staff)
	e.GET("/workbench/organizations/new", s.showOrganizationNewForm, staff)
	e.POST("/workbench/organizations", s.createOrganization, staff)
	e.GET("/workbench/organizations/:id", s.cachedStaff(s.showOrganizationRecord, staffKey), staff)
	e.GET("/workbench/organizations/:id/edit", s.showOrganizationEditForm, staff)
	e.POST("/workbench/organizations/:id", s.updateOrganization, staff)
	e.GET("/workbench/organizations/:id/members", s.cachedStaff(s.showMemberBoard, staffKey), staff)
	e.GET("/workbench/members/new", s.showMemberNewForm, staff)
	e.POST("/workbench/members", s.createMember, staff)
	e.GET("/workbench/members/:id", s.cachedStaff(s.showMemberRecord, staffKey), staff)
	e.GET("/workbench/members/:id/edit", s.showMemberEditForm, staff)
	e.POST("/workbench/members/:id", s.updateMember, staff)
	e.GET("/workbench/members/:id/next", s.showNextStageForm, staff)
	e.POST("/workbench/members/:id/next", s.recordNextStage, staff)
	e.GET("/workbench/surveys/new", s.showSurveyNewForm, staff)
	e.POST("/workbench/surveys", s.createSurvey, staff)

	// Enterprise party secretaries: their own organisation only.
	secretary := requireRole(store.RoleSecretary)
	e.GET("/org", s.showOrganizationPage, secretary)

	// Administrators: user management.
	admin := e.Group("/admin", requireRole(store.RoleAdmin))
	admin.GET("/users", s.showUserListPage)
	admin.GET("/users/new", s.showUserNewPage)
	admin.POST("/users", s.createUser)
	admin.POST("/users/:id/disable", s.disableUser)
	admin.POST("/users/:id/enable", s.enableUser)
	admin.GET("/users/:id/password", s.showPasswordResetPage)
	admin.POST("/users/:id/password", s.resetPassword)
	admin.GET("/audit", s.showAuditLog)
}
