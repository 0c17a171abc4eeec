package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"parkportal/store"
)

// A secretary writes their brand's story as plain text, makes a phrase
// bold with 加粗 (two asterisks) and presses 预览: the form comes back as
// typed, on the versions it was opened at, with the story as the public
// page will show it, and nothing is filed.
func TestSecretaryPreviewsTheBrandStory(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	_, page := ts.get(secA, "/org/brand")
	form := doc(t, page).Find(`main form[method="post"]`).First()
	action := form.AttrOr("action", "")
	if got := form.Find(`[data-testid="story-preview-button"]`).AttrOr("formaction", ""); got != action+"#story-preview" {
		t.Fatalf("the 预览 button posts to %q, want %q", got, action+"#story-preview")
	}
	story := "支部把**党员先锋岗**设在一线。\n\n第二段：<script>alert(1)</script> 与 # 井号"
	values := ts.opened(secA, "/org/brand", url.Values{"name": {"红色引擎"}, "launched": {"2023-13-45"}, "story": {story}, "action": {"preview"}})
	// Staff change the brand in the ledger while the secretary writes.
	key, err := strconv.ParseInt(strings.TrimPrefix(action, "/org/brands/"), 10, 64)
	if err != nil {
		t.Fatalf("the brand form posts to %q", action)
	}
	b, err := ts.Store.BrandByKey(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	b.Slogan += "（改）"
	if _, err := ts.Store.SaveBrand(context.Background(), store.Actor{Username: "clerk"}, key, b); err != nil {
		t.Fatal(err)
	}
	if values.Get("record_version") == "" || values.Get("record_version") == strconv.FormatInt(b.Version+1, 10) {
		t.Fatalf("the form was opened at record version %q", values.Get("record_version"))
	}
	res, body := ts.postMultipart(secA, action, values, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("预览: %d", res.StatusCode)
	}
	d := doc(t, body)
	preview, _ := d.Find(`[data-testid="story-preview"] .prose`).Html()
	for _, want := range []string{"<p>支部把<strong>党员先锋岗</strong>设在一线。</p>", "&lt;script&gt;alert(1)&lt;/script&gt; 与 # 井号"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview reads %q, want %q in it", preview, want)
		}
	}
	if got := d.Find("textarea#story").Text(); got != story {
		t.Errorf("the story came back as %q", got)
	}
	if got := d.Find("#launched").AttrOr("value", ""); got != "2023-13-45" {
		t.Errorf("a date that could not be read came back as %q, not as typed", got)
	}
	if d.Find(`[data-testid="error-summary"]`).Length() != 0 {
		t.Error("a preview reports problems")
	}
	for _, name := range []string{"_csrf", "record_version"} { // as opened, not the brand's version now
		if got := d.Find(`main form input[name="`+name+`"]`).AttrOr("value", ""); got != values.Get(name) {
			t.Errorf("%s came back as %q, opened as %q", name, got, values.Get(name))
		}
	}
	_, list := ts.get(secA, "/org/filings")
	if strings.Contains(list, "红色引擎") {
		t.Error("a preview filed the brand")
	}
}

// A brand change names its organisation's brand: another's is 404 to every
// answer of the form (a preview, a refusal), before the form is read.
func TestBrandChangeIsTheOrganisationsOwn(t *testing.T) {
	ts, _, secA, secB := secretaryServer(t)
	_, page := ts.get(secB, "/org/brand")
	other := doc(t, page).Find(`main form[method="post"]`).First().AttrOr("action", "")
	if !strings.HasPrefix(other, "/org/brands/") {
		t.Fatalf("org-02's brand form posts to %q", other)
	}
	for _, action := range []string{"preview", "draft", "submit"} {
		values := ts.opened(secA, "/org/brand", url.Values{"name": {"别人的品牌"}, "launched": {"2023-01-01"}, "record_version": {"1"}, "action": {action}})
		if res, body := ts.postMultipart(secA, other, values, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s of another organisation's brand: %d %.200s", action, res.StatusCode, body)
		}
	}
}

// A logo refused while previewing is said, as a save would say it.
func TestPreviewSaysARefusedLogo(t *testing.T) {
	ts, _, secA, _ := secretaryServer(t)
	_, page := ts.get(secA, "/org/brand")
	action := doc(t, page).Find(`main form[method="post"]`).First().AttrOr("action", "")
	values := ts.opened(secA, "/org/brand", url.Values{"story": {"故事"}, "action": {"preview"}})
	res, body := ts.postMultipart(secA, action, values, map[string][][2]string{"logo_upload": {{"logo.jpg", "not a picture"}}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("预览: %d", res.StatusCode)
	}
	if doc(t, body).Find(`[data-testid="error-summary"] a[href="#logo"]`).Length() != 1 {
		t.Errorf("the refused logo is not said: %.300s", doc(t, body).Find("main").Text())
	}
}

// Staff have the same 预览 on the brand ledger's form; it saves nothing.
func TestStaffPreviewTheBrandStory(t *testing.T) {
	ts, c, _ := staffClient(t)
	values := ts.opened(c, "/workbench/brands/1/edit", url.Values{"story": {"**新的故事**"}, "action": {"preview"}})
	for k, v := range map[string]string{"name": "品牌名", "organization": "org-08", "launched": "2021-07-01", "status": "published"} {
		if values.Get(k) == "" {
			values.Set(k, v)
		}
	}
	res, body := ts.post(c, "/workbench/brands/1", values)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("预览: %d", res.StatusCode)
	}
	if got, _ := doc(t, body).Find(`[data-testid="story-preview"] .prose`).Html(); !strings.Contains(got, "<strong>新的故事</strong>") {
		t.Errorf("the preview reads %q", got)
	}
	if _, page := ts.anon("/brands/1"); strings.Contains(page, "新的故事") {
		t.Error("a preview saved the story")
	}
}
