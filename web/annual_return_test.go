package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"parkportal/store"
	"parkportal/views"
)

// pdfText is a PDF's text as a reader copies it (pdftotext -layout), and
// the fonts it lists (pdffonts). Without poppler-utils the test skips, or
// fails when CI=true (.ci/run installs it).
func pdfText(t *testing.T, pdf []byte) (text, fonts string) {
	t.Helper()
	pdftotext, err1 := exec.LookPath("pdftotext")
	pdffonts, err2 := exec.LookPath("pdffonts")
	if err1 != nil || err2 != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("poppler-utils (pdftotext, pdffonts) is missing: .ci/run installs it")
		}
		t.Skip("no poppler-utils (pdftotext, pdffonts): the PDF check needs them")
	}
	path := filepath.Join(t.TempDir(), "return.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	f, err := exec.Command(pdffonts, path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	return string(out), string(f)
}

var blanks = regexp.MustCompile(`\s+`)

// TestAFiledReturnIsFrozenAndPrinted files park A's 2023 return through
// the form, reads its PDF and workbook back, changes a record and checks
// that the return (and its PDF, byte for byte) did not move while the
// page marks the change, files a correction, and reads the district's
// table of the filed year.
func TestAFiledReturnIsFrozenAndPrinted(t *testing.T) {
	p := newTwoParks(t)
	ts := p.ts
	clerk, bclerk := p.parks[0].staff, p.parks[1].staff

	res, body := ts.get(clerk, "/workbench/returns")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/workbench/returns: %d", res.StatusCode)
	}
	row := doc(t, body).Find(`tr[data-year="2023"]`)
	if !strings.Contains(row.Text(), "未报出") {
		t.Fatalf("2023 before filing: %q", row.Text())
	}
	if _, body := ts.get(clerk, "/workbench/returns"); strings.Contains(body, `data-year="2026"`) {
		t.Error("the year in progress is offered for filing")
	}
	if res, _ := ts.get(clerk, "/workbench/returns/2026"); res.StatusCode != http.StatusNotFound {
		t.Errorf("the year in progress's return: %d", res.StatusCode)
	}

	// A refused filing keeps what was typed and says where.
	form := ts.opened(clerk, "/workbench/returns/2023", url.Values{"head": {""}, "preparer": {"王文员"}, "phone": {"电话"}})
	res, body = ts.post(clerk, "/workbench/returns/2023", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a filing without its head: %d", res.StatusCode)
	}
	d := doc(t, body)
	if d.Find(`#head`).AttrOr("aria-describedby", "") == "" || d.Find(`#phone`).AttrOr("aria-describedby", "") == "" {
		t.Errorf("the problems are not at their fields:\n%s", d.Find(".error-summary").Text())
	}
	if d.Find(`#preparer`).AttrOr("value", "") != "王文员" || d.Find(`#phone`).AttrOr("value", "") != "电话" {
		t.Error("the form lost what was typed")
	}

	// The records move while the form is open: the clerk sees the new
	// figures before anything is filed.
	form = ts.opened(clerk, "/workbench/returns/2023", url.Values{"head": {"李书记"}, "preparer": {"王文员"}, "phone": {"0731-28888888"}})
	deleteActivity(t, ts.Store, p.parks[0].ctx, "brand")
	if res, body := ts.post(clerk, "/workbench/returns/2023", form); res.StatusCode != http.StatusConflict ||
		!strings.Contains(body, `data-testid="figures-moved"`) || doc(t, body).Find("#head").AttrOr("value", "") != "李书记" {
		t.Fatalf("a filing of figures the records moved since: %d", res.StatusCode)
	}
	// A form of another park's (an admin's other tab) files nothing here.
	form = ts.opened(clerk, "/workbench/returns/2023", url.Values{"head": {"李书记"}, "preparer": {"王文员"}, "phone": {"0731-28888888"}})
	form.Set("park", "xiangtan")
	if res, body := ts.post(clerk, "/workbench/returns/2023", form); res.StatusCode != http.StatusConflict ||
		!strings.Contains(body, `data-testid="other-park"`) || doc(t, body).Find("#preparer").AttrOr("value", "") != "王文员" {
		t.Errorf("a form naming another park: %d, want 409 saying so, with what was typed", res.StatusCode)
	}
	if got, _ := ts.Store.AnnualReturns(p.parks[0].ctx, 2023); len(got) != 0 {
		t.Fatalf("refused filings filed %d versions", len(got))
	}

	live, err := ts.Store.Report(p.parks[0].ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	form = ts.opened(clerk, "/workbench/returns/2023", url.Values{"head": {"李书记"}, "preparer": {"王文员"}, "phone": {"0731-28888888"}})
	res, _ = ts.post(clerk, "/workbench/returns/2023", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("filing: %d", res.StatusCode)
	}
	res, body = ts.get(clerk, res.Header.Get("Location"))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="filed"`) || strings.Contains(body, `data-testid="differs"`) {
		t.Fatalf("after filing: %d", res.StatusCode)
	}

	// The PDF holds the heading and every figure, as text a reader copies.
	res, pdf := ts.get(clerk, "/workbench/returns/2023/1.pdf")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("the PDF: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	text, fonts := pdfText(t, []byte(pdf))
	flat := blanks.ReplaceAllString(text, "")
	figures, err := flattenReport(live)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"株洲", "2023年度园区党建工作年报", "第1版", "填报单位", "负责人李书记", "填表人王文员", "报出时间2026年3月1日17:00",
		"联系电话0731-28888888", "孵化工程·育种计划", "品牌工程·成林计划", "第1页共"}
	for _, f := range figures {
		def := figureDefinition(f.Key)
		want = append(want, blanks.ReplaceAllString(def.Label, ""))
		// The figure's value follows its label on its line.
		found := false
		for _, line := range strings.Split(text, "\n") {
			if l := blanks.ReplaceAllString(line, ""); strings.Contains(l, formatFigure(f.Key, f.Value)) &&
				strings.HasPrefix(l, string([]rune(def.Label)[:min(6, len([]rune(def.Label)))])) {
				found = true
			}
		}
		if !found {
			t.Errorf("the PDF has no line with %s %s", def.Label, formatFigure(f.Key, f.Value))
		}
	}
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if strings.Count(fonts, "CID TrueType") < 2 {
		t.Errorf("the PDF lists fewer than its two fonts:\n%s", fonts)
	}
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if f := strings.Fields(line); len(f) > 4 && f[len(f)-5] != "yes" {
			t.Errorf("a font is not embedded: %s", line)
		}
	}

	// The workbook: the title, the heading, a row per figure.
	res, xlsx := ts.get(clerk, "/workbench/returns/2023/1.xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the workbook: %d", res.StatusCode)
	}
	book, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := book.GetRows("年报")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[0][0], "2023年度园区党建工作年报") || rows[2][0] != "负责人：李书记" {
		t.Errorf("the workbook's head: %q", rows[:3])
	}
	var activities string
	for _, r := range rows {
		if len(r) > 2 && r[1] == "孵化工程活动" {
			activities = r[2]
		}
	}
	if activities == "" || activities != strconv.Itoa(live.Activities.Incubation) {
		t.Errorf("the workbook's 孵化工程活动 is %q, want %d", activities, live.Activities.Incubation)
	}

	// A record changes: the return does not; the page says what moved.
	st := ts.Store
	deleteActivity(t, st, p.parks[0].ctx, "incubation")
	res, body = ts.get(clerk, "/workbench/returns/2023")
	d = doc(t, body)
	if res.StatusCode != http.StatusOK || d.Find(`[data-testid="differs"]`).Length() == 0 {
		t.Fatalf("the page does not say the records moved: %d", res.StatusCode)
	}
	changed := d.Find(`tr[data-key="activities.incubation"]`)
	if !strings.Contains(changed.Text(), "已变化") || !strings.Contains(changed.Find("td").First().Text(), strconv.Itoa(live.Activities.Incubation)) {
		t.Errorf("the changed figure's row: %q", changed.Text())
	}
	if d.Find(".changed-mark").Length() < 1 || strings.Contains(d.Find(`tr[data-key="uplift.members_developed"]`).Text(), "已变化") {
		t.Error("unchanged figures are marked changed, or none is")
	}
	if _, again := ts.get(clerk, "/workbench/returns/2023/1.pdf"); !bytes.Equal([]byte(again), []byte(pdf)) {
		t.Error("the filed version's PDF changed with the records")
	}

	// A correction: its reason is required; then version 2 holds the
	// records as they are, and version 1 is kept.
	stale := ts.opened(clerk, "/workbench/returns/2023", url.Values{"head": {"李书记"}, "preparer": {"王文员"}, "phone": {"0731-28888888"}})
	res, body = ts.post(clerk, "/workbench/returns/2023", stale)
	if res.StatusCode != http.StatusUnprocessableEntity || doc(t, body).Find(`#reason`).AttrOr("aria-describedby", "") == "" {
		t.Fatalf("a correction without a reason: %d", res.StatusCode)
	}
	stale.Set("reason", "删去重复录入的活动")
	res, _ = ts.post(clerk, "/workbench/returns/2023", stale)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the correction: %d", res.StatusCode)
	}
	// The same form again (opened before version 2): shown, not filed.
	res, body = ts.post(clerk, "/workbench/returns/2023", stale)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, `data-testid="return-moved"`) || !strings.Contains(body, "删去重复录入的活动") {
		t.Fatalf("a filing over a version the clerk did not see: %d", res.StatusCode)
	}
	versions, err := st.AnnualReturns(p.parks[0].ctx, 2023)
	if err != nil || len(versions) != 2 || versions[0].Report.Activities.Incubation != live.Activities.Incubation-1 ||
		versions[1].Report.Activities.Incubation != live.Activities.Incubation {
		t.Fatalf("the versions: %+v, %v", versions, err)
	}
	if res, v2 := ts.get(clerk, "/workbench/returns/2023/2.pdf"); res.StatusCode != http.StatusOK {
		t.Errorf("version 2's PDF: %d", res.StatusCode)
	} else if text, _ := pdfText(t, []byte(v2)); !strings.Contains(blanks.ReplaceAllString(text, ""), "更正原因：删去重复录入的活动") {
		t.Error("version 2's PDF does not say why it was filed")
	}

	// Park B has filed nothing, and reaches nothing of park A's.
	for _, path := range []string{"/workbench/returns/2023/1.pdf", "/workbench/returns/2023/2.xlsx"} {
		if res, _ := ts.get(bclerk, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("park B's staff GET %s: %d", path, res.StatusCode)
		}
	}
	if _, body := ts.get(bclerk, "/workbench/returns"); !strings.Contains(doc(t, body).Find(`tr[data-year="2023"]`).Text(), "未报出") {
		t.Error("park B's list shows park A's filing")
	}
	if res, _ := ts.get(p.parks[0].sec, "/workbench/returns"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a secretary's /workbench/returns: %d", res.StatusCode)
	}

	// The district's table of 2023 reads the filed return and names park B.
	ts.addUser("county", store.RoleDistrict, "")
	district, _ := ts.login("county", "county-password")
	res, body = ts.get(district, "/district?year=2023")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/district?year=2023: %d", res.StatusCode)
	}
	d = doc(t, body)
	if !strings.Contains(d.Find(`[data-testid="unfiled"]`).Text(), "湘潭") || strings.Contains(d.Find(`[data-testid="unfiled"]`).Text(), "株洲") {
		t.Errorf("the unfiled parks: %q", d.Find(`[data-testid="unfiled"]`).Text())
	}
	cells := d.Find(`tr[data-key="activities.incubation"] td`)
	if got := []string{cells.Eq(0).Text(), cells.Eq(1).Text(), strings.TrimSpace(cells.Eq(2).Text())}; got[0] != got[2] || got[1] != "未报" ||
		got[0] != views.Count(versions[0].Report.Activities.Incubation, "次") {
		t.Errorf("the filed year's row: %q (want park A's version 2 and its total, park B 未报)", got)
	}
	href := d.Find(`th .column-note a`).AttrOr("href", "")
	if href != "/district/returns/park/2023/2.pdf" {
		t.Errorf("park A's column links to %q", href)
	}
	if res, _ := ts.get(district, href); res.StatusCode != http.StatusOK {
		t.Errorf("the district's copy of the PDF: %d", res.StatusCode)
	}
	if res, _ := ts.get(clerk, href); res.StatusCode != http.StatusForbidden {
		t.Errorf("a park's staff at the district's file route: %d", res.StatusCode)
	}
	// ?source=live reads the records: park B's figures, the live total.
	_, body = ts.get(district, "/district?year=2023&source=live")
	cells = doc(t, body).Find(`tr[data-key="activities.incubation"] td`)
	if cells.Eq(1).Text() == "未报" || cells.Eq(0).Text() != views.Count(live.Activities.Incubation-1, "次") {
		t.Errorf("the live table's row: %q", cells.Text())
	}
}

// deleteActivity deletes a published 2023 activity of program in ctx's park.
func deleteActivity(t *testing.T, st *store.Store, ctx context.Context, program string) {
	t.Helper()
	acts, _, err := st.ActivityLedger(ctx, store.ActivityFilter{Program: program, Year: 2023, Status: "published", Limit: 1})
	if err != nil || len(acts) == 0 {
		t.Fatalf("no published 2023 %s activity: %v", program, err)
	}
	a, err := st.ActivityByKey(ctx, acts[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DeleteActivity(ctx, testActor, acts[0].Key, a.Version); err != nil {
		t.Fatal(err)
	}
}
