package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
	"parkportal/web/photo"
)

// A refused filing form keeps no photo for good: the photos chosen are
// held for the retry, and the form shows them kept (checked, with a note)
// beside what was typed. The retry, sending them back, keeps them with the
// filing; a refused form whose retry never comes loses its photos to the
// sweep once the hold is past.
func TestRefusedFilingHoldsItsPhotosForTheRetry(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	ts.Store.SetClock(ts.clock.Now)
	token := ts.csrf(secA, "/org/activities/new")
	form := activityFiling(token, "") // no title
	form.Set("action", "submit")
	photos := map[string][][2]string{"photos_upload": {{"IMG_0001.jpg", testJPEG(t)}, {"IMG_0002.jpg", testJPEG(t)}}}
	res, body := ts.postMultipart(secA, "/org/activities", form, photos)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a submission without a title: %d, want 422", res.StatusCode)
	}
	if n := ts.tally().KeptPhotos(); n != 0 {
		t.Fatalf("a refused form left %d photos kept for good", n)
	}
	if n := ts.tally().Photos; n != 2 {
		t.Fatalf("%d photos held for the retry, want 2", n)
	}
	d := doc(t, body)
	if msg := d.Find("#title-error").Text(); !strings.Contains(msg, "缺少必填内容") {
		t.Errorf("the title's message %q", msg)
	}
	if got := d.Find("#summary").Text(); got != "车间里讲党课，二十五名职工参加。" {
		t.Errorf("the form lost the summary typed: %q", got)
	}
	var ids []string
	d.Find(`input[type="checkbox"][name="photos"][checked]`).Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("value")
		ids = append(ids, v)
	})
	if len(ids) != 2 || d.Find(`.photo-list li[data-held="true"]`).Length() != 2 {
		t.Fatalf("the refused form shows %v kept, want both photos", ids)
	}
	if note := d.Find(`[data-testid="photos-held"]`).Text(); !strings.Contains(note, "保存草稿或提交审核后才会长期保留") {
		t.Errorf("the form does not say the photos wait for a save: %q", note)
	}
	for _, id := range ids {
		if res, _ := ts.get(secA, "/photos/"+id+"/thumb"); res.StatusCode != http.StatusOK {
			t.Errorf("the held photo %s's thumbnail: %d", id, res.StatusCode)
		}
	}

	// The retry sends the checked photos back with the title filled in.
	form = activityFiling(ts.csrf(secA, "/org/activities/new"), "党课进车间")
	form.Set("action", "submit")
	form["photos"] = ids
	res, body = ts.postMultipart(secA, "/org/activities", form, nil)
	m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("the retry: %d\n%s", res.StatusCode, body)
	}
	if n := ts.tally().KeptPhotos(); n != 2 {
		t.Fatalf("the saved filing kept %d photos, want 2", n)
	}
	_, page := ts.get(secA, "/org/filings/"+m[1])
	if n := doc(t, page).Find(`[data-testid="photos"] img`).Length(); n != 2 {
		t.Errorf("the filing shows %d photos, want 2", n)
	}

	// A refused form whose retry never comes.
	form = activityFiling(ts.csrf(secA, "/org/activities/new"), "")
	form.Set("action", "submit")
	ts.postMultipart(secA, "/org/activities", form, map[string][][2]string{"photos_upload": {{"IMG_0003.jpg", testJPEG(t)}}})
	ts.clock.Advance(store.PhotoHold + time.Minute)
	if n, err := ts.Store.SweepPhotos(context.Background()); err != nil || n != 1 {
		t.Fatalf("the sweep removed %d, want the unsaved form's one photo: %v", n, err)
	}
	if n := ts.tally().Photos; n != 2 {
		t.Errorf("%d photos after the sweep, want the filing's 2", n)
	}
}

