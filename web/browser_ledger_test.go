package web_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"parkportal/store"
)

// submit clicks a form's submit button and returns the status of the page
// it leads to.
func submit(t *testing.T, tab context.Context, button string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		t.Fatalf("submitting %s: %v", button, err)
	}
	return resp.Status
}

// A clerk creates an enterprise with a wrong credit code, sees the error at
// the field with what they typed kept, fixes it and saves; then records a
// survey from the enterprise's page and sees the enterprise meet 三有.
func TestBrowserEnterpriseJourney(t *testing.T) {
	browser(t) // skip at once when there is none
	site := startSite(t, func(ctx context.Context, s *store.Store) error {
		if err := addTestOrganization(ctx, s); err != nil {
			return err
		}
		return addTestUsers(ctx, s)
	})
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)

	do(t, tab,
		chromedp.Navigate(site.URL+"/workbench/enterprises"),
		chromedp.Click(chromedp.CSS(`a[href="/workbench/enterprises/new"]`)),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "株洲新芯微电子有限公司"),
		chromedp.SendKeys(chromedp.ID("credit_code"), "914403001922038217"),
		chromedp.SetValue(chromedp.ID("stage"), "startup"),
		chromedp.SendKeys(chromedp.ID("employees"), "12"),
	)
	if got := submit(t, tab, `[data-testid="enterprise-form"] button[type="submit"]`); got != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong credit code gave %d, want 422", got)
	}
	summary := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="error-summary"]`)))
	if !strings.Contains(summary, "统一社会信用代码") || !strings.Contains(summary, "校验") {
		t.Errorf("the summary says %q", summary)
	}
	if msg := run(t, tab, chromedp.Text(chromedp.ID("credit_code-error"))); !strings.Contains(msg, "校验") {
		t.Errorf("the message at the field says %q", msg)
	}
	if got := run(t, tab, chromedp.Value(chromedp.ID("name"))); got != "株洲新芯微电子有限公司" {
		t.Errorf("the name was not kept: %q", got)
	}
	if active := run(t, tab, chromedp.Evaluate[string](`document.activeElement.dataset.testid || ""`)); active != "error-summary" {
		t.Errorf("focus is on %q, want the error summary", active)
	}
	// Follow the summary's link to the field and fix it.
	do(t, tab,
		chromedp.Click(chromedp.CSS(`[data-testid="error-summary"] a[href="#credit_code"]`)),
	)
	run(t, tab, chromedp.Evaluate[chromedp.Void](`document.getElementById("credit_code").value = ""`))
	do(t, tab, chromedp.SendKeys(chromedp.ID("credit_code"), "914403001922038216"))
	if got := submit(t, tab, `[data-testid="enterprise-form"] button[type="submit"]`); got != http.StatusOK {
		t.Fatalf("the fixed form gave %d, want the record page", got)
	}
	if got := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="record-title"]`))); got != "株洲新芯微电子有限公司" {
		t.Errorf("the record page is of %q", got)
	}
	if notice := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="notice"]`))); !strings.Contains(notice, "已保存") {
		t.Errorf("notice %q", notice)
	}

	// Record a survey from the record page.
	do(t, tab,
		chromedp.Click(chromedp.CSS(`a[href^="/workbench/surveys/new"]`)),
		chromedp.WaitVisible(chromedp.ID("date")),
		chromedp.SetValue(chromedp.ID("date"), "2024-03-01"),
		chromedp.Click(chromedp.CSS(`input[name="fixed_premises"][value="true"]`)),
		chromedp.SendKeys(chromedp.ID("employees"), "12"),
		chromedp.Click(chromedp.CSS(`input[name="operating"][value="true"]`)),
	)
	if got := submit(t, tab, `[data-testid="survey-form"] button[type="submit"]`); got != http.StatusOK {
		t.Fatalf("the survey gave %d", got)
	}
	if summary := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="summary"]`))); !strings.Contains(summary, "符合“三有”待组建") {
		t.Errorf("after the survey the enterprise shows %q", summary)
	}
	if history := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="history"]`))); !strings.Contains(history, "新建") || !strings.Contains(history, "staff1") {
		t.Errorf("the history shows %q", history)
	}
}

// From the pipeline, a clerk forms a joint branch of three enterprises: the
// action opens the form filled in, one suggested partner is taken out, the
// name and date are typed, and the branch covers the three.
func TestBrowserJointBranchFromThePipeline(t *testing.T) {
	browser(t) // skip at once when there is none
	site := startSite(t, func(ctx context.Context, s *store.Store) error {
		if err := loadDemoParkAndUsers(ctx, s); err != nil {
			return err
		}
		// Three full members at two of the enterprises waiting: a joint
		// branch can form.
		for i, e := range []string{"ent-196", "ent-196", "ent-224"} {
			m := store.Member{ID: fmt.Sprintf("full-%d", i), Name: "党员", Birth: "1985-01-01", Organization: "org-01", Enterprise: e,
				Applied: "2015-01-01", Activist: "2015-06-01", Candidate: "2016-07-01", Probationary: "2016-09-01", Full: "2017-09-01"}
			if _, err := s.SaveMember(ctx, store.Actor{Username: "test"}, "", m); err != nil {
				return err
			}
		}
		return nil
	})
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	do(t, tab,
		chromedp.Navigate(site.URL+"/workbench"),
		chromedp.Click(chromedp.CSS(`nav.sub-nav a[href="/workbench/pipeline"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pipeline"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="pipeline"] li:first-child a.button`)),
		// The submit button comes after every enterprise row: the form
		// is all there (a busy host delivers a long page in parts).
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="organization-form"] button[type="submit"]`)),
	)
	shoot(t, tab, "organization-form-from-pipeline")
	chosen := run(t, tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('input[name="enterprises"]')].map(s => s.value).filter(v => v)`))
	if len(chosen) < 4 {
		t.Fatalf("the form came with %v chosen, want four", chosen)
	}
	do(t, tab,
		chromedp.Clear(chromedp.ID("enterprises-4")),
		chromedp.SendKeys(chromedp.ID("name"), "株洲高新区轨道交通企业联合党支部"),
		chromedp.SetValue(chromedp.ID("formed"), "2024-06-01"),
	)
	if got := submit(t, tab, `[data-testid="organization-form"] button[type="submit"]`); got != http.StatusOK {
		t.Fatalf("saving the branch gave %d", got)
	}
	if title := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="record-title"]`))); title != "株洲高新区轨道交通企业联合党支部" {
		t.Errorf("landed on %q", title)
	}
	covered := run(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="covered"] li').length`))
	if covered != 3 {
		t.Errorf("the branch covers %d enterprises, want 3", covered)
	}
	if summary := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="summary"]`))); !strings.Contains(summary, "联合党支部") {
		t.Errorf("summary %q", summary)
	}
}

// A clerk records a member's next stage too early from the board and sees
// the refusal, naming the rule and the earliest date allowed.
func TestBrowserMemberAdvancedTooEarly(t *testing.T) {
	browser(t) // skip at once when there is none
	site := startSite(t, loadDemoParkAndUsers)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	do(t, tab,
		chromedp.Navigate(site.URL+"/workbench/organizations/org-15"),
		chromedp.Click(chromedp.CSS(`a[href="/workbench/organizations/org-15/members"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="board"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/workbench/members/mem-218/next"]`)),
		chromedp.WaitVisible(chromedp.ID("candidate")),
		chromedp.SetValue(chromedp.ID("candidate"), "2023-12-01"),
	)
	if got := submit(t, tab, `[data-testid="next-stage-form"] button[type="submit"]`); got != http.StatusUnprocessableEntity {
		t.Fatalf("a candidate within a year of activist gave %d, want 422", got)
	}
	msg := run(t, tab, chromedp.Text(chromedp.ID("candidate-error")))
	if !strings.Contains(msg, "满一年") || !strings.Contains(msg, "2024-07-24") {
		t.Errorf("the refusal says %q; want the rule and the earliest date", msg)
	}
	if summary := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="error-summary"]`))); !strings.Contains(summary, "确定为发展对象") {
		t.Errorf("the summary says %q", summary)
	}
}

// loadDemoParkAndUsers is the demonstration park with the test accounts.
func loadDemoParkAndUsers(ctx context.Context, s *store.Store) error {
	if err := loadDemoPark(ctx, s); err != nil {
		return err
	}
	if err := addTestOrganization(ctx, s); err != nil {
		return err
	}
	return addTestUsers(ctx, s)
}

// A clerk uploads an enterprise sheet with one bad row, sees the row and
// column named and nothing written, fixes the file, uploads it again and
// confirms: the new enterprise is in the ledger.
func TestBrowserEnterpriseUploadJourney(t *testing.T) {
	browser(t) // skip at once when there is none
	site := startSite(t, loadDemoParkAndUsers)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	write := func(rows [][]any) string {
		book := excelize.NewFile()
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := book.SetSheetRow("Sheet1", cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(t.TempDir(), "企业台账.xlsx")
		if err := book.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	header := []any{"企业编号", "企业名称", "统一社会信用代码", "发展阶段", "员工人数"}
	good := []any{"ent-up-1", "株洲上传测试科技有限公司", "", "初创期", 8}
	bad := []any{"ent-up-2", "株洲错误代码有限公司", "914403001922038217", "初创期", 9}
	do(t, tab,
		chromedp.Navigate(site.URL+"/workbench/enterprises"),
		chromedp.Click(chromedp.CSS(`a[href="/workbench/enterprises/upload"]`)),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{write([][]any{header, good, bad})}),
	)
	if got := submit(t, tab, `[data-testid="upload-form"] button[type="submit"]`); got != http.StatusUnprocessableEntity {
		t.Fatalf("a sheet with a bad row gave %d, want 422", got)
	}
	problems := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="problems"]`)))
	if !strings.Contains(problems, "第 3 行") || !strings.Contains(problems, "C（统一社会信用代码）") || !strings.Contains(problems, "校验") {
		t.Errorf("the problems say %q", problems)
	}
	if _, _, err := site.Store.EnterpriseByID(t.Context(), "ent-up-1"); err == nil {
		t.Fatal("a refused sheet wrote its good row")
	}
	shoot(t, tab, "upload-problems")
	// The fixed sheet, with a change to an enterprise of the ledger and a
	// new row without an id.
	e, _, err := site.Store.EnterpriseByID(t.Context(), "ent-001")
	if err != nil {
		t.Fatal(err)
	}
	var history []string
	for _, h := range e.StageHistory {
		history = append(history, store.Label(store.Stages, h.Stage)+" "+h.Since)
	}
	full := []any{"企业编号", "企业名称", "统一社会信用代码", "发展阶段", "员工人数", "阶段变化", "所属行业", "成立日期"}
	changed := []any{e.ID, e.Name + "（集团）", e.CreditCode, "成长期", 950, strings.Join(history, "；"), e.Sector, e.Founded}
	fixed := [][]any{{"企业台账 导出于2026年12月6日"}, full, append(good[:5:5], "", "", ""), changed, {"", "株洲无编号新材料有限公司", "", "初创期", 5, "", "新材料", "2026-11-02"}}
	want, err := site.Store.SuggestIDs(t.Context(), "enterprises", 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	do(t, tab,
		chromedp.Click(chromedp.CSS(`a[href="/workbench/enterprises/upload"].button`)),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{write(fixed)}),
	)
	if got := submit(t, tab, `[data-testid="upload-form"] button[type="submit"]`); got != http.StatusOK {
		t.Fatalf("the fixed sheet gave %d", got)
	}
	changes := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="changes"]`)))
	for _, w := range []string{e.Name + " → " + e.Name + "（集团）", "成熟期 → 成长期", "企业编号：" + want[0], "新增"} {
		if !strings.Contains(changes, w) {
			t.Errorf("the preview lacks %q: %q", w, changes)
		}
	}
	shoot(t, tab, "upload-preview")
	if got := submit(t, tab, `[data-testid="confirm-upload"]`); got != http.StatusOK {
		t.Fatalf("confirming gave %d", got)
	}
	if notice := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="notice"]`))); !strings.Contains(notice, "新增 2 条，修改 1 条") {
		t.Errorf("notice %q", notice)
	}
	if e, _, err := site.Store.EnterpriseByID(t.Context(), "ent-up-1"); err != nil || e.Name != "株洲上传测试科技有限公司" {
		t.Errorf("the uploaded enterprise: %+v %v", e, err)
	}
	if e, _, err := site.Store.EnterpriseByID(t.Context(), want[0]); err != nil || e.Name != "株洲无编号新材料有限公司" {
		t.Errorf("the enterprise uploaded without an id: %+v %v", e, err)
	}
}

