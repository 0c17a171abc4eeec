package markdown

import (
	"regexp"
	"strings"
	"testing"
)

func TestHTMLKeepsMarkdownAndDropsScripts(t *testing.T) {
	for _, c := range []struct{ in, want, not string }{
		{"**红色引擎**", "<strong>红色引擎</strong>", ""},
		{"- 党员先锋岗\n- 技术攻关队", "<li>党员先锋岗</li>", ""},
		{"<script>alert(1)</script>\n\n正文", "正文", "<script"},
		{"[点我](javascript:alert(1))", "点我", "javascript:"},
		{`<img src=x onerror="alert(1)">`, "", "onerror"},
		{"[园区](https://example.org/)", `rel="nofollow"`, ""},
		{"![x](data:text/html;base64,PHNjcmlwdD4=)", "", "data:text/html"},
	} {
		got := HTML(c.in)
		if c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("HTML(%q) = %q, want it to contain %q", c.in, got, c.want)
		}
		if c.not != "" && strings.Contains(strings.ToLower(got), c.not) {
			t.Errorf("HTML(%q) = %q still contains %q", c.in, got, c.not)
		}
	}
}

// unsafe is what must never reach a page: an active element, an event
// handler, a script URL in a link or an image.
var unsafe = regexp.MustCompile(`(?i)<\s*(script|iframe|object|embed|style|form|input)|<[^>]*\son[a-z]+\s*=|(href|src)\s*=\s*"?\s*(javascript|vbscript|data):`)

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"**粗体** _斜体_ `代码`", "<script>alert(1)</script>", "[a](javascript:alert(1))",
		"<a href=\"x\" onclick=\"y\">z</a>", "| a | b |\n|---|---|\n| 1 | 2 |", "> 引用\n\n1. 一\n2. 二",
		"<iframe src=//x>", "![i](\"onerror=alert(1))", "&#106;avascript:alert(1)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := HTML(src)
		if m := unsafe.FindString(out); m != "" {
			t.Fatalf("HTML(%q) = %q contains %q", src, out, m)
		}
	})
}
