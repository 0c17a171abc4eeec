package web

import (
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

const (
	homeActivityLimit = 6
	homeBrandLimit    = 6
)

// homeFigureKeys are the three figures each programme shows on the home page.
var homeFigureKeys = map[string][]string{
	"incubation": {"incubation.branches_formed", "incubation.joint_branches_formed", "incubation.startups_covered"},
	"uplift":     {"uplift.members_developed", "uplift.zjtx_provincial_new", "uplift.university_lines"},
	"brand":      {"brand.benchmarks_city_new", "brand.benchmarks_city_or_above", "brand.brands_published"},
}

// brandQuoted is a park's brand as the pages quote it: “跟党一起创业”;
// "" for a park without one.
func brandQuoted(brand string) string {
	if brand == "" {
		return ""
	}
	return "“" + brand + "”"
}

// showHomePage is the public home page (the district's in a district,
// showDistrictHome): the park brand, the programmes with
// the reporting year's figures (the last complete year; the year in
// progress only as a labelled link), the newest brands and activities.
// Queries: the report calendar, one report, brands (count, page,
// enterprises) and activities.
func (s *Server) showHomePage(c echo.Context) (publicPage, error) {
	if siteScopeOf(c.Request().Context()).district {
		return s.showDistrictHome(c)
	}
	ctx := c.Request().Context()
	site := s.siteOf(c)
	v := views.HomeView{ParkBrand: site.ParkBrand, ParkName: site.ParkName, Figures: map[string][]views.Stat{}}
	cal, err := s.store.ReportCalendar(ctx)
	if err != nil {
		return publicPage{}, err
	}
	if year := cal.ReportingYear(); year > 0 {
		ry, err := s.report(ctx, cal, year)
		if err != nil {
			return publicPage{}, err
		}
		v.Year = ry.Name
		for slug, keys := range homeFigureKeys {
			v.Figures[slug] = ry.stats(keys...)
		}
		if !cal.InProgress(year) {
			v.Current = yearName(cal, cal.Current())
		}
	}
	brands, total, err := s.store.PublishedBrands(ctx, store.BrandFilter{Limit: homeBrandLimit})
	if err != nil {
		return publicPage{}, err
	}
	v.Brands, v.BrandCount = brandItems(brands), total
	acts, err := s.store.LatestActivities(ctx, homeActivityLimit)
	if err != nil {
		return publicPage{}, err
	}
	v.Activities = activityItems(acts)
	return publicPage{
		Description: site.ParkName + brandQuoted(site.ParkBrand) + "园区党建：孵化工程·育种计划、提质工程·壮苗计划、品牌工程·成林计划。",
		Content:     views.HomePage(v),
	}, nil
}
