package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/web/sheet"
)

// A ledger's Excel upload, on the engine (ledger.go). The ledger's export
// is the template: each row's cells become the values its form would have
// posted (field names are the interchange spec's, the headers the label
// table's), the form reads and checks them as it reads a clerk's typing,
// and the store saves every row through the kind's one save, all in one
// transaction (store.SaveUpload). A ledger plugs in by naming its export's
// columns (ledger.sheet): which field each holds and how its cells read.

// sheetField is one column of a ledger's export: the sheet's column and,
// for a column an upload reads back, the form field it fills and how a
// cell becomes the form's values.
type sheetField struct {
	sheet.Column
	field string // "" for a column not read back (a count, a name beside an id)
	// read is the form's values a cell gives (a stage history cell gives
	// two lists), or what is wrong with it in a clerk's words; nil: the
	// cell as typed is field's value.
	read func(cell string) (url.Values, string)
	// refersTo, when set, is the collection whose records the column names,
	// by name or id: the upload turns each into its id for the form.
	refersTo store.Collection
}

// sheetColumns are the export's columns.
func sheetColumns(fields []sheetField) []sheet.Column {
	out := make([]sheet.Column, len(fields))
	for i, f := range fields {
		out[i] = f.Column
	}
	return out
}

// keyColumn is a keyed ledger's 记录号: the record's key, as in its page's
// address, by which an upload finds the record a row changes.
func keyColumn() sheetField {
	return sheetField{Column: sheet.Column{Header: store.KeyLabel, Width: 8, Kind: sheet.Number}, field: keyField}
}

// fieldColumn is a column that holds field as typed.
func fieldColumn(c store.Collection, field string, width float64, kind sheet.Kind) sheetField {
	return sheetField{Column: sheet.Column{Header: store.FieldLabel(c, field), Width: width, Kind: kind}, field: field}
}

// nameColumn is the column that names a row: on paper it repeats on every
// page.
func nameColumn(c store.Collection, field string, width float64) sheetField {
	return named(fieldColumn(c, field, width, sheet.Text))
}

// named is f as the column that names a row.
func named(f sheetField) sheetField {
	f.Name = true
	return f
}

// refColumn is a field that names an enterprise or an organisation: the
// export writes its name, an upload takes the name or the id.
func refColumn(c store.Collection, field string, width float64, to store.Collection) sheetField {
	f := fieldColumn(c, field, width, sheet.Text)
	f.refersTo = to
	return f
}

// boolColumn is a yes-or-no field: 是 or 否 in the sheet (an empty cell is
// 否 when empty is), yes or no as its form posts them.
func boolColumn(c store.Collection, field, yes, no, empty string) sheetField {
	f := fieldColumn(c, field, 10, sheet.Text)
	f.read = func(cell string) (url.Values, string) {
		switch cell {
		case "是":
			return url.Values{field: {yes}}, ""
		case "否":
			return url.Values{field: {no}}, ""
		case "":
			return url.Values{field: {empty}}, ""
		}
		return nil, "请填“是”或“否”，而不是“" + clip(cell, 20) + "”"
	}
	return f
}

// listColumn is a field that holds a list, one cell of entries joined by
// 、 (as the export writes them) or ；: each entry a choice's label or
// value, or, when to is set, an enterprise's or organisation's name or id.
func listColumn(c store.Collection, field string, width float64, choices []store.Choice, to store.Collection) sheetField {
	f := fieldColumn(c, field, width, sheet.Text)
	f.refersTo = to
	f.read = func(cell string) (url.Values, string) {
		var entries []string
		for _, e := range strings.FieldsFunc(cell, func(r rune) bool { return r == '、' || r == '；' || r == ';' || r == '\n' }) {
			if e = strings.TrimSpace(e); e != "" {
				entries = append(entries, choiceValue(choices, e))
			}
		}
		return url.Values{field: entries}, ""
	}
	return f
}

// shownColumn is a column the export shows and an upload does not read.
func shownColumn(header string, width float64, kind sheet.Kind) sheetField {
	return sheetField{Column: sheet.Column{Header: header, Width: width, Kind: kind}}
}

// dateColumn is a date field, read as a clerk's spreadsheet holds dates.
func dateColumn(c store.Collection, field string) sheetField {
	f := fieldColumn(c, field, 12, sheet.Date)
	f.read = func(cell string) (url.Values, string) { return url.Values{field: {sheet.DateCell(cell)}}, "" }
	return f
}

// choiceColumn is a field whose cells hold a choice's label (初创期) or
// its value; other text is kept for the rules to judge.
func choiceColumn(c store.Collection, field string, width float64, choices []store.Choice) sheetField {
	f := fieldColumn(c, field, width, sheet.Text)
	f.read = func(cell string) (url.Values, string) { return url.Values{field: {choiceValue(choices, cell)}}, "" }
	return f
}

// uploadRoutes registers the ledger's upload, when it has a sheet.
func (l *ledger[R, F]) uploadRoutes(s *Server, e *echo.Echo, staff echo.MiddlewareFunc, cached func(echo.HandlerFunc) echo.HandlerFunc) {
	if l.sheet == nil {
		return
	}
	k := l.sheetKind(s)
	e.GET(l.path+"/upload", cached(func(c echo.Context) error { return k.uploadForm(s, c, http.StatusOK, nil) }), staff)
	e.POST(l.path+"/upload", k.upload(s), staff)
	e.POST(l.path+"/upload/confirm", k.confirm(s), staff)
}