// A clerk uploads the designation ledger's sheet, in its export's layout:
// a changed year and a new row without 记录号 preview old → new and with
// the 记录号 the new record gets, and are saved on confirmation.
func TestBrowserDesignationUploadJourney(t *testing.T) {
	browser(t)
	site := startSite(t, loadDemoParkAndUsers)
	tab := newTab(t)
	signIn(t, tab, site, "staff1", testPassword)
	rows, _, err := site.Store.DesignationLedger(t.Context(), store.DesignationFilter{Limit: 1})
	if err != nil || len(rows) != 1 {
		t.Fatalf("no designation: %v", err)
	}
	r := rows[0]
	book := excelize.NewFile()
	for i, row := range [][]any{
		{"企业认定台账 导出于2026年12月6日"}, {"记录号", "企业", "认定类型", "认定年份"},
		{r.Key, r.EnterpriseName, store.Label(store.DesignationKinds, r.Kind), r.Year - 1},
		{"", "株洲瑞源智能装备股份有限公司", "国家级专精特新“小巨人”企业", 2026},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := book.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "企业认定台账.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	do(t, tab, chromedp.Navigate(site.URL+"/workbench/designations"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="upload-link"]`)))
	shoot(t, tab, "designations-ledger")
	do(t, tab,
		chromedp.Click(chromedp.CSS(`[data-testid="upload-link"]`)),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{path}),
	)
	if got := submit(t, tab, `[data-testid="upload-form"] button[type="submit"]`); got != http.StatusOK {
		t.Fatalf("the sheet gave %d: %s", got, run(t, tab, chromedp.Text(chromedp.CSS("main"))))
	}
	changes := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="changes"]`)))
	for _, w := range []string{fmt.Sprintf("%d → %d", r.Year, r.Year-1), "记录号：", "新增"} {
		if !strings.Contains(changes, w) {
			t.Errorf("the preview lacks %q: %q", w, changes)
		}
	}
	for _, v := range runAxe(t, tab, axeSource(t)) {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("the preview: %s (%s): %s [%s]", v.ID, v.Impact, v.Help, v.targets())
		}
	}
	shoot(t, tab, "upload-designations")
	if got := submit(t, tab, `[data-testid="confirm-upload"]`); got != http.StatusOK {
		t.Fatalf("confirming gave %d", got)
	}
	if notice := run(t, tab, chromedp.Text(chromedp.CSS(`[data-testid="notice"]`))); !strings.Contains(notice, "新增 1 条，修改 1 条") {
		t.Errorf("notice %q", notice)
	}
}
