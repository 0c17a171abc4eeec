package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The delete flow of the ledgers whose records are found by rowid
// (activities, responsibility, designations …): a confirmation page, then
// the store's delete. Nothing refers to these records, so a delete is
// never refused for its referrers.

// keyedDeleteView is the confirmation of deleting the record at href.
func (s *Server) keyedDeleteView(c echo.Context, section, ledger, heading, href, title string) views.DeleteConfirm {
	return views.DeleteConfirm{
		Section: section, Heading: heading, Title: title,
		Trail:  []views.Link{{Href: section, Label: ledger}, {Href: href, Label: title}},
		Action: href + "/delete", CancelURL: href, CSRF: s.csrfToken(c),
	}
}

// showKeyedDelete writes the confirmation page.
func (s *Server) showKeyedDelete(c echo.Context, v views.DeleteConfirm) error {
	return s.render(c, http.StatusOK, s.page(c, v.Heading), views.DeleteConfirmPage(v))
}

// deleteKeyed deletes the record of the URL with del and goes back to the
// ledger at section.
func (s *Server) deleteKeyed(c echo.Context, section string, del func(context.Context, store.Actor, int64) (store.AuditEntry, error)) error {
	key, err := keyParam(c)
	if err != nil {
		return err
	}
	_, err = del(c.Request().Context(), actorOf(c), key)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, section+"?done=deleted")
}

// saveOutcome turns a save's result into the form's next step: the
// record's page (303), the form again with the problems (ok false), or an
// error.
func saveOutcome(c echo.Context, err error, href string) (problems []store.Problem, done bool, _ error) {
	var refused *store.RecordError
	switch {
	case err == nil:
		return nil, true, c.Redirect(http.StatusSeeOther, href+"?done=saved")
	case errors.Is(err, store.ErrNotFound):
		return nil, true, echo.ErrNotFound
	case errors.As(err, &refused):
		return refused.Problems, false, nil
	}
	return nil, true, err
}

// formTitle is a form page's title, marked when it comes back with errors.
func formTitle(heading string, errs views.Errors) string {
	if len(errs) > 0 {
		return "错误：" + heading
	}
	return heading
}

// dash shows an empty value as a dash.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
