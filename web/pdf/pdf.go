// Package pdf writes the portal's printable forms (the annual return) as
// PDF, on the server and without a browser: A4, a heading of labelled
// fields, tables of figures with their definitions, page numbers, and a
// Chinese TrueType font embedded (subset), so that a reader searches and
// copies the text.
//
// fpdf's UTF-8 fonts must be TrueType with glyf outlines: Debian's Noto
// CJK fonts are CFF and do not load; fonts-droid-fallback's
// DroidSansFallbackFull.ttf does.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The fonts, from Debian: fonts-droid-fallback's CJK font, which has
// no Latin letters or digits, and fonts-dejavu-core's DejaVu Sans for
// those. PORTAL_PDF_FONT and PORTAL_PDF_LATIN_FONT name others.
const (
	DefaultFont      = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
	DefaultLatinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

// ErrNoFont: the server lacks a font to write the form with.
var ErrNoFont = errors.New("pdf: a font is missing (install fonts-droid-fallback and fonts-dejavu-core, or set PORTAL_PDF_FONT and PORTAL_PDF_LATIN_FONT)")

var fonts struct {
	mu         sync.Mutex
	cjk, latin []byte
}

// fontData reads the fonts once they are there: a few megabytes, kept
// for the process; a failed read is tried again on the next PDF, so that
// installing the fonts needs no restart.
func fontData() (cjk, latin []byte, err error) {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	if fonts.cjk != nil && fonts.latin != nil {
		return fonts.cjk, fonts.latin, nil
	}
	read := func(env, path string) ([]byte, error) {
		if p := os.Getenv(env); p != "" {
			path = p
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoFont, err)
		}
		return b, nil
	}
	if cjk, err = read("PORTAL_PDF_FONT", DefaultFont); err != nil {
		return nil, nil, err
	}
	if latin, err = read("PORTAL_PDF_LATIN_FONT", DefaultLatinFont); err != nil {
		return nil, nil, err
	}
	fonts.cjk, fonts.latin = cjk, latin
	return cjk, latin, nil
}

// Available says whether the server can write a PDF (its fonts are there).
func Available() bool {
	_, _, err := fontData()
	return err == nil
}

// Field is one labelled value of a form's heading: 填报单位 天元区.
type Field struct{ Label, Value string }

// Row is one figure of a table: its name, its value with its unit, and
// how it is counted.
type Row struct{ Label, Value, Definition string }

// Section is one titled table of figures.
type Section struct {
	Title string
	Rows  []Row
}

// Form is a printable form: its title, the lines under it, its heading
// fields (two to a line; a field marked Wide takes a line of its own),
// its tables and a closing note.
type Form struct {
	Title    string
	Lines    []string
	Heading  []Field
	Wide     map[string]bool // heading labels that take a whole line
	Sections []Section
	Note     string
	Created  time.Time // the document's date (the filing's), so equal forms give equal files
	Subject  string
}

// The page's geometry, in millimetres.
const (
	margin     = 18.0
	pageWidth  = 210.0
	pageHeight = 297.0
	bodyWidth  = pageWidth - 2*margin
	footerAt   = pageHeight - 12
	bottom     = pageHeight - 22 // where the body stops
	lineHeight = 5.2
	labelWidth = 62.0
	valueWidth = 26.0
	defWidth   = bodyWidth - labelWidth - valueWidth
)

// Write renders f as PDF. It lays the form out twice: the first time to
// count its pages, the second to print "第 n 页 共 N 页" on each (an alias
// substituted at the end would need the digits in the font subset).
func Write(f Form) ([]byte, error) {
	cjk, latin, err := fontData()
	if err != nil {
		return nil, err
	}
	f = f.basicPlane()
	_, pages, err := render(f, cjk, latin, 0)
	if err != nil {
		return nil, err
	}
	out, _, err := render(f, cjk, latin, pages)
	return out, err
}

