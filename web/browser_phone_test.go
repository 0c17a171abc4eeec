package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// On a 375 px phone the staff workbench's content starts on the first
// screen: the workbench's tabs are one row that scrolls sideways, not four
// rows of links above the heading.
func TestBrowserWorkbenchStartsOnThePhonesFirstScreen(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndUsers)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	do(t, tab, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch), chromedp.Navigate(site.URL+"/workbench"))
	top := run(t, tab, chromedp.Evaluate[float64](`document.querySelector('main h1').getBoundingClientRect().top`))
	rows := run(t, tab, chromedp.Evaluate[int](`new Set([...document.querySelectorAll('.sub-nav li')].map(li => Math.round(li.getBoundingClientRect().top))).size`))
	if rows != 1 {
		t.Errorf("the workbench's tabs take %d rows on a phone, want one that scrolls", rows)
	}
	if top > 812/2 {
		t.Errorf("the workbench's heading starts at %.0f px, below the first half of the screen", top)
	}
	shoot(t, tab, "workbench-phone-first-screen")
}
