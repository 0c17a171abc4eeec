package web

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"parkportal/store"
)

// secretaryServer is the demonstration park with staff and the secretaries
// of org-04 (covering ent-003) and org-02 (covering ent-013).
func secretaryServer(t testing.TB, options ...func(*Config)) (ts *testServer, staff, secA, secB *http.Client) {
	t.Helper()
	ts = newPublicServer(t, options...)
	ts.addUser("clerk", store.RoleStaff, "")
	ts.addUser("seca", store.RoleSecretary, "org-04")
	ts.addUser("secb", store.RoleSecretary, "org-02")
	ts.addUser("boss", store.RoleAdmin, "")
	signed := func(name string) *http.Client {
		c, res := ts.login(name, name+"-password")
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in %s: %d", name, res.StatusCode)
		}
		return c
	}
	return ts, signed("clerk"), signed("seca"), signed("secb")
}

// postMultipart submits a form with files (field → name → content).
func (ts *testServer) postMultipart(c *http.Client, path string, form url.Values, files map[string][][2]string) (*http.Response, string) {
	ts.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for field, fs := range files {
		for _, f := range fs {
			part, _ := w.CreateFormFile(field, f[0])
			part.Write([]byte(f[1]))
		}
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.HTTP.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func testJPEG(t *testing.T) string {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		img.Set(x, x%48, color.RGBA{200, 20, 30, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	exif := append([]byte{0xFF, 0xE1, 0, 30}, []byte("Exif\x00\x00GPS-secret-place-1234")...)
	return string(append(append(append([]byte{}, b[:2]...), exif...), b[2:]...))
}

var filingLocation = regexp.MustCompile(`^/org/filings/(\d+)\?done=(\w+)$`)

func activityFiling(token, title string) url.Values {
	return url.Values{"_csrf": {token}, "title": {title}, "program": {"incubation"}, "kind": {"lecture"},
		"date": {"2026-02-20"}, "participants": {"25"}, "enterprises": {"ent-003"}, "summary": {"车间里讲党课，二十五名职工参加。"}}
}

// A secretary files an activity with a photo; staff return it with a
// comment; the secretary sees the comment, fixes and resubmits; staff
// publish; it shows on the public site, with its photo, stripped of EXIF.
func TestFilingJourneyThroughTheRouter(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	form := activityFiling(token, "党课进车间")
	form.Set("action", "submit")
	res, body := ts.postMultipart(secA, "/org/activities", form, map[string][][2]string{"photos_upload": {{"IMG_0001.jpg", testJPEG(t)}}})
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil || m[2] != "submitted" {
		t.Fatalf("submit: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	id := m[1]
	var filed store.ActivityFiling
	if err := json.Unmarshal(filingOf(t, ts, id).Body, &filed); err != nil || len(filed.Photos) != 1 {
		t.Fatalf("the filing's photos: %v (%v), want the one sent", filed.Photos, err)
	}
	photoID := filed.Photos[0]
	photoURL := fmt.Sprintf("/photos/%d", photoID)
	anon := ts.client()
	if res, _ := ts.get(anon, photoURL); res.StatusCode != http.StatusNotFound {
		t.Fatalf("an unpublished photo to the public: %d", res.StatusCode)
	}
	if res, _ := ts.get(anon, "/programs/incubation"); res.StatusCode != http.StatusOK {
		t.Fatal("program page")
	} else if _, b := ts.get(anon, "/"); strings.Contains(b, "党课进车间") {
		t.Fatal("a submission shows on the public home page")
	}

	// Staff see it in the queue and in the navigation's count.
	_, queue := ts.get(staff, "/workbench/review")
	d := doc(t, queue)
	if !strings.Contains(d.Find(`[data-testid="review-queue"]`).Text(), "党课进车间") {
		t.Fatal("the submission is not in the queue")
	}
	if got := strings.TrimSpace(d.Find(`[data-testid="review-link"] .badge`).Text()); !strings.HasPrefix(got, "1") {
		t.Errorf("navigation count %q, want 1", got)
	}
	reviewToken := ts.csrf(staff, "/workbench/review/"+id)
	res, body = ts.post(staff, "/workbench/review/"+id+"/return", url.Values{"_csrf": {reviewToken}, "version": {"1"}, "comment": {" "}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "退回时必须写明") {
		t.Fatalf("a return without comment: %d", res.StatusCode)
	}
	// Zero-width characters and an ideographic space are no comment either;
	// what was typed stays in the field.
	invisible := "\u200b\u3000\u200d\ufeff"
	res, body = ts.post(staff, "/workbench/review/"+id+"/return", url.Values{"_csrf": {reviewToken}, "version": {"1"}, "comment": {invisible}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a return with an invisible comment: %d", res.StatusCode)
	}
	if d := doc(t, body); !strings.Contains(d.Find("#comment-error").Text(), "退回时必须写明") || !strings.Contains(d.Find("#comment").Text(), "\u200b") {
		t.Errorf("the invisible comment: message %q, field %+q", d.Find("#comment-error").Text(), d.Find("#comment").Text())
	}
	res, _ = ts.post(staff, "/workbench/review/"+id+"/return", url.Values{"_csrf": {reviewToken}, "version": {"1"}, "comment": {"请补充活动照片说明"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", res.StatusCode)
	}

	// The secretary is told and sees the comment on the form.
	_, home := ts.get(secA, "/org")
	if got := doc(t, home).Find(`[data-testid="notices"] .badge`).Text(); got != "1" {
		t.Errorf("unread count %q, want 1", got)
	}
	_, edit := ts.get(secA, "/org/filings/"+id+"/edit")
	if !strings.Contains(doc(t, edit).Find(`[data-testid="return-comment"]`).Text(), "请补充活动照片说明") {
		t.Fatal("the form does not show the return's comment")
	}
	form = activityFiling(ts.csrf(secA, "/org/filings/"+id+"/edit"), "党课进车间（第二期）")
	form.Set("action", "submit")
	form.Set("filing_stamp", ts.opened(secA, "/org/filings/"+id+"/edit", nil).Get("filing_stamp"))
	form.Set("photos", fmt.Sprint(photoID))
	if res, body := ts.postMultipart(secA, "/org/filings/"+id, form, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d\n%s", res.StatusCode, body)
	}

	// Publishing the version seen before the change is refused.
	res, body = ts.post(staff, "/workbench/review/"+id+"/publish", url.Values{"_csrf": {reviewToken}, "version": {"1"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "已被修改或处理") {
		t.Fatalf("a stale publish: %d", res.StatusCode)
	}
	_, review := ts.get(staff, "/workbench/review/"+id)
	if !strings.Contains(doc(t, review).Find(`[data-testid="diff"]`).Text(), "党课进车间（第二期）") {
		t.Fatal("the review page lacks the new version")
	}
	res, _ = ts.post(staff, "/workbench/review/"+id+"/publish", url.Values{"_csrf": {reviewToken}, "version": {"2"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	_, pub := ts.get(anon, "/programs/incubation")
	if !strings.Contains(pub, "党课进车间（第二期）") {
		t.Error("the published activity is not on its programme's page")
	}
	if !strings.Contains(pub, `src="`+photoURL+`/thumb"`) {
		t.Error("the published activity's photo is not on its programme's page")
	}
	res, img := ts.get(anon, photoURL)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/jpeg" ||
		res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("the published photo: %d %v", res.StatusCode, res.Header)
	}
	if strings.Contains(img, "GPS-secret-place") {
		t.Error("the served photo keeps its EXIF")
	}
}

// Secretary A can neither see nor change anything of B's organisation by
// any URL, id or form field, nor reach staff pages.
func TestSecretaryStaysInsideTheirOrganization(t *testing.T) {
	ts, _, secA, secB := secretaryServer(t)
	tokenB := ts.csrf(secB, "/org/services/new")
	res, _ := ts.post(secB, "/org/services", url.Values{"_csrf": {tokenB}, "enterprise": {"ent-013"}, "kind": {"legal"},
		"date": {"2026-02-01"}, "need": {"合同审查"}, "action": {"draft"}})
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("B's filing: %d", res.StatusCode)
	}
	bFiling := "/org/filings/" + m[1]
	before := filingOf(t, ts, m[1])

	if res, _ := ts.get(secB, bFiling); res.StatusCode != http.StatusOK { // now in the page cache, as B's
		t.Fatalf("B opens their filing: %d", res.StatusCode)
	}
	tokenA := ts.csrf(secA, "/org/services/new")
	for _, path := range []string{bFiling, bFiling + "/edit"} {
		if res, _ := ts.get(secA, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("A opens %s: %d, want 404", path, res.StatusCode)
		}
	}
	if res, _ := ts.post(secA, bFiling, url.Values{"_csrf": {tokenA}, "enterprise": {"ent-003"}, "kind": {"legal"},
		"date": {"2026-02-01"}, "need": {"改掉"}, "action": {"submit"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("A posts B's form: %d, want 404", res.StatusCode)
	}
	after := filingOf(t, ts, m[1])
	if string(after.Body) != string(before.Body) || after.Status != before.Status {
		t.Error("A's post changed B's filing")
	}
	// B's enterprise in A's form.
	res, body := ts.post(secA, "/org/services", url.Values{"_csrf": {tokenA}, "enterprise": {"ent-013"}, "kind": {"legal"},
		"date": {"2026-02-01"}, "need": {"越界"}, "action": {"submit"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不在本组织覆盖的企业中") {
		t.Errorf("A files for B's enterprise: %d", res.StatusCode)
	}
	// B's member.
	_, key, err := ts.Store.MemberByID(context.Background(), "mem-001")
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := ts.get(secA, fmt.Sprintf("/org/members/%d/next", key)); res.StatusCode != http.StatusNotFound {
		t.Errorf("A opens B's member: %d", res.StatusCode)
	}
	res, body = ts.post(secA, fmt.Sprintf("/org/members/%d", key), url.Values{"_csrf": {tokenA}, "name": {"任秋"}, "management": {"true"},
		"applied": {"2000-08-24"}, "action": {"submit"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不属于本组织") {
		t.Errorf("A files a change of B's member: %d", res.StatusCode)
	}
	for _, path := range []string{"/workbench", "/workbench/review", "/workbench/members", "/admin/users"} {
		if res, _ := ts.get(secA, path); res.StatusCode != http.StatusForbidden {
			t.Errorf("A opens %s: %d, want 403", path, res.StatusCode)
		}
	}
}

// filingOf is filing id (as a page's address names it), whichever
// organisation's.
func filingOf(t *testing.T, ts *testServer, id string) store.Filing {
	t.Helper()
	f, err := ts.Store.FilingOf(context.Background(), mustAtoi(t, id), "")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustAtoi(t *testing.T, s string) int64 {
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A member stage filed too early is refused, naming the rule.
func TestMemberStageFiledTooEarlyIsRefused(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	key := probationaryOf(t, ts.Store, "mem-207") // org-04
	path := fmt.Sprintf("/org/members/%d", key)
	_, form := ts.get(secA, path+"/next")
	if !strings.Contains(form, `name="full"`) {
		t.Fatal("the next-stage form has no date of full membership")
	}
	res, body := ts.post(secA, path, ts.opened(secA, path+"/next", url.Values{"full": {"2026-03-01"}, "action": {"submit"}}))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "一年") {
		t.Fatalf("full membership five months after probation: %d", res.StatusCode)
	}
	if !strings.Contains(doc(t, body).Find(`#full`).AttrOr("value", ""), "2026-03-01") {
		t.Error("the form lost the typed date")
	}
}

// A secretary's next-stage filing shows the recorded stage dates as text
// and asks only the next one; a crafted form that sends other dates
// changes none of them, neither in the filing nor, once published, in the
// ledger.
func TestNextStageFilingKeepsTheRecordedDates(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	ctx := context.Background()
	recorded, key, err := ts.Store.MemberByID(ctx, "mem-207") // org-04: applied 2022-09-11, activist 2023-06-27, candidate 2024-10-05
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/org/members/%d", key)
	_, body := ts.get(secA, path+"/next")
	d := doc(t, body)
	for field, shown := range map[string]string{"applied": "2022年9月11日", "activist": "2023年6月27日", "candidate": "2024年10月5日"} {
		if d.Find(`[name="`+field+`"]`).Length() != 0 {
			t.Errorf("the recorded %s date is editable", field)
		}
		if got := d.Find(`[data-testid="readonly-` + field + `"]`).Text(); got != shown {
			t.Errorf("the recorded %s date shows as %q, want %q", field, got, shown)
		}
	}
	if d.Find(`input[type="date"][name="probationary"]`).Length() != 1 || d.Find(`[name="full"]`).Length() != 0 {
		t.Error("the form does not ask exactly the next stage's date")
	}
	token := ts.csrf(secA, path+"/next")
	res, _ := ts.post(secA, path, url.Values{"_csrf": {token}, "record_version": {recordVersionOf(t, ts, "", key)}, "name": {"张晨波"}, "birth": {"1980-12-05"}, "enterprise": {"ent-003"},
		"management": {"true"}, "applied": {"2021-09-11"}, "activist": {"2022-06-27"}, "candidate": {"2023-06-28"},
		"probationary": {"2025-10-10"}, "action": {"submit"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the next stage, with earlier dates crafted: %d", res.StatusCode)
	}
	id := filingLocation.FindStringSubmatch(res.Header.Get("Location"))[1]
	_, review := ts.get(staff, "/workbench/review/"+id)
	action, publish := formOfPage(t, review, nil)
	if res, _ := ts.post(staff, action, publish); !strings.HasSuffix(action, "/publish") || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish (%s): %d", action, res.StatusCode)
	}
	want := recorded
	want.Probationary = "2025-10-10"
	got, _, _ := ts.Store.MemberByID(ctx, recorded.ID)
	if want.Version = got.Version; got != want {
		t.Errorf("published %+v, want %+v", got, want)
	}
}

// Drafts and submissions of every kind change no public page and no
// report figure; a publish does.
func TestUnpublishedFilingsShowNowhere(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	anon := ts.client()
	_, sitemap := ts.get(anon, "/sitemap.xml")
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(sitemap), &sm); err != nil {
		t.Fatal(err)
	}
	paths := []string{"/reports/2023.json", "/reports/2023.csv", "/reports/2022.json"}
	for _, u := range sm.URLs {
		if p, err := url.Parse(u.Loc); err == nil {
			paths = append(paths, p.Path)
		}
	}
	if len(paths) < 10 {
		t.Fatalf("only %d public pages", len(paths))
	}
	snapshot := func() map[string]string {
		out := map[string]string{}
		for _, p := range paths {
			_, b := ts.get(anon, p)
			out[p] = b
		}
		return out
	}
	before := snapshot()
	token := ts.csrf(secA, "/org/activities/new")
	forms := map[string]url.Values{
		"/org/activities": activityFiling(token, "未发布的活动"),
		"/org/responsibility": {"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"volunteering"}, "date": {"2023-06-01"},
			"beneficiaries": {"300"}, "note": {"未发布的志愿服务"}},
		"/org/services": {"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"legal"}, "date": {"2023-06-01"}, "need": {"未发布的申请"}},
		"/org/members":  {"_csrf": {token}, "name": {"未发布的申请人"}, "management": {"true"}, "applied": {"2023-03-01"}, "birth": {"1990-01-01"}},
		"/org/brands":   {"_csrf": {token}, "name": {"未发布的品牌"}, "launched": {"2023-01-01"}, "story": {"**未发布**"}, "record_version": {recordVersionOf(t, ts, "org-04", 0)}},
	}
	forms["/org/activities"].Set("date", "2023-05-06")
	ids := map[string]string{}
	for path, form := range forms {
		for _, action := range []string{"draft", "submit"} {
			form.Set("action", action)
			res, body := ts.postMultipart(secA, path, form, nil)
			m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
			if m == nil {
				t.Fatalf("%s %s: %d\n%s", path, action, res.StatusCode, body)
			}
			ids[path] = m[1]
		}
	}
	after := snapshot()
	for _, p := range paths {
		if before[p] != after[p] {
			t.Errorf("%s changed with unpublished filings", p)
		}
	}
	for _, text := range []string{"未发布的活动", "未发布的志愿服务", "未发布的品牌", "未发布的申请人"} {
		for p, b := range after {
			if strings.Contains(b, text) {
				t.Errorf("%s shows %q", p, text)
			}
		}
	}
	// Publishing the responsibility record changes the 2023 report.
	tok := ts.csrf(staff, "/workbench/review/"+ids["/org/responsibility"])
	if res, _ := ts.post(staff, "/workbench/review/"+ids["/org/responsibility"]+"/publish", url.Values{"_csrf": {tok}, "version": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	if _, b := ts.get(anon, "/reports/2023.json"); b == before["/reports/2023.json"] {
		t.Error("a published responsibility record did not change the 2023 report")
	}
}

// The bulk publish publishes what was picked, each checked.
func TestBulkPublish(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	var picks []string
	for i := range 3 {
		f := activityFiling(token, fmt.Sprintf("批量活动%d", i))
		f.Set("action", "submit")
		res, _ := ts.postMultipart(secA, "/org/activities", f, nil)
		m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
		if m == nil {
			t.Fatalf("submit %d: %d", i, res.StatusCode)
		}
		picks = append(picks, m[1]+":1:0") // a new activity: no ledger record yet
	}
	tok := ts.csrf(staff, "/workbench/review")
	res, _ := ts.post(staff, "/workbench/review/publish", url.Values{"_csrf": {tok}, "pick": picks[:2]})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("bulk publish: %d", res.StatusCode)
	}
	_, queue := ts.get(staff, "/workbench/review")
	q := doc(t, queue).Find(`[data-testid="review-queue"]`).Text()
	if strings.Contains(q, "批量活动0") || strings.Contains(q, "批量活动1") || !strings.Contains(q, "批量活动2") {
		t.Errorf("queue after publishing two of three: %q", q)
	}
	// A stale pick is named, not published.
	res, body := ts.post(staff, "/workbench/review/publish", url.Values{"_csrf": {tok}, "pick": {picks[0]}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "已被修改或处理") {
		t.Errorf("a stale pick: %d", res.StatusCode)
	}
}

// Every filing form, given bad input, says what is wrong at the field and
// keeps what was typed.
func TestFilingFormsRefuseBadInputAndKeepIt(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	for _, c := range []struct {
		path, field, message string
		form                 url.Values
		kept                 string
	}{
		{"/org/activities", "participants", "须为整数", url.Values{"title": {"党课"}, "participants": {"三十"}}, "党课"},
		{"/org/responsibility", "beneficiaries", "须为整数", url.Values{"beneficiaries": {"三百"}, "note": {"为困难职工送温暖"}}, "为困难职工送温暖"},
		{"/org/responsibility", "date", "缺少必填内容", url.Values{"enterprise": {"ent-003"}, "kind": {"volunteering"}, "beneficiaries": {"3"}, "note": {"志愿服务"}}, "志愿服务"},
		{"/org/services", "need", "缺少必填内容", url.Values{"enterprise": {"ent-003"}, "kind": {"legal"}, "date": {"2026-02-01"}}, "ent-003"},
		{"/org/brands", "name", "缺少必填内容", url.Values{"launched": {"2023-01-01"}, "slogan": {"红色引擎"}}, "红色引擎"},
		{"/org/members", "applied", "缺少必填内容", url.Values{"name": {"王小明"}, "management": {"false"}}, "王小明"},
	} {
		c.form.Set("_csrf", token)
		c.form.Set("action", "submit")
		res, body := ts.postMultipart(secA, c.path, c.form, nil)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.path, res.StatusCode)
			continue
		}
		d := doc(t, body)
		if msg := d.Find("#" + c.field + "-error").Text(); !strings.Contains(msg, c.message) {
			t.Errorf("%s: the message at %s is %q, want %q", c.path, c.field, msg, c.message)
		}
		if !strings.Contains(d.Find(`[data-testid="error-summary"]`).Text(), c.message) {
			t.Errorf("%s: the error summary does not name the problem", c.path)
		}
		if !strings.Contains(body, c.kept) {
			t.Errorf("%s: the form lost %q", c.path, c.kept)
		}
	}
}

// The audit log names every step of a filing in the clerk's words.
func TestAuditLogNamesFilingSteps(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	form := activityFiling(token, "党课进车间")
	form.Set("action", "submit")
	res, _ := ts.postMultipart(secA, "/org/activities", form, nil)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	tok := ts.csrf(staff, "/workbench/review/"+m[1])
	ts.post(staff, "/workbench/review/"+m[1]+"/return", url.Values{"_csrf": {tok}, "version": {"1"}, "comment": {"请补充"}})
	admin, _ := ts.login("boss", "boss-password")
	_, body := ts.get(admin, "/admin/audit?collection=filings")
	text := doc(t, body).Find("main").Text()
	for _, want := range []string{"书记报送", "提交审核", "退回修改", "党课进车间"} {
		if !strings.Contains(text, want) {
			t.Errorf("the audit log of filings lacks %q", want)
		}
	}
}

// A brand filed with a logo shows it on the public brand page once
// published, and not before.
func TestBrandLogoIsPublicOnlyOncePublished(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/brand")
	form := url.Values{"_csrf": {token}, "name": {"车间红旗"}, "launched": {"2023-01-01"}, "story": {"**一线**党建"}, "action": {"submit"},
		"record_version": {recordVersionOf(t, ts, "org-04", 0)}}
	res, body := ts.postMultipart(secA, "/org/brands", form, map[string][][2]string{"logo_upload": {{"logo.jpg", testJPEG(t)}}})
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("brand: %d\n%s", res.StatusCode, body)
	}
	var filed store.BrandFiling
	if err := json.Unmarshal(filingOf(t, ts, m[1]).Body, &filed); err != nil || filed.Logo == 0 {
		t.Fatalf("the filing's logo: %d (%v)", filed.Logo, err)
	}
	logo := filed.Logo
	anon := ts.client()
	if res, _ := ts.get(anon, fmt.Sprintf("/photos/%d", logo)); res.StatusCode != http.StatusNotFound {
		t.Fatalf("an unpublished logo: %d", res.StatusCode)
	}
	if res, _ := ts.post(staff, "/workbench/review/"+m[1]+"/publish", ts.opened(staff, "/workbench/review/"+m[1], nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	key := filingOf(t, ts, m[1]).RecordKey
	_, page := ts.get(anon, fmt.Sprintf("/brands/%d", key))
	d := doc(t, page)
	if src, _ := d.Find(`[data-testid="brand-logo"]`).Attr("src"); src != fmt.Sprintf("/photos/%d", logo) {
		t.Errorf("the brand page's logo %q", src)
	}
	if got, _ := d.Find(`[data-testid="story"]`).Html(); !strings.Contains(got, "<strong>一线</strong>") {
		t.Errorf("the story's bold words: %q", got)
	}
	if res, _ := ts.get(anon, fmt.Sprintf("/photos/%d", logo)); res.StatusCode != http.StatusOK {
		t.Errorf("the published logo: %d", res.StatusCode)
	}
}

// The workspace lists the latest filings and counts them by status; the
// rest are a link away.
func TestWorkspaceListsTheLatestFilings(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/services/new")
	for i := range workspaceFilings + 5 {
		res, _ := ts.post(secA, "/org/services", url.Values{"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"legal"},
			"date": {"2026-02-01"}, "need": {fmt.Sprintf("第%d份", i)}, "action": {"draft"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("draft %d: %d", i, res.StatusCode)
		}
	}
	_, body := ts.get(secA, "/org")
	d := doc(t, body)
	if n := d.Find(`[data-testid="filings"] tbody tr`).Length(); n != workspaceFilings {
		t.Errorf("the workspace lists %d filings, want %d", n, workspaceFilings)
	}
	if !strings.Contains(d.Find(`[data-testid="filings"]`).Text(), fmt.Sprintf("草稿 %d 份", workspaceFilings+5)) {
		t.Errorf("the workspace does not count the drafts: %q", d.Find(`[data-testid="filings"] p`).First().Text())
	}
	if _, ok := d.Find(`a[href="/org/filings"]`).Attr("href"); !ok {
		t.Error("no link to all filings")
	}
	_, all := ts.get(secA, "/org/filings")
	if n := doc(t, all).Find("tbody tr").Length(); n != workspaceFilings+5 {
		t.Errorf("/org/filings lists %d, want %d", n, workspaceFilings+5)
	}
}

// The review queue and a secretary's filings are ledgers: 50 a page, with
// a pager that keeps the filters, and no page past the last.
func TestFilingListsArePaged(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	const n = ledgerPageSize + 5
	for i := range n {
		f := activityFiling(token, fmt.Sprintf("分页活动%02d", i))
		f.Set("action", "submit")
		if res, _ := ts.postMultipart(secA, "/org/activities", f, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit %d: %d", i, res.StatusCode)
		}
	}
	for _, c := range []struct {
		who        *http.Client
		path, rows string
	}{
		{staff, "/workbench/review?kind=activities", `[data-testid="review-queue"] tbody tr`},
		{secA, "/org/filings", "tbody tr"},
	} {
		_, body := ts.get(c.who, c.path)
		d := doc(t, body)
		if got := d.Find(c.rows).Length(); got != ledgerPageSize {
			t.Errorf("%s lists %d, want %d", c.path, got, ledgerPageSize)
		}
		if !strings.Contains(d.Find(".result-count").Text(), fmt.Sprintf("%d 份", n)) {
			t.Errorf("%s counts %q, want all %d", c.path, d.Find(".result-count").Text(), n)
		}
		next, ok := d.Find(`[data-testid="pager"] a[rel="next"]`).Attr("href")
		if !ok {
			t.Fatalf("%s has no next page", c.path)
		}
		if strings.HasPrefix(c.path, "/workbench") && !strings.Contains(next, "kind=activities") {
			t.Errorf("the next page %q drops the filter", next)
		}
		res, body := ts.get(c.who, next)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", next, res.StatusCode)
		}
		if got := doc(t, body).Find(c.rows).Length(); got != n-ledgerPageSize {
			t.Errorf("%s lists %d, want %d", next, got, n-ledgerPageSize)
		}
		if res, _ := ts.get(c.who, strings.Replace(next, "page=2", "page=3", 1)); res.StatusCode != http.StatusNotFound {
			t.Errorf("a page past the last: %d, want 404", res.StatusCode)
		}
	}
	// The longest waiting first: the first filed leads page one.
	_, body := ts.get(staff, "/workbench/review")
	if first := doc(t, body).Find(`[data-testid="review-queue"] tbody tr`).First().Text(); !strings.Contains(first, "分页活动00") {
		t.Errorf("page one starts with %q", first)
	}
}

// A form with a field that cannot be read (a count that is no number) and
// others that break the rules names every problem at once, and shows what
// was typed in the unreadable field.
func TestFilingFormNamesEveryProblemAtOnce(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/activities/new")
	form := url.Values{"_csrf": {token}, "action": {"submit"}, "program": {"incubation"}, "kind": {"lecture"},
		"participants": {"25.5"}, "enterprises": {"ent-003"}} // no title, no date
	res, body := ts.postMultipart(secA, "/org/activities", form, nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%d, want 422", res.StatusCode)
	}
	d := doc(t, body)
	for field, message := range map[string]string{"participants": "须为整数", "title": "缺少必填内容", "date": "缺少必填内容"} {
		if msg := d.Find("#" + field + "-error").Text(); !strings.Contains(msg, message) {
			t.Errorf("the message at %s is %q, want %q", field, msg, message)
		}
	}
	if v, _ := d.Find("#participants").Attr("value"); v != "25.5" {
		t.Errorf("the count shows %q, want what was typed", v)
	}
	// A draft may be unfinished: only what cannot be read refuses it.
	form.Set("action", "draft")
	_, body = ts.postMultipart(secA, "/org/activities", form, nil)
	d = doc(t, body)
	if d.Find("#participants-error").Length() != 1 || d.Find("#title-error").Length() != 0 {
		t.Errorf("a draft's refusal: %q", d.Find(`[data-testid="error-summary"]`).Text())
	}
	_, ws := ts.get(secA, "/org/filings")
	if strings.Contains(ws, "未命名") {
		t.Error("a refused filing was saved")
	}
}

// A secretary's new applicant needs a birth date to be submitted (the age
// rule needs it); a draft may lack it, as it may lack anything.
func TestMemberFilingNeedsTheBirthDateToSubmit(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	token := ts.csrf(secA, "/org/members/new")
	form := url.Values{"_csrf": {token}, "action": {"submit"}, "name": {"新申请人"}, "enterprise": {"ent-003"},
		"management": {"false"}, "applied": {"2025-03-01"}}
	res, body := ts.post(secA, "/org/members", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a submission without a birth date: %d, want 422", res.StatusCode)
	}
	d := doc(t, body)
	if msg := d.Find("#birth-error").Text(); !strings.Contains(msg, "出生日期") || !strings.Contains(msg, "缺少必填内容") {
		t.Errorf("the birth field says %q", msg)
	}
	if v, _ := d.Find("#name").Attr("value"); v != "新申请人" {
		t.Errorf("the typed name shows as %q", v)
	}
	form.Set("action", "draft")
	if res, _ := ts.post(secA, "/org/members", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a draft without a birth date: %d, want 303", res.StatusCode)
	}
	form.Set("action", "submit")
	form.Set("birth", "1995-07-01")
	if res, body := ts.post(secA, "/org/members", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a submission with a birth date: %d %q", res.StatusCode, doc(t, body).Find(`[data-testid="error-summary"]`).Text())
	}
}

// recordVersionOf is the version of org's brand (or of member key), as the
// form a secretary opens on it names it ("record_version").
func recordVersionOf(t *testing.T, ts *testServer, org string, member int64) string {
	t.Helper()
	ctx := context.Background()
	if member != 0 {
		m, err := ts.Store.MemberByKey(ctx, member)
		if err != nil {
			t.Fatal(err)
		}
		return strconv.FormatInt(m.Version, 10)
	}
	key, err := ts.Store.OrganizationBrandKey(ctx, org)
	if err != nil || key == 0 {
		t.Fatalf("the brand of %s: %d %v", org, key, err)
	}
	b, err := ts.Store.BrandByKey(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(b.Version, 10)
}

// probationaryOf makes member id (a development target of the
// demonstration park) a probationary member as of 2025-10-10, as staff
// record it, and returns its key: the demonstration park's probationary
// members have all been made full since.
func probationaryOf(t testing.TB, s *store.Store, id string) int64 {
	t.Helper()
	ctx := context.Background()
	m, key, err := s.MemberByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m.Probationary = "2025-10-10"
	if _, err := s.SaveMember(ctx, store.Actor{Username: "test"}, id, m); err != nil {
		t.Fatal(err)
	}
	return key
}

// A secretary's pages kept in the page cache are kept per organisation:
// the same forms opened by the secretaries of two organisations, first and
// again (from the cache), offer each only its own enterprises.
func TestSecretaryPagesAreKeptPerOrganization(t *testing.T) {
	ts, _, secA, secB := secretaryServer(t)
	names, err := ts.Store.EnterpriseNames(context.Background(), []string{"ent-003", "ent-013"})
	if err != nil {
		t.Fatal(err)
	}
	own, other := names["ent-003"], names["ent-013"]
	for round := range 2 {
		for _, path := range []string{"/org/services/new", "/org/activities/new"} {
			_, a := ts.get(secA, path)
			_, b := ts.get(secB, path)
			if !strings.Contains(a, own) || strings.Contains(a, other) || !strings.Contains(b, other) || strings.Contains(b, own) {
				t.Errorf("round %d, %s: org-04's page names %q %v and %q %v; org-02's %q %v and %q %v", round, path,
					own, strings.Contains(a, own), other, strings.Contains(a, other), other, strings.Contains(b, other), own, strings.Contains(b, own))
			}
		}
	}
}
