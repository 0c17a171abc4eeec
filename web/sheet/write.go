// Package sheet writes the ledgers' spreadsheets and reads uploaded ones.
// Reading runs in a child process with limits (read.go): excelize has
// known panics and runaways on crafted files, and a clerk's upload must
// not be able to take the portal down.
package sheet

import (
	"bytes"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"parkportal/store"
)

// Column is one column of a ledger's spreadsheet: its header (the field's
// Chinese label), its width, and how its cells are written.
type Column struct {
	Header string
	Width  float64
	Kind   Kind
}

// Kind is how a column's cells are written.
type Kind int

// The kinds of cells.
const (
	Text   Kind = iota // text cells, so that an 18-character code never becomes 9.1E+17
	Number             // numbers; a value of *int, int, float64 or *store.Money
	Date               // real dates from YYYY-MM-DD strings
)

// Write is a workbook of one sheet named name: the header row frozen, the
// columns at their widths, each value written as its column's kind.
func Write(name string, columns []Column, rows [][]any) ([]byte, error) {
	book := excelize.NewFile()
	defer book.Close()
	if err := book.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	sw, err := book.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	st, err := newStyles(book)
	if err != nil {
		return nil, err
	}
	for i, col := range columns {
		if err := sw.SetColWidth(i+1, i+1, col.Width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	header := make([]any, len(columns))
	for i, col := range columns {
		header[i] = excelize.Cell{Value: col.Header, StyleID: st.header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	cells := make([]any, len(columns))
	for n, row := range rows {
		for i := range columns {
			var v any
			if i < len(row) {
				v = row[i]
			}
			cells[i] = st.cell(columns[i].Kind, v)
		}
		at, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(at, cells); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := book.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// styles are the cell styles of a ledger's spreadsheet.
type styles struct{ header, text, date int }

func newStyles(book *excelize.File) (styles, error) {
	var ids styles
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

// cell writes one value as its column's kind.
func (st styles) cell(kind Kind, v any) any {
	switch kind {
	case Number:
		switch n := v.(type) {
		case *int:
			if n == nil {
				return nil
			}
			return *n
		case int:
			return n
		case float64:
			return n
		case *store.Money:
			if n == nil {
				return nil
			}
			return float64(*n) / 100
		}
	case Date:
		if s, ok := v.(string); ok {
			if s == "" {
				return nil
			}
			if t, ok := store.ParseDate(s); ok {
				return excelize.Cell{Value: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), StyleID: st.date}
			}
			return excelize.Cell{Value: s, StyleID: st.text}
		}
	}
	if v == nil {
		return nil
	}
	s := fmt.Sprint(v)
	if s == "" {
		return nil
	}
	return excelize.Cell{Value: s, StyleID: st.text}
}