// basicPlane is f with every character beyond the Basic Multilingual
// Plane (an emoji, a rare character such as 𠮷) drawn as □: fpdf's
// Unicode fonts map only the first 65,536 code points, and panic past
// them.
func (f Form) basicPlane() Form {
	fix := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r > 0xFFFF {
				return '□'
			}
			return r
		}, s)
	}
	f.Title, f.Note, f.Subject = fix(f.Title), fix(f.Note), fix(f.Subject)
	f.Lines = slices.Clone(f.Lines)
	for i := range f.Lines {
		f.Lines[i] = fix(f.Lines[i])
	}
	f.Heading = slices.Clone(f.Heading)
	for i := range f.Heading {
		f.Heading[i].Label, f.Heading[i].Value = fix(f.Heading[i].Label), fix(f.Heading[i].Value)
	}
	sections := make([]Section, len(f.Sections))
	for i, sec := range f.Sections {
		sections[i] = Section{Title: fix(sec.Title), Rows: slices.Clone(sec.Rows)}
		for j := range sections[i].Rows {
			r := &sections[i].Rows[j]
			r.Label, r.Value, r.Definition = fix(r.Label), fix(r.Value), fix(r.Definition)
		}
	}
	f.Sections = sections
	return f
}

// page is the document being drawn.
type page struct {
	*fpdf.Fpdf
}

// fontOf is the font a character is drawn in: the CJK font from the CJK
// radicals on (CJK punctuation, kana, ideographs, fullwidth forms), the
// Latin one below (letters, digits, “”, ·, —).
func fontOf(r rune) string {
	if r >= 0x2E80 {
		return "cjk"
	}
	return "latin"
}

// runs cuts text into pieces of one font each.
func runs(text string) (out []struct{ font, text string }) {
	start, font := 0, ""
	for i, r := range text {
		f := fontOf(r)
		if f != font && i > start {
			out = append(out, struct{ font, text string }{font, text[start:i]})
			start = i
		}
		font = f
	}
	if start < len(text) {
		out = append(out, struct{ font, text string }{font, text[start:]})
	}
	return out
}

// width is how wide text is drawn at size pt.
func (p page) width(text string, pt float64) float64 {
	w := 0.0
	for _, r := range runs(text) {
		p.SetFont(r.font, "", pt)
		w += p.GetStringWidth(r.text)
	}
	return w
}

// text draws text in a box at (x, y) of width w and height h, vertically
// centred and aligned L, C or R, at size pt.
func (p page) text(x, y, w, h float64, text string, align string, pt float64) {
	switch align {
	case "C":
		x += (w - p.width(text, pt)) / 2
	case "R":
		x += w - p.width(text, pt) - 1
	default:
		x++
	}
	baseline := y + h/2 + 0.3*pt/p.GetConversionRatio()
	for _, r := range runs(text) {
		p.SetFont(r.font, "", pt)
		p.Text(x, baseline, r.text)
		x += p.GetStringWidth(r.text)
	}
}

// box draws a bordered box, filled with the heading's colour or not.
func (p page) box(x, y, w, h float64, fill bool) {
	style := "D"
	if fill {
		p.SetFillColor(241, 236, 232)
		style = "FD"
	}
	p.Rect(x, y, w, h, style)
}

// wrap breaks text into lines no wider than w at size pt: at any
// character, since Chinese has no spaces. (fpdf's SplitText drops the
// character it breaks at when it is Chinese.)
// closingMarks are the punctuation marks a line does not start with.
const closingMarks = "。，、；：！？）》」』”’.,;:!?)%"

func (p page) wrap(text string, w, pt float64) []string {
	var lines []string
	var line []rune
	width := 0.0
	for _, r := range text {
		if r == '\n' {
			lines, line, width = append(lines, string(line)), nil, 0
			continue
		}
		cw := p.width(string(r), pt)
		// A closing mark never starts a line (禁则): it stays on the one
		// before, a little past the width.
		if width+cw > w-2 && len(line) > 0 && !strings.ContainsRune(closingMarks, r) {
			lines, line, width = append(lines, string(line)), nil, 0
			if r == ' ' {
				continue
			}
		}
		line = append(line, r)
		width += cw
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, string(line))
	}
	return lines
}

