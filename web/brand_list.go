package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

const brandsPerPage = 24

// brandListForm is the showcase's filter, read from the query string.
type brandListForm struct {
	Stage  string
	Sector string
	Page   int
}

// parseBrandListForm keeps only values the filter knows: an unknown stage
// is no filter, a page that is not a positive number is the first.
func parseBrandListForm(c echo.Context) brandListForm {
	f := brandListForm{Stage: c.QueryParam("stage"), Sector: c.QueryParam("sector"), Page: 1}
	if store.Label(store.Stages, f.Stage) == f.Stage {
		f.Stage = ""
	}
	if len(f.Sector) > 200 {
		f.Sector = ""
	}
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 100000 {
		f.Page = n
	}
	return f
}

// brandListKey names a showcase page for the cache by its parsed filter:
// junk values parse to no filter and share the unfiltered entry.
func brandListKey(c echo.Context) string {
	f := parseBrandListForm(c)
	return f.href(f.Page)
}

func (f brandListForm) href(page int) string {
	q := url.Values{}
	if f.Stage != "" {
		q.Set("stage", f.Stage)
	}
	if f.Sector != "" {
		q.Set("sector", f.Sector)
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/brands"
	}
	return "/brands?" + q.Encode()
}

// showBrandListPage is the wall of published brands, filtered by stage and
// sector with a plain GET form. Queries: sectors, then count, page and the
// page's enterprises.
func (s *Server) showBrandListPage(c echo.Context) (publicPage, error) {
	ctx := c.Request().Context()
	f := parseBrandListForm(c)
	sectors, err := s.store.BrandSectors(ctx)
	if err != nil {
		return publicPage{}, err
	}
	v := views.BrandListView{Filtered: f.Stage != "" || f.Sector != "", Page: f.Page}
	for _, st := range store.Stages {
		v.Stages = append(v.Stages, views.Option{Value: st.Value, Label: st.Label, Selected: st.Value == f.Stage})
	}
	for _, sec := range sectors {
		v.Sectors = append(v.Sectors, views.Option{Value: sec, Label: sec, Selected: sec == f.Sector})
	}
	brands, total, err := s.store.PublishedBrands(ctx, store.BrandFilter{
		Stage: f.Stage, Sector: f.Sector, Offset: (f.Page - 1) * brandsPerPage, Limit: brandsPerPage,
	})
	if err != nil {
		return publicPage{}, err
	}
	v.Brands, v.Total = brandItems(brands), total
	v.Pages = (total + brandsPerPage - 1) / brandsPerPage
	if f.Page > 1 && f.Page > v.Pages {
		return publicPage{}, echo.ErrNotFound
	}
	if f.Page > 1 {
		v.PrevHref = f.href(f.Page - 1)
	}
	if f.Page < v.Pages {
		v.NextHref = f.href(f.Page + 1)
	}
	title := "党建品牌展示"
	if f.Page > 1 {
		title += "（第" + strconv.Itoa(f.Page) + "页）"
	}
	return publicPage{
		// A sector no brand has shows no brands, and is not kept.
		NoStore:     f.Sector != "" && !slices.Contains(sectors, f.Sector),
		Title:       title,
		Description: "园区企业党组织创建的特色党建品牌：品牌名称、口号、故事和做法。",
		Content:     views.BrandListPage(v),
	}, nil
}
