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

	// Public site: no sign-in, only published material.
	e.GET("/", s.showHomePage)

	// Signing in and out.
	e.GET("/login", s.showLoginPage)
	e.POST("/login", s.login)
	e.POST("/logout", s.logout)

	// Park staff (admins may look too). Middleware is given per route: an
	// Echo group with an empty prefix would also catch every unknown URL.
	staff := requireRole(store.RoleStaff, store.RoleAdmin)
	e.GET("/workbench", s.showWorkbenchPage, staff)

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
}