func render(f Form, cjk, latin []byte, pages int) ([]byte, int, error) {
	p := page{Fpdf: fpdf.New("P", "mm", "A4", "")}
	p.SetCompression(true)
	p.SetCatalogSort(true)
	p.SetCreationDate(f.Created)
	p.SetModificationDate(f.Created)
	p.SetTitle(f.Title, true)
	p.SetSubject(f.Subject, true)
	p.SetCreator("园区党建工作平台", true)
	p.SetLang("zh-CN")
	p.AddUTF8FontFromBytes("cjk", "", cjk)
	p.AddUTF8FontFromBytes("latin", "", latin)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(false, 0)
	p.SetDrawColor(120, 110, 105)
	p.SetFooterFunc(func() {
		text := fmt.Sprintf("第 %d 页", p.PageNo())
		if pages > 0 {
			text += fmt.Sprintf("  共 %d 页", pages)
		}
		p.SetTextColor(90, 90, 90)
		p.text(margin, footerAt, bodyWidth, 5, text, "C", 9)
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()
	y := margin

	// The title and the lines under it.
	for _, line := range p.wrap(f.Title, bodyWidth, 16) {
		p.text(margin, y, bodyWidth, 9, line, "C", 16)
		y += 9
	}
	for _, l := range f.Lines {
		for _, line := range p.wrap(l, bodyWidth, 10) {
			p.text(margin, y, bodyWidth, lineHeight, line, "C", 10)
			y += lineHeight
		}
	}
	y += 3

	// The heading: labelled fields, two to a line, a long value wrapped
	// within its cell and the line as tall as its tallest cell.
	const headLabel, headLine, headPad = 22.0, 5.0, 1.25
	half := bodyWidth / 2
	for i := 0; i < len(f.Heading); i++ {
		cells := []Field{f.Heading[i]}
		width := bodyWidth
		if !f.Wide[cells[0].Label] && i+1 < len(f.Heading) && !f.Wide[f.Heading[i+1].Label] {
			cells = append(cells, f.Heading[i+1])
			width = half
			i++
		}
		lines := make([][]string, len(cells))
		rows := 1
		for j, fl := range cells {
			lines[j] = p.wrap(fl.Value, width-headLabel, 10)
			rows = max(rows, len(lines[j]))
		}
		h := float64(rows)*headLine + 2*headPad
		for j, fl := range cells {
			x := margin + float64(j)*half
			p.box(x, y, headLabel, h, true)
			p.box(x+headLabel, y, width-headLabel, h, false)
			p.text(x, y+headPad, headLabel, headLine, fl.Label, "L", 10)
			for k, l := range lines[j] {
				p.text(x+headLabel, y+headPad+float64(k)*headLine, width-headLabel, headLine, l, "L", 10)
			}
		}
		y += h
	}
	y += 5

	// The tables, their head repeated on each page they run onto.
	const rowLine, pad = 4.4, 1.2
	tableHead := func() {
		for _, c := range []struct {
			x, w float64
			t    string
		}{{margin, labelWidth, "指标"}, {margin + labelWidth, valueWidth, "数值"}, {margin + labelWidth + valueWidth, defWidth, "统计口径"}} {
			p.box(c.x, y, c.w, 7, true)
			p.text(c.x, y, c.w, 7, c.t, "C", 9.5)
		}
		y += 7
	}
	newPage := func() {
		p.AddPage()
		y = margin
	}
	for _, sec := range f.Sections {
		if y+9+7+2*rowLine+2*pad > bottom {
			newPage()
		}
		p.text(margin, y, bodyWidth, 9, sec.Title, "L", 12)
		y += 9
		tableHead()
		for _, r := range sec.Rows {
			labels := p.wrap(r.Label, labelWidth, 9)
			defs := p.wrap(r.Definition, defWidth, 8.5)
			h := float64(max(len(labels), len(defs), 1))*rowLine + 2*pad
			if y+h > bottom {
				newPage()
				p.text(margin, y, bodyWidth, 6, sec.Title+"（续）", "L", 9)
				y += 6
				tableHead()
			}
			p.box(margin, y, labelWidth, h, false)
			p.box(margin+labelWidth, y, valueWidth, h, false)
			p.box(margin+labelWidth+valueWidth, y, defWidth, h, false)
			for i, l := range labels {
				p.text(margin, y+pad+float64(i)*rowLine, labelWidth, rowLine, l, "L", 9)
			}
			p.text(margin+labelWidth, y+pad, valueWidth, rowLine, r.Value, "R", 9.5)
			p.SetTextColor(60, 60, 60)
			for i, l := range defs {
				p.text(margin+labelWidth+valueWidth, y+pad+float64(i)*rowLine, defWidth, rowLine, l, "L", 8.5)
			}
			p.SetTextColor(0, 0, 0)
			y += h
		}
		y += 4
	}
	if f.Note != "" {
		lines := p.wrap(f.Note, bodyWidth, 9)
		if y+float64(len(lines))*lineHeight > bottom {
			newPage()
		}
		for _, l := range lines {
			p.text(margin, y, bodyWidth, lineHeight, l, "L", 9)
			y += lineHeight
		}
	}
	n := p.PageNo()
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, 0, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), n, nil
}
