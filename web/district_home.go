package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

const districtHomeBrandLimit = 3

// districtHomeParkKeys are the figures each park's card shows: one of
// each programme.
var districtHomeParkKeys = []string{"incubation.startups_covered", "uplift.members_developed", "brand.brands_published"}

// showDistrictHome is / of a district's portal: every park's card (its
// site, brand, headline figures and newest brands) and the district's
// figures of the reporting year, with a table of the parks side by side.
// The headline figures are counts, so the district's are the parks'
// added up. Queries: the district's report calendar, the parks' counted
// figures (one query), then per park its newest brands' names (one); the
// page is cached until a change like every public page.
func (s *Server) showDistrictHome(c echo.Context) (publicPage, error) {
	ctx := store.WithPark(c.Request().Context(), store.District)
	set, err := s.parks(ctx)
	if err != nil {
		return publicPage{}, err
	}
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return publicPage{}, err
	}
	v := views.DistrictHomeView{Figures: map[string][]views.Stat{}}
	year := cal.ReportingYear()
	var keys []string // the home page's figures, programme by programme
	for _, p := range views.Programs {
		keys = append(keys, homeFigureKeys[p.Slug]...)
	}
	var counts map[int64]map[string]int
	total := map[string]int{}
	if year > 0 {
		v.Year = yearName(cal, year)
		if counts, err = s.store.ParkCounts(ctx, year); err != nil {
			return publicPage{}, err
		}
		v.Table = views.Table{Caption: v.Year.Of("各园区主要数据"), Head: []string{"数据"}, TestID: "district-table"}
		for _, k := range keys {
			v.Table.Rows = append(v.Table.Rows, views.TableRow{Head: figureDefinition(k).Label})
		}
	}
	for _, p := range set.all {
		pctx := store.WithPark(ctx, p.ID)
		card := views.DistrictHomePark{Name: p.Name, Brand: p.Brand, Href: s.parkSiteURL(p)}
		if year > 0 {
			for _, k := range districtHomeParkKeys {
				card.Figures = append(card.Figures, countStat(k, counts[p.ID][k]))
			}
			v.Table.Head = append(v.Table.Head, p.Name)
			for i, k := range keys {
				v.Table.Rows[i].Cells = append(v.Table.Rows[i].Cells, countStat(k, counts[p.ID][k]).Value)
				total[k] += counts[p.ID][k]
			}
		}
		brands, n, err := s.store.LatestBrandNames(pctx, districtHomeBrandLimit)
		if err != nil {
			return publicPage{}, err
		}
		for _, b := range brands {
			card.Brands = append(card.Brands, views.Link{Href: card.Href + brandHref(b.ID)[1:], Label: b.Name})
		}
		card.BrandCount = n
		v.Parks = append(v.Parks, card)
	}
	if year > 0 { // the district's column after the parks'
		v.Table.Head = append(v.Table.Head, "全区")
		for i, k := range keys {
			v.Table.Rows[i].Cells = append(v.Table.Rows[i].Cells, countStat(k, total[k]).Value)
		}
		for slug, ks := range homeFigureKeys {
			for _, k := range ks {
				v.Figures[slug] = append(v.Figures[slug], countStat(k, total[k]))
			}
		}
	}
	return publicPage{
		Description: "全区各园区的党建工作：各园区主要数据与党建品牌，全区数据由各园区台账记录汇总。",
		Content:     views.DistrictHomePage(v),
	}, nil
}

// countStat is a counted figure as a Stat.
func countStat(key string, n int) views.Stat {
	f := float64(n)
	return views.Stat{Key: key, Value: formatFigure(key, &f), Label: figureDefinition(key).Label}
}
