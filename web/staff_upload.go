package web

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The Excel import of a ledger: upload, preview, confirm. The
// spreadsheet's layout is the ledger's export; rows are matched to records
// by id (or, in a ledger whose records need none, by 记录号); unchanged
// rows are left alone; the store saves the rest in one transaction
// (store.SaveUpload), all or nothing, with the forms' rules. The file is
// read in a child process (web/sheet). Each ledger on the engine gets its
// sheetKind from its export's columns and its form (ledger_upload.go).

// sheetKind is one ledger's spreadsheet: its layout, how a row becomes a
// record, and how the store saves an upload of it.
type sheetKind[T any] struct {
	collection store.Collection
	ledger     string // 企业台账
	section    string // /workbench/enterprises
	columns    []sheet.Column
	required   []string // headers an upload must have
	// record reads a row, its cells by header, as the ledger's form would
	// read it: problems at fields.
	record func(ctx context.Context, cells map[string]string) (T, []store.Problem, error)
	// ref names the record a row replaces: its interchange id or, in a
	// keyed ledger, its 记录号; "" for a new record.
	ref func(cells map[string]string, r T) string
	// keyed says that rows name their records by 记录号 (store.KeyLabel):
	// one the ledger does not have is a mistake, not a new record.
	keyed    bool
	title    func(ctx context.Context, r T) (string, error) // how the preview names a row
	existing func(ctx context.Context, refs []string) (map[string]stored[T], error)
	save     func(ctx context.Context, actor store.Actor, file string, rows []store.UploadRow[T], check bool) (store.UploadResult, error)
	// fieldOrder are the fields compared for 修改, in the sheet's order.
	fieldOrder []string
	// fields are the fields a row sets, when the sheet has their columns
	// (headed by their labels); an update keeps the others as stored.
	fields []string
	// keep, when set, carries into an update what the ledger's form never
	// changes, from the record as stored (ledgerForm.keep).
	keep func(stored T, r *T)
	// suggestIDs, for a kind whose records must have an id, proposes ids
	// for the new rows that have none, as its form proposes one: the clerk
	// never invents one. Nil where the id is optional.
	suggestIDs func(ctx context.Context, n int, taken map[string]bool) ([]string, error)
}

// stored is a record as the ledger holds it, and its key.
type stored[T any] struct {
	record T
	key    int64
}

// keyField is the problems' name for a row's 记录号.
const keyField = "key"

// uploadPlan is what an upload would do, or why it cannot.
type uploadPlan[T any] struct {
	column    func(field string) string // a field's column: C（统一社会信用代码）
	rows      []store.UploadRow[T]
	olds      []*T           // the records the rows replace, nil for a new one
	assigned  map[int]string // the ids the portal gave new rows, by row
	unchanged int
	problems  []views.UploadProblem
	created   int
	updated   int
	keys      map[int]int64 // the store's keys of the rows' records, once checked
}

// previewLimit bounds the rows a preview lists.
const previewLimit = 200

func (k sheetKind[T]) uploadForm(s *Server, c echo.Context, status int, errs views.Errors) error {
	f := views.UploadForm{
		Section: k.section, Ledger: k.ledger, Action: k.section + "/upload", ExportURL: k.section + ".xlsx",
		Match: k.uploadMatch(), Errors: errs, CSRF: s.csrfToken(c),
	}
	for _, col := range k.columns {
		f.Columns = append(f.Columns, col.Header)
	}
	return s.formPage(c, status, formTitle("Excel 导入"+k.ledger, errs, views.Edit{}), views.UploadFormPage(f))
}

