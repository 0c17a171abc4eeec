package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The delete flow of the ledgers: a confirmation page that names the
// version of the record it shows, then the store's delete of that version.

// keyedDeleteView is the confirmation of deleting the record at href, at
// version.
func (s *Server) keyedDeleteView(c echo.Context, section, ledger, heading, href, title string, version int64) views.DeleteConfirm {
	return views.DeleteConfirm{
		Section: section, Heading: heading, Title: title,
		Trail:  []views.Link{{Href: section, Label: ledger}, {Href: href, Label: title}},
		Action: href + "/delete", CancelURL: href, CSRF: s.csrfToken(c),
		Edit: views.Edit{Version: version},
	}
}

// showKeyedDelete writes the confirmation page.
func (s *Server) showKeyedDelete(c echo.Context, v views.DeleteConfirm) error {
	return s.staffPage(c, v.Heading, views.DeleteConfirmPage(v))
}

// deleteConfirmed runs del with the version the confirmation was opened
// on and goes to done. When others refer to the record, or it changed
// since the confirmation was opened, the confirmation comes back (409),
// made again by view: with what refers to it, or with what changed and
// the record's new version, so that confirming again is a decision.
func (s *Server) deleteConfirmed(c echo.Context, done string, del func(version int64) error, view func(echo.Context) (views.DeleteConfirm, error)) error {
	err := del(postedVersion(c))
	if err == nil {
		return c.Redirect(http.StatusSeeOther, done+"?done=deleted")
	}
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	var refused *store.ReferencedError
	edit, conflict := s.conflictEdit(c.Request().Context(), err, nil, "")
	if !conflict && !errors.As(err, &refused) {
		return err
	}
	v, verr := view(c)
	if verr != nil {
		return verr
	}
	if conflict {
		edit.Conflict.ViewURL = v.CancelURL
		v.Edit = edit
	} else {
		v.Refusal = refused.Error()
	}
	return s.render(c, http.StatusConflict, s.page(c, "错误："+v.Heading), views.DeleteConfirmPage(v))
}
