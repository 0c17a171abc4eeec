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

// A clerk filters the activity ledger by an organiser found by typing two
// characters of its name, removes the filter by its tag, tries a part that
// several organisations share and follows one of those offered; then
// records an activity whose organiser they pick the same way.
func TestBrowserOrganizationPickerJourney(t *testing.T) {
	browser(t) // skip at once when there is none
	site := startSite(t, loadDemoParkAndUsers)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	const name = "株洲翼智微电子有限责任公司党支部"
	choose := func(id string) {
		t.Helper()
		got := suggestionsOf(t, tab, id, name)
		if !strings.Contains(got, name+"|org-10") {
			t.Fatalf("typing 翼智 offers %q, want %s (org-10)", got, name)
		}
		// Choosing the suggestion puts its value, the name, in the field.
		run(t, tab, chromedp.Evaluate[chromedp.Void](`(() => {
			const input = document.getElementById(`+jsString(id)+`);
			input.value = Array.from(input.list.options).find(o => o.label === "org-10").value;
		})()`))
	}

	do(t, tab,
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(site.URL+"/workbench/activities"),
		chromedp.WaitVisible(chromedp.ID("organizer")),
		chromedp.SendKeys(chromedp.ID("organizer"), "翼智"),
	)
	choose("organizer")
	submit(t, tab, `form.filter-form button[type="submit"]`)
	tags := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="filter-tags"]`)))
	if !strings.Contains(tags, "组织单位："+name) {
		t.Errorf("after the filter the tags say %q", tags)
	}
	organisers := run(t, tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[data-testid="ledger"] tbody tr')).map(r => r.querySelectorAll("td")[3].textContent)`))
	if len(organisers) == 0 {
		t.Error("no activity of the organiser")
	}
	for _, o := range organisers {
		if o != name {
			t.Errorf("a row organised by %q", o)
		}
	}
	if got := run(t, tab, chromedp.Value(chromedp.ID("organizer"))); got != name {
		t.Errorf("the filter's field shows %q", got)
	}
	shoot(t, tab, "organization-picker-ledger")
	do(t, tab, chromedp.EmulateViewport(1280, 800))
	// The tag removes the filter.
	submit(t, tab, `[data-testid="filter-tags"] a.tag`)
	if n := run(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="filter-tags"]').length`)); n != 0 {
		t.Error("the tag did not remove the filter")
	}

	// A part several organisations share: the field says so and offers them.
	do(t, tab,
		chromedp.WaitVisible(chromedp.ID("organizer")),
		chromedp.Clear(chromedp.ID("organizer")),
		chromedp.SendKeys(chromedp.ID("organizer"), "峻"),
	)
	submit(t, tab, `form.filter-form button[type="submit"]`)
	if msg := run(t, tab, chromedp.Text(chromedp.ID("organizer-error"))); !strings.Contains(msg, "没有名称或编号为“峻”的党组织") {
		t.Errorf("峻 gave %q", msg)
	}
	if got := run(t, tab, chromedp.Value(chromedp.ID("organizer"))); got != "峻" {
		t.Errorf("the text typed was kept as %q", got)
	}
	shoot(t, tab, "organization-picker-candidates")
	do(t, tab, chromedp.EmulateViewport(1280, 800))
	first := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="pick-candidates"] a`)))
	submit(t, tab, `[data-testid="pick-candidates"] a`)
	if tags := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="filter-tags"]`))); !strings.Contains(tags, "组织单位："+first) {
		t.Errorf("following %q the tags say %q", first, tags)
	}

	// The activity form picks its organiser the same way.
	do(t, tab,
		chromedp.Navigate(site.URL+"/workbench/activities/new"),
		chromedp.WaitVisible(chromedp.ID("organizer")),
		chromedp.SendKeys(chromedp.ID("title"), "翼智党课"),
		chromedp.SetValue(chromedp.ID("program"), "brand"),
		chromedp.SendKeys(chromedp.ID("kind"), "讲堂"),
		chromedp.SetValue(chromedp.ID("date"), "2026-03-01"),
		chromedp.SendKeys(chromedp.ID("organizer"), "翼智"),
	)
	choose("organizer")
	shoot(t, tab, "organization-picker-activity-form")
	do(t, tab, chromedp.EmulateViewport(1280, 800))
	if got := submit(t, tab, `[data-testid="activity-form"] button[type="submit"]`); got != 200 {
		t.Fatalf("saving the activity led to %d", got)
	}
	if summary := run(t, tab, chromedp.Text(chromedp.CSS(`main`))); !strings.Contains(summary, "翼智党课") || !strings.Contains(summary, name) {
		t.Errorf("the saved activity's page: %q", summary)
	}
	// A part that names none comes back at the field, in the form.
	do(t, tab,
		chromedp.Navigate(site.URL+"/workbench/activities/new"),
		chromedp.WaitVisible(chromedp.ID("organizer")),
		chromedp.SendKeys(chromedp.ID("title"), "峻字党课"),
		chromedp.SetValue(chromedp.ID("program"), "brand"),
		chromedp.SendKeys(chromedp.ID("kind"), "讲堂"),
		chromedp.SetValue(chromedp.ID("date"), "2026-03-01"),
		chromedp.SendKeys(chromedp.ID("organizer"), "峻"),
	)
	if got := submit(t, tab, `[data-testid="activity-form"] button[type="submit"]`); got != 422 {
		t.Fatalf("an organiser of 峻 led to %d, want 422", got)
	}
	if msg := run(t, tab, chromedp.Text(chromedp.ID("organizer-error"))); !strings.Contains(msg, "“峻”对应多个党组织") {
		t.Errorf("the form says %q", msg)
	}
	shoot(t, tab, "organization-picker-activity-form-error")
}
