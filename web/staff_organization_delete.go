package web

import (
	"errors"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// organizationDeleteView is the confirmation of deleting the organisation
// of the URL, or, when members, activities, brands, awards or a
// secretary's account refer to it, what stops it.
func (s *Server) organizationDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	o, _, err := s.store.OrganizationByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return views.DeleteConfirm{}, echo.ErrNotFound
	}
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	by, err := s.store.OrganizationReferrers(ctx, id)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	v := s.keyedDeleteView(c, "/workbench/organizations", "党组织", "删除党组织", staffOrganizationHref(id), o.Name, o.Version)
	if len(by) > 0 {
		v.Refusal = (&store.ReferencedError{Collection: "organizations", Title: o.Name, By: by}).Error()
	}
	return v, nil
}

// confirmOrganizationDelete asks before deleting a party organisation, or
// says at once what stops it.
func (s *Server) confirmOrganizationDelete(c echo.Context) error {
	v, err := s.organizationDeleteView(c)
	if err != nil {
		return err
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
	return s.deleteConfirmed(c, "/workbench/organizations", func(version int64) error {
		_, err := s.store.DeleteOrganization(c.Request().Context(), actorOf(c), id, version)
		return err
	}, s.organizationDeleteView)
}

// memberDeleteView is the confirmation of deleting the member of the URL.
func (s *Server) memberDeleteView(c echo.Context) (views.DeleteConfirm, error) {
	m, _, err := s.memberAndKeyOf(c)
	if err != nil {
		return views.DeleteConfirm{}, err
	}
	return s.keyedDeleteView(c, "/workbench/members", "党员发展台账", "删除人员记录", staffMemberHref(m.ID), m.Name, m.Version), nil
}

// confirmMemberDelete asks before deleting a member's record.
func (s *Server) confirmMemberDelete(c echo.Context) error {
	v, err := s.memberDeleteView(c)
	if err != nil {
		return err
	}
	return s.showKeyedDelete(c, v)
}

// deleteMember deletes a member's record through the write path.
func (s *Server) deleteMember(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.deleteConfirmed(c, "/workbench/members", func(version int64) error {
		_, err := s.store.DeleteMember(c.Request().Context(), actorOf(c), id, version)
		return err
	}, s.memberDeleteView)
}
