package web

import (
	"net/http"
	"net/url"
	"testing"
)

// Text PostgreSQL cannot hold (a NUL, bytes that are not UTF-8) in an
// address or a form is refused with a client error on either engine,
// never a server error.
func TestUnstorableTextIsAClientError(t *testing.T) {
	ts := newPublicServer(t)
	for _, path := range []string{"/enterprises/%00", "/enterprises/%FF", "/brands?sector=%00", "/search?q=%FF%FE"} {
		if res, _ := ts.anon(path); res.StatusCode >= 500 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
	c := ts.client()
	for _, name := range []string{"clerk\x00", "\xff\xfe", string(make([]byte, 3000))} {
		res, _ := ts.post(c, "/login", url.Values{"_csrf": {ts.csrf(c, "/login")}, "username": {name}, "password": {"x"}})
		if res.StatusCode >= 500 || res.StatusCode == http.StatusSeeOther {
			t.Errorf("sign-in as %q: %d", name[:min(len(name), 8)], res.StatusCode)
		}
	}
}
