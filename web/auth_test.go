package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"parkportal/store"
)

func TestSignInLandsOnTheRolesPage(t *testing.T) {
	ts := newTestServer(t)
	ts.addOrganization("org-1", "株洲某某科技有限公司党支部")
	ts.addUser("clerk", store.RoleStaff, "")
	ts.addUser("root", store.RoleAdmin, "")
	ts.addUser("sec", store.RoleSecretary, "org-1")
	for _, tc := range []struct {
		user, home, heading string
	}{
		{"clerk", "/workbench", "工作台"},
		{"root", "/admin/users", "用户管理"},
		{"sec", "/org", "株洲某某科技有限公司党支部"},
	} {
		c, res := ts.login(tc.user, tc.user+"-password")
		if got, want := res.StatusCode, http.StatusSeeOther; got != want {
			t.Fatalf("%s: sign-in status = %d, want %d", tc.user, got, want)
		}
		if got := res.Header.Get("Location"); got != tc.home {
			t.Errorf("%s: redirected to %q, want %q", tc.user, got, tc.home)
		}
		res, body := ts.get(c, tc.home)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s status %d", tc.user, tc.home, res.StatusCode)
		}
		if got := doc(t, body).Find("h1").First().Text(); got != tc.heading {
			t.Errorf("%s: heading = %q, want %q", tc.user, got, tc.heading)
		}
	}
}

func TestSessionCookieIsHttpOnlyAndSameSite(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	_, res := ts.login("clerk", "clerk-password")
	var found bool
	for _, ck := range res.Cookies() {
		if ck.Name != sessionName {
			continue
		}
		found = true
		if !ck.HttpOnly {
			t.Error("session cookie is not HttpOnly")
		}
		if ck.SameSite != http.SameSiteLaxMode {
			t.Errorf("session cookie SameSite = %v, want Lax", ck.SameSite)
		}
	}
	if !found {
		t.Fatal("no session cookie set at sign-in")
	}
}

func TestWrongPasswordIsRefused(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c, res := ts.login("clerk", "not-the-password")
	if got, want := res.StatusCode, http.StatusUnprocessableEntity; got != want {
		t.Fatalf("status = %d, want %d", got, want)
	}
	if res, _ := ts.get(c, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after a wrong password /workbench gave %d, want a redirect to sign in", res.StatusCode)
	}
}

func TestWrongPasswordKeepsTheUsernameAndSaysWhy(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c := ts.client()
	token := ts.csrf(c, "/login")
	_, body := ts.post(c, "/login", url.Values{"_csrf": {token}, "username": {"clerk"}, "password": {"wrong-one!"}})
	d := doc(t, body)
	if got := d.Find("#username").AttrOr("value", ""); got != "clerk" {
		t.Errorf("username field = %q, want it kept", got)
	}
	if got := d.Find(`[data-testid="login-error"]`).Text(); !strings.Contains(got, "用户名或密码不正确") {
		t.Errorf("error = %q, want the Chinese explanation", got)
	}
}

