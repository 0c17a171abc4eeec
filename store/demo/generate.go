package demo

import (
	"fmt"
	"io"
	"time"

	"parkportal/store"
	"parkportal/store/demo/internal/fake"
	"parkportal/store/demo/internal/interchange"
	"parkportal/store/demo/internal/park"
)

// Generate writes a synthetic park of n enterprises as a parkportal/v1
// document, for benchmarks and load tests. Every collection is filled in
// proportion: about 2.3n surveys, n/5 organisations, n/20 staff, 4n
// services, n members, n/2 activities, the article's ten platforms, n/10
// designations, n/20 brands (mostly published), n/20 awards and n/5
// responsibility records — about 9.5n records in all. The document keeps
// every import rule. It is written as it is made, one record per line, and
// the same n and seed always give the same bytes.
func Generate(w io.Writer, n int, seed int64) error {
	return GenerateSized(w, n, seed, Sizes{})
}

// Sizes change how many members and activities a synthetic park holds per
// enterprise; zero keeps Generate's (one member, half an activity). The
// load benchmark's district-sized park has three and ten.
type Sizes struct {
	MembersPerEnterprise    int
	ActivitiesPerEnterprise int
}

// GenerateSized is Generate with sizes.
func GenerateSized(w io.Writer, n int, seed int64, sizes Sizes) error {
	return GeneratePark(w, n, seed, store.Park{Name: "合成园区（基准测试）", Brand: "跟党一起创业"}, sizes)
}

// GeneratePark is GenerateSized for a park of the given name and brand:
// the demonstration district's other parks.
func GeneratePark(w io.Writer, n int, seed int64, p store.Park, sizes Sizes) error {
	if n < 1 {
		return fmt.Errorf("demo: a synthetic park needs at least one enterprise, not %d", n)
	}
	g := &synthetic{r: fake.New(seed), n: n, seed: uint64(seed), members: n, activities: max(1, n/2)}
	if sizes.MembersPerEnterprise > 0 {
		g.members = n * sizes.MembersPerEnterprise
	}
	if sizes.ActivitiesPerEnterprise > 0 {
		g.activities = n * sizes.ActivitiesPerEnterprise
	}
	x := interchange.NewWriter(w)
	x.Begin(&p)
	for _, section := range []func(*interchange.Writer){
		g.enterprises, g.surveys, g.organizations, g.staff, g.services, g.writeMembers,
		g.writeActivities, g.platforms, g.designations, g.brands, g.awards, g.responsibility,
	} {
		section(x)
	}
	return x.Close()
}

// synthetic is the state a synthetic park needs while it is written: what
// later records refer to and must agree with.
type synthetic struct {
	r                   *fake.Rand
	n                   int
	members, activities int // how many of each to write
	seed                uint64
	ents                []syntheticEnterprise
	orgs                []syntheticOrganization
}

type syntheticEnterprise struct {
	founded time.Time
	stage   string
}

type syntheticOrganization struct {
	formed time.Time
	ents   []int
}

// A synthetic park runs from 2022 to the demonstration park's first export
// (2024-12-20), as it always has: moving these dates would change every
// synthetic park and the benchmarks measured on them.
var (
	syntheticFirst = fake.Date(2022, 1, 1)
	syntheticLast  = fake.Date(2024, 12, 20)
)

func enterpriseID(i int) string   { return fmt.Sprintf("ent-%06d", i+1) }
func organizationID(i int) string { return fmt.Sprintf("org-%05d", i+1) }

// dayFrom returns a day in [from, syntheticLast], from no earlier than
// floor.
func (g *synthetic) dayFrom(from, floor time.Time) time.Time {
	if from.Before(floor) {
		from = floor
	}
	if from.After(syntheticLast) {
		from = syntheticLast
	}
	return g.r.DateBetween(from, syntheticLast)
}

