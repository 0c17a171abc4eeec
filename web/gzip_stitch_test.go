package web

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
)

// A stitched member decodes to head, content and tail, whatever their
// sizes and however repetitive they are across the seams.
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
	for _, sizes := range [][3]int{{0, 0, 0}, {10, 0, 10}, {0, 100, 0}, {500, 70000, 300}, {3000, 1, 3000}, {100, 300000, 100}} {
		head, content, tail := piece(sizes[0]), piece(sizes[1]), piece(sizes[2])
		gz := stitchGzip(head, content, deflateSegment(content, flate.BestCompression), tail)
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("sizes %v: %v", sizes, err)
		}
		if want := append(append(append([]byte{}, head...), content...), tail...); !bytes.Equal(got, want) {
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
	main := func(s string) string {
		i, j := strings.Index(s, "<main"), strings.Index(s, "</main>")
		if i < 0 || j < i {
			t.Fatalf("no <main> in %.200s", s)
		}
		return s[i:j]
	}
	if main(string(page)) != main(plain) {
		t.Error("the stitched page's content differs from the plain page's")
	}
	if !strings.HasSuffix(strings.TrimSpace(string(page)), "</html>") || !strings.Contains(string(page), `name="_csrf"`) {
		t.Error("the stitched page lacks its layout")
	}
}
