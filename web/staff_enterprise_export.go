package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"parkportal/store"
)

// sheetColumn is one column of a ledger's spreadsheet: its header (the
// field's Chinese label), its width, and how its cells are written.
type sheetColumn struct {
	header string
	width  float64
	kind   string // "text", "number", "date"
}

// enterpriseSheetColumns are the enterprise ledger's columns, in the
// interchange spec's order, then the ledger's derived columns (not read
// back on import).
var enterpriseSheetColumns = []sheetColumn{
	{store.FieldLabel("enterprises", "id"), 14, "text"},
	{store.FieldLabel("enterprises", "name"), 36, "text"},
	{store.FieldLabel("enterprises", "credit_code"), 22, "text"},
	{store.FieldLabel("enterprises", "stage"), 10, "text"},
	{store.FieldLabel("enterprises", "stage_history"), 34, "text"},
	{store.FieldLabel("enterprises", "employees"), 10, "number"},
	{store.FieldLabel("enterprises", "sector"), 14, "text"},
	{store.FieldLabel("enterprises", "founded"), 12, "date"},
	{"党组织覆盖", 16, "text"},
	{"专精特新", 10, "text"},
}

// exportEnterpriseLedger is /workbench/enterprises.xlsx: what the ledger
// shows with the same query, every page of it, as a spreadsheet a clerk
// opens in Excel or WPS: Chinese headers, the header row frozen, codes as
// text, numbers as numbers, dates as dates.
func (s *Server) exportEnterpriseLedger(c echo.Context) error {
	f := parseEnterpriseListForm(c)
	rows, _, err := s.store.EnterpriseLedger(c.Request().Context(), store.EnterpriseFilter{
		Query: f.Query, Stage: f.Stage, Sector: f.Sector, Zjtx: f.Zjtx, Coverage: store.Coverage(f.Coverage), Surveyed: f.Surveyed, Sort: f.Sort,
	})
	if err != nil {
		return err
	}
	book := excelize.NewFile()
	defer book.Close()
	const sheet = "企业台账"
	if err := book.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := book.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	styles, err := sheetStyles(book)
	if err != nil {
		return err
	}
	for i, col := range enterpriseSheetColumns {
		if err := sw.SetColWidth(i+1, i+1, col.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(enterpriseSheetColumns))
	for i, col := range enterpriseSheetColumns {
		header[i] = excelize.Cell{Value: col.header, StyleID: styles.header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for n, r := range rows {
		var history []string
		for _, h := range r.StageHistory {
			history = append(history, store.Label(store.Stages, h.Stage)+" "+h.Since)
		}
		values := []any{r.ID, r.Name, r.CreditCode, store.Label(store.Stages, r.Stage), strings.Join(history, "；"),
			r.Employees, r.Sector, r.Founded, store.Label(store.Coverages, string(r.Coverage)), map[bool]string{true: "是", false: ""}[r.Zjtx]}
		cells := make([]any, len(values))
		for i, v := range values {
			cells[i] = sheetCell(enterpriseSheetColumns[i].kind, v, styles)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := book.WriteTo(&buf); err != nil {
		return err
	}
	name := "企业台账-" + s.now().In(chinaTime).Format("20060102") + ".xlsx"
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="enterprises.xlsx"; filename*=UTF-8''%s`, url.PathEscape(name)))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// sheetStyleIDs are the cell styles of a ledger's spreadsheet.
type sheetStyleIDs struct{ header, text, date int }

func sheetStyles(book *excelize.File) (sheetStyleIDs, error) {
	var ids sheetStyleIDs
	var err error
	if ids.header, err = book.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F1ECE8"}}}); err != nil {
		return ids, err
	}
	textFormat := "@"
	if ids.text, err = book.NewStyle(&excelize.Style{CustomNumFmt: &textFormat}); err != nil {
		return ids, err
	}
	dateFormat := "yyyy-mm-dd"
	ids.date, err = book.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	return ids, err
}

// sheetCell writes one value as its column's kind: text as text (so that
// an 18-character code never becomes 9.1E+17), numbers as numbers, dates
// as real dates.
func sheetCell(kind string, v any, styles sheetStyleIDs) any {
	switch kind {
	case "number":
		if n, ok := v.(*int); ok {
			if n == nil {
				return nil
			}
			return *n
		}
	case "date":
		if s, ok := v.(string); ok {
			if s == "" {
				return nil
			}
			if t, ok := store.ParseDate(s); ok {
				return excelize.Cell{Value: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), StyleID: styles.date}
			}
			return excelize.Cell{Value: s, StyleID: styles.text}
		}
	}
	s := fmt.Sprint(v)
	if s == "" {
		return nil
	}
	return excelize.Cell{Value: s, StyleID: styles.text}
}

// exportLink is the spreadsheet of what a ledger page shows.
func (f enterpriseListForm) exportLink() string {
	h := f.href(1)
	return strings.Replace(h, "/workbench/enterprises", "/workbench/enterprises.xlsx", 1)
}
