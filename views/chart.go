package views

import (
	"math"
	"strconv"
	"strings"
)

// BarChart is a server-rendered inline SVG bar chart. It is an image for
// screen readers (role="img" with the numbers in its aria-label) and always
// stands beside a table of the same numbers.
type BarChart struct {
	Title      string // what the bars count, e.g. 新组建党组织（个）
	Bars       []Bar
	Horizontal bool // bars from the left, one per row (funnels, rankings)
}

// Bar is one bar: its label under (or before) it and its value as text.
type Bar struct {
	Label     string
	Value     float64
	Text      string // the value as shown, with its unit: "55家", "50%"
	Highlight bool   // the bar of the year the page is about
	// Note is a second line under the label of a column whose figure is
	// not final: "截至12月6日" under the year in progress, which is drawn
	// apart (columns only; the text alternative has it too).
	Note string
}

// AriaLabel is the chart's text alternative: its title and every value.
func (c BarChart) AriaLabel() string {
	parts := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		parts[i] = b.Label + " " + b.Text
		if b.Note != "" {
			parts[i] = b.Label + "（" + b.Note + "） " + b.Text
		}
	}
	return "柱状图：" + c.Title + "。" + strings.Join(parts, "，") + "。"
}

// chart geometry, in the SVG's own units.
const (
	chartWidth     = 480
	chartHeight    = 240
	chartTop       = 28 // room for the value over the tallest bar
	chartBottom    = 36 // room for the labels under the bars
	chartNoteLine  = 20 // and for a note under a label
	hBarRow        = 64 // a label line above each bar
	hBarHeight     = 26
	hValueWidth    = 90
	chartMinBarPix = 2
)

// chartBar is one bar placed in the SVG.
type chartBar struct {
	X, Y, W, H     string
	LabelX, LabelY string
	ValueX, ValueY string
	NoteY          string
	Label, Text    string
	Note           string
	Class          string
}

func (c BarChart) max() float64 {
	m := 0.0
	for _, b := range c.Bars {
		m = math.Max(m, b.Value)
	}
	return m
}

func f(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func (c BarChart) viewBox() string {
	return "0 0 " + strconv.Itoa(chartWidth) + " " + strconv.Itoa(c.height())
}

func (c BarChart) height() int {
	if c.Horizontal {
		return len(c.Bars)*hBarRow + 4
	}
	return chartHeight
}

// Dense reports whether the bars are too many for every value to be
// written over its bar on a phone (the table beside the chart has them).
func (c BarChart) Dense() bool { return !c.Horizontal && len(c.Bars) > 8 }

func (c BarChart) class() string {
	if c.Dense() {
		return "chart-svg chart-dense"
	}
	return "chart-svg"
}

// bottom is the room under the bars: a label, and a note where a bar has one.
func (c BarChart) bottom() float64 {
	for _, b := range c.Bars {
		if b.Note != "" && !c.Horizontal {
			return chartBottom + chartNoteLine
		}
	}
	return chartBottom
}

func (c BarChart) baseline() string { return f(float64(chartHeight) - c.bottom()) }

// placed lays the bars out.
func (c BarChart) placed() []chartBar {
	n := len(c.Bars)
	if n == 0 {
		return nil
	}
	max := c.max()
	scale := func(v, room float64) float64 {
		if max <= 0 || v <= 0 {
			return 0
		}
		return math.Max(chartMinBarPix, v/max*room)
	}
	out := make([]chartBar, n)
	for i, b := range c.Bars {
		cls := "bar"
		if b.Highlight {
			cls = "bar bar-current"
		}
		if b.Note != "" {
			cls += " bar-partial"
		}
		if c.Horizontal {
			room := float64(chartWidth - hValueWidth)
			w := scale(b.Value, room)
			y := float64(i * hBarRow)
			out[i] = chartBar{
				X: "0", Y: f(y + 28), W: f(w), H: f(hBarHeight),
				LabelX: "0", LabelY: f(y + 20),
				ValueX: f(w + 8), ValueY: f(y + 28 + hBarHeight/2 + 6),
				Label: b.Label, Text: b.Text, Class: cls,
			}
			continue
		}
		slot := float64(chartWidth-16) / float64(n)
		w := math.Min(slot*0.6, 72)
		x := 8 + slot*float64(i) + (slot-w)/2
		base := float64(chartHeight) - c.bottom()
		h := scale(b.Value, base-chartTop)
		y := base - h
		out[i] = chartBar{
			X: f(x), Y: f(y), W: f(w), H: f(h),
			LabelX: f(x + w/2), LabelY: f(base + 22),
			NoteY:  f(base + 22 + chartNoteLine),
			ValueX: f(x + w/2), ValueY: f(y - 8),
			Label: b.Label, Text: b.Text, Note: b.Note, Class: cls,
		}
	}
	return out
}