// readUpload is the uploaded file's bytes, or a message for the clerk.
func readUpload(c echo.Context) (name string, data []byte, problem string, err error) {
	// The body's size is bounded before this (the upload's BodyLimit).
	fh, err := c.FormFile("file")
	switch {
	case errors.Is(err, http.ErrMissingFile):
		return "", nil, "请选择要上传的 Excel 文件", nil
	case err != nil:
		return "", nil, "", echo.NewHTTPError(http.StatusBadRequest, "upload").SetInternal(err)
	}
	if fh.Size > sheet.MaxUploadBytes {
		return "", nil, fmt.Sprintf("文件超过 %d MB，请分成几个文件导入", sheet.MaxUploadBytes>>20), nil
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, "", err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, sheet.MaxUploadBytes+1))
	if err != nil {
		return "", nil, "", err
	}
	name = fh.Filename
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return clip(name, 80), data, "", nil
}

// readCells reads the file's cells in the child process, or says why it
// cannot, for the clerk.
func (s *Server) readCells(ctx context.Context, data []byte) ([][]string, string, error) {
	cells, err := s.sheets.Read(ctx, data)
	var unreadable *sheet.ErrUnreadable
	if errors.As(err, &unreadable) {
		return nil, unreadable.Reason, nil
	}
	return cells, "", err
}

// plan turns the sheet's rows into records and, when check is set, asks
// the store what saving them would do (nothing is written).
func (k sheetKind[T]) plan(ctx context.Context, actor store.Actor, name string, cells [][]string, check bool) (uploadPlan[T], string, error) {
	p := uploadPlan[T]{assigned: map[int]string{}}
	if len(cells) == 0 {
		return p, "第一个工作表是空的", nil
	}
	// The header row: under the export's title row, or wherever near the
	// top a clerk's own sheet has it.
	top, missing := sheet.FindHeader(cells, k.required)
	if len(missing) > 0 {
		for i := range missing {
			missing[i] = "“" + missing[i] + "”"
		}
		return p, fmt.Sprintf("第 %d 行（表头）缺少 %s 列；请以导出的台账为模板", top+1, strings.Join(missing, "、")), nil
	}
	header := map[string]int{}
	for i, h := range cells[top] {
		if h = strings.TrimSpace(h); h != "" {
			if _, dup := header[h]; !dup {
				header[h] = i
			}
		}
	}
	p.column = func(field string) string {
		label := store.FieldLabel(k.collection, strings.SplitN(strings.SplitN(field, "[", 2)[0], ".", 2)[0])
		if field == keyField {
			label = store.KeyLabel
		}
		if i, ok := header[label]; ok {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			return letter + "（" + label + "）"
		}
		return label
	}
	// The fields the sheet's columns set.
	var fields []string
	for _, f := range k.fields {
		if _, ok := header[store.FieldLabel(k.collection, f)]; ok {
			fields = append(fields, f)
		}
	}
	// The rows that hold something, each as its cells by header.
	type sheetRow struct {
		number int
		values map[string]string
	}
	var data []sheetRow
	for n, row := range cells[top+1:] {
		values := map[string]string{}
		blank := true
		for h, i := range header {
			if i < len(row) {
				values[h] = strings.TrimSpace(row[i])
				blank = blank && values[h] == ""
			}
		}
		if !blank {
			data = append(data, sheetRow{number: top + n + 2, values: values})
		}
	}
	// A new row without an id gets the one its form would propose.
	if k.suggestIDs != nil {
		idLabel := store.FieldLabel(k.collection, "id")
		taken, blank := map[string]bool{}, 0
		for _, r := range data {
			if id := r.values[idLabel]; id != "" {
				taken[id] = true
			} else {
				blank++
			}
		}
		if blank > 0 {
			ids, err := k.suggestIDs(ctx, blank, taken)
			if err != nil {
				return p, "", err
			}
			for _, r := range data {
				if r.values[idLabel] == "" {
					r.values[idLabel], ids = ids[0], ids[1:]
					p.assigned[r.number] = r.values[idLabel]
				}
			}
		}
	}
	records, refs := make([]T, 0, len(data)), make([]string, 0, len(data))
	seen := map[string]int{}
	for _, row := range data {
		r, ps, err := k.record(ctx, row.values)
		if err != nil {
			return p, "", err
		}
		ref := k.ref(row.values, r)
		if ref != "" {
			if first, dup := seen[ref]; dup {
				field, label := "id", store.FieldLabel(k.collection, "id")
				if k.keyed {
					field, label = keyField, store.KeyLabel
				}
				ps = append(ps, store.Problem{Field: field, Code: store.CodeDuplicateID, Message: fmt.Sprintf("%s“%s”与第 %d 行重复", label, clip(ref, 40), first)})
			} else {
				seen[ref] = row.number
			}
		}
		for _, pr := range ps {
			p.problems = append(p.problems, p.problem(k.collection, row.number, pr))
		}
		records, refs = append(records, r), append(refs, ref)
	}
	existing, err := k.existing(ctx, refs)
	if err != nil {
		return p, "", err
	}
	for i, r := range records {
		row := store.UploadRow[T]{Row: data[i].number, Record: r}
		old, ok := existing[refs[i]]
		switch {
		case ok:
			r = carryOver(r, old.record, fields)
			if k.keep != nil {
				k.keep(old.record, &r)
			}
			if len(changedFields(k.collection, k.fieldOrder, old.record, r)) == 0 {
				p.unchanged++
				continue
			}
			// Made against the version the preview shows.
			row.OldID, row.OldKey, row.Record = refs[i], old.key, store.WithVersion(r, store.VersionOf(old.record))
		case k.keyed && refs[i] != "":
			p.problems = append(p.problems, p.problem(k.collection, row.Row, store.Problem{Field: keyField, Code: store.CodeUnknownReference,
				Message: fmt.Sprintf("台账中没有%s为“%s”的记录；新增的行请不填%s", store.KeyLabel, clip(refs[i], 20), store.KeyLabel)}))
			continue
		}
		p.rows = append(p.rows, row)
		if ok {
			p.olds = append(p.olds, &old.record)
		} else {
			p.olds = append(p.olds, nil)
		}
	}
	if len(p.problems) > 0 || len(p.rows) == 0 || !check {
		return p, "", nil
	}
	res, err := k.save(ctx, actor, name, p.rows, true)
	var refused *store.UploadError
	if errors.As(err, &refused) {
		for _, rp := range refused.Rows {
			for _, pr := range rp.Problems {
				p.problems = append(p.problems, p.problem(k.collection, rp.Row, pr))
			}
		}
		return p, "", nil
	}
	if err != nil {
		return p, "", err
	}
	p.created, p.updated, p.keys = res.Created, res.Updated, res.Keys
	return p, "", nil
}

