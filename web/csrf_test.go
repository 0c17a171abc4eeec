package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parkportal/store"
)

// signedInToken signs in as user and returns the client and the CSRF token
// its pages carry.
func (ts *testServer) signedInToken(user string) (*http.Client, string) {
	ts.t.Helper()
	c, res := ts.login(user, user+"-password")
	if res.StatusCode != http.StatusSeeOther {
		ts.t.Fatalf("sign-in as %s: %d", user, res.StatusCode)
	}
	return c, ts.csrf(c, "/admin/users/new")
}

// A token is good only with the session it was issued to: another
// session's token, or one issued before signing in, is refused and changes
// nothing.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("boss", store.RoleAdmin, "")
	ts.addUser("other", store.RoleAdmin, "")
	a, tokenA := ts.signedInToken("boss")
	b, tokenB := ts.signedInToken("other")
	if tokenA == tokenB {
		t.Fatal("two sessions got the same token")
	}
	newUser := func(c *http.Client, token, name string) int {
		res, _ := ts.post(c, "/admin/users", url.Values{"_csrf": {token}, "username": {name}, "role": {"staff"}, "password": {"a-long-password"}})
		return res.StatusCode
	}
	if got := newUser(b, tokenA, "planted1"); got != http.StatusForbidden {
		t.Errorf("another session's token: %d, want 403", got)
	}
	if _, err := ts.Store.UserByUsername(t.Context(), "planted1"); err == nil {
		t.Error("a post with another session's token created a user")
	}
	if got := newUser(a, tokenA, "fine1"); got != http.StatusSeeOther {
		t.Errorf("the session's own token: %d, want 303", got)
	}
	// Signing in again makes the token of the session before worthless.
	c := ts.client()
	before := ts.csrf(c, "/login")
	ts.post(c, "/login", url.Values{"_csrf": {before}, "username": {"boss"}, "password": {"boss-password"}})
	if got := newUser(c, before, "planted2"); got != http.StatusForbidden {
		t.Errorf("a token from before sign-in: %d, want 403", got)
	}
}

// Fetch metadata that says another site sent the form is refused even with
// a good token.
func TestCrossSiteRequestsAreRefusedEvenWithAToken(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("boss", store.RoleAdmin, "")
	c, token := ts.signedInToken("boss")
	for _, site := range []string{"cross-site", "same-site", "same-origin"} {
		form := url.Values{"_csrf": {token}, "username": {"u-" + site}, "role": {"staff"}, "password": {"a-long-password"}}
		req, _ := http.NewRequest(http.MethodPost, ts.HTTP.URL+"/admin/users", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", site)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		want := http.StatusForbidden
		if site == "same-origin" {
			want = http.StatusSeeOther
		}
		if res.StatusCode != want {
			t.Errorf("Sec-Fetch-Site %s: %d, want %d", site, res.StatusCode, want)
		}
	}
}

// Over https the CSRF cookie takes the __Host- prefix and pages ask for
// HSTS; over plain http neither.
func TestHTTPSCookiesAndHSTS(t *testing.T) {
	secure := newTestServer(t, func(c *Config) { c.Secure = true; c.Site.BaseURL = "https://dj.example.gov.cn" })
	res, _ := secure.get(secure.client(), "/login")
	var found bool
	for _, ck := range res.Cookies() {
		if strings.HasPrefix(ck.Name, "__Host-") {
			found = true
			if !ck.Secure || ck.Path != "/" || ck.Domain != "" {
				t.Errorf("%s: Secure %v, Path %q, Domain %q", ck.Name, ck.Secure, ck.Path, ck.Domain)
			}
		}
	}
	if !found {
		t.Errorf("no __Host- cookie over https: %v", res.Header.Values("Set-Cookie"))
	}
	if got := res.Header.Get("Strict-Transport-Security"); !strings.Contains(got, "max-age=") {
		t.Errorf("Strict-Transport-Security = %q", got)
	}
	plain := newTestServer(t)
	res, _ = plain.get(plain.client(), "/login")
	if res.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS over plain http")
	}
	found = false
	for _, ck := range res.Cookies() {
		if strings.HasPrefix(ck.Name, "__Host-") {
			t.Errorf("__Host- cookie over plain http: %s", ck.Name)
		}
		found = found || ck.Name == csrfCookie
	}
	if !found {
		t.Errorf("no %s cookie over plain http: %v", csrfCookie, res.Header.Values("Set-Cookie"))
	}
}

// The canonical address keeps the path as requested, escaped.
func TestCanonicalLinkKeepsTheEscapedPath(t *testing.T) {
	ts := newPublicServer(t, func(c *Config) { c.Site.BaseURL = "https://dj.example.gov.cn" })
	_, body := ts.anon("/reports/definitions")
	if got := doc(t, body).Find(`link[rel="canonical"]`).AttrOr("href", ""); got != "https://dj.example.gov.cn/reports/definitions" {
		t.Errorf("canonical = %q", got)
	}
	// An id with a slash in it: the canonical address must keep %2F.
	e, _, err := ts.Store.EnterpriseByID(t.Context(), "ent-001")
	if err != nil {
		t.Fatal(err)
	}
	e.ID = "ent/甲"
	if _, err := ts.Store.SaveEnterprise(t.Context(), testActor, "ent-001", e); err != nil {
		t.Fatal(err)
	}
	path := enterpriseHref("ent/甲")
	res, body := ts.anon(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s = %d", path, res.StatusCode)
	}
	if got := doc(t, body).Find(`link[rel="canonical"]`).AttrOr("href", ""); got != "https://dj.example.gov.cn"+path {
		t.Errorf("canonical = %q, want %q", got, "https://dj.example.gov.cn"+path)
	}
}
