package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/web/sheet"
)

// memberSheet is the member ledger's export, and what an upload reads
// back: the interchange spec's fields (the organisation and enterprise by
// id or name, 管理层 as 是/否), then the names of the organisation and
// enterprise (shown, not read). Personal data: staff only.
var memberSheet = []sheetField{
	fieldColumn(store.Members, "id", 12, sheet.Text),
	nameColumn(store.Members, "name", 10),
	dateColumn(store.Members, "birth"),
	refColumn(store.Members, "organization", 14, store.Organizations),
	refColumn(store.Members, "enterprise", 12, store.Enterprises),
	boolColumn(store.Members, "management", "true", "false", "false"),
	dateColumn(store.Members, "applied"),
	dateColumn(store.Members, "activist"),
	dateColumn(store.Members, "candidate"),
	dateColumn(store.Members, "probationary"),
	dateColumn(store.Members, "full"),
	shownColumn("党组织名称", 30, sheet.Text),
	shownColumn("企业名称", 30, sheet.Text),
}

// exportMembers is /workbench/members.xlsx: the member ledger with the
// same query, every page of it.
func exportMembers(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	q, filter := memberQuery(c)
	org, err := s.organizationFilter(c.Request().Context(), &q, "organization", "所属党组织")
	if err != nil {
		return nil, nil, err
	}
	filter.Organization = org.ID
	rows, err := s.store.MembersForSheet(c.Request().Context(), filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.ID, r.Name, r.Birth, r.Organization, r.Enterprise, map[bool]string{true: "是", false: "否"}[r.Management],
			r.Applied, r.Activist, r.Candidate, r.Probationary, r.Full, r.OrganizationName, r.EnterpriseName}
	}
	return sheetColumns(memberSheet), out, nil
}