// problem is a problem of a row as the preview shows it: at its row and
// column, with a link to the ledger's record the row would repeat.
func (p uploadPlan[T]) problem(collection store.Collection, row int, pr store.Problem) views.UploadProblem {
	up := views.UploadProblem{Row: row, Column: p.column(pr.Field), Message: pr.ClerkMessage()}
	up.Link, up.LinkText = existingRecordLink(collection, pr)
	return up
}

// changedFields names the fields whose values differ, compared as
// interchange JSON.
func changedFields(collection store.Collection, order []string, before, after any) []string {
	b, _ := json.Marshal(before)
	a, _ := json.Marshal(after)
	bm, am := decodeRecord(b), decodeRecord(a)
	var out []string
	for _, f := range order {
		x, _ := json.Marshal(bm[f])
		y, _ := json.Marshal(am[f])
		if string(x) != string(y) {
			out = append(out, store.FieldLabel(collection, f))
		}
	}
	return out
}

// changes are the first rows of the plan as the preview lists them: a
// changed row's changed cells, each old → new, and a new row's filled
// cells and the id it gets; references by name, values as the ledger
// shows them. Queries: one per collection referred to.
func (k sheetKind[T]) changes(s *Server, ctx context.Context, p uploadPlan[T]) ([]views.UploadChange, error) {
	rows := p.rows[:min(len(p.rows), previewLimit)]
	befores, afters := make([]map[string]any, len(rows)), make([]map[string]any, len(rows))
	for i, r := range rows {
		befores[i], afters[i] = map[string]any{}, recordMap(r.Record)
		if p.olds[i] != nil {
			befores[i] = recordMap(*p.olds[i])
		}
	}
	if err := s.nameReferences(ctx, append(befores, afters...)); err != nil {
		return nil, err
	}
	lf, _ := ledgerFields(k.collection)
	out := make([]views.UploadChange, len(rows))
	for i, r := range rows {
		if id := p.assigned[r.Row]; id != "" {
			out[i].Assigned = store.FieldLabel(k.collection, "id") + "：" + id
			delete(afters[i], "id") // said once, as the portal's
		}
		if key := p.keys[r.Row]; k.keyed && p.olds[i] == nil && key != 0 {
			out[i].Assigned = keyText(key)
		}
		title, err := k.title(ctx, r.Record)
		if err != nil {
			return nil, err
		}
		out[i].Row, out[i].New, out[i].Title = r.Row, p.olds[i] == nil, title
		out[i].Cells = fieldChanges(k.collection, lf.fields, lf.show, befores[i], afters[i])
		if out[i].New {
			continue
		}
		for j, cell := range out[i].Cells { // a cell filled in or emptied says so
			if len(cell.Added) == 0 && len(cell.Removed) == 0 {
				out[i].Cells[j].Before, out[i].Cells[j].After = cmp.Or(cell.Before, "（空）"), cmp.Or(cell.After, "（空）")
			}
		}
	}
	return out, nil
}

