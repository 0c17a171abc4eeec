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
	b, err := Write("企业台账", []Column{{"企业编号", 10, Text}, {"统一社会信用代码", 20, Text}, {"员工人数", 8, Number}, {"成立日期", 12, Date}},
		[][]any{{"ent-1", "91430200MA4L1234X5", &n, "2020-02-29"}, {"ent-2", "", (*int)(nil), ""}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := testReader(t, "").Read(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][1] != "统一社会信用代码" || rows[1][1] != "91430200MA4L1234X5" || rows[1][2] != "35" {
		t.Fatalf("rows %q", rows)
	}
	if got := DateCell(rows[1][3]); got != "2020-02-29" {
		t.Errorf("the date came back as %q (%q)", got, rows[1][3])
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
	b, _ := Write("表", []Column{{"a", 5, Text}}, [][]any{{"x"}})
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
