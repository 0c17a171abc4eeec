package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// suggestionsOf waits until the datalist of the input with id holds an
// option whose value or label contains want, and returns the options as
// "value|label" lines (the datalist is what the browser offers below the
// input as the clerk types).
func suggestionsOf(t *testing.T, tab context.Context, id, want string) string {
	t.Helper()
	js := `new Promise(resolve => {
		const input = document.getElementById(` + jsString(id) + `);
		const list = input && input.list;
		const read = () => list ? Array.from(list.options).map(o => o.value + "|" + o.label).join("\n") : "";
		const start = Date.now();
		const poll = () => {
			const got = read();
			if (got.includes(` + jsString(want) + `) || Date.now() - start > 5000) resolve(got);
			else setTimeout(poll, 50);
		};
		poll();
	})`
	return run(t, tab, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// A clerk registering an activity types part of a participating
// enterprise's name and is offered the enterprise (the picker's
// suggestions come from the workspace as they type).
func TestBrowserEnterprisePickerSuggests(t *testing.T) {
	browser(t) // skip at once when there is none
	site := startSite(t, loadDemoParkAndUsers)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	do(t, tab,
		chromedp.Navigate(site.URL+"/workbench/activities/new"),
		chromedp.WaitVisible(chromedp.ID("enterprises-1")),
		chromedp.SendKeys(chromedp.ID("enterprises-1"), "立方新能源"),
	)
	got := suggestionsOf(t, tab, "enterprises-1", "湖南立方新能源科技有限责任公司")
	if !strings.Contains(got, "ent-001|湖南立方新能源科技有限责任公司") {
		t.Errorf("typing 立方新能源 offers %q, want ent-001 湖南立方新能源科技有限责任公司", got)
	}
}
