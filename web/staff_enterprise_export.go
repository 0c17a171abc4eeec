package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// enterpriseSheetColumns are the enterprise ledger's spreadsheet, export
// and upload alike: the interchange spec's fields in its order, then the
// ledger's derived columns (not read back on upload).
var enterpriseSheetColumns = []sheet.Column{
	{Header: store.FieldLabel("enterprises", "id"), Width: 14, Kind: sheet.Text},
	{Header: store.FieldLabel("enterprises", "name"), Width: 36, Kind: sheet.Text, Name: true},
	{Header: store.FieldLabel("enterprises", "credit_code"), Width: 22, Kind: sheet.Text},
	{Header: store.FieldLabel("enterprises", "stage"), Width: 10, Kind: sheet.Text},
	{Header: store.FieldLabel("enterprises", "stage_history"), Width: 34, Kind: sheet.Text},
	{Header: store.FieldLabel("enterprises", "employees"), Width: 10, Kind: sheet.Number},
	{Header: store.FieldLabel("enterprises", "sector"), Width: 14, Kind: sheet.Text},
	{Header: store.FieldLabel("enterprises", "founded"), Width: 12, Kind: sheet.Date},
	{Header: "党组织覆盖", Width: 16, Kind: sheet.Text},
	{Header: "专精特新", Width: 10, Kind: sheet.Text},
}

// stageHistoryText writes a stage history as one cell: 初创期 2020-01-01；成长期 2022-03-01.
func stageHistoryText(h []store.StageEntry) string {
	parts := make([]string, len(h))
	for i, e := range h {
		parts[i] = store.Label(store.Stages, e.Stage) + " " + e.Since
	}
	return strings.Join(parts, "；")
}

// exportEnterprises is /workbench/enterprises.xlsx: what the ledger shows
// with the same query, every page of it, as a spreadsheet a clerk opens in
// Excel or WPS and can upload again.
func exportEnterprises(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	f := parseEnterpriseListForm(c)
	rows, _, err := s.store.EnterpriseLedger(c.Request().Context(), store.EnterpriseFilter{
		Query: f.Query, Stage: f.Stage, Sector: f.Sector, Zjtx: f.Zjtx, Coverage: store.Coverage(f.Coverage), Surveyed: f.Surveyed, Sort: f.Sort,
		WithHistory: true,
	})
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.ID, r.Name, r.CreditCode, store.Label(store.Stages, r.Stage), stageHistoryText(r.StageHistory),
			r.Employees, r.Sector, r.Founded, store.Label(store.Coverages, string(r.Coverage)), map[bool]string{true: "是", false: ""}[r.Zjtx]}
	}
	return enterpriseSheetColumns, out, nil
}

// sendSheet answers with a workbook of one sheet, named for the ledger and
// titled with it and the day (China time, by the server's clock).
func (s *Server) sendSheet(c echo.Context, ledger, file string, columns []sheet.Column, rows [][]any) error {
	today := s.now().In(chinaTime)
	b, err := sheet.Write(ledger, ledger+" 导出于"+views.Date(today.Format(time.DateOnly)), columns, rows)
	if err != nil {
		return err
	}
	name := ledger + "-" + today.Format("20060102") + ".xlsx"
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.xlsx"; filename*=UTF-8''%s`, file, url.PathEscape(name)))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

// exportLink is the spreadsheet of what a ledger page shows.
func (f enterpriseListForm) exportLink() string {
	h := f.href(1)
	return strings.Replace(h, "/workbench/enterprises", "/workbench/enterprises.xlsx", 1)
}

// enterpriseSheet is the enterprise ledger's upload.
func (s *Server) enterpriseSheet() sheetKind[store.Enterprise] {
	label := func(f string) string { return store.FieldLabel("enterprises", f) }
	return sheetKind[store.Enterprise]{
		collection: "enterprises", ledger: "企业台账", section: "/workbench/enterprises",
		columns:  enterpriseSheetColumns[:8],
		required: []string{label("id"), label("name"), label("stage")},
		record: func(_ context.Context, cells map[string]string) (store.Enterprise, []store.Problem, error) {
			e := store.Enterprise{
				ID: cells[label("id")], Name: cells[label("name")], CreditCode: strings.ToUpper(cells[label("credit_code")]),
				Stage: choiceValue(store.Stages, cells[label("stage")]), Sector: cells[label("sector")], Founded: sheet.DateCell(cells[label("founded")]),
			}
			var ps []store.Problem
			if n, p := sheetCount("employees", cells[label("employees")]); p != nil {
				ps = append(ps, *p)
			} else {
				e.Employees = n
			}
			history, p := parseStageHistory(cells[label("stage_history")])
			if p != nil {
				ps = append(ps, *p)
			}
			e.StageHistory = history
			if len(ps) > 0 { // what could be read is checked too
				ps = append(ps, otherProblems(e.Validate(), "employees", "stage_history")...)
			}
			return e, ps, nil
		},
		ref:        func(_ map[string]string, e store.Enterprise) string { return e.ID },
		title:      func(_ context.Context, e store.Enterprise) (string, error) { return e.Name + "（" + e.ID + "）", nil },
		existing:   uploadByID(s.store.EnterprisesByIDs),
		save:       s.store.SaveEnterpriseUpload,
		fieldOrder: enterpriseFields,
		suggestIDs: func(ctx context.Context, n int, taken map[string]bool) ([]string, error) {
			return s.store.SuggestIDs(ctx, "enterprises", n, taken)
		},
	}
}

// choiceValue is the value of a choice typed by its label (初创期) or by
// its value (startup); anything else as typed, for the rules to refuse.
func choiceValue(choices []store.Choice, typed string) string {
	for _, c := range choices {
		if typed == c.Label || typed == c.Value {
			return c.Value
		}
	}
	return typed
}

// sheetCount reads a whole number from a cell: "35", or "35.0" as Excel
// may store it.
func sheetCount(field, cell string) (*int, *store.Problem) {
	if cell == "" {
		return nil, nil
	}
	cell = strings.TrimSuffix(cell, ".0")
	n, err := strconv.Atoi(cell)
	if err != nil {
		return nil, &store.Problem{Field: field, Code: store.CodeInteger, Message: "须为整数，而不是“" + clip(cell, 20) + "”"}
	}
	return &n, nil
}

// parseStageHistory reads the stage history cell as the export writes it.
func parseStageHistory(cell string) ([]store.StageEntry, *store.Problem) {
	var out []store.StageEntry
	for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return r == '；' || r == ';' || r == '\n' }) {
		fields := strings.Fields(part)
		if len(fields) != 2 {
			return nil, &store.Problem{Field: "stage_history", Code: store.CodeDate, Message: "每项须为“阶段 日期”，如“初创期 2020-01-01”，各项以“；”分隔；这里是“" + clip(part, 30) + "”"}
		}
		out = append(out, store.StageEntry{Stage: choiceValue(store.Stages, fields[0]), Since: sheet.DateCell(fields[1])})
	}
	return out, nil
}
