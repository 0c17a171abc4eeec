package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// listMembers is /workbench/members: everyone on the way to party
// membership, filtered by organisation, stage and management; ?developed=Y
// keeps those admitted as probationary members in Y (the report's figure).
// Members' personal data: staff only. Queries: the organisation typed,
// count, page.
func listMembers(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	q, filter := memberQuery(c)
	stage, management := filter.Stage, filter.Management
	org, err := s.organizationFilter(ctx, &q, "organization", "所属党组织")
	if err != nil {
		return ledgerList{}, err
	}
	filter.Organization = org.ID
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, total, err := s.store.MemberLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "姓名或编号",
		Filters: []views.SelectFilter{
			org.Filter,
			{Name: "stage", Label: "发展阶段", Any: "全部阶段", Options: options(store.MemberStageChoices, stage)},
			{Name: "management", Label: "管理层", Any: "不限", Options: options(yesNoChoices, management)},
		},
		Hidden: q.hidden("organization", "stage", "management"),
		Tags: q.tags(func(key, value string) string {
			switch key {
			case "organization":
				return "所属党组织：" + org.Name
			case "stage":
				return "发展阶段：" + store.Label(store.MemberStageChoices, value)
			case "management":
				return "管理层：" + store.Label(yesNoChoices, value)
			}
			return value + "年接收为预备党员"
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 人",
		Empty: "没有符合条件的人员。",
		Columns: []views.LedgerColumn{
			{Label: "姓名", Sort: q.sortLink("姓名", "name")}, {Label: "所属党组织"}, {Label: "所在企业"}, {Label: "发展阶段"},
			{Label: "进入该阶段日期", Sort: q.sortLink("进入该阶段日期", "since")}, {Label: "管理层"},
		},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.Name, Href: staffMemberHref(r.ID)},
			{Text: r.OrganizationName, Href: staffOrganizationHref(r.Organization) + "/members"},
			{Text: r.EnterpriseName},
			{Text: store.Label(store.MemberStageChoices, r.Stage)},
			{Text: views.Date(r.Since)},
			{Text: map[bool]string{true: "是", false: ""}[r.Management]},
		})
	}
	return ledgerList{view: v, title: q.title("党员发展台账", pages)}, nil
}

// memberQuery is the member ledger's query and the filter it selects.
func memberQuery(c echo.Context) (ledgerQuery, store.MemberFilter) {
	q := parseLedgerQuery(c, memberLedger, []string{"name", "since"})
	f := store.MemberFilter{Query: q.Query, Sort: q.Sort}
	f.Organization = q.text(c, "organization")
	f.Stage = q.choice(c, "stage", store.MemberStageChoices)
	f.Management = q.choice(c, "management", yesNoChoices)
	f.Developed = q.year(c, "developed")
	return q, f
}
