package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A small workbook that expands hugely ends its reader at the memory cap
// with the clerk's "无法读取" message, and two hostile readers at once stay
// under 1.5 GB together: each child's peak resident memory, as the kernel
// counted it, is under half of that. The largest sheet the limits let
// through (20,000 rows of 64 columns of text) is still read whole.
func TestWorkbooksThatExpandHugelyStayWithinTheReadersMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a process test, hostile workbooks read in child processes up to their memory cap")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the children's peak memory is read from Linux's getrusage")
	}
	books := map[string][]byte{
		// 100 MB of empty shared strings, 150 KB zipped: excelize decodes
		// them all, 64 bytes each, before it reads a cell.
		"shared strings": expandingWorkbook(t, func(w func(string)) {
			w(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			for range (unzipXMLLimit - 1024) / 5 / 1024 {
				w(strings.Repeat("<si/>", 1024))
			}
			w(`</sst>`)
		}, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`),
		// Rows whose one cell is in the last column: excelize gives each
		// row 16,384 cells, of which the reader keeps 64.
		"wide rows": expandingWorkbook(t, nil, func() string {
			var b strings.Builder
			for i := 1; i <= 5000; i++ {
				fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, i, i)
			}
			return b.String()
		}()),
		"largest sheet": expandingWorkbook(t, nil, func() string {
			var b strings.Builder
			for i := 1; i <= MaxRows+1; i++ {
				fmt.Fprintf(&b, `<row r="%d">`, i)
				for c := range MaxColumns {
					fmt.Fprintf(&b, `<c t="inlineStr"><is><t>株洲示例%05d科技有限公司%02d</t></is></c>`, i, c)
				}
				b.WriteString(`</row>`)
			}
			return b.String()
		}()),
	}
	counts := map[string]int{}
	r := testReader(t, "")
	r.timeout = 10 * time.Minute // this test is about memory: a busy machine is slow
	var mu sync.Mutex
	errs := map[string]error{}
	var wg sync.WaitGroup
	for name, b := range books {
		wg.Go(func() {
			rows, err := r.Read(context.Background(), b)
			for _, row := range rows {
				if len(row) > MaxColumns {
					err = fmt.Errorf("a row of %d columns", len(row))
					break
				}
			}
			mu.Lock()
			defer mu.Unlock()
			errs[name], counts[name] = err, len(rows)
		})
	}
	wg.Wait()
	var u *ErrUnreadable
	if err := errs["shared strings"]; !errors.As(err, &u) || !strings.Contains(u.Reason, "无法读取") {
		t.Errorf("the shared strings' reader: %v, want the clerk's 无法读取 message", err)
	}
	for _, name := range []string{"wide rows", "largest sheet"} {
		if err := errs[name]; err != nil {
			t.Errorf("reading the %s: %v", name, err)
		}
	}
	if n := counts["largest sheet"]; n != MaxRows+1 {
		t.Errorf("the largest sheet gave %d rows, want %d", n, MaxRows+1)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		t.Fatal(err)
	}
	peak := ru.Maxrss << 10 // kilobytes on Linux
	t.Logf("the largest reader's peak resident memory: %d MB", peak>>20)
	const together = 1500 << 20
	if 2*peak > together {
		t.Errorf("a reader peaked at %d MB: two at once could take %d MB, over %d MB", peak>>20, 2*peak>>20, together>>20)
	}
}

// expandingWorkbook is a workbook of one sheet with the rows given, and
// shared strings written by sst (none when nil).
func expandingWorkbook(t *testing.T, sst func(w func(string)), rows string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	part := func(name string, write func(w func(string))) {
		f, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(func(s string) {
			if _, err := f.Write([]byte(s)); err != nil {
				t.Fatal(err)
			}
		})
	}
	text := func(s string) func(func(string)) { return func(w func(string)) { w(s) } }
	const decl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`
	part("[Content_Types].xml", text(decl+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`))
	part("_rels/.rels", text(decl+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(decl+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", text(decl+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`))
	if sst == nil {
		sst = text(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`)
	}
	part("xl/sharedStrings.xml", func(w func(string)) { w(decl); sst(w) })
	part("xl/worksheets/sheet1.xml", text(decl+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+
		`<dimension ref="A1:XFD1048576"/><sheetData>`+rows+`</sheetData></worksheet>`))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if b.Len() > MaxUploadBytes {
		t.Fatalf("the workbook is %d KB, over the upload limit", b.Len()>>10)
	}
	return b.Bytes()
}
