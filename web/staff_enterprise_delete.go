package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// confirmEnterpriseDelete asks before deleting an enterprise, or says at
// once what stops it (MOJ "confirm an action").
func (s *Server) confirmEnterpriseDelete(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return err
	}
	e, _, err := s.store.EnterpriseByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	by, err := s.store.EnterpriseReferrers(ctx, id)
	if err != nil {
		return err
	}
	v := s.enterpriseDeleteView(c, id, e.Name)
	if len(by) > 0 {
		v.Refusal = (&store.ReferencedError{Collection: "enterprises", Title: e.Name, By: by}).Error()
	}
	return s.render(c, http.StatusOK, s.page(c, v.Heading), views.DeleteConfirmPage(v))
}

func (s *Server) enterpriseDeleteView(c echo.Context, id, name string) views.DeleteConfirm {
	return views.DeleteConfirm{
		Heading: "删除企业", Title: name,
		Trail:  []views.Link{{Href: "/workbench/enterprises", Label: "企业台账"}, {Href: staffEnterpriseHref(id), Label: name}},
		Action: staffEnterpriseHref(id) + "/delete", CancelURL: staffEnterpriseHref(id), CSRF: s.csrfToken(c),
	}
}

// deleteEnterprise deletes an enterprise through the write path; while
// others refer to it the page says which, and nothing changes (409).
func (s *Server) deleteEnterprise(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	_, err = s.store.DeleteEnterprise(c.Request().Context(), actorOf(c), id)
	var refused *store.ReferencedError
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, "/workbench/enterprises?done=deleted")
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.As(err, &refused):
		v := s.enterpriseDeleteView(c, id, refused.Title)
		v.Refusal = refused.Error()
		return s.render(c, http.StatusConflict, s.page(c, v.Heading), views.DeleteConfirmPage(v))
	}
	return err
}
