package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

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
	bad := editSheet(t, data, map[string]any{"B2": "改名后的企业", "A300": "ent-new-1", "B300": "新企业<一>", "C300": "91430200MA4L1234X0", "D300": "初创期", "F300": "很多"})
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
	good := editSheet(t, data, map[string]any{"B2": "改名后的企业", "A300": "ent-new-1", "B300": "新企业<一>", "D300": "成长期", "F300": 12, "H300": "2021/3/4"})
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
	sheet := editSheet(t, []byte(export), map[string]any{"B2": "立方改名<一>"})
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
