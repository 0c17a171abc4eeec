package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// enterpriseSheet is the enterprise ledger's export, and what an upload
// reads back: the interchange spec's fields in its order, the stage by its
// label and the stage history as one cell, then the ledger's derived
// columns (shown, not read).
var enterpriseSheet = []sheetField{
	fieldColumn(store.Enterprises, "id", 14, sheet.Text),
	nameColumn(store.Enterprises, "name", 36),
	fieldColumn(store.Enterprises, "credit_code", 22, sheet.Text),
	choiceColumn(store.Enterprises, "stage", 10, store.Stages),
	stageHistoryColumn(),
	fieldColumn(store.Enterprises, "employees", 10, sheet.Number),
	fieldColumn(store.Enterprises, "sector", 14, sheet.Text),
	dateColumn(store.Enterprises, "founded"),
	shownColumn("党组织覆盖", 16, sheet.Text),
	shownColumn("专精特新", 10, sheet.Text),
}

// stageHistoryColumn is the stage history as one cell, as stageHistoryText
// writes it: each entry 阶段 日期, entries joined by ；. It fills the form's
// rows of stages and dates.
func stageHistoryColumn() sheetField {
	f := fieldColumn(store.Enterprises, "stage_history", 34, sheet.Text)
	f.read = func(cell string) (url.Values, string) {
		v := url.Values{}
		for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return r == '；' || r == ';' || r == '\n' }) {
			fields := strings.Fields(part)
			if len(fields) != 2 {
				return nil, "每项须为“阶段 日期”，如“初创期 2020-01-01”，各项以“；”分隔；这里是“" + clip(part, 30) + "”"
			}
			v["stage_history.stage"] = append(v["stage_history.stage"], choiceValue(store.Stages, fields[0]))
			v["stage_history.since"] = append(v["stage_history.since"], sheet.DateCell(fields[1]))
		}
		return v, ""
	}
	return f
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
	return sheetColumns(enterpriseSheet), out, nil
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