func TestEmptySignInFormNamesEachField(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client()
	token := ts.csrf(c, "/login")
	res, body := ts.post(c, "/login", url.Values{"_csrf": {token}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d", res.StatusCode)
	}
	d := doc(t, body)
	if got, want := d.Find(`[data-testid="error-summary"] li`).Length(), 2; got != want {
		t.Errorf("summary lists %d problems, want %d", got, want)
	}
	if d.Find("#username-error").Length() != 1 || d.Find("#password-error").Length() != 1 {
		t.Error("field messages missing")
	}
}

func TestSignInWithoutCSRFTokenIsForbidden(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	res, body := ts.post(ts.client(), "/login", url.Values{"username": {"clerk"}, "password": {"clerk-password"}})
	if got, want := res.StatusCode, http.StatusForbidden; got != want {
		t.Fatalf("status = %d, want %d", got, want)
	}
	if !strings.Contains(body, "没有访问权限") {
		t.Error("403 page is not the Chinese error page")
	}
	// A wrong token is refused too.
	c := ts.client()
	ts.csrf(c, "/login")
	res, _ = ts.post(c, "/login", url.Values{"_csrf": {"forged"}, "username": {"clerk"}, "password": {"clerk-password"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("forged token: status = %d, want 403", res.StatusCode)
	}
}

func TestCrossSiteFormPostIsForbidden(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	req, _ := http.NewRequest(http.MethodPost, ts.HTTP.URL+"/login", strings.NewReader("username=clerk&password=clerk-password"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := ts.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("status = %d, want 403", res.StatusCode)
	}
}

func TestSignInIsThrottledPerAccount(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	for i := 0; i < 5; i++ {
		if _, res := ts.login("clerk", "wrong-password"); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: status %d", i+1, res.StatusCode)
		}
	}
	// Even the right password is refused while throttled.
	_, res := ts.login("clerk", "clerk-password")
	if got, want := res.StatusCode, http.StatusTooManyRequests; got != want {
		t.Fatalf("status = %d, want %d", got, want)
	}
	if res.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After header")
	}
	// After the window the account may try again.
	ts.clock.Advance(16 * time.Minute)
	if _, res := ts.login("clerk", "clerk-password"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: status %d, want 303", res.StatusCode)
	}
}

func TestSignInIsThrottledPerAddress(t *testing.T) {
	if testing.Short() {
		t.Skip("short: slow, each of the address limit's failed sign-ins hashes a password")
	}
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	for i := 0; i < ts.Server.signIn.limits.AddressLimit; i++ {
		ts.login("nobody"+strconv.Itoa(i), "wrong-password")
	}
	c := ts.client()
	token := ts.csrf(c, "/login")
	res, body := ts.post(c, "/login", url.Values{"_csrf": {token}, "username": {"clerk"}, "password": {"clerk-password"}})
	if got, want := res.StatusCode, http.StatusTooManyRequests; got != want {
		t.Fatalf("status = %d, want %d", got, want)
	}
	if !strings.Contains(body, "登录失败次数过多") {
		t.Error("429 does not say why in Chinese")
	}
}

func TestRolesAreGated(t *testing.T) {
	ts := newTestServer(t)
	ts.addOrganization("org-1", "甲公司党支部")
	ts.addUser("clerk", store.RoleStaff, "")
	ts.addUser("sec", store.RoleSecretary, "org-1")
	ts.addUser("root", store.RoleAdmin, "")
	cases := []struct {
		user string
		path string
		want int
	}{
		{"", "/workbench", http.StatusSeeOther},
		{"", "/admin/users", http.StatusSeeOther},
		{"", "/org", http.StatusSeeOther},
		{"clerk", "/workbench", http.StatusOK},
		{"clerk", "/admin/users", http.StatusForbidden},
		{"clerk", "/org", http.StatusForbidden},
		{"sec", "/org", http.StatusOK},
		{"sec", "/workbench", http.StatusForbidden},
		{"sec", "/admin/users/new", http.StatusForbidden},
		{"root", "/admin/users", http.StatusOK},
		{"root", "/workbench", http.StatusOK},
	}
	clients := map[string]*http.Client{"": ts.client()}
	for _, u := range []string{"clerk", "sec", "root"} {
		clients[u], _ = ts.login(u, u+"-password")
	}
	for _, tc := range cases {
		res, _ := ts.get(clients[tc.user], tc.path)
		if res.StatusCode != tc.want {
			t.Errorf("%q GET %s = %d, want %d", tc.user, tc.path, res.StatusCode, tc.want)
		}
	}
	// A signed-out request for a private page is sent to sign in and back.
	res, _ := ts.get(ts.client(), "/workbench")
	if got, want := res.Header.Get("Location"), "/login?next=%2Fworkbench"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	// A staff member cannot post admin actions either.
	token := ts.csrf(clients["clerk"], "/workbench")
	res, _ = ts.post(clients["clerk"], "/admin/users", url.Values{"_csrf": {token}, "username": {"x"}, "role": {"admin"}, "password": {"0123456789"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("staff POST /admin/users = %d, want 403", res.StatusCode)
	}
}

func TestSignOutEndsTheSession(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c, _ := ts.login("clerk", "clerk-password")
	cookies := c.Jar.Cookies(mustURL(ts.HTTP.URL))
	token := ts.csrf(c, "/workbench")
	if res, _ := ts.post(c, "/logout", url.Values{"_csrf": {token}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout status %d", res.StatusCode)
	}
	// Replaying the old cookie must not work: the session row is gone.
	replay := ts.client()
	replay.Jar.SetCookies(mustURL(ts.HTTP.URL), cookies)
	if res, _ := ts.get(replay, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("old session cookie still works after sign-out: %d", res.StatusCode)
	}
}

func TestSignInStartsAFreshSession(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c, _ := ts.login("clerk", "clerk-password")
	first := sessionCookie(c, ts)
	token := ts.csrf(c, "/workbench")
	ts.post(c, "/login", url.Values{"_csrf": {token}, "username": {"clerk"}, "password": {"clerk-password"}})
	if second := sessionCookie(c, ts); second == first || second == "" {
		t.Error("signing in again kept the same session id")
	}
	old := ts.client()
	old.Jar.SetCookies(mustURL(ts.HTTP.URL), []*http.Cookie{{Name: sessionName, Value: first}})
	if res, _ := ts.get(old, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Error("the session from before the new sign-in still works")
	}
}

func TestSessionsExpireWhenIdleAndAbsolutely(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c, _ := ts.login("clerk", "clerk-password")
	ts.clock.Advance(90 * time.Minute)
	if res, _ := ts.get(c, "/workbench"); res.StatusCode != http.StatusOK {
		t.Fatalf("after 90 idle minutes: %d, want 200", res.StatusCode)
	}
	ts.clock.Advance(2*time.Hour + time.Minute)
	if res, _ := ts.get(c, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after 2 idle hours: %d, want a redirect to sign in", res.StatusCode)
	}
	c, _ = ts.login("clerk", "clerk-password")
	for i := 0; i < 13; i++ { // active every hour, for 13 hours
		ts.clock.Advance(time.Hour)
		res, _ := ts.get(c, "/workbench")
		if i < 11 && res.StatusCode != http.StatusOK {
			t.Fatalf("hour %d: %d", i+1, res.StatusCode)
		}
		if i == 12 && res.StatusCode != http.StatusSeeOther {
			t.Errorf("after 13 hours the session still works")
		}
	}
}

func TestDisablingAUserEndsTheirSessions(t *testing.T) {
	ts := newTestServer(t)
	u := ts.addUser("clerk", store.RoleStaff, "")
	ts.addUser("root", store.RoleAdmin, "")
	clerk, _ := ts.login("clerk", "clerk-password")
	admin, _ := ts.login("root", "root-password")
	token := ts.csrf(admin, "/admin/users")
	res, _ := ts.post(admin, "/admin/users/"+itoa(u.ID)+"/disable", url.Values{"_csrf": {token}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", res.StatusCode)
	}
	if res, _ := ts.get(clerk, "/workbench"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("disabled user's session still works: %d", res.StatusCode)
	}
	if _, res := ts.login("clerk", "clerk-password"); res.StatusCode == http.StatusSeeOther {
		t.Error("disabled user signed in")
	}
	res, _ = ts.post(admin, "/admin/users/"+itoa(u.ID)+"/enable", url.Values{"_csrf": {token}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %d", res.StatusCode)
	}
	if _, res := ts.login("clerk", "clerk-password"); res.StatusCode != http.StatusSeeOther {
		t.Error("re-enabled user cannot sign in")
	}
}

func TestPagesCarrySecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/", "/login", "/no-such-page"} {
		res, _ := ts.get(ts.client(), path)
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: nosniff = %q", path, got)
		}
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "'nonce-", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if res.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: no Referrer-Policy", path)
		}
	}
	// The nonce changes per request and reaches the page's script tag.
	r1, b1 := ts.get(ts.client(), "/login")
	r2, _ := ts.get(ts.client(), "/login")
	if r1.Header.Get("Content-Security-Policy") == r2.Header.Get("Content-Security-Policy") {
		t.Error("the CSP nonce is the same on two requests")
	}
	nonce := strings.SplitN(strings.SplitN(r1.Header.Get("Content-Security-Policy"), "'nonce-", 2)[1], "'", 2)[0]
	if !strings.Contains(b1, `nonce="`+nonce+`"`) {
		t.Error("the page's script does not carry the request's nonce")
	}
}

func TestErrorPagesAreInTheLayoutInChinese(t *testing.T) {
	ts := newTestServer(t)
	res, body := ts.get(ts.client(), "/no-such-page")
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", res.StatusCode)
	}
	d := doc(t, body)
	if got := d.Find("html").AttrOr("lang", ""); got != "zh-CN" {
		t.Errorf("lang = %q", got)
	}
	if got := d.Find("h1").Text(); got != "页面不存在" {
		t.Errorf("heading = %q", got)
	}
	if d.Find("nav.site-nav").Length() != 1 {
		t.Error("404 page lacks the site's navigation")
	}
}

func TestPanicsBecomeA500PageWithoutDetails(t *testing.T) {
	ts := newTestServer(t)
	ts.Server.echo.GET("/boom", func(echo.Context) error { panic("secret internal detail") })
	res, body := ts.get(ts.client(), "/boom")
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d", res.StatusCode)
	}
	if strings.Contains(body, "secret internal detail") || strings.Contains(body, "goroutine") {
		t.Error("the 500 page shows internal details")
	}
	if !strings.Contains(body, "系统出了点问题") {
		t.Error("the 500 page is not the Chinese error page")
	}
}

func TestHealthz(t *testing.T) {
	ts := newTestServer(t)
	res, body := ts.get(ts.client(), "/healthz")
	if res.StatusCode != http.StatusOK || body != "ok" {
		t.Errorf("healthz = %d %q", res.StatusCode, body)
	}
	ts.Store.Close()
	if res, _ := ts.get(ts.client(), "/healthz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with the database closed = %d, want 503", res.StatusCode)
	}
}

