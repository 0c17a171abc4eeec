package web

import (
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/web/sheet"
)

// memberSheetColumns are the member ledger's spreadsheet, export and
// upload alike: the interchange spec's fields, then the names of the
// organisation and enterprise (not read back). Personal data: staff only.
var memberSheetColumns = []sheet.Column{
	{Header: store.FieldLabel("members", "id"), Width: 12, Kind: sheet.Text},
	{Header: store.FieldLabel("members", "name"), Width: 10, Kind: sheet.Text, Name: true},
	{Header: store.FieldLabel("members", "birth"), Width: 12, Kind: sheet.Date},
	{Header: store.FieldLabel("members", "organization"), Width: 14, Kind: sheet.Text},
	{Header: store.FieldLabel("members", "enterprise"), Width: 12, Kind: sheet.Text},
	{Header: store.FieldLabel("members", "management"), Width: 8, Kind: sheet.Text},
	{Header: store.FieldLabel("members", "applied"), Width: 14, Kind: sheet.Date},
	{Header: store.FieldLabel("members", "activist"), Width: 14, Kind: sheet.Date},
	{Header: store.FieldLabel("members", "candidate"), Width: 14, Kind: sheet.Date},
	{Header: store.FieldLabel("members", "probationary"), Width: 14, Kind: sheet.Date},
	{Header: store.FieldLabel("members", "full"), Width: 14, Kind: sheet.Date},
	{Header: "党组织名称", Width: 30, Kind: sheet.Text},
	{Header: "企业名称", Width: 30, Kind: sheet.Text},
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
	return memberSheetColumns, out, nil
}

// memberSheet is the member ledger's upload. The organisation and the
// enterprise may be given by id or by full name.
func (s *Server) memberSheet() sheetKind[store.Member] {
	label := func(f string) string { return store.FieldLabel("members", f) }
	kind := sheetKind[store.Member]{
		collection: "members", ledger: "党员发展台账", section: "/workbench/members",
		columns:  memberSheetColumns[:11],
		required: []string{label("id"), label("name"), label("birth"), label("organization"), label("applied")},
		record: func(_ context.Context, cells map[string]string) (store.Member, []store.Problem, error) {
			m := store.Member{
				ID: cells[label("id")], Name: cells[label("name")], Birth: sheet.DateCell(cells[label("birth")]),
				Organization: cells[label("organization")], Enterprise: cells[label("enterprise")],
				Applied: sheet.DateCell(cells[label("applied")]), Activist: sheet.DateCell(cells[label("activist")]),
				Candidate: sheet.DateCell(cells[label("candidate")]), Probationary: sheet.DateCell(cells[label("probationary")]),
				Full: sheet.DateCell(cells[label("full")]),
			}
			var ps []store.Problem
			switch strings.TrimSpace(cells[label("management")]) {
			case "是", "true", "1":
				m.Management = true
			case "否", "false", "0", "":
			default:
				ps = append(ps, store.Problem{Field: "management", Code: store.CodeRequired, Message: "请填“是”或“否”"})
				ps = append(ps, otherProblems(m.Validate(), "management")...)
			}
			return m, ps, nil
		},
		ref:        func(_ map[string]string, m store.Member) string { return m.ID },
		title:      func(_ context.Context, m store.Member) (string, error) { return m.Name + "（" + m.ID + "）", nil },
		existing:   uploadByID(s.store.MembersByIDs),
		save:       s.store.SaveMemberUpload,
		fieldOrder: memberFields,
		suggestIDs: func(ctx context.Context, n int, taken map[string]bool) ([]string, error) {
			return s.store.SuggestIDs(ctx, "members", n, taken)
		},
	}
	// Organisations and enterprises typed by name become their ids, for
	// every row at once.
	kind.resolve = func(ctx context.Context, rows []store.Member) error {
		orgs := make([]string, len(rows))
		ents := make([]string, len(rows))
		for i, m := range rows {
			orgs[i], ents[i] = m.Organization, m.Enterprise
		}
		orgIDs, err := s.store.OrganizationIDsFor(ctx, orgs)
		if err != nil {
			return err
		}
		entIDs, err := s.store.EnterpriseIDsFor(ctx, ents)
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].Organization, rows[i].Enterprise = orgIDs[i], entIDs[i]
		}
		return nil
	}
	return kind
}
