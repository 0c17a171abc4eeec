package web_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZShots(t *testing.T) {
	site := startSite(t, loadDemoParkAndUsers)
	os.MkdirAll("/tmp/shots", 0o755)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	pages := []string{"/workbench/activities", "/workbench/activities/1", "/workbench/activities/new", "/workbench/services", "/workbench/services/new", "/workbench/staff/new", "/workbench/brands/1", "/workbench/members", "/workbench/platforms"}
	for _, w := range a11yWidths {
		for _, p := range pages {
			do(t, tab, chromedp.EmulateViewport(w.width, w.height), chromedp.Navigate(site.URL+p))
			buf := run(t, tab, chromedp.FullScreenshot(100))
			name := strings.NewReplacer("/", "_").Replace(p)
			os.WriteFile("/tmp/shots/"+w.name+name+".png", buf, 0o644)
		}
	}
	do(t, tab, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(site.URL+"/workbench/activities/new"),
		chromedp.SendKeys(chromedp.CSS(`input[name="enterprises"]`), "立方"), chromedp.Sleep(800*time.Millisecond))
	os.WriteFile("/tmp/shots/suggest.png", run(t, tab, chromedp.FullScreenshot(100)), 0o644)
	do(t, tab, chromedp.Click(chromedp.CSS(`[data-testid="activity-form"] button[type="submit"]`)), chromedp.Sleep(500*time.Millisecond))
	os.WriteFile("/tmp/shots/activity-errors.png", run(t, tab, chromedp.FullScreenshot(100)), 0o644)
}
