package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"parkportal/store"
)

// postFile uploads data as the form's file field.
func (ts *testServer) postFile(c *http.Client, path, token, name string, data []byte) (*http.Response, string) {
	ts.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", token)
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	res, err := c.Post(ts.HTTP.URL+path, w.FormDataContentType(), &body)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// editSheet changes a workbook: set cells (A1 notation) of its first sheet.
func editSheet(t *testing.T, data []byte, cells map[string]any) []byte {
	t.Helper()
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := book.GetSheetList()[0]
	for at, v := range cells {
		if err := book.SetCellValue(sheet, at, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := book.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The enterprise ledger's export uploads back as nothing to do; a changed
// cell and a new row preview as one change and one addition, and are saved
// together on confirmation, with one upload entry and one per record; a
// bad row is refused naming its row and column, and nothing is written.
func TestEnterpriseUploadPreviewsThenSavesAllOrNothing(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	res, export := ts.get(c, "/workbench/enterprises.xlsx?q="+url.QueryEscape("株洲"))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", res.StatusCode)
	}
	data := []byte(export)
	if res, _ := ts.get(c, "/workbench/enterprises/upload"); res.StatusCode != http.StatusOK {
		t.Fatalf("upload form: %d", res.StatusCode)
	}
	res, body := ts.postFile(c, "/workbench/enterprises/upload", token, "企业台账.xlsx", data)
	if res.StatusCode != http.StatusOK || doc(t, body).Find(`[data-testid="nothing-to-do"]`).Length() != 1 {
		t.Fatalf("the unchanged export: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	rev := ts.revision()

	// A bad row: nothing is kept, the row and column are named.
	bad := editSheet(t, data, map[string]any{"B3": "改名后的企业", "A300": "ent-new-1", "B300": "新企业<一>", "C300": "91430200MA4L1234X0", "D300": "初创期", "F300": "很多"})
	res, body = ts.postFile(c, "/workbench/enterprises/upload", token, "bad.xlsx", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad row: %d", res.StatusCode)
	}
	problems := doc(t, body).Find(`[data-testid="problems"]`).Text()
	for _, want := range []string{"第 300 行", "C（统一社会信用代码）", "F（员工人数）", "校验"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the problems lack %q: %q", want, problems)
		}
	}
	if strings.Contains(body, "新企业<一>") {
		t.Error("a value is not escaped")
	}
	if doc(t, body).Find(`[data-testid="confirm-upload"]`).Length() != 0 {
		t.Error("a refused file can be confirmed")
	}

	// A good change and a new row: previewed, then confirmed.
	good := editSheet(t, data, map[string]any{"B3": "改名后的企业", "A300": "ent-new-1", "B300": "新企业<一>", "D300": "成长期", "F300": 12, "H300": "2021/3/4"})
	res, body = ts.postFile(c, "/workbench/enterprises/upload", token, "good.xlsx", good)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("a good file: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	d := doc(t, body)
	if counts := d.Find(`[data-testid="upload-counts"]`).Text(); !strings.Contains(counts, "1新增") || !strings.Contains(counts, "1修改") {
		t.Errorf("counts %q", counts)
	}
	if changes := d.Find(`[data-testid="changes"]`).Text(); !strings.Contains(changes, "企业名称") {
		t.Errorf("the change does not name its field: %q", changes)
	}
	if after := ts.revision(); after != rev {
		t.Fatal("the preview wrote something")
	}
	uploadToken, _ := d.Find(`input[name="token"]`).Attr("value")
	// Another clerk cannot confirm it.
	ts.addUser("clerk2", store.RoleStaff, "")
	other, _ := ts.login("clerk2", "clerk2-password")
	otherToken := ts.csrf(other, "/workbench/enterprises/new")
	if res, _ := ts.post(other, "/workbench/enterprises/upload/confirm", url.Values{"_csrf": {otherToken}, "token": {uploadToken}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("another clerk confirmed the upload: %d", res.StatusCode)
	}
	res, _ = ts.post(c, "/workbench/enterprises/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	_, body = ts.get(c, res.Header.Get("Location"))
	if notice := doc(t, body).Find(`[data-testid="notice"]`).Text(); !strings.Contains(notice, "新增 1 条，修改 1 条") {
		t.Errorf("notice %q", notice)
	}
	e, _, err := ts.Store.EnterpriseByID(ctx, "ent-new-1")
	if err != nil || e.Name != "新企业<一>" || e.Stage != "growth" || e.Founded != "2021-03-04" || *e.Employees != 12 {
		t.Errorf("the new enterprise: %+v %v", e, err)
	}
	entries := ts.audit(store.AuditFilter{Limit: 3})
	if len(entries) != 3 || entries[2].Action != "upload" || entries[0].Batch != entries[2].ID || entries[1].Batch != entries[2].ID {
		t.Errorf("audit: %+v", entries)
	}
	// The same confirmation again does nothing.
	if res, _ := ts.post(c, "/workbench/enterprises/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a second confirmation: %d", res.StatusCode)
	}
}

// Files that are no workbook, or lack the ledger's columns, are refused at
// the file field.
func TestEnterpriseUploadRefusesWhatIsNoLedger(t *testing.T) {
	ts, c, token := staffClient(t)
	res, body := ts.postFile(c, "/workbench/enterprises/upload", token, "x.xlsx", []byte("PK\x03\x04 not really"))
	if res.StatusCode != http.StatusUnprocessableEntity || doc(t, body).Find("#file-error").Text() == "" {
		t.Errorf("not a workbook: %d", res.StatusCode)
	}
	book := excelize.NewFile()
	book.SetCellValue("Sheet1", "A1", "名称")
	var buf bytes.Buffer
	book.WriteTo(&buf)
	res, body = ts.postFile(c, "/workbench/enterprises/upload", token, "x.xlsx", buf.Bytes())
	if msg := doc(t, body).Find("#file-error").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "企业编号") {
		t.Errorf("no id column: %d %q", res.StatusCode, msg)
	}
	if res, _ := ts.postFile(c, "/workbench/enterprises/upload", token, "big.xlsx", bytes.Repeat([]byte("x"), 12<<20)); res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 12 MB file: %d, want 413", res.StatusCode)
	}
}

// The member ledger's export uploads back unchanged; a new member whose
// organisation is typed by name is added; a stage out of the rules is
// refused at its row and column with the rule named.
func TestMemberUpload(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	res, export := ts.get(c, "/workbench/members.xlsx?organization=org-01")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", res.StatusCode)
	}
	data := []byte(export)
	if _, body := ts.postFile(c, "/workbench/members/upload", token, "m.xlsx", data); doc(t, body).Find(`[data-testid="nothing-to-do"]`).Length() != 1 {
		t.Fatalf("the unchanged export: %q", doc(t, body).Find("main").Text())
	}
	org, _, err := ts.Store.OrganizationByID(ctx, "org-01")
	if err != nil {
		t.Fatal(err)
	}
	bad := editSheet(t, data, map[string]any{"A300": "mem-new-1", "B300": "王新", "D300": org.Name, "F300": "否",
		"G300": "2024-01-01", "H300": "2024-03-01", "I300": "2024-06-01"})
	res, body := ts.postFile(c, "/workbench/members/upload", token, "m.xlsx", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a candidate too early: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	if p := doc(t, body).Find(`[data-testid="problems"]`).Text(); !strings.Contains(p, "第 300 行") || !strings.Contains(p, "I（确定为发展对象日期）") || !strings.Contains(p, "2025-03-01") {
		t.Errorf("problems %q", p)
	}
	if p := doc(t, body).Find(`[data-testid="problems"]`).Text(); !strings.Contains(p, "C（出生日期）缺少必填内容") {
		t.Errorf("a row without a birth date: problems %q", p)
	}
	good := editSheet(t, bad, map[string]any{"I300": "2025-03-02", "C300": "1990-05-01"})
	res, body = ts.postFile(c, "/workbench/members/upload", token, "m.xlsx", good)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("a good member: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	uploadToken, _ := doc(t, body).Find(`input[name="token"]`).Attr("value")
	if res, _ := ts.post(c, "/workbench/members/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	m, _, err := ts.Store.MemberByID(ctx, "mem-new-1")
	if err != nil || m.Organization != "org-01" || m.Candidate != "2025-03-02" {
		t.Errorf("the new member: %+v %v", m, err)
	}
}

// A preview is confirmed only as seen: when the ledger changed after it,
// confirming shows the preview again against the ledger as it now is, and
// only that one saves.
func TestUploadConfirmationAfterALedgerChangeShowsTheNewPreview(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	_, export := ts.get(c, "/workbench/enterprises.xlsx?q="+url.QueryEscape("立方"))
	sheet := editSheet(t, []byte(export), map[string]any{"B3": "立方改名<一>"})
	_, body := ts.postFile(c, "/workbench/enterprises/upload", token, "a.xlsx", sheet)
	first, _ := doc(t, body).Find(`input[name="token"]`).Attr("value")
	if first == "" {
		t.Fatalf("no confirmation: %q", doc(t, body).Find("main").Text())
	}
	e := ts.enterprise("ent-001")
	e.Sector = "储能"
	if _, err := ts.Store.SaveEnterprise(ctx, store.Actor{Username: "other"}, "ent-001", e); err != nil {
		t.Fatal(err)
	}
	res, body := ts.post(c, "/workbench/enterprises/upload/confirm", url.Values{"_csrf": {token}, "token": {first}})
	d := doc(t, body)
	second, _ := d.Find(`input[name="token"]`).Attr("value")
	if res.StatusCode != http.StatusOK || !strings.Contains(d.Find(`[data-testid="notice"]`).Text(), "有了变动") || second == "" || second == first {
		t.Fatalf("confirming after a change: %d %q", res.StatusCode, d.Find("main").Text())
	}
	if got := ts.enterprise("ent-001"); got.Name == "立方改名<一>" {
		t.Fatal("the stale preview was saved")
	}
	if res, _ := ts.post(c, "/workbench/enterprises/upload/confirm", url.Values{"_csrf": {token}, "token": {second}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirming the new preview: %d", res.StatusCode)
	}
	if got := ts.enterprise("ent-001"); got.Name != "立方改名<一>" {
		t.Errorf("after confirming: %q", got.Name)
	}
}

// rowOf is the spreadsheet row (1-based) whose first cell is id.
func rowOf(t *testing.T, data []byte, id string) int {
	t.Helper()
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, _ := book.GetRows(book.GetSheetList()[0])
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("no row of %s", id)
	return 0
}

// The preview shows each change cell by cell: an updated row's changed
// cells with the ledger's value struck and the file's beside it, values as
// the ledger shows them (成熟期, not mature), nothing of the cells left as
// they were; new rows marked as new, and a new row without an id given the
// one its form would propose, which the confirmation then saves.
func TestUploadPreviewShowsEachCellOldToNew(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	_, export := ts.get(c, "/workbench/enterprises.xlsx?q="+url.QueryEscape("立方"))
	n := rowOf(t, []byte(export), "ent-001")
	before, _, _ := ts.Store.EnterpriseByID(ctx, "ent-001")
	if before.Stage != "mature" {
		t.Fatalf("ent-001 is %s", before.Stage)
	}
	ids, err := ts.Store.SuggestIDs(ctx, "enterprises", 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := func(col string, row int) string { return col + strconv.Itoa(row) }
	file := editSheet(t, []byte(export), map[string]any{
		at("B", n): "立方储能<一>", at("D", n): "成长期",
		"B300": "新企业甲", "D300": "初创期", "B301": "新企业乙", "D301": "成长期", "F301": 8,
	})
	res, body := ts.postFile(c, "/workbench/enterprises/upload", token, "cells.xlsx", file)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	d := doc(t, body)
	changes := map[string]*goquery.Selection{}
	d.Find(`[data-testid="change"]`).Each(func(_ int, li *goquery.Selection) {
		row := strings.Fields(li.Find(".upload-change-row").Text())
		if len(row) > 1 {
			changes[row[1]] = li
		}
	})
	cells := func(li *goquery.Selection) map[string][2]string {
		out := map[string][2]string{}
		li.Find(".changes > div").Each(func(_ int, div *goquery.Selection) {
			out[div.Find("dt").Text()] = [2]string{div.Find("del").Text(), div.Find("ins").Text()}
		})
		return out
	}
	updated := changes[strconv.Itoa(n)]
	if updated == nil || len(changes) != 3 {
		t.Fatalf("changes by row %v: %q", changes, d.Find(`[data-testid="changes"]`).Text())
	}
	if updated.Find(`[data-testid="change-new"]`).Length() != 0 {
		t.Error("an updated row is marked as new")
	}
	got := cells(updated)
	if got["企业名称"] != [2]string{before.Name, "立方储能<一>"} || got["发展阶段"] != [2]string{"成熟期", "成长期"} || len(got) != 2 {
		t.Errorf("the updated row's cells (old, new): %q", got)
	}
	for i, row := range []string{"300", "301"} {
		li := changes[row]
		if li == nil || li.Find(`[data-testid="change-new"]`).Length() != 1 {
			t.Fatalf("row %s is not marked as new", row)
		}
		if assigned := li.Find(`[data-testid="assigned"]`).Text(); !strings.Contains(assigned, "企业编号："+ids[i]) {
			t.Errorf("row %s: the id it gets: %q, want %s", row, assigned, ids[i])
		}
		for label, cell := range cells(li) {
			if cell[0] != "" {
				t.Errorf("row %s: a new row's %s has an old value %q", row, label, cell[0])
			}
		}
	}
	if got := cells(changes["301"]); got["企业名称"][1] != "新企业乙" || got["发展阶段"][1] != "成长期" || got["员工人数"][1] != "8" {
		t.Errorf("the new row's cells: %q", got)
	}
	uploadToken, _ := d.Find(`input[name="token"]`).Attr("value")
	if res, _ := ts.post(c, "/workbench/enterprises/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	for i, name := range []string{"新企业甲", "新企业乙"} {
		if e, _, err := ts.Store.EnterpriseByID(ctx, ids[i]); err != nil || e.Name != name {
			t.Errorf("%s: %+v %v", ids[i], e, err)
		}
	}
}

// Every message of a refused upload is in the clerk's words: no code such
// as (startup), no YYYY-MM-DD, no English beside the values typed.
func TestUploadProblemsAreChinese(t *testing.T) {
	ts, c, token := staffClient(t)
	_, export := ts.get(c, "/workbench/enterprises.xlsx?q="+url.QueryEscape("立方"))
	n := rowOf(t, []byte(export), "ent-001")
	file := editSheet(t, []byte(export), map[string]any{
		"A" + strconv.Itoa(n): "ent-002", // another enterprise's id
		"B300":                "新企业<甲>", "C300": "91430200MA4L1234X0", "D300": "萌芽期", "E300": "初创期 2020-02-30；壮大期 2021-01-01", "F300": -3, "H300": "2021-13-45",
		"B301": "新企业乙", "D301": "初创期", "H301": "abc",
	})
	res, body := ts.postFile(c, "/workbench/enterprises/upload", token, "bad.xlsx", file)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad file: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	typed := regexp.MustCompile(`“[^”]*”`)
	messages := doc(t, body).Find(`[data-testid="problems"] tbody tr td:nth-child(3)`)
	if messages.Length() < 6 {
		t.Fatalf("%d problems: %q", messages.Length(), doc(t, body).Find(`[data-testid="problems"]`).Text())
	}
	all := ""
	messages.Each(func(_ int, td *goquery.Selection) {
		msg := td.Text()
		all += msg + "\n"
		if words := typed.ReplaceAllString(msg, ""); strings.ContainsAny(strings.ToLower(words), "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("a message with English in it: %q", msg)
		}
	})
	for _, want := range []string{"“初创期”、“成长期”、“成熟期”", "2023-06-01"} {
		if !strings.Contains(all, want) {
			t.Errorf("the messages lack %q:\n%s", want, all)
		}
	}
}
