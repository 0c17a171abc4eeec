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

	// Park staff (admins may look too).
	staff := e.Group("", requireRole(store.RoleStaff, store.RoleAdmin))
	staff.GET("/workbench", s.showWorkbenchPage)

	// Enterprise party secretaries: their own organisation only.
	secretary := e.Group("", requireRole(store.RoleSecretary))
	secretary.GET("/org", s.showOrganizationPage)

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
