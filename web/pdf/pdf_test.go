package pdf

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// needFonts skips without the fonts (fails when CI=true: .ci/run
// installs them).
func needFonts(t *testing.T) (cjk, latin []byte) {
	t.Helper()
	cjk, latin, err := fontData()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return cjk, latin
}

func TestWrapLosesNothingAndKeepsClosingMarksBack(t *testing.T) {
	cjk, latin := needFonts(t)
	p := page{Fpdf: fpdf.New("P", "mm", "A4", "")}
	p.AddUTF8FontFromBytes("cjk", "", cjk)
	p.AddUTF8FontFromBytes("latin", "", latin)
	text := "当年有“三有”摸排记录的企业数，同一企业多次摸排只计一次。当年摸排的企业中，最后一次摸排同时满足有固定场所、有10名以上员工、有生产经营活动（JSON 中为 null）的企业数。"
	for _, width := range []float64{20, 33, 47, 61.5, 86} {
		lines := p.wrap(text, width, 8.5)
		// A space where a line breaks goes; nothing else does.
		if got := strings.Join(lines, ""); got != text && strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("width %v: the lines join to\n%s\nnot\n%s", width, got, text)
		}
		for i, l := range lines {
			r, _ := utf8.DecodeRuneInString(l)
			if i > 0 && strings.ContainsRune(closingMarks, r) {
				t.Errorf("width %v: line %d starts with %q", width, i+1, r)
			}
			if w := p.width(l, 8.5); w > width+3 {
				t.Errorf("width %v: line %d is %.1f mm wide", width, i+1, w)
			}
		}
		if width < 50 && len(lines) < 2 {
			t.Errorf("width %v: no wrapping", width)
		}
	}
}

func TestEqualFormsGiveEqualFiles(t *testing.T) {
	needFonts(t)
	var rows []Row
	for range 40 {
		rows = append(rows, Row{Label: "新发展党员", Value: "68名", Definition: "当年被接收为预备党员的人数。"})
	}
	f := Form{Title: "测试园区2023年度园区党建工作年报", Heading: []Field{{"填报单位", "测试园区"}, {"负责人", "李"}},
		Sections: []Section{{Title: "提质工程·壮苗计划", Rows: rows}}, Created: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	a, err := Write(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Write(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Error("the same form gave different files")
	}
	cjk, latin := needFonts(t)
	_, pages, err := render(f, cjk, latin, 0)
	if err != nil || pages < 2 {
		t.Errorf("forty rows fit on %d page(s): %v", pages, err)
	}
}

// A character beyond the Basic Multilingual Plane (a rare surname, an
// emoji) is drawn as □ instead of crashing the writer.
func TestCharactersBeyondTheBasicPlaneDoNotCrash(t *testing.T) {
	needFonts(t)
	f := Form{Title: "𠮷野家园区年报", Heading: []Field{{"负责人", "𠮷田 😀"}},
		Sections: []Section{{Title: "孵化", Rows: []Row{{Label: "𠀀", Value: "1家", Definition: "说明🙂"}}}}}
	b, err := Write(f)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("a form with 𠮷 and 😀: %v", err)
	}
	if f.Title != "𠮷野家园区年报" {
		t.Error("Write changed the caller's form")
	}
}
