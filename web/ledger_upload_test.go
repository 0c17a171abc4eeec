package web

import (
	"bytes"
	"cmp"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"parkportal/store"
)

// sheetRows are the cells of an export's sheet.
func sheetRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows(book.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// previewChanges are a preview's changes by their row's number.
func previewChanges(d *goquery.Document) map[int]*goquery.Selection {
	out := map[int]*goquery.Selection{}
	d.Find(`[data-testid="change"]`).Each(func(_ int, li *goquery.Selection) {
		if f := strings.Fields(li.Find(".upload-change-row").Text()); len(f) > 1 {
			n, _ := strconv.Atoi(f[1])
			out[n] = li
		}
	})
	return out
}

// changeCells are a change's cells: label → (old, new).
func changeCells(li *goquery.Selection) map[string][2]string {
	out := map[string][2]string{}
	li.Find(".changes > div").Each(func(_ int, div *goquery.Selection) {
		out[div.Find("dt").Text()] = [2]string{div.Find("del").Text(), div.Find("ins").Text()}
	})
	return out
}

// A ledger on the engine takes an upload in its export's layout, through
// its form's parser and the store's one save: the export uploads back as
// nothing to do; a changed cell and a new row without 记录号 preview old →
// new and with the 记录号 the new record gets, and are saved together on
// confirmation as one upload; what the sheet does not hold (the record's
// interchange id) stays as stored.
func TestDesignationUploadThroughTheEngine(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	_, page := ts.get(c, "/workbench/designations")
	if href, _ := doc(t, page).Find(`[data-testid="upload-link"]`).Attr("href"); href != "/workbench/designations/upload" {
		t.Fatalf("the ledger's upload link: %q", href)
	}
	if res, body := ts.get(c, "/workbench/designations/upload"); res.StatusCode != http.StatusOK || !strings.Contains(doc(t, body).Find("main").Text(), "记录号、企业、认定类型、认定年份") {
		t.Fatalf("upload form: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	res, export := ts.get(c, "/workbench/designations.xlsx?kind=zjtx_provincial")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", res.StatusCode)
	}
	rows := sheetRows(t, []byte(export))
	if got := strings.Join(rows[1], "|"); got != "记录号|企业|认定类型|认定年份" {
		t.Fatalf("the export's header: %q", got)
	}
	if res, body := ts.postFile(c, "/workbench/designations/upload", token, "认定.xlsx", []byte(export)); res.StatusCode != http.StatusOK ||
		doc(t, body).Find(`[data-testid="nothing-to-do"]`).Length() != 1 {
		t.Fatalf("the unchanged export: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	key, _ := strconv.ParseInt(rows[2][0], 10, 64)
	before, err := ts.Store.DesignationByKey(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	// The record has an interchange id the sheet does not show.
	before.ID = "des-kept"
	if _, err := ts.Store.SaveDesignation(ctx, store.Actor{Username: "other"}, key, before); err != nil {
		t.Fatal(err)
	}
	_, export = ts.get(c, "/workbench/designations.xlsx?kind=zjtx_provincial")
	enterprise, _, _ := ts.Store.EnterpriseByID(ctx, "ent-002")
	file := editSheet(t, []byte(export), map[string]any{
		"D3": before.Year - 1, "C3": "国家级专精特新“小巨人”企业",
		"B300": enterprise.Name, "C300": "省级专精特新企业", "D300": 2025,
	})
	res, body := ts.postFile(c, "/workbench/designations/upload", token, "认定.xlsx", file)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	d := doc(t, body)
	changes := previewChanges(d)
	if len(changes) != 2 || changes[3] == nil || changes[300] == nil {
		t.Fatalf("changes %q", d.Find(`[data-testid="changes"]`).Text())
	}
	year := strconv.Itoa(before.Year)
	if got := changeCells(changes[3]); got["认定年份"] != [2]string{year, strconv.Itoa(before.Year - 1)} ||
		got["认定类型"] != [2]string{"省级专精特新企业", "国家级专精特新“小巨人”企业"} || len(got) != 2 {
		t.Errorf("the changed row's cells (old, new): %q", got)
	}
	if changes[300].Find(`[data-testid="change-new"]`).Length() != 1 {
		t.Error("the new row is not marked new")
	}
	assigned := regexp.MustCompile(`记录号：(\d+)`).FindStringSubmatch(changes[300].Find(`[data-testid="assigned"]`).Text())
	if assigned == nil {
		t.Fatalf("the new row's 记录号: %q", changes[300].Text())
	}
	if got := changeCells(changes[300]); got["企业"][1] != enterprise.Name || got["认定年份"][1] != "2025" {
		t.Errorf("the new row's cells: %q", got)
	}
	uploadToken, _ := d.Find(`input[name="token"]`).Attr("value")
	res, _ = ts.post(c, "/workbench/designations/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	_, page = ts.get(c, res.Header.Get("Location"))
	if notice := doc(t, page).Find(`[data-testid="notice"]`).Text(); !strings.Contains(notice, "新增 1 条，修改 1 条") {
		t.Errorf("notice %q", notice)
	}
	after, err := ts.Store.DesignationByKey(ctx, key)
	if err != nil || after.Year != before.Year-1 || after.Kind != "zjtx_national" || after.ID != "des-kept" || after.Enterprise != before.Enterprise {
		t.Errorf("the changed designation: %+v %v", after, err)
	}
	newKey, _ := strconv.ParseInt(assigned[1], 10, 64)
	if added, err := ts.Store.DesignationByKey(ctx, newKey); err != nil || added.Enterprise != "ent-002" || added.Kind != "zjtx_provincial" || added.Year != 2025 {
		t.Errorf("the new designation at the 记录号 the preview showed (%d): %+v %v", newKey, added, err)
	}
	entries, _ := ts.Store.AuditEntries(ctx, store.AuditFilter{Limit: 3})
	if len(entries) != 3 || entries[2].Action != "upload" || entries[0].Batch != entries[2].ID || entries[1].Batch != entries[2].ID {
		t.Errorf("audit: %+v", entries)
	}
}

// A refused designation upload names each bad row and column in Chinese,
// writes nothing: a 记录号 the ledger does not have, an enterprise that is
// not in it, a year that is no number.
func TestDesignationUploadRefusesBadRows(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	_, export := ts.get(c, "/workbench/designations.xlsx?kind=zjtx_provincial")
	rev, _ := ts.Store.Revision(ctx)
	file := editSheet(t, []byte(export), map[string]any{
		"A300": 999999, "B300": "株洲高新区某企业", "C300": "省级专精特新企业", "D300": 2024,
		"B301": "不存在的企业有限公司", "C301": "省级专精特新企业", "D301": 2024,
		"B302": "湖南立方新能源科技有限责任公司", "C302": "省级专精特新企业", "D302": "明年",
	})
	res, body := ts.postFile(c, "/workbench/designations/upload", token, "认定.xlsx", file)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad file: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	problems := doc(t, body).Find(`[data-testid="problems"]`).Text()
	for _, want := range []string{"第 300 行A（记录号）台账中没有记录号为“999999”的记录", "第 302 行D（认定年份）须为四位数字的年份"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the problems lack %q: %q", want, problems)
		}
	}
	// Once every row reads, the store's check speaks: the enterprise that
	// is not in the ledger.
	file = editSheet(t, file, map[string]any{"A300": "", "D302": 2024})
	res, body = ts.postFile(c, "/workbench/designations/upload", token, "认定.xlsx", file)
	problems = doc(t, body).Find(`[data-testid="problems"]`).Text()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(problems, "第 301 行B（企业）引用的企业“不存在的企业有限公司”不存在") {
		t.Errorf("an unknown enterprise: %d %q", res.StatusCode, problems)
	}
	if after, _ := ts.Store.Revision(ctx); after != rev {
		t.Error("a refused upload wrote something")
	}
	if res, _ := ts.postFile(c, "/workbench/designations/upload", token, "big.xlsx", bytes.Repeat([]byte("x"), 12<<20)); res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 12 MB file: %d, want 413", res.StatusCode)
	}
}

// Every ledger that takes an upload takes its own export back: unchanged,
// it is nothing to do; a cell changed in Excel (the values as the export
// writes them: labels, names, 是/否) previews old → new at its row, is
// saved on confirmation, and the next export shows it.
func TestEveryLedgerUploadsItsOwnExport(t *testing.T) {
	ts, c, token := staffClient(t)
	for _, tc := range []struct {
		ledger, query, header string
		values                [2]string // one differs from the first row's
	}{
		{"enterprises", "?q=" + url.QueryEscape("立方"), "所属行业", [2]string{"新能源", "储能"}},
		{"members", "?organization=org-01", "管理层", [2]string{"是", "否"}},
		{"designations", "", "认定类型", [2]string{"省级专精特新企业", "国家级专精特新“小巨人”企业"}},
		{"platforms", "", "平台类型", [2]string{"科技园", "高校直通车"}},
		{"surveys", "?year=2023", "有实际经营", [2]string{"是", "否"}},
		{"awards", "", "级别", [2]string{"市级", "省级"}},
		{"services", "?kind=equipment&year=2023", "有效服务", [2]string{"是", "否"}},
		{"responsibility", "?kind=employment_aid", "受益人数", [2]string{"12", "13"}},
		{"brands", "", "品牌口号", [2]string{"红心向党", "红心向党，奋斗有我"}},
		{"activities", "", "所属工程", [2]string{"孵化工程·育种计划", "提质工程·壮苗计划"}},
		{"organizations", "?kind=branch", "书记", [2]string{"张红", "李明"}},
		{"staff", "?role=instructor", "姓名", [2]string{"王五", "赵六"}},
	} {
		path := "/workbench/" + tc.ledger
		res, export := ts.get(c, path+".xlsx"+tc.query)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: export %d", tc.ledger, res.StatusCode)
			continue
		}
		if res, body := ts.postFile(c, path+"/upload", token, "x.xlsx", []byte(export)); res.StatusCode != http.StatusOK ||
			doc(t, body).Find(`[data-testid="nothing-to-do"]`).Length() != 1 {
			t.Errorf("%s: the unchanged export: %d %q", tc.ledger, res.StatusCode, doc(t, body).Find("main").Text())
			continue
		}
		rows := sheetRows(t, []byte(export))
		col := slices.Index(rows[1], tc.header)
		if col < 0 || len(rows) < 3 {
			t.Errorf("%s: no column %s in %q", tc.ledger, tc.header, rows[1])
			continue
		}
		old := ""
		if col < len(rows[2]) {
			old = rows[2][col]
		}
		value := tc.values[0]
		if old == value {
			value = tc.values[1]
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, 3)
		res, body := ts.postFile(c, path+"/upload", token, "x.xlsx", editSheet(t, []byte(export), map[string]any{cell: value}))
		d := doc(t, body)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %s %q → %q: %d %q", tc.ledger, cell, old, value, res.StatusCode, d.Find("main").Text())
			continue
		}
		change := previewChanges(d)[3]
		if change == nil || len(previewChanges(d)) != 1 {
			t.Errorf("%s: changes %q", tc.ledger, d.Find(`[data-testid="changes"]`).Text())
			continue
		}
		if got := changeCells(change)[tc.header]; got != [2]string{cmp.Or(old, "（空）"), value} {
			t.Errorf("%s: the change of %s: %q, want %q → %q", tc.ledger, tc.header, got, old, value)
		}
		uploadToken, _ := d.Find(`input[name="token"]`).Attr("value")
		if res, _ := ts.post(c, path+"/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("%s: confirm %d", tc.ledger, res.StatusCode)
			continue
		}
		_, again := ts.get(c, path+".xlsx"+tc.query)
		found := false
		for _, r := range sheetRows(t, []byte(again))[2:] {
			found = found || (r[0] == rows[2][0] && col < len(r) && r[col] == value)
		}
		if !found {
			t.Errorf("%s: the next export lacks row %s with %s %q", tc.ledger, rows[2][0], tc.header, value)
		}
	}
}

// What an activity's sheet does not hold (its enterprises, its summary)
// or its form never changes (its review status) stays as stored when an
// upload changes the activity.
func TestActivityUploadKeepsWhatTheSheetDoesNotHold(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	_, export := ts.get(c, "/workbench/activities.xlsx")
	rows := sheetRows(t, []byte(export))
	n, key := 0, int64(0)
	var before store.Activity
	for i, r := range rows[2:] {
		k, _ := strconv.ParseInt(r[0], 10, 64)
		a, err := ts.Store.ActivityByKey(ctx, k)
		if err == nil && len(a.Enterprises) > 0 && a.Summary != "" {
			n, key, before = i+3, k, a
			break
		}
	}
	if n == 0 {
		t.Fatal("no activity with enterprises and a summary")
	}
	before.Status = "submitted"
	if _, err := ts.Store.SaveActivity(ctx, store.Actor{Username: "secretary"}, key, before); err != nil {
		t.Fatal(err)
	}
	_, export = ts.get(c, "/workbench/activities.xlsx")
	file := editSheet(t, []byte(export), map[string]any{"B" + strconv.Itoa(n): before.Title + "（更正）"})
	res, body := ts.postFile(c, "/workbench/activities/upload", token, "活动.xlsx", file)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d %q", res.StatusCode, doc(t, body).Find("main").Text())
	}
	if got := changeCells(previewChanges(doc(t, body))[n]); len(got) != 1 || got["活动名称"][1] != before.Title+"（更正）" {
		t.Errorf("the change: %q", got)
	}
	uploadToken, _ := doc(t, body).Find(`input[name="token"]`).Attr("value")
	if res, _ := ts.post(c, "/workbench/activities/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	after, err := ts.Store.ActivityByKey(ctx, key)
	if err != nil || after.Title != before.Title+"（更正）" || !slices.Equal(after.Enterprises, before.Enterprises) || after.Summary != before.Summary ||
		after.Status != "submitted" {
		t.Errorf("after the upload: %+v %v; before: %+v", after, err, before)
	}
}

// newSheet is a workbook of one sheet holding rows.
func newSheet(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	book := excelize.NewFile()
	defer book.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := book.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := book.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A sheet of a few of the export's columns changes only those: the
// enterprise's other fields stay as stored. A sheet that does not name its
// rows' records (no 企业编号), or a yes-or-no cell that is neither, is
// refused in Chinese.
func TestUploadOfSomeColumns(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	before, _, err := ts.Store.EnterpriseByID(ctx, "ent-001")
	if err != nil {
		t.Fatal(err)
	}
	res, body := ts.postFile(c, "/workbench/enterprises/upload", token, "名称.xlsx", newSheet(t, []any{"企业编号", "企业名称"}, []any{"ent-001", before.Name + "（集团）"}))
	d := doc(t, body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("two columns: %d %q", res.StatusCode, d.Find("main").Text())
	}
	if got := changeCells(previewChanges(d)[2]); len(got) != 1 || got["企业名称"] != [2]string{before.Name, before.Name + "（集团）"} {
		t.Errorf("the change: %q", got)
	}
	uploadToken, _ := d.Find(`input[name="token"]`).Attr("value")
	if res, _ := ts.post(c, "/workbench/enterprises/upload/confirm", url.Values{"_csrf": {token}, "token": {uploadToken}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	after, _, _ := ts.Store.EnterpriseByID(ctx, "ent-001")
	if after.Name != before.Name+"（集团）" || after.Stage != before.Stage || after.Sector != before.Sector || after.Founded != before.Founded ||
		len(after.StageHistory) != len(before.StageHistory) {
		t.Errorf("after: %+v; before: %+v", after, before)
	}
	res, body = ts.postFile(c, "/workbench/enterprises/upload", token, "无编号.xlsx", newSheet(t, []any{"企业名称", "发展阶段"}, []any{"某企业", "初创期"}))
	if msg := doc(t, body).Find("#file-error").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "缺少 “企业编号” 列") {
		t.Errorf("no id column: %d %q", res.StatusCode, msg)
	}
	res, body = ts.postFile(c, "/workbench/members/upload", token, "管理层.xlsx", newSheet(t, []any{"人员编号", "姓名", "管理层"}, []any{"mem-001", "任秋", "也许"}))
	if p := doc(t, body).Find(`[data-testid="problems"]`).Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p, "C（管理层）请填“是”或“否”，而不是“也许”") {
		t.Errorf("management 也许: %d %q", res.StatusCode, p)
	}
}
