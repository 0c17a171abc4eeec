package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// A stitched member decodes to the layout's pieces, the request's values
// (escaped) and the content, whatever their sizes and however repetitive
// they are across the seams.
func TestStitchedGzipDecodesToTheWholePage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	piece := func(n int) []byte {
		words := []string{"<tr><td>", "企业", "株洲", "</td></tr>", "党支部", " ", "\n", "abc"}
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(words[r.IntN(len(words))])
		}
		return []byte(b.String())
	}
	fixed := func(b []byte) layoutPart {
		return layoutPart{raw: b, deflated: deflateSegment(b)}
	}
	for _, sizes := range [][3]int{{0, 0, 0}, {10, 0, 10}, {0, 100, 0}, {500, 70000, 300}, {3000, 1, 3000}, {100, 300000, 100}} {
		head, content, tail := piece(sizes[0]), piece(sizes[1]), piece(sizes[2])
		// The content holds forms' tokens: at its start, within, at its end.
		cut := len(content) / 3
		marked := []byte(csrfMarker + string(content[:cut]) + csrfMarker + string(content[cut:]) + csrfMarker)
		l := &staffLayout{parts: []layoutPart{fixed(head[:len(head)/2]), {marker: nonceMarker}, fixed(head[len(head)/2:]), {marker: viewerMarker},
			{marker: csrfMarker}, {marker: contentMarker}, fixed(tail)}}
		long := strings.Repeat("令", 30000) // past one stored block
		gz := l.gzip(&cachedEntry{body: marked, content: cutContent(marked)}, "n0nce", "a<b>&"+long, "tok", "")
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("sizes %v: %v", sizes, err)
		}
		want := string(head[:len(head)/2]) + "n0nce" + string(head[len(head)/2:]) + "a&lt;b&gt;&amp;" + long + "tok" +
			"tok" + string(content[:cut]) + "tok" + string(content[cut:]) + "tok" + string(tail)
		if string(got) != want {
			t.Errorf("sizes %v: decoded %d bytes, want %d", sizes, len(got), len(want))
		}
	}
}

// A cached staff page asked for with gzip comes stitched and decodes to
// the same page as the one asked for without.
func TestCachedStaffPagesAreSentAsStitchedGzip(t *testing.T) {
	ts, c, _ := staffClient(t)
	_, plain := ts.get(c, "/workbench/enterprises?stage=growth")
	req, _ := http.NewRequest(http.MethodGet, ts.HTTP.URL+"/workbench/enterprises?stage=growth", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	for _, ck := range c.Jar.Cookies(mustURL(ts.HTTP.URL)) {
		req.AddCookie(ck)
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("Content-Encoding %q, Cache-Control %q", res.Header.Get("Content-Encoding"), res.Header.Get("Cache-Control"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	zr.Multistream(false)
	page, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("the stitched page does not decode: %v", err)
	}
	// The same page, byte for byte, but for the script's nonce (one per
	// request).
	nonce := regexp.MustCompile(`nonce="[^"]*"`)
	if got, want := nonce.ReplaceAllString(string(page), "nonce"), nonce.ReplaceAllString(plain, "nonce"); got != want {
		t.Errorf("the stitched page differs from the plain page:\n%.300s\n%.300s", got, want)
	}
	if !strings.Contains(string(page), `nonce="`) || strings.Contains(string(page), "\x00") || !strings.Contains(string(page), "clerk（园区工作人员）") {
		t.Error("the stitched page lacks a nonce or the viewer, or holds a marker")
	}
}
