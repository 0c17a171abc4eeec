package sheet

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestMain lets this test binary play the child: with ChildEnv set it
// reads a workbook as the portal's binary would; the test-only variables
// make it crash or hang, as excelize may on a crafted file.
func TestMain(m *testing.M) {
	if os.Getenv(ChildEnv) == "1" {
		switch os.Getenv("SHEET_TEST_CHILD") {
		case "panic":
			panic("a crafted file")
		case "hang":
			time.Sleep(time.Hour)
		}
		ChildMain()
	}
	os.Exit(m.Run())
}

func testReader(t *testing.T, behaviour string) *Reader {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(exe, 2)
	r.env = append(r.env, "SHEET_TEST_CHILD="+behaviour)
	return r
}

func TestWriteThenReadGivesTheCellsBack(t *testing.T) {
	n := 35
	b, err := Write("企业台账", "企业台账 导出于2026年12月6日", []Column{{"企业编号", 10, Text, false}, {"统一社会信用代码", 20, Text, false}, {"员工人数", 8, Number, false}, {"成立日期", 12, Date, false}},
		[][]any{{"ent-1", "91430200MA4L1234X5", &n, "2020-02-29"}, {"ent-2", "", (*int)(nil), ""}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := testReader(t, "").Read(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "企业台账 导出于2026年12月6日" || rows[1][1] != "统一社会信用代码" || rows[2][1] != "91430200MA4L1234X5" || rows[2][2] != "35" {
		t.Fatalf("rows %q", rows)
	}
	if at, missing := FindHeader(rows, []string{"企业编号", "成立日期"}); at != 1 || missing != nil {
		t.Errorf("the header found at row %d, missing %q", at+1, missing)
	}
	if got := DateCell(rows[2][3]); got != "2020-02-29" {
		t.Errorf("the date came back as %q (%q)", got, rows[2][3])
	}
}

// FindHeader finds the header under a title or a clerk's own lines, and
// names what the likeliest header row lacks.
func TestFindHeader(t *testing.T) {
	rows := [][]string{{"企业台账 导出于2026年12月6日"}, {}, {"企业编号", " 企业名称 ", "发展阶段"}, {"ent-1", "甲", "初创期"}}
	if at, missing := FindHeader(rows, []string{"企业编号", "企业名称"}); at != 2 || missing != nil {
		t.Errorf("found row %d, missing %q", at+1, missing)
	}
	if at, missing := FindHeader(rows, []string{"企业编号", "统一社会信用代码"}); at != 2 || len(missing) != 1 || missing[0] != "统一社会信用代码" {
		t.Errorf("found row %d, missing %q", at+1, missing)
	}
	if at, missing := FindHeader([][]string{{}, {"名称"}}, []string{"企业编号"}); at != 1 || len(missing) != 1 {
		t.Errorf("no header: found row %d, missing %q", at+1, missing)
	}
}

// A ledger's sheet prints as a clerk files it: landscape A4, one page
// wide, the header row and the name column on every page, the title above
// the header, which is frozen and filtered, and the sheet named for the
// ledger.
func TestWritePrintsOnePageWide(t *testing.T) {
	columns := []Column{{Header: "企业编号", Width: 14}, {Header: "企业名称", Width: 36, Name: true}, {Header: "员工人数", Width: 10, Kind: Number}}
	b, err := Write("企业台账", "企业台账 导出于2026年12月6日", columns, [][]any{{"ent-1", "甲", 3}, {"ent-2", "乙", 4}})
	if err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if got := book.GetSheetList(); len(got) != 1 || got[0] != "企业台账" {
		t.Fatalf("sheets %q", got)
	}
	layout, err := book.GetPageLayout("企业台账")
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 || *layout.Size != 9 {
		t.Errorf("page: %s, %d wide, %d long, paper %d", *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight, *layout.Size)
	}
	props, err := book.GetSheetProps("企业台账")
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("not fitted to the page: %v", err)
	}
	names := map[string]string{}
	for _, d := range book.GetDefinedName() {
		names[d.Name+"@"+d.Scope] = d.RefersTo
	}
	if got, want := names["_xlnm.Print_Titles@企业台账"], "'企业台账'!$A:$B,'企业台账'!$2:$2"; got != want {
		t.Errorf("print titles %q, want %q (all: %q)", got, want, names)
	}
	if got, want := names["_xlnm._FilterDatabase@企业台账"], "'企业台账'!$A$2:$C$4"; got != want {
		t.Errorf("filter %q, want %q", got, want)
	}
	panes, err := book.GetPanes("企业台账")
	if err != nil || !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes %+v %v", panes, err)
	}
	if title, _ := book.GetCellValue("企业台账", "A1"); title != "企业台账 导出于2026年12月6日" {
		t.Errorf("title %q", title)
	}
	if header, _ := book.GetCellValue("企业台账", "B2"); header != "企业名称" {
		t.Errorf("header %q", header)
	}
}

func TestUnreadableFilesAreRefusedWithAReason(t *testing.T) {
	cases := map[string][]byte{
		"not a workbook": []byte("这不是 Excel 文件"),
		"too large":      bytes.Repeat([]byte("x"), MaxUploadBytes+1),
	}
	for name, data := range cases {
		_, err := testReader(t, "").Read(context.Background(), data)
		var u *ErrUnreadable
		if !errors.As(err, &u) || u.Reason == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestTooManyRowsAreRefused(t *testing.T) {
	book := excelize.NewFile()
	sw, _ := book.NewStreamWriter("Sheet1")
	for i := 1; i <= MaxRows+2; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{i})
	}
	sw.Flush()
	var buf bytes.Buffer
	book.WriteTo(&buf)
	_, err := testReader(t, "").Read(context.Background(), buf.Bytes())
	var u *ErrUnreadable
	if !errors.As(err, &u) || !strings.Contains(u.Reason, "行") {
		t.Errorf("too many rows: %v", err)
	}
}

// A crash or a runaway of the reader ends only the child.
func TestACrashingOrHangingReaderIsContained(t *testing.T) {
	b, _ := Write("表", "表", []Column{{Header: "a", Width: 5}}, [][]any{{"x"}})
	_, err := testReader(t, "panic").Read(context.Background(), b)
	var u *ErrUnreadable
	if !errors.As(err, &u) {
		t.Errorf("a panicking reader: %v", err)
	}
	r := testReader(t, "hang")
	r.timeout = 500 * time.Millisecond
	start := time.Now()
	_, err = r.Read(context.Background(), b)
	if !errors.As(err, &u) || !strings.Contains(u.Reason, "用时过长") {
		t.Errorf("a hanging reader: %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("the hanging reader was stopped after %v", time.Since(start))
	}
}

func TestDateCellReadsTheWaysClerksWriteDates(t *testing.T) {
	for in, want := range map[string]string{
		"2023-01-02": "2023-01-02", "2023/1/2": "2023-01-02", "2023.1.2": "2023-01-02", "2023年1月2日": "2023-01-02",
		"44928": "2023-01-02", "": "", "明天": "明天", "2023-02-30": "2023-02-30",
	} {
		if got := DateCell(in); got != want {
			t.Errorf("DateCell(%q) = %q, want %q", in, got, want)
		}
	}
}
