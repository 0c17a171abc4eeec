package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A secretary, on a desktop and on a phone, files an activity with two
// photos but forgets its title: the refused form names the title and shows
// both photos as kept, marked as not saved yet, and nothing is stored for
// good; filling in the title and submitting again keeps both with the
// filing. With PORTAL_SCREENSHOTS set, the refused form and the saved
// filing are saved there as PNGs (photo-refused-*, photo-saved-*).
func TestBrowserRefusedFilingKeepsItsPhotosForTheRetry(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndSecretary)
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"IMG_0001.jpg", "IMG_0002.jpg"} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, cameraPhoto(t), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	shots := os.Getenv("PORTAL_SCREENSHOTS")
	if shots != "" && !filepath.IsAbs(shots) {
		shots = filepath.Join("..", shots)
	}
	shoot := func(tab context.Context, name string) {
		if shots == "" {
			return
		}
		run(t, tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise))
		png := run(t, tab, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kept := func() int {
		n, err := site.Store.Tally(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return n.KeptPhotos()
	}
	for i, w := range []struct {
		name          string
		width, height int64
		phone         bool
	}{{"desktop", 1280, 900, false}, {"phone", 375, 812, true}} {
		tab := newTab(t)
		opts := []chromedp.EmulateViewportOption{}
		if w.phone {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		do(t, tab, chromedp.EmulateViewport(w.width, w.height, opts...))
		signIn(t, tab, site, "sec04", testPassword)
		do(t, tab,
			chromedp.Navigate(site.URL+"/org/activities/new"),
			chromedp.WaitVisible(chromedp.ID("title")),
			chromedp.SetValue(chromedp.ID("program"), "incubation"),
			chromedp.SetValue(chromedp.ID("kind"), "lecture"),
			chromedp.SetValue(chromedp.ID("date"), "2026-02-20"),
			chromedp.Click(chromedp.CSS(`input[name="enterprises"][value="ent-003"]`)),
			chromedp.SendKeys(chromedp.ID("summary"), "车间里讲党课，二十五名职工参加。"),
			chromedp.SetUploadFiles(chromedp.ID("photos-upload"), files),
			chromedp.Click(chromedp.CSS(`[data-testid="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="error-summary"]`)),
		)
		if msg := run(t, tab, chromedp.Text(chromedp.ID("title-error"))); !strings.Contains(msg, "缺少必填内容") {
			t.Errorf("%s: the title's message %q", w.name, msg)
		}
		if n := run(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('input[name="photos"]:checked').length`)); n != 2 {
			t.Fatalf("%s: the refused form shows %d photos kept, want 2", w.name, n)
		}
		loaded := run(t, tab, chromedp.Evaluate[bool](`Promise.all([...document.querySelectorAll('.photo-list img')].map(i => i.decode())).then(() =>
			[...document.querySelectorAll('.photo-list img')].every(i => i.naturalWidth > 0))`, chromedp.EvalAwaitPromise))
		if !loaded {
			t.Errorf("%s: a held photo's thumbnail does not load", w.name)
		}
		if note := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="photos-held"]`))); !strings.Contains(note, "暂存 12 小时") {
			t.Errorf("%s: the held photos' note %q", w.name, note)
		}
		if got := run(t, tab, chromedp.Value(chromedp.ID("summary"))); got != "车间里讲党课，二十五名职工参加。" {
			t.Errorf("%s: the summary typed is gone: %q", w.name, got)
		}
		if n := kept(); n != 2*i {
			t.Fatalf("%s: %d photos kept for good after a refused form, want %d", w.name, n, 2*i)
		}
		shoot(tab, "photo-refused-"+w.name)

		do(t, tab,
			chromedp.SendKeys(chromedp.ID("title"), "党课进车间"),
			chromedp.Click(chromedp.CSS(`[data-testid="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice"]`)),
		)
		if n := run(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="photos"] img').length`)); n != 2 {
			t.Errorf("%s: the saved filing shows %d photos, want 2", w.name, n)
		}
		if n := kept(); n != 2*(i+1) {
			t.Errorf("%s: %d photos kept for good after the retry, want %d", w.name, n, 2*(i+1))
		}
		shoot(tab, "photo-saved-"+w.name)
	}
}
