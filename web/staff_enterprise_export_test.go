package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The ledger's export holds what the ledger shows, every page: a title
// row naming the ledger and the day, Chinese headers under it, the header
// row frozen and filtered, codes as text, numbers as numbers and dates as
// dates; it prints landscape, one page wide, with the header row and the
// name column on every page.
func TestEnterpriseLedgerExport(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, body := ts.get(c, "/workbench/enterprises?stage=mature")
	d := doc(t, body)
	href, ok := d.Find(`[data-testid="export"]`).Attr("href")
	if !ok || href != "/workbench/enterprises.xlsx?stage=mature" {
		t.Fatalf("export link = %q", href)
	}
	shown := d.Find(`[data-testid="result-count"]`).Text()
	res, data := ts.get(c, href)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("export: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Error("not offered as a download")
	}
	book, err := excelize.OpenReader(bytes.NewReader([]byte(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	sheet := book.GetSheetName(0)
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rows[0][0], "企业台账 导出于"+ts.clock.Now().In(chinaTime).Format("2006年1月2日"); got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if rows[1][0] != "企业编号" || rows[1][1] != "企业名称" || rows[1][2] != "统一社会信用代码" || rows[1][7] != "成立日期" {
		t.Errorf("headers = %v", rows[1])
	}
	if want := strings.TrimSuffix(strings.TrimPrefix(shown, "共 "), " 家企业"); want != strconv.Itoa(len(rows)-2) {
		t.Errorf("the sheet has %d rows, the ledger shows %s", len(rows)-2, want)
	}
	for _, r := range rows[2:] {
		if r[3] != "成熟期" {
			t.Fatalf("a row of stage %q in the mature-only export", r[3])
		}
	}
	checkPrintLayout(t, book, "企业台账", "B", len(rows))
	// Find a row with a credit code, employees and a founding date.
	for i := 3; i <= len(rows); i++ {
		code, _ := book.GetCellValue(sheet, "C"+strconv.Itoa(i))
		if code == "" {
			continue
		}
		if typ, _ := book.GetCellType(sheet, "C"+strconv.Itoa(i)); typ == excelize.CellTypeNumber {
			t.Errorf("credit code %s is stored as a number", code)
		}
		if typ, _ := book.GetCellType(sheet, "F"+strconv.Itoa(i)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("employees in row %d are stored as %v", i, typ)
		}
		raw, _ := book.GetCellValue(sheet, "H"+strconv.Itoa(i), excelize.Options{RawCellValue: true})
		shown, _ := book.GetCellValue(sheet, "H"+strconv.Itoa(i))
		if raw != "" && (strings.Contains(raw, "-") || len(shown) != 10) {
			t.Errorf("founded in row %d: raw %q shown %q, want a date serial shown as yyyy-mm-dd", i, raw, shown)
		}
		return
	}
	t.Error("no row with a credit code")
}

// checkPrintLayout checks that a ledger's export prints as a clerk files
// it: the sheet named for the ledger, landscape A4 fitted to one page
// wide and any number long, the header row (row 2) and the columns up to
// the name column on every page, the header frozen and filtered over the
// sheet's rows.
func checkPrintLayout(t *testing.T, book *excelize.File, ledger, nameColumn string, rows int) {
	t.Helper()
	if got := book.GetSheetList(); len(got) != 1 || got[0] != ledger {
		t.Errorf("%s: sheets %q", ledger, got)
		return
	}
	layout, err := book.GetPageLayout(ledger)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 ||
		layout.FitToHeight == nil || *layout.FitToHeight != 0 {
		t.Errorf("%s: page layout %+v %v: want landscape, one page wide", ledger, layout, err)
	}
	if props, err := book.GetSheetProps(ledger); err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("%s: not fitted to the page (%v)", ledger, err)
	}
	names := map[string]string{}
	for _, d := range book.GetDefinedName() {
		names[d.Name+"@"+d.Scope] = d.RefersTo
	}
	ref := "'" + ledger + "'!"
	if got, want := names["_xlnm.Print_Titles@"+ledger], ref+"$A:$"+nameColumn+","+ref+"$2:$2"; got != want {
		t.Errorf("%s: print titles %q, want %q", ledger, got, want)
	}
	if got := names["_xlnm._FilterDatabase@"+ledger]; !strings.HasPrefix(got, ref+"$A$2:$") || !strings.HasSuffix(got, "$"+strconv.Itoa(max(rows, 3))) {
		t.Errorf("%s: filter over %q, want the header row (2) to row %d", ledger, got, rows)
	}
	if panes, err := book.GetPanes(ledger); err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("%s: panes %+v %v: want the title and header rows frozen", ledger, panes, err)
	}
}
