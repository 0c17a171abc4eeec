package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The platform ledger (产学研平台: university lines, science parks, service
// platforms), on the ledger engine (ledger.go): what differs from the
// other ledgers.

const platformLedger = "/workbench/platforms"

var platformFields = []string{"name", "kind", "established", "id"}

func showPlatformValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "kind":
		return store.Label(store.PlatformKinds, s)
	case "established":
		return views.Date(s)
	}
	return plainValue(v)
}

func staffPlatformHref(key int64) string {
	return platformLedger + "/" + strconv.FormatInt(key, 10)
}

var platforms = &ledger[store.Platform, platformForm]{
	collection: store.Platforms,
	path:       platformLedger,
	names: ledgerNames{ledger: "平台台账", record: "平台", create: "登记平台", edit: "修改平台信息", remove: "删除平台",
		newText: "登记平台", editText: "平台信息", deleteText: "删除这个平台"},
	access: keyed((*store.Store).PlatformByKey, (*store.Store).SavePlatform, (*store.Store).DeletePlatform),
	fields: platformFields,
	show:   showPlatformValue,
	title:  func(ctx context.Context, s *Server, p store.Platform) (string, error) { return p.Name, nil },
	list:   listPlatforms,
	record: platformRecord,
	export: exportPlatforms,
	sheet:  platformSheet,
	form: ledgerForm[store.Platform, platformForm]{
		blank: func(c echo.Context) platformForm { return platformForm{} },
		of: func(p store.Platform) platformForm {
			return platformForm{Kind: p.Kind, Name: p.Name, Established: p.Established, ID: p.ID}
		},
		read: func(values url.Values) platformForm {
			return platformForm{Kind: strings.TrimSpace(values.Get("kind")), Name: strings.TrimSpace(values.Get("name")),
				Established: strings.TrimSpace(values.Get("established")), ID: strings.TrimSpace(values.Get("id"))}
		},
		record: func(f platformForm) (store.Platform, []store.Problem) {
			return store.Platform{Kind: f.Kind, Name: f.Name, Established: f.Established, ID: f.ID}, nil
		},
		draw: func(ctx context.Context, s *Server, f platformForm, frame views.FormFrame) (templ.Component, error) {
			return views.PlatformFormPage(views.PlatformForm{FormFrame: frame,
				Kind: f.Kind, Kinds: options(store.PlatformKinds, ""), Name: f.Name, Established: f.Established, ID: f.ID}), nil
		},
	},
}

// platformForm is the form as typed.
type platformForm struct {
	Kind, Name, Established, ID string
}

// listPlatforms is /workbench/platforms; ?by=Y keeps those established by
// the end of year Y (the report's university lines). Queries: kinds,
// count, page.
func listPlatforms(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "platforms", store.PlatformKinds)
	if err != nil {
		return ledgerList{}, err
	}
	q, filter := platformQuery(c, kinds)
	kind := filter.Kind
	total, err := s.store.PlatformCount(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, err := s.store.PlatformLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "平台名称",
		Filters: []views.SelectFilter{{Name: "kind", Label: "平台类型", Any: "全部类型", Options: options(kinds, kind)}},
		Hidden:  q.hidden("kind"),
		Tags: q.tags(func(key, value string) string {
			if key == "kind" {
				return "平台类型：" + store.Label(kinds, value)
			}
			return value + "年底前建立"
		}),
		Count:     "共 " + views.Thousands(int64(total)) + " 个平台",
		Empty:     "没有符合条件的平台。",
		Columns:   []views.LedgerColumn{{Label: "平台名称"}, {Label: "平台类型"}, {Label: "建立日期"}},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.Name, Href: staffPlatformHref(r.Key)},
			{Text: store.Label(store.PlatformKinds, r.Kind)},
			{Text: views.Date(r.Established)},
		})
	}
	return ledgerList{view: v, title: q.title("平台台账", pages)}, nil
}

// platformRecord is a platform's page: its fields.
func platformRecord(ctx context.Context, s *Server, p store.Platform, v *views.StaffRecord) error {
	label := func(f string) string { return store.FieldLabel(store.Platforms, f) }
	v.Summary = []views.SummaryRow{
		{Label: label("kind"), Value: store.Label(store.PlatformKinds, p.Kind)},
		{Label: label("established"), Value: views.Date(p.Established)},
		{Label: label("id"), Value: dash(p.ID)},
	}
	return nil
}

// platformQuery is the platform ledger's query and the filter it selects.
func platformQuery(c echo.Context, kinds []store.Choice) (ledgerQuery, store.PlatformFilter) {
	q := parseLedgerQuery(c, platformLedger, nil)
	f := store.PlatformFilter{Query: q.Query}
	f.Kind = q.choice(c, "kind", kinds)
	f.By = q.year(c, "by")
	return q, f
}

// exportPlatforms is /workbench/platforms.xlsx.
func exportPlatforms(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	ctx := c.Request().Context()
	kinds, err := s.store.KindsIn(ctx, "platforms", store.PlatformKinds)
	if err != nil {
		return nil, nil, err
	}
	_, filter := platformQuery(c, kinds)
	rows, err := s.store.PlatformLedger(ctx, filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Key, r.Name, store.Label(store.PlatformKinds, r.Kind), r.Established}
	}
	return sheetColumns(platformSheet), out, nil
}

// platformSheet is the ledger's export, and what an upload reads back.
var platformSheet = []sheetField{
	keyColumn(),
	nameColumn(store.Platforms, "name", 36),
	choiceColumn(store.Platforms, "kind", 16, store.PlatformKinds),
	dateColumn(store.Platforms, "established"),
}