// recordMap is a record as interchange JSON, decoded.
func recordMap(record any) map[string]any {
	b, _ := json.Marshal(record)
	return decodeRecord(b)
}

// preview writes the plan's page.
func (k sheetKind[T]) preview(s *Server, c echo.Context, name string, p uploadPlan[T], token, notice string) error {
	v := views.UploadPreview{
		Section: k.section, Ledger: k.ledger, FileName: name, Notice: notice,
		Created: p.created, Updated: p.updated, Unchanged: p.unchanged,
		Action: k.section + "/upload/confirm", RetryURL: k.section + "/upload", Token: token, CSRF: s.csrfToken(c),
	}
	slices.SortStableFunc(p.problems, func(a, b views.UploadProblem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return strings.Compare(columnLetters(a.Column), columnLetters(b.Column))
	})
	v.Problems, v.MoreProblems = p.problems, 0
	if len(p.problems) > previewLimit {
		v.Problems, v.MoreProblems = p.problems[:previewLimit], len(p.problems)-previewLimit
	}
	if len(p.problems) == 0 {
		var err error
		if v.Changes, err = k.changes(s, c.Request().Context(), p); err != nil {
			return err
		}
		v.MoreChanges = len(p.rows) - len(v.Changes)
	}
	status := http.StatusOK
	if len(p.problems) > 0 {
		status = http.StatusUnprocessableEntity
	}
	title := "导入预览"
	if len(p.problems) > 0 {
		title = "错误：" + title
	}
	return s.render(c, status, s.page(c, title), views.UploadPreviewPage(v))
}

// upload is the POST of the file: read, plan, and keep the file for the
// confirmation when it can be imported.
func (k sheetKind[T]) upload(s *Server) echo.HandlerFunc {
	return func(c echo.Context) error {
		name, data, problem, err := readUpload(c)
		if err != nil {
			return err
		}
		if problem != "" {
			return k.uploadForm(s, c, http.StatusUnprocessableEntity, views.Errors{{Field: "file", Message: problem}})
		}
		ctx := c.Request().Context()
		cells, problem, err := s.readCells(ctx, data)
		if err != nil {
			return err
		}
		if problem != "" {
			return k.uploadForm(s, c, http.StatusUnprocessableEntity, views.Errors{{Field: "file", Message: problem}})
		}
		return k.checkAndPreview(s, c, upload{userID: viewerOf(c).ID, collection: k.collection, name: name, cells: cells}, "")
	}
}

