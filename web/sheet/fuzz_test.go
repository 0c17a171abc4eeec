package sheet

import (
	"bytes"
	"testing"
)

// FuzzReadWorkbook reads arbitrary bytes as an .xlsx file, as the child
// reader does: no panic, and what it reads stays within the limits.
func FuzzReadWorkbook(f *testing.F) {
	book, err := Write("企业", "企业 导出于2026年12月6日", []Column{{Header: "企业名称", Width: 20}, {Header: "员工人数", Width: 10, Kind: Number}}, [][]any{{"测试", 12}, {"=1+1", -3}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(book)
	f.Add(book[:len(book)/2])
	f.Add([]byte("PK\x03\x04not really a zip"))
	f.Add([]byte("企业名称,员工人数\n测试,12\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := readWorkbook(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(rows) > MaxRows+1 {
			t.Fatalf("%d rows read", len(rows))
		}
	})
}
