package demo

import (
	"fmt"
	"math"
	"strings"

	"parkportal/store/demo/internal/interchange"
)

// figures is the annual report of the interchange specification, computed
// here from a decoded document alone, so that the demonstration data is
// checked independently of the store's own report.
type figures struct {
	EnterprisesSurveyed, SanyouQualified                    int
	BranchesFormed, JointBranchesFormed                     int
	StartupsCovered, StaffServing                           int
	Services                                                map[string]int
	EquipmentSavingRatio                                    *float64
	MembersDeveloped, MembersDevelopedManagement            int
	UniversityLines, ZJTXProvincialNew                      int
	BrandsPublished                                         int
	BenchmarksCityNew, BenchmarksCityOrAbove                int
	ResponsibilityYear, ResponsibilityTotal                 map[string]int
	ActivitiesIncubation, ActivitiesUplift, ActivitiesBrand int
}

// report computes the figures of year y as the specification defines them.
func report(d *interchange.Document, y int) figures {
	year := fmt.Sprint(y)
	in := func(date string) bool { return strings.HasPrefix(date, year+"-") }
	by := func(date string) bool { return date <= year+"-12-31" }
	f := figures{
		Services:            map[string]int{},
		ResponsibilityYear:  map[string]int{},
		ResponsibilityTotal: map[string]int{},
	}

	latest := map[string]interchange.Survey{}
	for _, s := range d.Surveys {
		if in(s.Date) && s.Date >= latest[s.Enterprise].Date {
			latest[s.Enterprise] = s
		}
	}
	f.EnterprisesSurveyed = len(latest)
	for _, s := range latest {
		if s.Qualified() {
			f.SanyouQualified++
		}
	}

	enterprises := map[string]interchange.Enterprise{}
	for _, e := range d.Enterprises {
		enterprises[e.ID] = e
	}
	covered := map[string]bool{}
	for _, o := range d.Organizations {
		if !in(o.Formed) {
			continue
		}
		switch o.Kind {
		case interchange.KindBranch:
			f.BranchesFormed++
		case interchange.KindJointBranch:
			f.JointBranchesFormed++
		default:
			continue
		}
		for _, id := range o.Enterprises {
			if enterprises[id].StageOn(o.Formed) == interchange.StageStartup {
				covered[id] = true
			}
		}
	}
	f.StartupsCovered = len(covered)

	for _, s := range d.Staff {
		if by(s.Since) && (s.Until == "" || s.Until >= year+"-01-01") {
			f.StaffServing++
		}
	}

	var market, actual interchange.Money
	for _, s := range d.Services {
		if !in(s.Date) || !s.Effective {
			continue
		}
		f.Services[s.Kind]++
		if s.Kind == interchange.ServiceEquipment && s.MarketCost != nil && *s.MarketCost > 0 {
			market += *s.MarketCost
			if s.ActualCost != nil {
				actual += *s.ActualCost
			}
		}
	}
	if market > 0 {
		ratio := math.Round((1-float64(actual)/float64(market))*100) / 100
		f.EquipmentSavingRatio = &ratio
	}

	for _, m := range d.Members {
		if in(m.Probationary) {
			f.MembersDeveloped++
			if m.Management {
				f.MembersDevelopedManagement++
			}
		}
	}
	for _, p := range d.Platforms {
		if p.Kind == interchange.PlatformUniversityLine && by(p.Established) {
			f.UniversityLines++
		}
	}
	for _, g := range d.Designations {
		if g.Kind == interchange.DesignationZJTXProvincial && g.Year == y {
			f.ZJTXProvincialNew++
		}
	}

	for _, b := range d.Brands {
		if b.Status == interchange.StatusPublished && by(b.Launched) {
			f.BrandsPublished++
		}
	}
	cityNew, cityOrAbove := map[string]bool{}, map[string]bool{}
	for _, a := range d.Awards {
		if a.Kind != interchange.AwardBenchmarkOrg {
			continue
		}
		if a.Level == interchange.LevelCity && a.Year == y {
			cityNew[a.Organization] = true
		}
		if a.Level != interchange.LevelDistrict && a.Year <= y {
			cityOrAbove[a.Organization] = true
		}
	}
	f.BenchmarksCityNew, f.BenchmarksCityOrAbove = len(cityNew), len(cityOrAbove)

	for _, r := range d.Responsibility {
		if in(r.Date) {
			f.ResponsibilityYear[r.Kind] += r.Beneficiaries
		}
		if by(r.Date) {
			f.ResponsibilityTotal[r.Kind] += r.Beneficiaries
		}
	}

	for _, a := range d.Activities {
		if !in(a.Date) {
			continue
		}
		switch a.Program {
		case interchange.ProgramIncubation:
			f.ActivitiesIncubation++
		case interchange.ProgramUplift:
			f.ActivitiesUplift++
		case interchange.ProgramBrand:
			f.ActivitiesBrand++
		}
	}
	return f
}
