// Package story renders the stories secretaries and staff write (a brand's
// story) as HTML that is safe to put on the public site. A story is plain
// text: a blank line starts a paragraph, a line break stays one, and
// **two asterisks** around words emphasise them (the form's 加粗 button
// writes them, and its preview shows the result). Nothing else is markup:
// a heading's #, a list's -, a link's brackets or an HTML tag read as
// typed, so that a secretary who never heard of Markdown gets what they
// wrote. goldmark parses it with only its paragraph and emphasis parsers;
// bluemonday's policy for user content then cleans the output, so that
// even a parser bug cannot carry a script or an event handler through.
package story

import (
	"bytes"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

var (
	md = goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
			parser.WithInlineParsers(util.Prioritized(parser.NewEmphasisParser(), 500)),
		)),
		// No html.WithUnsafe: nothing raw passes.
		goldmark.WithRendererOptions(html.WithHardWraps()),
	)
	policy = sync.OnceValue(func() *bluemonday.Policy {
		p := bluemonday.NewPolicy()
		p.AllowElements("p", "br", "strong", "em")
		return p
	})
)

// HTML is src rendered and sanitised. Source that goldmark cannot render
// is shown as escaped text.
func HTML(src string) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(plain(src)), &buf); err != nil {
		return policy().Sanitize("<p>" + bluemonday.StrictPolicy().Sanitize(src) + "</p>")
	}
	return policy().SanitizeReader(&buf).String()
}

// plain escapes everything in src that goldmark would read as markup but a
// story does not mean as markup: backslashes, entities (&lt;), underscores
// and any run of asterisks other than two; and it drops each line's leading
// spaces, which would make an indented line a code block, or nothing.
func plain(src string) string {
	var b strings.Builder
	for i, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		line = strings.TrimLeft(line, " \t")
		for j := 0; j < len(line); j++ {
			switch c := line[j]; c {
			case '\\', '&', '_':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '*':
				n := 1
				for j+n < len(line) && line[j+n] == '*' {
					n++
				}
				if n == 2 {
					b.WriteString("**")
				} else {
					b.WriteString(strings.Repeat(`\*`, n))
				}
				j += n - 1
			default:
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}