func (g *synthetic) enterprises(x *interchange.Writer) {
	x.Collection("enterprises")
	r := g.r
	g.ents = make([]syntheticEnterprise, g.n)
	offset := g.seed % 887_503_681
	for i := range g.n {
		e := store.Enterprise{ID: enterpriseID(i), Sector: fake.Pick(r, fake.Sectors)}
		var founded, growth, mature time.Time
		switch roll := r.IntN(100); {
		case roll < 40:
			founded = r.DateBetween(fake.Date(2018, 1, 1), fake.Date(2024, 6, 30))
			if r.Chance(0.15) {
				growth = r.DateBetween(later(founded.AddDate(1, 0, 0), fake.Date(2023, 1, 1)), syntheticLast)
			}
		case roll < 85:
			founded = r.DateBetween(fake.Date(2008, 1, 1), fake.Date(2020, 12, 31))
			growth = founded.AddDate(r.Between(1, 4), 0, r.IntN(300))
		default:
			founded = r.DateBetween(fake.Date(1995, 1, 1), fake.Date(2012, 12, 31))
			growth = founded.AddDate(r.Between(2, 4), 0, r.IntN(300))
			mature = growth.AddDate(r.Between(5, 8), 0, r.IntN(300))
		}
		e.Founded = fake.Day(founded)
		e.Stage = interchange.StageStartup
		history := []store.StageEntry{{Stage: interchange.StageStartup, Since: e.Founded}}
		for _, step := range []struct {
			stage string
			since time.Time
		}{{interchange.StageGrowth, growth}, {interchange.StageMature, mature}} {
			if !step.since.IsZero() && !step.since.After(syntheticLast) {
				e.Stage = step.stage
				history = append(history, store.StageEntry{Stage: step.stage, Since: fake.Day(later(step.since, founded))})
			}
		}
		if len(history) > 1 {
			e.StageHistory = history
		}
		e.Name = fake.SyntheticEnterpriseName(r, i+1, e.Sector)
		e.CreditCode = fake.CreditCode((offset+uint64(i)*7919)%887_503_681, false)
		switch e.Stage {
		case interchange.StageStartup:
			e.Employees = new(r.Between(3, 60))
		case interchange.StageGrowth:
			e.Employees = new(r.Between(40, 500))
		default:
			e.Employees = new(r.Between(300, 5000))
		}
		g.ents[i] = syntheticEnterprise{founded: founded, stage: e.Stage}
		x.Record(&e)
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (g *synthetic) surveys(x *interchange.Writer) {
	x.Collection("surveys")
	r := g.r
	for i, e := range g.ents {
		k := 0
		switch e.stage {
		case interchange.StageStartup:
			k = r.IntN(9)
		case interchange.StageGrowth:
			k = r.IntN(4)
		}
		for range k {
			s := store.Survey{
				Enterprise:    enterpriseID(i),
				Date:          fake.Day(g.dayFrom(e.founded.AddDate(0, 1, 0), syntheticFirst)),
				FixedPremises: r.Chance(0.9),
				Employees:     r.Between(2, 60),
				Operating:     r.Chance(0.95),
			}
			x.Record(&s)
		}
	}
}

// pickEnterprises returns k distinct enterprises, fewer if the park has
// fewer.
func (g *synthetic) pickEnterprises(k int) []int {
	k = min(k, g.n)
	picked := make([]int, 0, k)
	for len(picked) < k {
		i := g.r.IntN(g.n)
		dup := false
		for _, p := range picked {
			dup = dup || p == i
		}
		if !dup {
			picked = append(picked, i)
		}
	}
	return picked
}

var organizationSuffix = map[string]string{
	interchange.KindBranch:        "党支部",
	interchange.KindJointBranch:   "联合党支部",
	interchange.KindGeneralBranch: "党总支",
	interchange.KindCommittee:     "党委",
}

func (g *synthetic) organizations(x *interchange.Writer) {
	x.Collection("organizations")
	r := g.r
	count := max(1, g.n/5)
	g.orgs = make([]syntheticOrganization, count)
	for i := range count {
		kind, size := interchange.KindBranch, 1
		switch roll := r.IntN(100); {
		case g.n < 2 || roll < 45:
		case roll < 80:
			kind, size = interchange.KindJointBranch, r.Between(2, 6)
		case roll < 90:
			kind, size = interchange.KindGeneralBranch, r.Between(1, 2)
		default:
			kind, size = interchange.KindCommittee, r.Between(1, 3)
		}
		ents := g.pickEnterprises(size)
		youngest := time.Time{}
		o := store.Organization{ID: organizationID(i), Kind: kind}
		for _, e := range ents {
			youngest = later(youngest, g.ents[e].founded)
			o.Enterprises = append(o.Enterprises, enterpriseID(e))
		}
		// Most organisations are of long standing; a third formed in
		// 2022–2024, when the report years are.
		floor := fake.Date(2005, 1, 1)
		if r.Chance(0.33) {
			floor = syntheticFirst
		}
		formed := g.dayFrom(youngest.AddDate(0, 3, 0), floor)
		o.Formed = fake.Day(formed)
		o.Name = fmt.Sprintf("合成园区第%d%s", i+1, organizationSuffix[kind])
		o.Secretary = fake.AnyName(r)
		g.orgs[i] = syntheticOrganization{formed: formed, ents: ents}
		x.Record(&o)
	}
}

func (g *synthetic) staff(x *interchange.Writer) {
	x.Collection("staff")
	r := g.r
	for i := range max(1, g.n/20) {
		since := r.DateBetween(fake.Date(2015, 1, 1), syntheticLast)
		s := store.Staff{
			ID:    fmt.Sprintf("staff-%05d", i+1),
			Name:  fake.AnyName(r),
			Roles: [][]string{{interchange.RoleSpecialist}, {interchange.RoleInstructor}, {interchange.RoleSpecialist, interchange.RoleInstructor}}[r.IntN(3)],
			Since: fake.Day(since),
		}
		if r.Chance(0.1) {
			s.Until = fake.Day(r.DateBetween(since, syntheticLast))
		}
		for _, e := range g.pickEnterprises(r.Between(2, 8)) {
			s.Enterprises = append(s.Enterprises, enterpriseID(e))
		}
		x.Record(&s)
	}
}

var serviceKinds = []string{
	interchange.ServiceEquipment, interchange.ServiceEquipment, interchange.ServiceEquipment,
	interchange.ServiceFinanceTax, interchange.ServiceLegal, interchange.ServiceVenue,
}

func (g *synthetic) services(x *interchange.Writer) {
	x.Collection("services")
	r := g.r
	for range 4 * g.n {
		e := r.IntN(g.n)
		s := store.Service{
			Enterprise: enterpriseID(e),
			Kind:       fake.Pick(r, serviceKinds),
			Date:       fake.Day(g.dayFrom(g.ents[e].founded.AddDate(0, 0, 1), syntheticFirst)),
			Effective:  r.Chance(0.92),
		}
		if r.Chance(0.9) {
			market := store.Money(r.Between(500, 30000) * 100)
			s.MarketCost = new(market)
			s.ActualCost = new(market * store.Money(r.Between(30, 70)) / 100)
		}
		x.Record(&s)
	}
}

func (g *synthetic) writeMembers(x *interchange.Writer) {
	x.Collection("members")
	r := g.r
	for i := range g.members {
		o := r.IntN(len(g.orgs))
		org := g.orgs[o]
		management := r.Chance(0.5)
		var p fake.Path
		if earliest := later(org.formed.AddDate(1, 6, 0), fake.Date(2012, 1, 1)); earliest.Before(syntheticLast) && r.Chance(0.7) {
			p = r.DevelopedOn(r.DateBetween(earliest, syntheticLast), syntheticLast, management)
		} else {
			p = r.Pipeline(r.DateBetween(org.formed, syntheticLast), syntheticLast, management)
		}
		m := store.Member{
			ID:           fmt.Sprintf("mem-%06d", i+1),
			Name:         fake.AnyName(r),
			Birth:        fake.Day(p.Birth),
			Organization: organizationID(o),
			Enterprise:   enterpriseID(fake.Pick(r, org.ents)),
			Management:   management,
		}
		m.Applied, m.Activist, m.Candidate, m.Probationary, m.Full = p.Dates()
		x.Record(&m)
	}
}

// syntheticActivities are the kinds of events a synthetic park holds.
var syntheticActivities = []struct{ program, kind, title, summary string }{
	{interchange.ProgramIncubation, "service", "“三有”初创企业走访摸排", "逐家核实固定场所、员工人数和生产经营情况，更新企业台账。"},
	{interchange.ProgramIncubation, "service", "共享设备开放日", "公共技术服务平台向初创企业开放检测和试制设备。"},
	{interchange.ProgramIncubation, "training", "共享财税政策辅导会", "讲解小微企业税费优惠，现场解答记账问题。"},
	{interchange.ProgramUplift, "lecture", "红色CEO大讲堂", "企业负责人面对面交流企业发展和党建融合的做法。"},
	{interchange.ProgramUplift, "contest", "“动力星球”创新创业大赛", "成长期企业和创业团队同台比拼，评委现场点评。"},
	{interchange.ProgramUplift, "training", "高新企服课堂", "讲政策、讲实务，课后一对一答疑。"},
	{interchange.ProgramBrand, "exchange", "党建品牌创建交流会", "成熟期企业党组织介绍各自品牌的由来和做法。"},
	{interchange.ProgramBrand, "volunteer", "“红色周末”志愿服务", "党员志愿者走进社区开展义务服务。"},
}

func (g *synthetic) writeActivities(x *interchange.Writer) {
	x.Collection("activities")
	r := g.r
	for i := range g.activities {
		t := fake.Pick(r, syntheticActivities)
		day := r.DateBetween(syntheticFirst, syntheticLast)
		a := store.Activity{
			Program:      t.program,
			Kind:         t.kind,
			Title:        fmt.Sprintf("%s（第%d场）", t.title, i+1),
			Date:         fake.Day(day),
			Participants: new(r.Between(10, 200)),
			Summary:      t.summary,
		}
		if o := r.IntN(len(g.orgs)); !g.orgs[o].formed.After(day) {
			a.Organizer = organizationID(o)
		}
		for _, e := range g.pickEnterprises(r.IntN(5)) {
			a.Enterprises = append(a.Enterprises, enterpriseID(e))
		}
		x.Record(&a)
	}
}

func (g *synthetic) platforms(x *interchange.Writer) {
	x.Collection("platforms")
	for _, p := range park.Platforms() {
		x.Record(&p)
	}
}

func (g *synthetic) designations(x *interchange.Writer) {
	x.Collection("designations")
	r := g.r
	for _, e := range g.pickDistinct(g.n/10, g.n) {
		d := store.Designation{Enterprise: enterpriseID(e), Kind: interchange.DesignationZJTXProvincial, Year: r.Between(2019, 2024)}
		if r.Chance(0.15) {
			d.Kind = interchange.DesignationZJTXNational
		}
		x.Record(&d)
	}
}

// pickDistinct returns k distinct numbers below n in random order, drawing
// them with a partial shuffle.
func (g *synthetic) pickDistinct(k, n int) []int {
	k = min(k, n)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	for i := range k {
		j := i + g.r.IntN(n-i)
		all[i], all[j] = all[j], all[i]
	}
	return all[:k]
}

var syntheticBrandNames = []string{"红色引擎", "先锋领航", "匠心向党", "星火燎原", "初心护航", "红芯闪耀", "聚力同行", "党建+创新"}

func (g *synthetic) brands(x *interchange.Writer) {
	x.Collection("brands")
	r := g.r
	for i, o := range g.pickDistinct(g.n/20, len(g.orgs)) {
		b := store.Brand{
			Organization: organizationID(o),
			Name:         fmt.Sprintf("%s%d号", fake.Pick(r, syntheticBrandNames), i+1),
			Launched:     fake.Day(g.dayFrom(g.orgs[o].formed, fake.Date(2016, 1, 1))),
			Status:       interchange.StatusPublished,
			Slogan:       "党建引领，共同成长",
			Story:        "支部把党员先锋岗设在生产和研发一线。党员带头攻关，带动员工创先争优。",
			Practices:    []string{"党员先锋岗", "党员攻关小组", "师带徒结对"},
		}
		switch roll := r.IntN(20); {
		case roll == 0:
			b.Status = interchange.StatusDraft
		case roll == 1:
			b.Status = interchange.StatusSubmitted
		}
		x.Record(&b)
	}
}

var syntheticAwards = []struct{ kind, title string }{
	{interchange.AwardBenchmarkOrg, "标杆党组织"},
	{interchange.AwardShuangqiangLiuhao, "“双强六好”企业党组织"},
	{"advanced_org", "先进基层党组织"},
}

var levels = []struct{ level, name string }{
	{interchange.LevelDistrict, "区级"}, {interchange.LevelCity, "市级"},
	{interchange.LevelProvince, "省级"}, {interchange.LevelNational, "全国"},
}

func (g *synthetic) awards(x *interchange.Writer) {
	x.Collection("awards")
	r := g.r
	for range g.n / 20 {
		o := r.IntN(len(g.orgs))
		k := syntheticAwards[[]int{0, 0, 1, 1, 2}[r.IntN(5)]]
		l := levels[[]int{0, 0, 0, 1, 1, 2, 3}[r.IntN(7)]]
		a := store.Award{
			Organization: organizationID(o),
			Kind:         k.kind,
			Level:        l.level,
			Year:         r.Between(max(2016, g.orgs[o].formed.Year()), 2024),
			Title:        l.name + k.title,
		}
		x.Record(&a)
	}
}

// responsibilityKinds are the kinds of social-responsibility records, with
// a plausible range of beneficiaries for one record.
var responsibilityKinds = []struct {
	kind      string
	low, high int
}{
	{interchange.ResponsibilityEmploymentAid, 1, 40},
	{interchange.ResponsibilityDisabilityEmployment, 1, 5},
	{interchange.ResponsibilityRuralRevitalization, 10, 200},
	{interchange.ResponsibilityVolunteering, 20, 300},
	{interchange.ResponsibilityStudentAid, 1, 20},
}

func (g *synthetic) responsibility(x *interchange.Writer) {
	x.Collection("responsibility")
	r := g.r
	for range g.n / 5 {
		e := r.IntN(g.n)
		k := fake.Pick(r, responsibilityKinds)
		rec := store.Responsibility{
			Enterprise:    enterpriseID(e),
			Kind:          k.kind,
			Date:          fake.Day(g.dayFrom(g.ents[e].founded.AddDate(0, 0, 1), fake.Date(2021, 1, 1))),
			Beneficiaries: r.Between(k.low, k.high),
			Note:          "合成数据",
		}
		x.Record(&rec)
	}
}
