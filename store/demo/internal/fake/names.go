package fake

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Surnames and given-name characters are common, generic ones; a name is a
// surname and one or two of them, so that no name points at a real person.
var (
	surnames = []string{
		"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱",
		"高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "邓",
		"曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程",
		"苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "谭", "廖", "贺", "龙", "易", "文",
	}
	givenChars = []string{
		"建", "国", "志", "明", "华", "丽", "芳", "婷", "伟", "磊", "军", "勇", "杰", "涛",
		"斌", "慧", "敏", "静", "霞", "红", "平", "刚", "辉", "鹏", "宇", "浩", "晨", "欣",
		"雪", "琳", "玲", "亮", "波", "峰", "超", "俊", "凯", "健", "思", "雨", "佳", "嘉",
		"文", "武", "春", "秋", "海", "湘", "晓", "彬", "洁", "颖", "倩", "乐", "博", "成",
	}
	// famous lists names of well-known people that the combinations above
	// could make; they are never used.
	famous = map[string]bool{
		"刘德华": true, "周杰伦": true, "王菲": true, "李娜": true, "成龙": true, "张杰": true,
		"刘翔": true, "王力宏": true, "李明博": true, "周迅": true, "马云": true, "李宁": true,
		"郭晶晶": true, "邓亚萍": true, "杨利伟": true, "王楠": true, "刘国梁": true, "孙杨": true,
		"张怡宁": true, "李小龙": true, "周星驰": true, "韩寒": true, "胡歌": true, "杨幂": true,
		"王俊凯": true, "易建联": true, "姚明": true, "郭敬明": true, "张艺谋": true, "冯小刚": true,
	}
)

// People hands out fictional people's names, each at most once.
type People struct {
	r    *Rand
	used map[string]bool
}

// NewPeople returns a name source drawing on r.
func NewPeople(r *Rand) *People { return &People{r: r, used: map[string]bool{}} }

// Name returns a fictional name not handed out before.
func (p *People) Name() string {
	for {
		n := Pick(p.r, surnames) + Pick(p.r, givenChars)
		if p.r.Chance(0.7) {
			second := Pick(p.r, givenChars)
			if strings.HasSuffix(n, second) {
				continue
			}
			n += second
		}
		if famous[n] || p.used[n] {
			continue
		}
		p.used[n] = true
		return n
	}
}

// AnyName returns a fictional name that may repeat, for large synthetic parks
// where uniqueness does not matter.
func AnyName(r *Rand) string {
	for {
		n := Pick(r, surnames) + Pick(r, givenChars) + Pick(r, givenChars)
		if !famous[n] {
			return n
		}
	}
}

// Sectors are the park's industries.
var Sectors = []string{"轨道交通", "新能源", "工业软件", "新材料", "生物医药", "电子信息", "智能装备"}

// sectorBusiness gives, per sector, the business words that follow the
// trade name in an enterprise's name.
var sectorBusiness = map[string][]string{
	"轨道交通": {"轨道交通装备", "轨道科技", "电气牵引技术", "轨交智能控制"},
	"新能源":  {"新能源科技", "储能技术", "动力电池", "光伏科技"},
	"工业软件": {"软件技术", "工业互联网科技", "数字科技", "信息技术"},
	"新材料":  {"新材料", "复合材料科技", "硬质合金", "陶瓷材料"},
	"生物医药": {"生物科技", "医疗器械", "生物医药", "健康科技"},
	"电子信息": {"电子科技", "微电子", "光电技术", "智能传感"},
	"智能装备": {"智能装备", "精密机械", "自动化设备", "机器人科技"},
}

// Trade names are two characters from these lists; first and second never
// repeat each other, and combinations that are well-known firms of the city
// are excluded.
var (
	tradeFirst  = []string{"恒", "瑞", "博", "睿", "锐", "鼎", "卓", "嘉", "盛", "泰", "弘", "昊", "铭", "钧", "晟", "骏", "澜", "峻", "屹", "沐", "沛", "聚", "领", "启", "凌", "翼", "擎", "臻", "岳", "朗"}
	tradeSecond = []string{"科", "源", "达", "诚", "信", "捷", "远", "航", "驰", "越", "拓", "华", "芯", "维", "智", "创", "鑫", "泽", "宇", "辰", "邦", "凯", "峰", "力", "安", "微", "通", "腾", "川", "汇"}
	tradeAvoid  = map[string]bool{"时代": true, "中车": true, "千金": true, "天桥": true, "火炬": true, "九方": true, "联诚": true, "旗滨": true}
)

// Enterprises hands out fictional enterprise names with trade names that are
// not repeated.
type Enterprises struct {
	r    *Rand
	used map[string]bool
}

// NewEnterprises returns a name source drawing on r.
func NewEnterprises(r *Rand) *Enterprises { return &Enterprises{r: r, used: map[string]bool{}} }

// Reserve marks a trade name as taken.
func (e *Enterprises) Reserve(trade string) { e.used[trade] = true }

// Name returns a fictional enterprise name in sector; mature enterprises are
// sometimes companies limited by shares.
func (e *Enterprises) Name(sector string, mature bool) string {
	var trade string
	for {
		trade = Pick(e.r, tradeFirst) + Pick(e.r, tradeSecond)
		if first, _ := utf8.DecodeRuneInString(trade); strings.ContainsRune(trade[utf8.RuneLen(first):], first) {
			continue
		}
		if !tradeAvoid[trade] && !e.used[trade] {
			break
		}
	}
	e.used[trade] = true
	return EnterpriseName(e.r, trade, sector, mature)
}

// EnterpriseName builds an enterprise name from a trade name and a sector.
func EnterpriseName(r *Rand, trade, sector string, mature bool) string {
	place := "株洲"
	if r.Chance(0.25) {
		place = "湖南"
	}
	form := "有限公司"
	if mature && r.Chance(0.5) {
		form = "股份有限公司"
	} else if r.Chance(0.15) {
		form = "有限责任公司"
	}
	return place + trade + Pick(r, sectorBusiness[sector]) + form
}

// SyntheticEnterpriseName names the i-th enterprise of a large synthetic
// park; trade names repeat there, so the name carries a serial number.
func SyntheticEnterpriseName(r *Rand, i int, sector string) string {
	trade := Pick(r, tradeFirst) + Pick(r, tradeSecond)
	return fmt.Sprintf("株洲%s%s第%d有限公司", trade, Pick(r, sectorBusiness[sector]), i)
}
