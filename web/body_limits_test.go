package web

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// countingBody is a body of size bytes, made as it is read: head, then
// filler. read counts what the server took.
type countingBody struct {
	head       []byte
	size, read int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	if b.read >= b.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), b.size-b.read))
	for i := range n {
		if at := b.read + int64(i); at < int64(len(b.head)) {
			p[i] = b.head[at]
		} else {
			p[i] = 'A'
		}
	}
	b.read += int64(n)
	return n, nil
}

// multipartHead starts a multipart body: fields (in order), then a file
// part whose content the filler makes.
func multipartHead(fields [][2]string) ([]byte, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		w.WriteField(f[0], f[1])
	}
	w.CreateFormFile("photos_upload", "big.jpg")
	return buf.Bytes(), w.FormDataContentType()
}

// serveDirect runs a request through the router without a network, so
// that what the chain reads of the body is all that is read; c's cookies
// go with it (nil: a visitor).
func (ts *testServer) serveDirect(c *http.Client, req *http.Request) *httptest.ResponseRecorder {
	ts.t.Helper()
	if c != nil {
		u, _ := url.Parse(ts.HTTP.URL)
		for _, ck := range c.Jar.Cookies(u) {
			req.AddCookie(ck)
		}
	}
	rec := httptest.NewRecorder()
	ts.Server.Handler().ServeHTTP(rec, req)
	return rec
}

// A state change from someone who may not make it is refused from the
// session cookie alone: not a byte of its body is read, however large, and
// whatever its type.
func TestWritesAreRefusedBeforeTheirBodyIsRead(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	head, multipartType := multipartHead([][2]string{{"_csrf", "a-token-of-nobody"}})
	for _, c := range []struct {
		who      string
		client   *http.Client
		path     string
		typ      string
		size     int64
		unsized  bool // sent chunked, without Content-Length
		wantCode int
	}{
		{"a visitor", nil, "/org/activities", multipartType, 60 << 20, false, http.StatusForbidden},
		{"a visitor", nil, "/org/activities", multipartType, 60 << 20, true, http.StatusForbidden},
		{"a visitor", nil, "/org/filings/1", multipartType, 60 << 20, false, http.StatusForbidden},
		{"a visitor", nil, "/workbench/enterprises/upload", multipartType, 10 << 20, false, http.StatusForbidden},
		{"a visitor", nil, "/admin/users", "application/x-www-form-urlencoded", 3 << 20, false, http.StatusForbidden},
		{"a visitor", nil, "/no-such-page", "application/x-www-form-urlencoded", 3 << 20, true, http.StatusForbidden},
		{"staff", staff, "/org/activities", multipartType, 60 << 20, false, http.StatusForbidden},
		{"staff", staff, "/admin/users", "application/x-www-form-urlencoded", 3 << 20, false, http.StatusForbidden},
		{"a secretary", secA, "/workbench/enterprises", "application/x-www-form-urlencoded", 3 << 20, false, http.StatusForbidden},
		{"a secretary", secA, "/workbench/members/upload", multipartType, 10 << 20, false, http.StatusForbidden},
		{"a secretary", secA, "/admin/users", "application/x-www-form-urlencoded", 3 << 20, false, http.StatusForbidden},
	} {
		body := &countingBody{head: head, size: c.size}
		req := httptest.NewRequest(http.MethodPost, c.path, body)
		req.Header.Set("Content-Type", c.typ)
		req.ContentLength = c.size
		if c.unsized {
			req.ContentLength = -1
		}
		rec := ts.serveDirect(c.client, req)
		if rec.Code != c.wantCode || body.read != 0 {
			t.Errorf("%s, %d MB to %s (unsized %v): %d after reading %d bytes, want %d before reading any",
				c.who, c.size>>20, c.path, c.unsized, rec.Code, body.read, c.wantCode)
		}
	}
}

// Only a secretary's form with photos may be large; a visitor's body is
// a sign-in form's size.
func TestOnlyPhotoFormsGetTheLargeLimit(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	head, typ := multipartHead([][2]string{{"_csrf", token}, {"action", "draft"}})
	for _, c := range []struct {
		path     string
		tooLarge bool
	}{
		{"/org/services", true},
		{"/org/responsibility", true},
		{"/org/activities", false},
	} {
		body := &countingBody{head: head, size: 5 << 20}
		req := httptest.NewRequest(http.MethodPost, c.path, body)
		req.Header.Set("Content-Type", typ)
		rec := ts.serveDirect(secA, req)
		if got := rec.Code == http.StatusRequestEntityTooLarge; got != c.tooLarge {
			t.Errorf("a secretary's 5 MB form to %s: %d, want 413: %v", c.path, rec.Code, c.tooLarge)
		}
	}
	anon := ts.client()
	login := ts.csrf(anon, "/login")
	form := url.Values{"_csrf": {login}, "username": {"seca"}, "password": {"seca-password"}, "note": {strings.Repeat("x", 100<<10)}}
	if res, _ := ts.post(anon, "/login", form); res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 100 KB sign-in form: %d, want 413", res.StatusCode)
	}
}

