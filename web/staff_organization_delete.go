package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/views"
)

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
