package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// confirmOrganizationDelete asks before deleting a party organisation, or
// says at once what stops it: members, activities, brands, awards or a
// secretary's account that refer to it.
func (s *Server) confirmOrganizationDelete(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return err
	}
	o, _, err := s.store.OrganizationByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	by, err := s.store.OrganizationReferrers(ctx, id)
	if err != nil {
		return err
	}
	v := s.keyedDeleteView(c, "/workbench/organizations", "党组织", "删除党组织", staffOrganizationHref(id), o.Name)
	if len(by) > 0 {
		v.Refusal = (&store.ReferencedError{Collection: "organizations", Title: o.Name, By: by}).Error()
	}
	return s.showKeyedDelete(c, v)
}

// deleteOrganization deletes an organisation through the write path; while
// others refer to it the page says which, and nothing changes (409).
func (s *Server) deleteOrganization(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	_, err = s.store.DeleteOrganization(c.Request().Context(), actorOf(c), id)
	var refused *store.ReferencedError
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, "/workbench/organizations?done=deleted")
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.As(err, &refused):
		v := s.keyedDeleteView(c, "/workbench/organizations", "党组织", "删除党组织", staffOrganizationHref(id), refused.Title)
		v.Refusal = refused.Error()
		return s.render(c, http.StatusConflict, s.page(c, v.Heading), views.DeleteConfirmPage(v))
	}
	return err
}

// confirmMemberDelete asks before deleting a member's record.
func (s *Server) confirmMemberDelete(c echo.Context) error {
	m, _, err := s.memberAndKeyOf(c)
	if err != nil {
		return err
	}
	v := s.keyedDeleteView(c, "/workbench/members", "党员发展台账", "删除人员记录", staffMemberHref(m.ID), m.Name)
	return s.showKeyedDelete(c, v)
}

// deleteMember deletes a member's record through the write path.
func (s *Server) deleteMember(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	_, err = s.store.DeleteMember(c.Request().Context(), actorOf(c), id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/workbench/members?done=deleted")
}