// checkAndPreview plans the upload against the ledger as it is now and
// shows the preview, keeping the cells for the confirmation when the file
// can be imported.
func (k sheetKind[T]) checkAndPreview(s *Server, c echo.Context, u upload, notice string) error {
	ctx := c.Request().Context()
	rev, err := s.store.Revision(ctx) // before the check: a change during it makes the confirmation check again
	if err != nil {
		return err
	}
	p, problem, err := k.plan(ctx, actorOf(c), u.name, u.cells, true)
	if err != nil {
		return err
	}
	if problem != "" {
		return k.uploadForm(s, c, http.StatusUnprocessableEntity, views.Errors{{Field: "file", Message: problem}})
	}
	token := ""
	if len(p.problems) == 0 && len(p.rows) > 0 {
		u.revision = rev.Value
		if token, err = s.uploads.put(ctx, u); err != nil {
			return err
		}
	}
	return k.preview(s, c, u.name, p, token, notice)
}

// confirm saves the previewed file. When the ledger changed since the
// preview, it shows the new preview instead: a clerk confirms what they saw.
func (k sheetKind[T]) confirm(s *Server) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, ok, err := s.uploads.take(c.Request().Context(), c.FormValue("token"), viewerOf(c).ID, k.collection)
		if err != nil {
			return err
		}
		if !ok {
			return k.uploadForm(s, c, http.StatusUnprocessableEntity, views.Errors{{Field: "file", Message: "预览已过期（超过 30 分钟）或已导入，请重新上传文件"}})
		}
		ctx := c.Request().Context()
		rev, err := s.store.Revision(ctx)
		if err != nil {
			return err
		}
		if rev.Value != u.revision {
			return k.checkAndPreview(s, c, *u, "预览之后台账有了变动，下面是按最新台账重新核对的结果，请再次确认。")
		}
		p, problem, err := k.plan(ctx, actorOf(c), u.name, u.cells, false)
		if err != nil {
			return err
		}
		// The plan names the versions of the records it replaces, as it
		// read them: the ledger must not have moved while it read them
		// either, or a change saved meanwhile would pass for previewed.
		if rev, err = s.store.Revision(ctx); err != nil {
			return err
		}
		if rev.Value != u.revision {
			return k.checkAndPreview(s, c, *u, "预览之后台账有了变动，下面是按最新台账重新核对的结果，请再次确认。")
		}
		if problem != "" || len(p.problems) > 0 {
			return k.preview(s, c, u.name, p, "", "")
		}
		res, err := k.save(ctx, actorOf(c), u.name, p.rows, false)
		var refused *store.UploadError
		if errors.As(err, &refused) { // the ledger moved between the revision's check and the save
			for _, rp := range refused.Rows {
				for _, pr := range rp.Problems {
					p.problems = append(p.problems, p.problem(k.collection, rp.Row, pr))
				}
			}
			return k.preview(s, c, u.name, p, "", "台账刚刚有了变动，文件没有导入。")
		}
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("%s?done=uploaded&created=%d&updated=%d", k.section, res.Created, res.Updated))
	}
}

// uploadNotice is the ledger's message after a confirmed upload.
func uploadNotice(c echo.Context) string {
	if c.QueryParam("done") != "uploaded" {
		return ""
	}
	created, updated := atoiSafe(c.QueryParam("created")), atoiSafe(c.QueryParam("updated"))
	return fmt.Sprintf("Excel 导入完成：新增 %d 条，修改 %d 条。", created, updated)
}

// atoiSafe reads a count from the address, 0 for anything else.
func atoiSafe(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0
	}
	return n
}

// columnLetters is the letters a problem's column starts with (C of
// C（统一社会信用代码）), padded so that AA sorts after Z.
func columnLetters(column string) string {
	n := 0
	for n < len(column) && column[n] >= 'A' && column[n] <= 'Z' {
		n++
	}
	return strings.Repeat(" ", 3-min(n, 3)) + column[:n]
}