// A multipart form's token is read from the parts before its first file:
// a form sending a file first is refused without the file being read,
// and one sending the token first reaches its handler whole.
func TestMultipartTokenComesBeforeTheFiles(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	form := func(tokenFirst bool) (*bytes.Buffer, string) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		if tokenFirst {
			w.WriteField("_csrf", token)
		}
		for k, v := range activityFiling(token, "令牌在前") {
			if k != "_csrf" {
				w.WriteField(k, v[0])
			}
		}
		part, _ := w.CreateFormFile("photos_upload", "IMG_0002.jpg")
		part.Write([]byte(testJPEG(t)))
		part.Write(make([]byte, 200<<10)) // trailing bytes a JPEG decoder ignores
		if !tokenFirst {
			w.WriteField("_csrf", token)
		}
		w.WriteField("action", "draft")
		w.Close()
		return &buf, w.FormDataContentType()
	}

	data, typ := form(false)
	body := &countingBody{head: data.Bytes(), size: int64(data.Len())}
	req := httptest.NewRequest(http.MethodPost, "/org/activities", body)
	req.Header.Set("Content-Type", typ)
	if rec := ts.serveDirect(secA, req); rec.Code != http.StatusForbidden || body.read > tokenPrefix {
		t.Errorf("the token after the file: %d after reading %d of %d bytes, want 403 before the file", rec.Code, body.read, data.Len())
	}

	data, typ = form(true)
	req = httptest.NewRequest(http.MethodPost, "/org/activities", data)
	req.Header.Set("Content-Type", typ)
	rec := ts.serveDirect(secA, req)
	if m := filingLocation.FindStringSubmatch(rec.Header().Get("Location")); rec.Code != http.StatusSeeOther || m == nil {
		t.Fatalf("the token first: %d %s\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	if photos := ts.tally().Photos; photos != 1 {
		t.Errorf("the token first: %d photos kept, want the one sent", photos)
	}
}

// A form's files beyond the first megabyte wait in temporary files, which
// are gone when the request ends.
func TestMultipartFilesAreRemovedAfterTheRequest(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	var data bytes.Buffer
	w := multipart.NewWriter(&data)
	for k, vs := range activityFiling(token, "五份大文件") {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for i := range 5 {
		part, _ := w.CreateFormFile("photos_upload", fmt.Sprintf("scan-%d.jpg", i))
		part.Write([]byte(strings.Repeat("x", 8<<20)))
	}
	w.Close()
	spilled := func() []string {
		t.Helper()
		entries, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range entries {
			if strings.HasPrefix(f.Name(), "multipart-") {
				names = append(names, f.Name())
			}
		}
		return names
	}
	// When the server has read the whole body, the files it parsed so far
	// wait in tmp: the check after the request looks where they were.
	var during []string
	body := &endOfBody{Buffer: &data, atEnd: func() { during = spilled() }}
	req := httptest.NewRequest(http.MethodPost, "/org/activities", body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	rec := ts.serveDirect(secA, req)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "不是可识别的照片") {
		t.Fatalf("five 8 MB files that are no photos: %d", rec.Code)
	}
	if len(during) == 0 {
		t.Fatalf("no file of the form waited in %s while the request was read", tmp)
	}
	if left := spilled(); len(left) != 0 {
		t.Errorf("left behind: %v (of %v)", left, during)
	}
}

// endOfBody is a request body that calls atEnd once its last byte is
// read (a multipart reader stops at the closing boundary, before EOF).
type endOfBody struct {
	*bytes.Buffer
	atEnd func()
	ended bool
}

func (b *endOfBody) Read(p []byte) (int, error) {
	n, err := b.Buffer.Read(p)
	if b.Len() == 0 && !b.ended {
		b.ended = true
		b.atEnd()
	}
	return n, err
}

// A photo whose header says it decodes past photo.MaxDecodedBytes is
// refused at its field, undecoded.
func TestFilingRefusesAPhotoTooDeepToDecode(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	// A 16-bit RGBA PNG of 6300×6300 (318 MB decoded): its header is all
	// the check reads.
	ihdr := []byte("IHDR\x00\x00\x18\x9c\x00\x00\x18\x9c\x10\x06\x00\x00\x00")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d"), ihdr...)
	png = binary.BigEndian.AppendUint32(png, crc32.ChecksumIEEE(ihdr))
	res, body := ts.postMultipart(secA, "/org/activities", activityFiling(token, "深色照片"), map[string][][2]string{"photos_upload": {{"deep.png", string(png)}}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "色彩深度过大") {
		t.Fatalf("a 16-bit PNG of 6300×6300: %d", res.StatusCode)
	}
}

// Every form that sends files sends its token first, as its first control:
// browsers send a form's fields in order, and the token must come before
// the files (multipartToken), with or without JavaScript.
func TestMultipartFormsPutTheTokenFirst(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	for _, c := range []struct {
		client *http.Client
		path   string
	}{
		{secA, "/org/activities/new"},
		{secA, "/org/brand"},
		{staff, "/workbench/enterprises/upload"},
		{staff, "/workbench/members/upload"},
	} {
		_, body := ts.get(c.client, c.path)
		forms := doc(t, body).Find(`form[enctype="multipart/form-data"]`)
		if forms.Length() == 0 {
			t.Errorf("%s: no form with files", c.path)
		}
		forms.Each(func(_ int, f *goquery.Selection) {
			if name, _ := f.Find("input, select, textarea, button").First().Attr("name"); name != "_csrf" {
				t.Errorf("%s: the first control is %q, want _csrf", c.path, name)
			}
		})
	}
}