// syncClock is a clock the server's background sweep may read while the
// test moves it.
type syncClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *syncClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *syncClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// The server sweeps the photos held past their time that nothing refers
// to: at startup, before it serves, and then while it serves. Time is the
// store's clock, which the test moves.
func TestServerSweepsHeldPhotosAtStartupAndWhileServing(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "portal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	clock := &syncClock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.SetClock(clock.Now)
	if _, err := s.SaveOrganization(ctx, testActor, "", store.Organization{ID: "org-01", Name: "示例党支部", Kind: "branch", Formed: "2023-05-04", Enterprises: []string{}}); err != nil {
		t.Fatal(err)
	}
	p, err := photo.Process(ctx, []byte(testJPEG(t)))
	if err != nil {
		t.Fatal(err)
	}
	hold := func() int64 {
		t.Helper()
		id, err := s.HoldPhoto(ctx, store.Actor{Username: "sec"}, "org-01", p, store.DefaultPhotoQuota)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	exists := func(id int64) bool {
		_, _, _, err := s.PhotoFile(ctx, id, true)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}
	before := hold()
	clock.Advance(store.PhotoHold)

	srv, err := New(Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), SessionKey: []byte(strings.Repeat("k", 32)), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv.photoSweepEvery = 10 * time.Millisecond
	serveCtx, stop := context.WithCancel(ctx)
	ready, done := make(chan net.Addr, 1), make(chan error, 1)
	go func() { done <- srv.ListenAndServe(serveCtx, "127.0.0.1:0", func(a net.Addr) { ready <- a }) }()
	defer func() {
		stop()
		<-done
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	if exists(before) {
		t.Fatal("the photo held past its time before the server started is still there once it serves")
	}

	during := hold()
	time.Sleep(50 * time.Millisecond)
	if !exists(during) {
		t.Fatal("the server swept a photo within its hold")
	}
	clock.Advance(store.PhotoHold)
	for deadline := time.Now().Add(10 * time.Second); exists(during); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the server did not sweep the photo held past its time while serving")
		}
	}
}

// An organisation's photos stop at its quota (PORTAL_PHOTO_QUOTA): the
// photo past it is refused at the photo field in words, with what was
// typed and the photos already taken in kept; once full, further photos
// are refused before they are decoded.
func TestPhotoQuotaRefusesAtThePhotoField(t *testing.T) {
	p, err := photo.Process(context.Background(), []byte(testJPEG(t)))
	if err != nil {
		t.Fatal(err)
	}
	size := int64(len(p.Image) + len(p.Thumb))
	ts, _, secA, secB := secretaryServer(t, func(c *Config) { c.PhotoQuota = size })
	token := ts.csrf(secA, "/org/activities/new")
	form := activityFiling(token, "党课进车间")
	form.Set("action", "submit")
	res, body := ts.postMultipart(secA, "/org/activities", form,
		map[string][][2]string{"photos_upload": {{"IMG_0001.jpg", testJPEG(t)}, {"IMG_0002.jpg", testJPEG(t)}}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a photo past the quota: %d, want 422", res.StatusCode)
	}
	d := doc(t, body)
	msg := d.Find("#photos-error").Text()
	for _, want := range []string{"照片存储空间已满", "“IMG_0002.jpg”及之后的照片未保存", "请联系园区工作人员"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the photo field's message %q lacks %q", msg, want)
		}
	}
	if !strings.Contains(d.Find(`[data-testid="error-summary"]`).Text(), "照片存储空间已满") {
		t.Error("the error summary does not name the quota")
	}
	if v, _ := d.Find("#title").Attr("value"); v != "党课进车间" {
		t.Errorf("the form lost the title typed: %q", v)
	}
	if n := d.Find(`input[name="photos"][checked]`).Length(); n != 1 {
		t.Errorf("the form shows %d photos kept, want the first", n)
	}
	if n := ts.tally().Photos; n != 1 {
		t.Fatalf("%d photos stored, want 1", n)
	}
	// Full: refused again, nothing more stored.
	res, body = ts.postMultipart(secA, "/org/activities", form, map[string][][2]string{"photos_upload": {{"IMG_0003.jpg", testJPEG(t)}}})
	if msg := doc(t, body).Find("#photos-error").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "照片存储空间已满") {
		t.Fatalf("a full organisation's photo: %d %q", res.StatusCode, msg)
	}
	if n := ts.tally().Photos; n != 1 {
		t.Fatalf("%d photos stored, want 1", n)
	}
	// Another organisation's quota is its own.
	res, _ = ts.postMultipart(secB, "/org/brands", url.Values{"_csrf": {ts.csrf(secB, "/org/brand")}, "name": {"车间红旗"}, "launched": {"2023-01-01"}, "action": {"draft"},
		"record_version": {recordVersionOf(t, ts, "org-02", 0)}},
		map[string][][2]string{"logo_upload": {{"logo.jpg", testJPEG(t)}}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("another organisation's logo: %d", res.StatusCode)
	}
}

