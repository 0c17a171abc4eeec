package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The annual report printed from the browser, as a park prints it to file
// upward: A4 pages, each numbered "第 N 页，共 M 页", the first saying whose
// report it is (park, issuing body, period, the day its figures were
// counted) and none carrying the site's header or navigation.
func TestBrowserReportPrintsAsADocument(t *testing.T) {
	browser(t)
	pdftotext, errText := exec.LookPath("pdftotext")
	pdfinfo, errInfo := exec.LookPath("pdfinfo")
	if errText != nil || errInfo != nil {
		skipOrFail(t, "the report's print check", "poppler-utils (pdftotext, pdfinfo) is missing: .ci/run installs it")
	}
	site := startSite(t, loadDemoParkAndSecretary)
	tab := newTab(t)
	do(t, tab, chromedp.Navigate(site.URL+"/reports/2023"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="report-issuer"]`)))
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	prefer := true
	printed, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &prefer})
	if err != nil {
		t.Fatalf("printing the report: %v", err)
	}
	pdf := printed.Data
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(pdfinfo, file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !regexp.MustCompile(`Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)`).Match(info) {
		t.Errorf("the report does not print on A4:\n%s", info)
	}
	pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	text, err := exec.Command(pdftotext, "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	perPage := strings.Split(string(text), "\f")
	if len(pages) < 2 || len(perPage) < 2 {
		t.Fatalf("pages: %s", info)
	}
	for i, p := range perPage[:len(perPage)-1] { // pdftotext ends with a form feed
		want := "第 " + strconv.Itoa(i+1) + " 页，共 " + string(pages[1]) + " 页"
		if !strings.Contains(p, want) {
			t.Errorf("page %d does not say %q", i+1, want)
		}
	}
	first := perPage[0]
	for _, want := range []string{"年度园区党建工作报告", "株洲高新区（天元区）", "发布单位", "统计期间", "2023年1月1日至12月31日", "数据截至"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first page does not say %q:\n%s", want, first)
		}
	}
	if strings.Contains(first, "工作人员登录") || strings.Contains(first, "跳到正文") {
		t.Errorf("the print carries the site's header:\n%s", first)
	}
}
