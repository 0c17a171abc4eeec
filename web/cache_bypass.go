package web

// RenderEveryRequest turns the server's caches off for good: every public
// and staff page is rendered for its request (the page cache keeps and
// shares nothing, so concurrent requests for one page each render it) and
// every report is computed from the records (store.ComputeEveryReport), and
// every signed-in request reads its session from the database.
// Each request then costs what the first request after a change costs, the
// page a clerk sees right after a save. Only the load benchmark's cold run
// calls it (cmd/loadbench's server process), before serving; the portal
// never does. A cache added later belongs here too.
func (s *Server) RenderEveryRequest() {
	s.pages.renderAlways.Store(true)
	s.store.ComputeEveryReport()
	s.sessions.revision = nil // every request reads its session (session_store.go)
}