// One account sends at most DefaultWriteLimit filings, submissions and
// photos a minute: photos past it are refused at their field (429, the
// form kept), a form past it gets a 429 page in words; each says when to
// come back (Retry-After), and then it works again.
func TestWriteLimitAnswers429WithRetryAfter(t *testing.T) {
	ts, _, secA, secB := secretaryServer(t)
	token := ts.csrf(secA, "/org/services/new")
	draft := url.Values{"_csrf": {token}, "enterprise": {"ent-003"}, "kind": {"legal"}, "date": {"2026-02-01"}, "need": {"合同审查"}, "action": {"draft"}}
	for i := range DefaultWriteLimit - 2 {
		if res, _ := ts.post(secA, "/org/services", draft); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("draft %d: %d", i+1, res.StatusCode)
		}
	}
	// Two left: the form takes one, its three photos would take three.
	form := activityFiling(token, "党课进车间")
	form.Set("action", "submit")
	three := map[string][][2]string{"photos_upload": {{"1.jpg", testJPEG(t)}, {"2.jpg", testJPEG(t)}, {"3.jpg", testJPEG(t)}}}
	res, body := ts.postMultipart(secA, "/org/activities", form, three)
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("photos past the limit: %d, want 429", res.StatusCode)
	}
	wait := res.Header.Get("Retry-After")
	if wait != "3" { // two seconds for the photos, one for the form sent again
		t.Errorf("Retry-After %q, want 3", wait)
	}
	d := doc(t, body)
	if msg := d.Find("#photos-error").Text(); !strings.Contains(msg, "上传过于频繁") || !strings.Contains(msg, "3 秒后") {
		t.Errorf("the photo field's message %q", msg)
	}
	if v, _ := d.Find("#title").Attr("value"); v != "党课进车间" {
		t.Errorf("the form lost the title typed: %q", v)
	}
	if n := ts.tally().Photos; n != 0 {
		t.Fatalf("%d photos stored past the limit", n)
	}
	ts.clock.Advance(3 * time.Second)
	if res, body := ts.postMultipart(secA, "/org/activities", form, three); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("after Retry-After: %d\n%s", res.StatusCode, body)
	}
	filings := ts.tally().Filings
	res, body = ts.post(secA, "/org/services", draft)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "1" {
		t.Fatalf("a form past the limit: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	page := doc(t, body).Find(`[data-testid="error-page"]`).Text()
	for _, want := range []string{"提交过于频繁", fmt.Sprintf("每分钟最多提交 %d 次", DefaultWriteLimit), "1 秒后"} {
		if !strings.Contains(page, want) {
			t.Errorf("the 429 page %q lacks %q", page, want)
		}
	}
	if got := ts.tally().Filings; got != filings {
		t.Errorf("a form past the limit was saved")
	}
	// Another account has its own allowance.
	tokenB := ts.csrf(secB, "/org/services/new")
	if res, _ := ts.post(secB, "/org/services", url.Values{"_csrf": {tokenB}, "enterprise": {"ent-013"}, "kind": {"legal"}, "date": {"2026-02-01"}, "action": {"draft"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another account: %d", res.StatusCode)
	}
	ts.clock.Advance(time.Second)
	if res, _ := ts.post(secA, "/org/services", draft); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after Retry-After: %d", res.StatusCode)
	}
}

// readTracker is a request body that notes whether anything read it.
type readTracker struct {
	io.Reader
	read bool
}

func (r *readTracker) Read(p []byte) (int, error) {
	r.read = true
	return r.Reader.Read(p)
}

// A filing form's post past the limit is refused before anything reads
// its body: a flood of large forms costs no reading.
func TestWriteLimitRefusesBeforeReadingTheBody(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t, func(c *Config) { c.WriteLimit = 1 })
	draft := url.Values{"_csrf": {ts.csrf(secA, "/org/services/new")}, "enterprise": {"ent-003"}, "kind": {"legal"}, "date": {"2026-02-01"}, "need": {"合同审查"}, "action": {"draft"}}
	if res, _ := ts.post(secA, "/org/services", draft); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first draft: %d", res.StatusCode)
	}
	body := &readTracker{Reader: strings.NewReader(draft.Encode())}
	req := httptest.NewRequest(http.MethodPost, "/org/services", body)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, ck := range secA.Jar.Cookies(mustURL(ts.HTTP.URL)) {
		req.AddCookie(ck)
	}
	w := httptest.NewRecorder()
	ts.Server.Handler().ServeHTTP(w, req)
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "60" {
		t.Fatalf("past the limit: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	if body.read {
		t.Error("the body of a post past the limit was read")
	}
}
