package park

import (
	"cmp"
	"slices"
	"time"

	"parkportal/store"
	"parkportal/store/demo/internal/fake"
	"parkportal/store/demo/internal/interchange"
)

// serviceYear is how many services of one kind a year has: effective ones
// and ones that were not (cancelled, not completed).
type serviceYear struct {
	year                   int
	kind                   string
	effective, ineffective int
}

// serviceYears says how many shared-resource services each year has, by kind:
// effective ones and ones that were not (cancelled, not completed).
var serviceYears = []serviceYear{
	{2022, interchange.ServiceEquipment, 64, 5},
	{2022, interchange.ServiceFinanceTax, 21, 2},
	{2022, interchange.ServiceLegal, 14, 1},
	{2022, interchange.ServiceVenue, 25, 1},
	{2023, interchange.ServiceEquipment, equipment2023, 9},
	{2023, interchange.ServiceFinanceTax, 34, 3},
	{2023, interchange.ServiceLegal, 26, 2},
	{2023, interchange.ServiceVenue, 37, 2},
	{2024, interchange.ServiceEquipment, 121, 7},
	{2024, interchange.ServiceFinanceTax, 39, 2},
	{2024, interchange.ServiceLegal, 30, 2},
	{2024, interchange.ServiceVenue, 42, 1},
}

// Equipment the park's platforms share, with the market price range of one
// use in yuan.
var equipment = []struct {
	name, platform string
	low, high      int
}{
	{"三坐标测量仪尺寸检测", "中德智能制造公共技术服务平台", 1200, 6000},
	{"五轴加工中心样件试制", "中德智能制造公共技术服务平台", 8000, 28000},
	{"工业CT无损检测", "中德智能制造公共技术服务平台", 5000, 18000},
	{"激光熔覆修复试验", "中德智能制造公共技术服务平台", 3000, 12000},
	{"3D打印快速成型", "中德智能制造公共技术服务平台", 500, 5000},
	{"电磁兼容预测试", "省轨道交通自动化技术与装备协同创新中心", 6000, 24000},
	{"振动冲击试验", "省轨道交通自动化技术与装备协同创新中心", 3000, 12000},
	{"高低温湿热试验", "省轨道交通自动化技术与装备协同创新中心", 1500, 8000},
	{"牵引电机温升试验", "省轨道交通自动化技术与装备协同创新中心", 10000, 40000},
	{"扫描电镜材料分析", "潇湘科技要素大市场", 800, 3000},
	{"盐雾腐蚀试验", "潇湘科技要素大市场", 800, 4000},
}

// Other shared services, with the market price range in yuan (0: no price).
var otherServices = map[string][]struct {
	name      string
	low, high int
}{
	interchange.ServiceFinanceTax: {
		{"共享财税：代理记账与纳税申报辅导", 1500, 4000},
		{"共享财税：研发费用加计扣除辅导", 2000, 6000},
		{"共享财税：高新技术企业认定财务规范", 3000, 8000},
		{"共享财税：融资贷款政策对接", 0, 0},
	},
	interchange.ServiceLegal: {
		{"共享法务：合同审查", 2000, 6000},
		{"共享法务：劳动用工合规体检", 3000, 9000},
		{"共享法务：知识产权布局咨询", 4000, 12000},
		{"共享法务：股权架构设计咨询", 5000, 12000},
	},
	interchange.ServiceVenue: {
		{"共享阵地：党群服务中心会议室（产品发布会）", 800, 3000},
		{"共享阵地：党群服务中心路演厅（融资路演）", 1000, 3000},
		{"共享阵地：党员活动室（主题党日）", 0, 0},
		{"共享阵地：培训教室（新员工培训）", 0, 0},
	},
}

var ineffectiveNotes = []string{"企业临时取消预约", "样品不满足测试条件，服务中止", "资料不全，未完成服务"}

func (b *builder) services() {
	b.doc.Services = b.serve(b.rand("services"), serviceYears, firstExport)
}

// serve returns the services years list, none after last, in order of date.
func (b *builder) serve(r *fake.Rand, years []serviceYear, last time.Time) []store.Service {
	var out []store.Service
	// client picks a start-up or growth-stage enterprise that existed on t.
	client := func(t time.Time) *enterprise {
		for {
			e := fake.Pick(r, b.ents)
			if e.founded.IsZero() || !e.founded.Before(t) || e.stageOn(t) == interchange.StageMature {
				continue
			}
			return e
		}
	}
	money := func(low, high int) store.Money {
		m := store.Money(r.Between(low, high)) * 100
		if r.Chance(0.3) {
			m += store.Money(r.Between(1, 9) * 10)
		}
		return m
	}
	for _, y := range years {
		for i := range y.effective + y.ineffective {
			day := r.DateIn(y.year, last)
			s := store.Service{Enterprise: client(day).id(), Kind: y.kind, Date: fake.Day(day), Effective: i < y.effective}
			if y.kind == interchange.ServiceEquipment {
				eq := fake.Pick(r, equipment)
				s.Note = "共享设备：" + eq.name + "（" + eq.platform + "）"
				market := money(eq.low, eq.high)
				switch {
				case !s.Effective:
					// Not completed: charged near the market price, so a
					// report that counted it would show less saving.
					s.MarketCost = new(market)
					s.ActualCost = new(market * store.Money(r.Between(90, 100)) / 100)
					s.Note += "；" + fake.Pick(r, ineffectiveNotes)
				case i < 4 && y.year == 2023 || i < 1:
					// A newly bought instrument on trial: no market price yet,
					// only consumables charged; not part of the saving ratio.
					s.ActualCost = new(store.Money(r.Between(200, 800)) * 100)
					s.Note += "；新购设备试运行，暂无市场参考价，仅收耗材费"
				case i < 6 && y.year == 2023:
					s.MarketCost = new(store.Money(0))
					s.ActualCost = new(store.Money(0))
					s.Note += "；设备开放日免费体验，不计价"
				default:
					s.MarketCost = new(market)
					s.ActualCost = new(market * store.Money(r.Between(30, 70)) / 100)
				}
			} else {
				o := fake.Pick(r, otherServices[y.kind])
				s.Note = o.name
				if o.high > 0 {
					market := money(o.low, o.high)
					s.MarketCost = new(market)
					if r.Chance(0.3) {
						s.ActualCost = new(market * store.Money(r.Between(30, 50)) / 100)
					} else {
						s.ActualCost = new(store.Money(0))
					}
				}
				if !s.Effective {
					s.Note += "；" + ineffectiveNotes[0]
				}
			}
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y store.Service) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Enterprise, y.Enterprise))
	})
	return out
}
