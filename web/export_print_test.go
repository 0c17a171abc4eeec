package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The enterprise export prints as a clerk expects (issue 19): LibreOffice,
// as a clerk's office suite would, prints the workbook to PDF on landscape
// pages, every page carrying the header row and the name column, the
// first page every column of the ledger (one page wide).
func TestEnterpriseExportPrintsOnePageWide(t *testing.T) {
	if testing.Short() {
		t.Skip("short: prints a workbook with LibreOffice")
	}
	soffice, errOffice := exec.LookPath("soffice")
	pdftotext, errText := exec.LookPath("pdftotext")
	pdfinfo, errInfo := exec.LookPath("pdfinfo")
	if errOffice != nil || errText != nil || errInfo != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("LibreOffice (soffice) or poppler-utils (pdftotext, pdfinfo) is missing: .ci/run installs them")
		}
		t.Skip("no LibreOffice (soffice) or poppler-utils (pdftotext, pdfinfo): the print check needs them")
	}
	ts, c, _ := staffClient(t)
	res, body := ts.get(c, "/workbench/enterprises.xlsx")
	if res.StatusCode != 200 {
		t.Fatalf("export: %d", res.StatusCode)
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "enterprises.xlsx")
	if err := os.WriteFile(book, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so that a LibreOffice already running (or
	// another test's) does not take the conversion.
	convert := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, book)
	if out, err := convert.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "enterprises.pdf")
	info, err := exec.CommandContext(ctx, pdfinfo, pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(info)
	pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil || pages == nil {
		t.Fatalf("pdfinfo says:\n%s", info)
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	if w <= h {
		t.Errorf("the pages are %.0f × %.0f pt, not landscape", w, h)
	}
	if n, _ := strconv.Atoi(string(pages[1])); n < 2 {
		t.Fatalf("the export printed on %d page: too few enterprises to see the header repeated", n)
	}
	text, err := exec.CommandContext(ctx, pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	printed := strings.Split(strings.TrimRight(string(text), "\f\n"), "\f")
	columns := sheetColumns(enterpriseSheet)
	first, name, last := columns[0].Header, columns[1].Header, columns[len(columns)-1].Header
	if !strings.Contains(printed[0], "企业台账 导出于") {
		t.Errorf("the first page has no title row:\n%s", printed[0])
	}
	for i, page := range printed {
		for _, want := range []string{first, name, last} {
			if !strings.Contains(page, want) {
				t.Errorf("page %d of %d lacks the header %q (fit to the width, header repeated)", i+1, len(printed), want)
			}
		}
	}
}