func TestHomeNamesTheThreeProgrammes(t *testing.T) {
	ts := newTestServer(t)
	_, body := ts.get(ts.client(), "/")
	for _, name := range []string{"孵化工程·育种计划", "提质工程·壮苗计划", "品牌工程·成林计划"} {
		if !strings.Contains(body, name) {
			t.Errorf("home page does not name %s", name)
		}
	}
}

func TestStaticAssetsHaveHashedNamesAndLongCaching(t *testing.T) {
	ts := newTestServer(t)
	_, body := ts.get(ts.client(), "/")
	href := doc(t, body).Find(`link[rel="stylesheet"]`).AttrOr("href", "")
	if !strings.HasPrefix(href, "/static/css/site.") || href == "/static/css/site.css" {
		t.Fatalf("stylesheet href = %q, want a hashed name", href)
	}
	res, _ := ts.get(ts.client(), href)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("%s: %d %q", href, res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if res, _ := ts.get(ts.client(), "/static/css/site.css"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unhashed name served: %d", res.StatusCode)
	}
}

func sessionCookie(c *http.Client, ts *testServer) string {
	for _, ck := range c.Jar.Cookies(mustURL(ts.HTTP.URL)) {
		if ck.Name == sessionName {
			return ck.Value
		}
	}
	return ""
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestThrottleBehindAProxyUsesTheForwardedAddress(t *testing.T) {
	if testing.Short() {
		t.Skip("short: slow, each of the address limit's failed sign-ins hashes a password")
	}
	ts := newTestServer(t)
	ts.Server.echo.IPExtractor = echo.ExtractIPFromXFFHeader() // as with PORTAL_BEHIND_PROXY=1
	ts.addUser("clerk", store.RoleStaff, "")
	try := func(forwarded, user, password string) int {
		c := ts.client()
		token := ts.csrf(c, "/login")
		req, _ := http.NewRequest(http.MethodPost, ts.HTTP.URL+"/login",
			strings.NewReader(url.Values{"_csrf": {token}, "username": {user}, "password": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", forwarded)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for i := 0; i < ts.Server.signIn.limits.AddressLimit; i++ {
		try("203.0.113.9", "nobody"+strconv.Itoa(i), "wrong-password")
	}
	if got := try("203.0.113.9", "clerk", "clerk-password"); got != http.StatusTooManyRequests {
		t.Errorf("the guessing address: %d, want 429", got)
	}
	if got := try("198.51.100.7", "clerk", "clerk-password"); got != http.StatusSeeOther {
		t.Errorf("another client behind the same proxy: %d, want 303", got)
	}
}

// Only a clean local path is kept as the place to go after signing in.
func TestSafeNextAcceptsOnlyCleanLocalPaths(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/workbench", "/workbench"},
		{"/workbench/enterprises?stage=startup&page=2", "/workbench/enterprises?stage=startup&page=2"},
		{"/org/activities/%E6%B4%BB%E5%8A%A8", "/org/activities/%E6%B4%BB%E5%8A%A8"},
		{"", ""},
		{"workbench", ""},
		{"//evil.example", ""},
		{"/\\evil.example", ""},
		{"/\t/evil.example", ""},
		{"/\n/evil.example", ""},
		{"/\r\n/evil.example", ""},
		{"/ /evil.example", ""},
		{"/\x00/evil.example", ""},
		{"/\x7f", ""},
		{"/工作台", ""}, // raw non-ASCII: RequestURI escapes it, so only a crafted link has it
		{"https://evil.example/", ""},
		{"/%2F/evil.example", ""},
		{"/" + strings.Repeat("a", 3000), ""},
	} {
		if got := safeNext(tc.in); got != tc.want {
			t.Errorf("safeNext(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A sign-in with a next address that a browser would read as another site
// lands on the role's page instead.
func TestSignInDoesNotRedirectOffSite(t *testing.T) {
	ts := newTestServer(t)
	ts.addUser("clerk", store.RoleStaff, "")
	c := ts.client()
	token := ts.csrf(c, "/login")
	res, _ := ts.post(c, "/login", url.Values{"_csrf": {token}, "username": {"clerk"}, "password": {"clerk-password"}, "next": {"/\t/evil.example"}})
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/workbench" {
		t.Errorf("sign-in with next=/\\t/evil.example: %d to %q, want 303 to /workbench", res.StatusCode, got)
	}
	_, body := ts.get(ts.client(), "/login?next="+url.QueryEscape("/\t/evil.example"))
	if strings.Contains(body, "evil.example") {
		t.Error("the sign-in form carries the off-site next address")
	}
}

// Inputs point at an error message only when there is one: an empty
// aria-describedby is invalid HTML.
func TestSignInInputsDescribeOnlyErrors(t *testing.T) {
	ts := newTestServer(t)
	_, body := ts.get(ts.client(), "/login")
	if strings.Contains(body, `aria-describedby=""`) {
		t.Error(`the empty sign-in form has aria-describedby=""`)
	}
	c := ts.client()
	token := ts.csrf(c, "/login")
	_, body = ts.post(c, "/login", url.Values{"_csrf": {token}})
	d := doc(t, body)
	if got := d.Find(`#username`).AttrOr("aria-describedby", ""); got != "username-error" || d.Find("#username-error").Length() != 1 {
		t.Errorf("username with an error: aria-describedby %q", got)
	}
}
