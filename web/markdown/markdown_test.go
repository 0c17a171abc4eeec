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

// imgSrc finds the address of every image in the output.
var imgSrc = regexp.MustCompile(`<img[^>]*?\ssrc="([^"]*)"`)

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"**粗体** _斜体_ `代码`", "<script>alert(1)</script>", "[a](javascript:alert(1))",
		"<a href=\"x\" onclick=\"y\">z</a>", "| a | b |\n|---|---|\n| 1 | 2 |", "> 引用\n\n1. 一\n2. 二",
		"<iframe src=//x>", "![i](\"onerror=alert(1))", "&#106;avascript:alert(1)",
		"![a](/photos/1) ![b](https://example.org/b.png) ![c][r]\n\n[r]: //example.org/c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := HTML(src)
		if m := unsafe.FindString(out); m != "" {
			t.Fatalf("HTML(%q) = %q contains %q", src, out, m)
		}
		for _, m := range imgSrc.FindAllStringSubmatch(out, -1) {
			if !ownPhoto.MatchString(m[1]) {
				t.Fatalf("HTML(%q) = %q shows an image from %q", src, out, m[1])
			}
		}
	})
}

// A story shows only the portal's own photos; an image from anywhere else
// keeps its alt text and loses its address.
func TestHTMLKeepsOnlyThePortalsOwnPhotos(t *testing.T) {
	for _, c := range []struct{ in, want, not string }{
		{"![车间党员先锋岗](/photos/12)", `<img src="/photos/12" alt="车间党员先锋岗"`, ""},
		{"![缩略图](/photos/7/thumb)", `<img src="/photos/7/thumb" alt="缩略图"`, ""},
		{"![外站图片](https://tracker.example/p.png)", "外站图片", "tracker.example"},
		{"![协议相对](//tracker.example/p.png)", "协议相对", "tracker.example"},
		{"![主机名伪装](https://tracker.example/photos/12)", "主机名伪装", "tracker.example"},
		{"![不是照片](/admin/users)", "不是照片", "<img"},
		{"![别的路径](/photos/12/../../admin)", "别的路径", "<img"},
		{"![引用式][p]\n\n[p]: https://tracker.example/q.png", "引用式", "tracker.example"},
		{"[![链接里的图](https://tracker.example/r.png)](https://example.org/)", "链接里的图", "tracker.example"},
		{"前文![**加粗**说明](http://tracker.example/s.png)后文", "前文<strong>加粗</strong>说明后文", "<img"},
	} {
		got := HTML(c.in)
		if !strings.Contains(got, c.want) {
			t.Errorf("HTML(%q) = %q, want it to contain %q", c.in, got, c.want)
		}
		if c.not != "" && strings.Contains(got, c.not) {
			t.Errorf("HTML(%q) = %q still contains %q", c.in, got, c.not)
		}
	}
}
