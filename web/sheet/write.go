// Package sheet writes the ledgers' spreadsheets and reads uploaded ones.
// Reading runs in a child process with limits (read.go): excelize has
// known panics and runaways on crafted files, and a clerk's upload must
// not be able to take the portal down.
package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"parkportal/store"
)

// Column is one column of a ledger's spreadsheet: its header (the field's
// Chinese label), its width, and how its cells are written. Name marks
// the column that names a row (企业名称): on paper it and the columns
// before it repeat on every page; without one, the first column does.
type Column struct {
	Header string
	Width  float64
	Kind   Kind
	Name   bool
}

// Kind is how a column's cells are written.
type Kind int

// The kinds of cells.
const (
	Text   Kind = iota // text cells, so that an 18-character code never becomes 9.1E+17
	Number             // numbers; a value of *int, int, float64 or *store.Money
	Date               // real dates from YYYY-MM-DD strings
)

// The layout of every ledger's sheet: a title row, then the header row,
// then one row per record.
const titleRow = 1

// Write is a workbook of one sheet named name (the ledger: 企业台账) that
// prints as a clerk files it: title (企业台账 导出于2026年12月6日) in a row
// above the header; landscape A4, fitted to one page wide and as many long
// as it takes, with the header row and the name column on every page and
// the page number at the foot; the header row frozen and filtered; the
// columns at their widths, each value written as its column's kind. An
// upload reads it back: the reader finds the header row under the title.
func Write(name, title string, columns []Column, rows [][]any) ([]byte, error) {
	return WriteHeaded(name, title, nil, columns, rows)
}

// WriteHeaded is Write with lines of text between the title and the
// header row: a form's heading (填报单位, 负责人, 报出时间).
func WriteHeaded(name, title string, lines []string, columns []Column, rows [][]any) ([]byte, error) {
	headerRow := titleRow + 1 + len(lines)
	book := excelize.NewFile()
	defer book.Close()
	book.SetZipWriter(fastZip)
	if err := book.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	// What the stream writer does not set comes first: it writes the
	// sheet's properties when it starts and the rest when it ends.
	if err := printLayout(book, name, columns, headerRow, len(rows)); err != nil {
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
	// Last to first: the stream writer puts each column's width before
	// those already set, and a spreadsheet wants them in order.
	for i := len(columns) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, columns[i].Width); err != nil {
			return nil, err
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, headerRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: first, ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{Value: title, StyleID: st.title}}, excelize.RowOpts{Height: 24}); err != nil {
		return nil, err
	}
	if len(columns) > 1 {
		last, _ := excelize.CoordinatesToCellName(len(columns), titleRow)
		if err := sw.MergeCell("A1", last); err != nil {
			return nil, err
		}
	}
	for i, line := range lines {
		at, _ := excelize.CoordinatesToCellName(1, titleRow+1+i)
		if err := sw.SetRow(at, []any{excelize.Cell{Value: line, StyleID: st.text}}); err != nil {
			return nil, err
		}
		if len(columns) > 1 {
			last, _ := excelize.CoordinatesToCellName(len(columns), titleRow+1+i)
			if err := sw.MergeCell(at, last); err != nil {
				return nil, err
			}
		}
	}
	header := make([]any, len(columns))
	for i, col := range columns {
		header[i] = excelize.Cell{Value: col.Header, StyleID: st.header}
	}
	at, _ := excelize.CoordinatesToCellName(1, headerRow)
	if err := sw.SetRow(at, header); err != nil {
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
		at, _ := excelize.CoordinatesToCellName(1, headerRow+1+n)
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

// printLayout sets how the sheet prints and filters: page setup, print
// titles and the header row's filter, for a sheet of n records.
func printLayout(book *excelize.File, name string, columns []Column, headerRow, n int) error {
	a4, landscape, wide, long := 9, "landscape", 1, 0 // fitToHeight 0: as many pages long as it takes
	if err := book.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &long}); err != nil {
		return err
	}
	if err := book.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	if len(columns) > 0 {
		nameColumn := 1
		for i, col := range columns {
			if col.Name {
				nameColumn = i + 1
				break
			}
		}
		letter, _ := excelize.ColumnNumberToName(nameColumn)
		sheetRef := "'" + strings.ReplaceAll(name, "'", "''") + "'!"
		if err := book.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("%s$A:$%s,%s$%d:$%d", sheetRef, letter, sheetRef, headerRow, headerRow),
			Scope:    name,
		}); err != nil {
			return err
		}
		from, _ := excelize.CoordinatesToCellName(1, headerRow)
		to, _ := excelize.CoordinatesToCellName(len(columns), headerRow+max(n, 1))
		if err := book.AutoFilter(name, from+":"+to, nil); err != nil {
			return err
		}
	}
	// Last: the filter sets the sheet's properties anew.
	fit := true
	return book.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// styles are the cell styles of a ledger's spreadsheet.
type styles struct{ title, header, text, date int }

func newStyles(book *excelize.File) (styles, error) {
	var ids styles
	var err error
	if ids.title, err = book.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Vertical: "center"}}); err != nil {
		return ids, err
	}
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

// fastZip is the workbook's archive, its parts deflated at the fastest
// level: a workbook is downloaded once, and the default level took a third
// of an export of 100,000 activities for a file about a fifth smaller.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}
