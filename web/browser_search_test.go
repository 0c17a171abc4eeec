package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A visitor on a phone types 党课 into the search box of the header, finds
// the activities that held one, newest first with their dates, and opens
// one: its own page names its programme, date and report.
func TestBrowserVisitorSearchesAndOpensAnActivity(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndSecretary)
	tab := newTab(t)
	do(t, tab, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Navigate(site.URL+"/"),
		chromedp.SendKeys(chromedp.CSS(`#site-q`), "党课"),
		chromedp.Submit(chromedp.CSS(`#site-q`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="search-activity"]`)))
	shoot(t, tab, "search-dangke")
	got := run(t, tab, chromedp.Evaluate[map[string]any](`(() => {
		const hits = [...document.querySelectorAll('[data-testid="search-activity"] .search-hit')];
		return {
			url: location.pathname + location.search,
			q: document.querySelector('#search-q').value,
			count: hits.length,
			dates: hits.map(h => h.querySelector('time').getAttribute('datetime')),
			marked: hits.every(h => [...h.querySelectorAll('mark')].some(m => m.textContent === '党课')),
			first: hits.length ? hits[0].querySelector('h3 a').getAttribute('href') : '',
			wide: document.documentElement.scrollWidth,
		};
	})()`))
	if got["url"] != "/search?q=%E5%85%9A%E8%AF%BE" || got["q"] != "党课" {
		t.Errorf("the search landed on %v with %v in its box", got["url"], got["q"])
	}
	dates, _ := got["dates"].([]any)
	if len(dates) < 2 {
		t.Fatalf("党课 found %d activities, want the demonstration park's several: %v", len(dates), got)
	}
	for i := 1; i < len(dates); i++ {
		if dates[i].(string) > dates[i-1].(string) {
			t.Errorf("results not newest first: %v", dates)
		}
	}
	if got["marked"] != true {
		t.Error("a result does not mark 党课 in its excerpt")
	}
	if w := got["wide"].(float64); w > 375 {
		t.Errorf("the results page is %.0f px wide on a 375 px phone", w)
	}
	first, _ := got["first"].(string)
	if !strings.HasPrefix(first, "/activities/") {
		t.Fatalf("the first result links to %q", first)
	}
	do(t, tab, chromedp.Click(chromedp.CSS(`[data-testid="search-activity"] .search-hit h3 a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="activity"]`)))
	shoot(t, tab, "activity-page")
	page := run(t, tab, chromedp.Evaluate[map[string]string](`(() => ({
		path: location.pathname,
		h1: document.querySelector('h1').textContent,
		facts: document.querySelector('.facts').textContent,
		report: document.querySelector('[data-testid="activity-report"]').textContent,
	}))()`))
	if page["path"] != first {
		t.Errorf("opened %s, want %s", page["path"], first)
	}
	if page["h1"] != "新组建党组织书记任职培训" || !strings.Contains(page["facts"], "孵化工程") || !strings.Contains(page["facts"], "日期") {
		t.Errorf("the activity page reads %v", page)
	}
	if !strings.Contains(page["report"], "党课") {
		t.Errorf("the activity's report reads %q", page["report"])
	}
}

// Enter in a field of a form with a story does what the form's main
// button does (保存; 提交审核 for a secretary), not the story's 预览,
// which comes first in the form.
func TestBrowserEnterInAStoryFormSaves(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndSecretary)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	do(t, tab, chromedp.Navigate(site.URL+"/workbench/brands/1/edit"), chromedp.WaitVisible(chromedp.ID("slogan")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('slogan').value = ''`), chromedp.SendKeys(chromedp.ID("slogan"), "回车保存的口号\r"),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="brand-form"]`)))
	got := run(t, tab, chromedp.Evaluate[map[string]any](`({path: location.pathname, preview: !!document.querySelector('[data-testid="story-preview"]'), text: document.querySelector('main').textContent})`))
	if got["path"] != "/workbench/brands/1" || got["preview"] == true || !strings.Contains(got["text"].(string), "回车保存的口号") {
		t.Errorf("Enter in the slogan gave %v, want the saved brand's page", got["path"])
	}
	site = startSite(t, loadDemoParkAndSecretary)
	tab = newTab(t)
	signIn(t, tab, site, "sec04", testPassword)
	do(t, tab, chromedp.Navigate(site.URL+"/org/brand"), chromedp.WaitVisible(chromedp.ID("slogan")),
		chromedp.SendKeys(chromedp.ID("slogan"), "，回车\r"), chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="filing-form"]`)))
	if url := run(t, tab, chromedp.Evaluate[string](`location.pathname + location.search`)); !strings.Contains(url, "done=submitted") {
		t.Errorf("Enter in the secretary's brand form gave %s, want it submitted", url)
	}
}
