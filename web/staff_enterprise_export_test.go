package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The ledger's export holds what the ledger shows, every page: Chinese
// headers, the header row frozen, codes as text, numbers as numbers and
// dates as dates.
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
	if rows[0][0] != "企业编号" || rows[0][2] != "统一社会信用代码" || rows[0][7] != "成立日期" {
		t.Errorf("headers = %v", rows[0])
	}
	if want := strings.TrimSuffix(strings.TrimPrefix(shown, "共 "), " 家企业"); want != strconv.Itoa(len(rows)-1) {
		t.Errorf("the sheet has %d rows, the ledger shows %s", len(rows)-1, want)
	}
	for _, r := range rows[1:] {
		if r[3] != "成熟期" {
			t.Fatalf("a row of stage %q in the mature-only export", r[3])
		}
	}
	panes, err := book.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v: want the header row frozen", panes, err)
	}
	// Find a row with a credit code, employees and a founding date.
	for i := 2; i <= len(rows); i++ {
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
