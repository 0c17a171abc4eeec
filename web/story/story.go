// Package story renders the stories secretaries and staff write (a brand's
// story) as HTML that is safe to put on the public site. A story is plain
// text: a blank line starts a paragraph, a line break stays one, and two
// asterisks on each side of words (**党员先锋岗**) make them bold; the
// form's 加粗 button writes them and its 预览 shows the result. Nothing
// else is markup: a heading's #, a list's -, a link's brackets or an HTML
// tag read as typed, so that a secretary who never heard of Markdown gets
// what they wrote.
//
// The pairs are matched here, left to right within a paragraph, not by a
// Markdown parser: CommonMark's rules for where emphasis may open and
// close count Chinese punctuation as punctuation, so **“党员先锋岗”** in
// the middle of a sentence, or a bold sentence ending in 。, would stay
// asterisks. The text is escaped, and bluemonday, allowing only the four
// elements written here, cleans the result all the same.
package story

import (
	"html"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "strong")
	return p
})

// HTML is src as paragraphs, line breaks and bold text, escaped and
// sanitised; "" for a story of blanks.
func HTML(src string) string {
	var b strings.Builder
	for _, para := range paragraphs(src) {
		parts := strings.Split(para, "**")
		b.WriteString("<p>" + lines(parts[0]))
		i := 1
		for ; i+1 < len(parts); i += 2 {
			if inner := parts[i]; strings.TrimSpace(inner) == "" {
				b.WriteString("**" + lines(inner) + "**") // **** is no bold text
			} else {
				b.WriteString("<strong>" + lines(inner) + "</strong>")
			}
			b.WriteString(lines(parts[i+1]))
		}
		if i < len(parts) { // a marker without its pair stays as typed
			b.WriteString("**" + lines(parts[i]))
		}
		b.WriteString("</p>\n")
	}
	return policy().Sanitize(b.String())
}

// paragraphs splits src on blank lines, each paragraph's lines trimmed.
func paragraphs(src string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// lines is text escaped, its line breaks <br>.
func lines(text string) string {
	return strings.ReplaceAll(html.EscapeString(text), "\n", "<br>\n")
}
