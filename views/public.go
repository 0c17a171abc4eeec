package views

import (
	"math"
	"strconv"
	"strings"
)

// The public site's view models: each holds exactly what a page shows, as
// text already in the users' words (dates as 2023年12月30日, counts with
// their measure words, ratios as percentages).

// Stat is one key figure: "55家" above "覆盖初创期企业".
type Stat struct {
	Key   string // a stable name for tests and data attributes
	Value string
	Label string
	Note  string // optional, below the label
}

// Link is a labelled href.
type Link struct {
	Href  string
	Label string
}

// ActivityItem is one published activity as a story.
type ActivityItem struct {
	Href         string // its own page, /activities/{id}
	Title        string
	Date         string // 2023年4月1日
	DateISO      string
	Program      string // 孵化工程·育种计划
	ProgramHref  string
	Kind         string // 讲堂
	Organizer    string
	Participants string // "30人参加", or ""
	Summary      string
	Photos       []PhotoRef
}

// BrandItem is a published brand on the showcase wall.
type BrandItem struct {
	Href         string
	Name         string
	Slogan       string
	Launched     string // 2021年6月1日
	Organization string
	Enterprises  []Link
	Emblem       Emblem
}

// AwardItem is one entry of the honour roll.
type AwardItem struct {
	Year         int
	Level        string // 市级
	Kind         string // 标杆党组织
	Title        string
	Organization string
	Enterprises  []Link
}

// Table is a data table with a caption; the first cell of each row is its
// header (th scope="row").
type Table struct {
	Caption string
	Head    []string // column headers, the first over the row headers
	Rows    []TableRow
	TestID  string
	Text    []int // indexes into Head of the columns that hold text, not numbers
}

// numeric reports whether column i (an index into Head) holds numbers.
func (t Table) numeric(i int) bool {
	for _, c := range t.Text {
		if c == i {
			return false
		}
	}
	return true
}

func (t Table) cellClass(cell int) string {
	if t.numeric(cell + 1) {
		return "num"
	}
	return ""
}

// TableRow is one row of a Table.
type TableRow struct {
	Head     string
	HeadHref string
	Cells    []string
}

// Figure is a chart with its numbers beside it in a table.
type Figure struct {
	Chart BarChart
	Table Table
	Note  string
}

// Option is one choice of a select.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// Count writes n with its measure word: Count(5, "个") is "5个".
func Count(n int, unit string) string { return Thousands(int64(n)) + unit }

// Thousands writes n with thousands separators: 12,345.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Percent writes a ratio as a whole percentage: 0.5 is "50%".
func Percent(ratio float64) string {
	return strconv.Itoa(int(math.Round(ratio*100))) + "%"
}

// Yuan writes an amount in fen as yuan: 1234550 is "12,345.5元".
func Yuan(fen int64) string {
	s := Thousands(fen / 100)
	if r := fen % 100; r != 0 {
		if r < 0 {
			r = -r
		}
		d := strconv.FormatInt(r+100, 10)[1:]
		s += "." + strings.TrimRight(d, "0")
	}
	return s + "元"
}

// Year writes a year: "2023年".
func Year(y int) string { return strconv.Itoa(y) + "年" }

// Paragraphs splits a text on blank lines and line breaks.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Wan writes an amount in fen briefly, for chart labels: 4.0万 from 40,195
// yuan, and whole yuan below ten thousand.
func Wan(fen int64) string {
	yuan := fen / 100
	if yuan < 10000 && yuan > -10000 {
		return strconv.FormatInt(yuan, 10)
	}
	return strconv.FormatFloat(math.Round(float64(yuan)/1000)/10, 'f', 1, 64) + "万"
}
