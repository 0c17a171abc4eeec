package web

import (
	"context"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// The party-building brand ledger (党建品牌), on the ledger engine
// (ledger.go): what differs from the other ledgers. A secretary files
// their organisation's brand (org_filing_forms.go), read by the same
// parser with its logo on top.

const brandLedger = "/workbench/brands"

var brandFields = []string{"name", "organization", "launched", "status", "slogan", "story", "practices", "id"}

func showBrandValue(field string, v any) string {
	s, _ := v.(string)
	switch field {
	case "status":
		return store.Label(store.BrandStatuses, s)
	case "launched":
		return views.Date(s)
	}
	return plainValue(v)
}

func staffBrandHref(key int64) string {
	return brandLedger + "/" + strconv.FormatInt(key, 10)
}

// brandPracticeRows is how many empty practice rows the form offers.
const brandPracticeRows = 2

var brands = &ledger[store.Brand, brandForm]{
	collection: store.Brands,
	path:       brandLedger,
	names: ledgerNames{ledger: "党建品牌台账", record: "品牌", create: "登记党建品牌", edit: "修改党建品牌", remove: "删除党建品牌",
		newText: "登记品牌", editText: "品牌信息", deleteText: "删除这个品牌"},
	access: keyed((*store.Store).BrandByKey, (*store.Store).SaveBrand, (*store.Store).DeleteBrand),
	fields: brandFields,
	show:   showBrandValue,
	title:  func(_ context.Context, _ *Server, b store.Brand) (string, error) { return b.Name, nil },
	list:   listBrands,
	record: brandRecord,
	export: exportBrands,
	sheet:  brandSheet,
	form: ledgerForm[store.Brand, brandForm]{
		blank: func(c echo.Context) brandForm { return brandForm{Organization: c.QueryParam("organization")} },
		of: func(b store.Brand) brandForm {
			return brandForm{Organization: b.Organization, Name: b.Name, Launched: b.Launched, Status: b.Status, Slogan: b.Slogan,
				Story: b.Story, ID: b.ID, Practices: b.Practices}
		},
		read: readBrandForm,
		resolve: func(ctx context.Context, s *Server, f *brandForm) (err error) {
			f.unpicked, err = s.resolveOrganization(ctx, "organization", &f.Organization)
			return err
		},
		record: brandForm.record,
		draw: func(ctx context.Context, s *Server, f brandForm, frame views.FormFrame) (templ.Component, error) {
			org, err := s.organizationPicker(ctx, "organization", frame.Label("organization"), f.Organization)
			if err != nil {
				return nil, err
			}
			v := views.BrandForm{FormFrame: frame,
				Organization: org, Name: f.Name, Launched: f.Launched, Status: f.Status, Statuses: options(store.BrandStatuses, f.Status),
				Slogan: f.Slogan, Story: f.Story, ID: f.ID, Practices: append(append([]string(nil), f.Practices...), make([]string, brandPracticeRows)...),
			}
			if frame.Preview {
				v.StoryPreview = storyPreview(f.Story)
			}
			return views.BrandFormPage(v), nil
		},
	},
}

// brandForm is a brand as typed, on a clerk's form or a secretary's
// filing (which has no organisation, status or id: the organisation is
// theirs, the status and id the ledger's).
type brandForm struct {
	Organization, Name, Launched, Status, Slogan, Story, ID string
	Practices                                               []string
	unpicked                                                *store.Problem // the organisation typed names none (organization_pick.go)
}

// readBrandForm is the one reading of a posted brand. Its practices come
// one a field on a clerk's form and one a line on a secretary's.
func readBrandForm(values url.Values) brandForm {
	var practices []string
	for _, v := range values["practices"] {
		practices = append(practices, strings.Split(v, "\n")...)
	}
	return brandForm{
		Organization: values.Get("organization"), Name: strings.TrimSpace(values.Get("name")), Launched: strings.TrimSpace(values.Get("launched")),
		Status: values.Get("status"), Slogan: strings.TrimSpace(values.Get("slogan")), Story: strings.TrimSpace(values.Get("story")),
		ID: strings.TrimSpace(values.Get("id")), Practices: repeatedValues(practices),
	}
}

// record is the brand the form describes; every field is text, and only
// an organisation typed that names none goes unread.
func (f brandForm) record() (store.Brand, []store.Problem) {
	var ps []store.Problem
	if f.unpicked != nil {
		ps = append(ps, *f.unpicked)
	}
	return store.Brand{Organization: f.Organization, Name: f.Name, Launched: f.Launched, Status: f.Status, Slogan: f.Slogan,
		Story: f.Story, ID: f.ID, Practices: f.Practices}, ps
}

// listBrands is /workbench/brands, 50 a page (a park has a brand per
// organisation); ?by=Y keeps those launched by the end of year Y (the
// report's published brands). Queries: count, page.
func listBrands(s *Server, c echo.Context) (ledgerList, error) {
	ctx := c.Request().Context()
	q, filter := brandQuery(c)
	status := filter.Status
	total, err := s.store.BrandCount(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	pages, ok := q.pages(total)
	if !ok {
		return ledgerList{}, echo.ErrNotFound
	}
	filter.Offset, filter.Limit = (q.Page-1)*ledgerPageSize, ledgerPageSize
	rows, err := s.store.BrandLedger(ctx, filter)
	if err != nil {
		return ledgerList{}, err
	}
	label := labelsOf(store.Brands)
	v := views.RecordLedger{
		Query: q.Query, SearchHint: "品牌名称、口号或党组织名称",
		Filters: []views.SelectFilter{{Name: "status", Label: label("status"), Any: "全部状态", Options: options(store.BrandStatuses, status)}},
		Hidden:  q.hidden("status"),
		Tags: q.tags(func(key, value string) string {
			if key == "status" {
				return label("status") + "：" + store.Label(store.BrandStatuses, value)
			}
			return value + "年底前创建"
		}),
		Count: "共 " + views.Thousands(int64(total)) + " 个品牌",
		Empty: "没有符合条件的品牌。",
		Columns: []views.LedgerColumn{{Label: label("name")}, {Label: label("organization")}, {Label: label("slogan")},
			{Label: label("launched")}, {Label: label("status")}},
		Pager:     pager(q.Page, pages, q.href),
		ExportURL: exportHref(q),
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, []views.LedgerCell{
			{Text: r.Name, Href: staffBrandHref(r.Key)},
			{Text: r.OrganizationName, Href: staffOrganizationHref(r.Organization)},
			{Text: r.Slogan},
			{Text: views.Date(r.Launched)},
			{Text: store.Label(store.BrandStatuses, r.Status)},
		})
	}
	return ledgerList{view: v, title: q.title("党建品牌台账", pages)}, nil
}

// brandRecord is a brand's page: its fields, its story, its organisation,
// and its public page once published.
func brandRecord(ctx context.Context, s *Server, b store.Brand, v *views.StaffRecord) error {
	org, err := s.store.OrganizationName(ctx, b.Organization)
	if err != nil {
		return err
	}
	label := labelsOf(store.Brands)
	v.Summary = []views.SummaryRow{
		{Label: label("organization"), Value: org},
		{Label: label("launched"), Value: views.Date(b.Launched)},
		{Label: label("status"), Value: store.Label(store.BrandStatuses, b.Status)},
		{Label: label("slogan"), Value: dash(b.Slogan)},
		{Label: label("practices"), Value: dash(strings.Join(b.Practices, "、"))},
		{Label: label("id"), Value: dash(b.ID)},
	}
	v.Text, v.TextLabel = views.Paragraphs(b.Story), label("story")
	v.Related = []views.RelatedList{{Heading: "党组织", Count: 1, Items: []views.RelatedItem{{Href: staffOrganizationHref(b.Organization), Text: org}}}}
	if b.Status == "published" {
		v.PublicURL = "/brands/" + path.Base(path.Dir(v.EditURL)) // the engine's link names the brand: /workbench/brands/{key}/edit
	}
	return nil
}

// brandQuery is the brand ledger's query and the filter it selects.
func brandQuery(c echo.Context) (ledgerQuery, store.BrandLedgerFilter) {
	q := parseLedgerQuery(c, brandLedger, nil)
	f := store.BrandLedgerFilter{Query: q.Query}
	f.Status = q.choice(c, "status", store.BrandStatuses)
	f.By = q.year(c, "by")
	return q, f
}

// exportBrands is /workbench/brands.xlsx.
func exportBrands(s *Server, c echo.Context) ([]sheet.Column, [][]any, error) {
	_, filter := brandQuery(c)
	rows, err := s.store.BrandLedger(c.Request().Context(), filter)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Key, r.Name, r.OrganizationName, r.Slogan, r.Launched, store.Label(store.BrandStatuses, r.Status)}
	}
	return sheetColumns(brandSheet), out, nil
}

// brandSheet is the ledger's export, and what an upload reads back: the
// organisation by its name, the status by its label; the story and the
// practices, which a cell holds badly, stay as stored.
var brandSheet = []sheetField{
	keyColumn(),
	nameColumn(store.Brands, "name", 24),
	refColumn(store.Brands, "organization", 34, store.Organizations),
	fieldColumn(store.Brands, "slogan", 30, sheet.Text),
	dateColumn(store.Brands, "launched"),
	choiceColumn(store.Brands, "status", 8, store.BrandStatuses),
}
