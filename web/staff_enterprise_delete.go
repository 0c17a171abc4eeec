package web

import (
	"errors"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// enterpriseDeleteView is the confirmation of deleting the enterprise of
// the URL, or, while other records refer to it, what stops it (MOJ
// "confirm an action").
func (s *Server) enterpriseDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	e, _, err := s.store.EnterpriseByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return views.DeleteConfirm{}, echo.ErrNotFound
	}
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	by, err := s.store.EnterpriseReferrers(ctx, id)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	v := views.DeleteConfirm{
		Heading: "删除企业", Title: e.Name,
		Trail:  []views.Link{{Href: "/workbench/enterprises", Label: "企业台账"}, {Href: staffEnterpriseHref(id), Label: e.Name}},
		Action: staffEnterpriseHref(id) + "/delete", CancelURL: staffEnterpriseHref(id), CSRF: s.csrfToken(c),
		Edit: views.Edit{Version: e.Version},
	}
	if len(by) > 0 {
		v.Refusal = (&store.ReferencedError{Collection: "enterprises", Title: e.Name, By: by}).Error()
	}
	return v, nil
}

// confirmEnterpriseDelete asks before deleting an enterprise, or says at
// once what stops it.
func (s *Server) confirmEnterpriseDelete(c echo.Context) error {
	v, err := s.enterpriseDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteEnterprise deletes an enterprise through the write path; while
// others refer to it the page says which, and nothing changes (409).
func (s *Server) deleteEnterprise(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.deleteConfirmed(c, "/workbench/enterprises", func(version int64) error {
		_, err := s.store.DeleteEnterprise(c.Request().Context(), actorOf(c), id, version)
		return err
	}, s.enterpriseDeleteView)
}