// sheetKind is the ledger's upload: its export's columns read back through
// its form.
func (l *ledger[R, F]) sheetKind(s *Server) sheetKind[R] {
	keyed := l.access.param == "key"
	idHeader := store.FieldLabel(l.collection, "id")
	var read []sheetField // the columns of fields
	var columns []sheet.Column
	var fields, required []string
	for _, f := range l.sheet {
		if f.field == "" {
			continue
		}
		columns = append(columns, f.Column)
		// A sheet must name its rows' records and say what they are; a
		// column it leaves out leaves its field as stored.
		if f.field == keyField || (!keyed && f.Header == idHeader) || f.Name {
			required = append(required, f.Header)
		}
		if f.field != keyField {
			read, fields = append(read, f), append(fields, f.field)
		}
	}
	k := sheetKind[R]{
		collection: l.collection, ledger: l.names.ledger, section: l.path,
		columns: columns, required: required, keyed: keyed, fields: fields,
		record: func(ctx context.Context, cells map[string]string) (R, []store.Problem, error) {
			var none R
			values := url.Values{}
			var unread []store.Problem // cells that give no value
			for _, c := range read {
				if _, ok := cells[c.Header]; !ok {
					continue // not in this sheet
				}
				v, problem := url.Values{c.field: {cells[c.Header]}}, ""
				if c.read != nil {
					v, problem = c.read(cells[c.Header])
				}
				if problem != "" {
					unread = append(unread, store.Problem{Field: c.field, Code: store.CodeType, Message: problem})
					continue
				}
				if c.refersTo != "" {
					var err error
					if v[c.field], err = s.idsFor(ctx, c.refersTo, v[c.field]); err != nil {
						return none, nil, err
					}
				}
				for field, vs := range v {
					values[field] = vs
				}
			}
			f := l.form.read(values)
			if l.form.resolve != nil {
				if err := l.form.resolve(ctx, s, &f); err != nil {
					return none, nil, err
				}
			}
			r, ps := l.form.record(f)
			ps = append(unread, otherProblems(ps, problemFields(unread)...)...)
			if len(ps) > 0 { // what could not be read is said once; the rules speak for the rest
				ps = append(ps, otherProblems(r.Validate(), problemFields(ps)...)...)
			}
			return r, ps, nil
		},
		ref: func(cells map[string]string, _ R) string {
			if keyed {
				return strings.TrimSuffix(cells[store.KeyLabel], ".0")
			}
			return cells[idHeader]
		},
		title: func(ctx context.Context, r R) (string, error) { return l.title(ctx, s, r) },
		existing: func(ctx context.Context, refs []string) (map[string]stored[R], error) {
			out := map[string]stored[R]{}
			for _, ref := range refs {
				if _, done := out[ref]; done || ref == "" {
					continue
				}
				r, key, err := l.access.find(ctx, s.store, ref)
				switch {
				case errors.Is(err, store.ErrNotFound):
					continue
				case err != nil:
					return nil, err
				}
				out[ref] = stored[R]{record: r, key: key}
			}
			return out, nil
		},
		save: func(ctx context.Context, actor store.Actor, file string, rows []store.UploadRow[R], check bool) (store.UploadResult, error) {
			return store.SaveUpload(ctx, s.store, actor, file, rows, check)
		},
		fieldOrder: l.fields,
		keep:       l.form.keep,
	}
	if !keyed {
		k.suggestIDs = func(ctx context.Context, n int, taken map[string]bool) ([]string, error) {
			return s.store.SuggestIDs(ctx, l.collection, n, taken)
		}
	}
	return k
}

// carryOver is r with the fields not in fields taken from old: what the
// spreadsheet's columns do not hold stays as stored (an activity's
// summary, a record's review status). Compared as interchange JSON.
func carryOver[T any](r, old T, fields []string) T {
	out, typed := recordMap(old), recordMap(r)
	for _, f := range fields {
		if v, ok := typed[f]; ok {
			out[f] = v
		} else {
			delete(out, f)
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return r
	}
	var merged T
	if err := json.Unmarshal(b, &merged); err != nil {
		return r
	}
	return merged
}

// uploadMatch says how an upload's rows find their records, for the
// upload's form.
func (k sheetKind[T]) uploadMatch() string {
	if k.keyed {
		return store.KeyLabel + "相同的行修改原记录；不填" + store.KeyLabel + "的行新增记录，" + store.KeyLabel +
			"由平台生成（预览中可见）；内容未变的行不做改动；表中没有的字段保持原值。"
	}
	id := store.FieldLabel(k.collection, "id")
	return id + "相同的行修改原记录，新" + id + "的行新增记录；新增的行可以不填" + id + "，由平台自动生成（预览中可见）；内容未变的行不做改动；表中没有的字段保持原值。"
}

// keyText is a key as the preview names it.
func keyText(key int64) string { return store.KeyLabel + "：" + strconv.FormatInt(key, 10) }

// idsFor turns what a clerk typed for enterprises or organisations, names
// or ids, into their ids (store.EnterpriseIDsFor).
func (s *Server) idsFor(ctx context.Context, c store.Collection, typed []string) ([]string, error) {
	if c == store.Organizations {
		return s.store.OrganizationIDsFor(ctx, typed)
	}
	return s.store.EnterpriseIDsFor(ctx, typed)
}
