package story

import (
	"regexp"
	"strings"
	"testing"
)

// A story is paragraphs, line breaks and bold text, in Chinese as typed
// (punctuation inside or beside the asterisks); everything else reads as
// typed, and nothing active survives.
func TestHTMLIsParagraphsAndEmphasis(t *testing.T) {
	for _, c := range []struct{ in, want, not string }{
		{"**红色引擎**", "<p><strong>红色引擎</strong></p>", ""},
		{"第一段。\n\n第二段。", "<p>第一段。</p>\n<p>第二段。</p>", ""},
		{"支部把**“党员先锋岗”**设在一线", "支部把<strong>“党员先锋岗”</strong>设在一线", "**"},
		{"**这一句。**下一句", "<strong>这一句。</strong>下一句", "**"},
		{"前**一**中**二**后**三", "前<strong>一</strong>中<strong>二</strong>后**三", ""},
		{"空的****不算", "空的****不算", "<strong"},
		{"**跨\n两行**", "<strong>跨<br", ""},
		{"**不跨\n\n段落**", "<p>**不跨</p>", "<strong"},
		{"第一行\n第二行", "第一行<br", ""},
		{"支部把**党员先锋岗**设在一线", "支部把<strong>党员先锋岗</strong>设在一线", ""},
		{"# 不是标题", "# 不是标题", "<h1"},
		{"- 不是列表\n1. 也不是", "- 不是列表", "<li"},
		{"[链接](https://example.org/)", "[链接](https://example.org/)", "<a"},
		{"![图](/photos/1)", "![图](/photos/1)", "<img"},
		{"<script>alert(1)</script>\n\n正文", "正文", "<script"},
		{`<img src=x onerror="alert(1)">`, "&lt;img", "<img"},
		{"> 不是引用", "&gt; 不是引用", "<blockquote"},
		{"    四个空格", "四个空格", "<pre"},
		{"`不是代码`", "`不是代码`", "<code"},
		{"3*4=12，5*6=30", "3*4=12", ""},
	} {
		got := HTML(c.in)
		if !strings.Contains(got, c.want) {
			t.Errorf("HTML(%q) = %q, want it to contain %q", c.in, got, c.want)
		}
		if c.not != "" && strings.Contains(strings.ToLower(got), c.not) {
			t.Errorf("HTML(%q) = %q still contains %q", c.in, got, c.not)
		}
	}
}

// tags are the elements in the output; a story has only these three.
var tags = regexp.MustCompile(`<\s*/?\s*([a-zA-Z0-9]+)`)

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"**粗体** _斜体_ `代码`", "<script>alert(1)</script>", "[a](javascript:alert(1))",
		"<a href=\"x\" onclick=\"y\">z</a>", "| a | b |\n|---|---|\n| 1 | 2 |", "> 引用\n\n1. 一\n2. 二",
		"<iframe src=//x>", "![i](\"onerror=alert(1))", "&#106;avascript:alert(1)", "***a** b*", "**<b>x</b>**",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := HTML(src)
		for _, m := range tags.FindAllStringSubmatch(out, -1) {
			switch strings.ToLower(m[1]) {
			case "p", "br", "strong":
			default:
				t.Fatalf("HTML(%q) = %q holds <%s>", src, out, m[1])
			}
		}
		if strings.Contains(out, "=") && regexp.MustCompile(`<[^>]*=`).MatchString(out) {
			t.Fatalf("HTML(%q) = %q holds an attribute", src, out)
		}
	})
}

// What a secretary types reads as typed: a backslash, an entity, an
// underscore, one asterisk.
func TestHTMLShowsTextAsTyped(t *testing.T) {
	for in, want := range map[string]string{
		`C:\党建\资料`:          `C:\党建\资料`,
		"&lt;b&gt; 与 &amp;": "&amp;lt;b&amp;gt; 与 &amp;amp;",
		"file_name_一":       "file_name_一",
		"*单星*":              "*单星*",
		"**加粗**与*单星*":       "<strong>加粗</strong>与*单星*",
	} {
		if got := HTML(in); !strings.Contains(got, want) {
			t.Errorf("HTML(%q) = %q, want %q", in, got, want)
		}
	}
}
