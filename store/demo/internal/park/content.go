package park

import "parkportal/store/demo/internal/interchange"

// brandText is the text of one brand of the organisation with label.
type brandText struct {
	label, launched, status, slogan, story string
	practices                              []string
}

// brandTexts are the brands of mature enterprises' party organisations, keyed
// by the organisation's label. The first three names are the article's; the
// owners, slogans, stories and practices are the portal's own.
var brandTexts = []brandText{
	{"锂电先锋", "2020-07-01", interchange.StatusPublished, "党旗插在产线上，先锋冲在攻关前",
		"“锂电先锋”是公司党委围绕动力电池主业打造的党建品牌。党委在电芯、模组等关键工序设立党员先锋岗，由党员牵头组建技术攻关小组，把生产一线的难题变成党员的课题。品牌创建以来，党员带头完成了多项工艺改进，也带动一线员工踊跃提出创新建议。",
		[]string{"关键工序设党员先锋岗", "党员牵头组建攻关小组", "师带徒结对培养青年技工"}},
	{"红创未来", "2021-06-30", interchange.StatusPublished, "红色引领创新，奋斗成就未来",
		"“红创未来”把党组织建在研发团队里，让青年党员在创新一线挑大梁。党委每季度发布攻关课题，由党员工程师领衔“揭榜”。品牌还向园区初创企业开放实验资源，带动上下游企业一起成长。",
		[]string{"党员工程师领衔“揭榜”攻关", "青年党员创新工作室", "向初创企业开放实验资源"}},
	{"科瑞三聚", "2021-09-15", interchange.StatusPublished, "聚人心、聚智慧、聚合力",
		"“科瑞三聚”取聚人心、聚智慧、聚合力之意。党委通过党员联系班组凝聚人心，通过技术沙龙汇聚智慧，通过党群共建把企业发展和员工成长拧成一股绳。",
		[]string{"党员联系班组，每月谈心走访", "每季度一次技术沙龙", "党群共建解决员工急难愁盼"}},
	{"轨道红芯", "2019-07-01", interchange.StatusPublished, "红芯引领，轨道向前",
		"“轨道红芯”扎根轨道交通核心部件研制，把党建工作融入产品质量的全过程。党员质量责任区覆盖每一道关键工序，党员带头执行“零缺陷”标准，让每一件出厂产品都经得起检验。",
		[]string{"党员质量责任区", "“零缺陷”质量承诺", "党员技术骨干驻车间"}},
	{"硬核先锋", "2022-07-01", interchange.StatusPublished, "硬核担当，先锋本色",
		"“硬核先锋”以硬质材料研发为依托，倡导党员在技术难题面前敢于“硬碰硬”。党委把党小组设在研发室和熔炼车间，每年举办党员技能比武，培养出一批党员技术能手。",
		[]string{"党小组建在车间", "年度党员技能比武", "党员技术能手带徒"}},
	{"匠心向党", "2022-05-20", interchange.StatusPublished, "以匠心铸精品，以初心向党",
		"“匠心向党”把工匠精神和党员先锋作用结合在一起。公司党委设立党员工匠工作室，围绕精密加工的精度提升开展攻关，再把成熟经验整理成操作规范在车间推广。",
		[]string{"党员工匠工作室", "加工精度攻关立项", "经验转化为车间操作规范"}},
	{"云端党建", "2022-11-08", interchange.StatusPublished, "党建上云端，服务零距离",
		"“云端党建”依托公司的工业软件研发能力，搭建线上学习和组织生活平台，让常驻项目现场的党员也能按时参加组织生活。党员技术团队还为园区中小企业提供数字化诊断，帮助它们迈出转型第一步。",
		[]string{"线上组织生活，外派党员不掉队", "党员数字化诊断服务队", "项目现场设临时党小组"}},
	{"仁心药谷", "2023-03-28", interchange.StatusPublished, "守护健康，初心如磐",
		"“仁心药谷”围绕守护健康的企业使命，把党员先锋岗设在质量检验和研发一线。党员志愿者定期走进社区开展健康科普，把专业所长变成服务群众的实际行动。",
		[]string{"质量检验党员先锋岗", "社区健康科普志愿服务", "党员研发攻关组"}},
	{"红帆领航", "2023-07-01", interchange.StatusPublished, "红帆引航，芯向未来",
		"“红帆领航”寓意党组织为企业发展掌舵引航。党总支推行党员“一人一项目”，把党员责任落到产品研发和市场开拓的具体项目上，项目进展在党员大会上定期通报。",
		[]string{"党员“一人一项目”", "党总支委员联系部门", "新员工入职第一课"}},
	{"绿能星火", "2023-10-12", interchange.StatusPublished, "星火燎原，绿能惠民",
		"“绿能星火”聚焦光伏与储能业务，党员带头参与农村屋顶光伏项目建设，为乡村振兴出力。支部以“星火”党员服务队为载体，为周边村镇提供用电安全指导。",
		[]string{"“星火”党员服务队", "农村光伏项目党员带头", "用电安全指导进村镇"}},
	{"智造先锋岗", "2024-04-16", interchange.StatusPublished, "岗位亮身份，智造当先锋",
		"“智造先锋岗”推动党员在岗位上亮身份、亮承诺、亮业绩。支部把智能产线改造中的难点列成党员攻关清单，每月通报进展，攻下一项销号一项。",
		[]string{"党员亮身份、亮承诺、亮业绩", "智能产线改造攻关清单", "每月通报，攻下一项销号一项"}},
	{"红色动力舱", "2024-07-01", interchange.StatusPublished, "红色动力，澎湃前行",
		"“红色动力舱”把党员活动室建在生产车间旁，党员在一线学习、在一线议事。支部与上下游配套企业开展联学联建，一起破解牵引系统配套中的难题。",
		[]string{"车间旁的党员活动室", "上下游企业联学联建", "一线党员议事会"}},
	{"微光成炬", "2024-09-10", interchange.StatusSubmitted, "每一束微光，汇聚成火炬",
		"“微光成炬”鼓励每名党员从身边小事做起，以点滴微光汇聚企业发展的合力。支部已提交品牌材料，等待园区审核。",
		[]string{"党员志愿服务积分", "技术帮带小组", "身边好人好事月度分享"}},
	{labelSeedlingBranch, "2024-11-05", interchange.StatusDraft, "护航青苗，共同成长",
		"支部计划以“青苗护航”为主题，为青年员工配备成长导师，开展职业规划辅导。品牌材料仍在起草。",
		[]string{"青年员工成长导师", "职业规划辅导", "青年党员读书会"}},
}

// laterBrandTexts are the brands of the two mature enterprises' branches
// formed in 2025, keyed like brandTexts by the brand's name; the portal's
// own words.
var laterBrandTexts = []brandText{
	{labelSmartEngine, "2025-11-18", interchange.StatusPublished, "党建赋能，智擎未来",
		"“红色智擎”是公司党支部围绕机器人研发制造打造的党建品牌。支部把党员编入整机装配、控制系统等攻关团队，党员在关键岗位上亮身份、当先锋。支部还组织党员工程师走进园区初创企业，帮助解决自动化改造中的技术难题。",
		[]string{"党员编入攻关团队", "关键岗位亮身份、当先锋", "党员工程师服务初创企业"}},
	{labelFineCeramics, "2026-09-16", interchange.StatusPublished, "精益求精，瓷心向党",
		"“精瓷铸魂”扎根先进陶瓷材料的研发生产，倡导党员把精益求精的工匠精神带到每一道工序。支部在烧结、检测等关键环节设立党员质量示范岗，每季度开展一次质量攻关复盘。党员带头提出的工艺改进建议，在车间逐项落地。",
		[]string{"党员质量示范岗", "每季度质量攻关复盘", "党员工艺改进建议逐项落地"}},
}

// activityKinds describe the park's recurring activities after the article:
// program, kind, title and a few summaries to choose from.
var activityKinds = map[string]struct {
	program, kind, title string
	participants         [2]int
	summaries            []string
}{
	"survey": {interchange.ProgramIncubation, "service", "“三有”初创企业走访摸排", [2]int{20, 40}, []string{
		"企业服务专员和党建指导员逐家走访初创企业，核实固定场所、员工人数和生产经营情况，更新企业台账。",
		"对照“三有”标准摸排新入园企业，符合条件的企业列入组建党组织计划，由党建指导员跟进。",
	}},
	"newOrg": {interchange.ProgramIncubation, "training", "新组建党组织书记任职培训", [2]int{15, 30}, []string{
		"为新组建党支部和联合党支部的书记讲解组织生活、发展党员和党费管理的基本规范，并讲授一堂专题党课。",
		"新任书记交流组建经验，园区逐项讲解支部工作台账怎么建、怎么用。",
	}},
	"staffTraining": {interchange.ProgramIncubation, "training", "企业服务专员、党建指导员业务培训", [2]int{60, 90}, []string{
		"围绕“小事不出门、大事不出园”，培训惠企政策、党建指导和问题转办流程。",
		"老专员分享服务案例，新专员领取联系企业清单，明确上门频次和台账要求。",
	}},
	"equipmentDay": {interchange.ProgramIncubation, "service", "共享设备开放日", [2]int{30, 80}, []string{
		"公共技术服务平台向初创企业开放检测和试制设备，现场演示预约流程和收费标准。",
		"企业带着样件来平台试测，工程师现场讲解检测报告，帮助企业少走弯路、少花冤枉钱。",
	}},
	"taxClinic": {interchange.ProgramIncubation, "training", "共享财税政策辅导会", [2]int{40, 90}, []string{
		"财税顾问讲解研发费用加计扣除和小微企业税费优惠，现场解答初创企业的记账问题。",
		"围绕高新技术企业认定的财务要求，逐项对照企业账目查漏补缺。",
	}},
	"legalVisit": {interchange.ProgramIncubation, "service", "共享法务进企业", [2]int{15, 40}, []string{
		"律师团队走进初创企业，开展劳动用工和合同管理法律体检，出具风险提示清单。",
	}},
	"venueWeek": {interchange.ProgramIncubation, "service", "党群服务中心共享阵地开放周", [2]int{80, 200}, []string{
		"党群服务中心的会议室、路演厅和党员活动室向园区企业免费开放，一周内承接各类活动。",
		"初创企业借用共享阵地开展主题党日、新品发布和员工培训，节省场地开支。",
	}},
	"oneOnOne": {interchange.ProgramIncubation, "service", "初创企业党建“一对一”上门指导", [2]int{8, 20}, []string{
		"党建指导员上门帮助尚未建立党组织的初创企业梳理党员情况，制定组建计划。",
	}},

	"power": {interchange.ProgramUplift, "service", "“联学联创”企业用电服务", [2]int{40, 90}, []string{
		"供电党员服务队与企业党组织联学联创，上门排查用电隐患、优化用能方案，帮助企业降低用电成本。",
		"围绕服务企业、提供动能，党员服务队为重点企业开展用电能效诊断，并跟踪整改落实。",
	}},
	"contest": {interchange.ProgramUplift, "contest", "“动力星球”创新创业大赛", [2]int{60, 220}, []string{
		"“动力星球”系列赛吸引园区成长期企业和创业团队同台比拼，评委现场点评商业计划和技术路线。",
		"参赛项目覆盖轨道交通、新能源、工业软件等产业，优胜团队获得园区孵化和金融对接支持。",
	}},
	"ceo": {interchange.ProgramUplift, "lecture", "红色CEO大讲堂", [2]int{80, 180}, []string{
		"邀请专家和企业家党员分享经验，园区企业负责人面对面交流企业发展和党建融合的做法。",
		"讲座结束后设互动环节，企业负责人就管理难题现场提问，主讲嘉宾逐一回应。",
	}},
	"class": {interchange.ProgramUplift, "training", "高新企服课堂", [2]int{50, 120}, []string{
		"面向成长期企业的管理和财务人员开课，讲政策、讲实务，课后提供一对一答疑。",
		"课堂采用“讲解加案例”的方式，帮助企业把政策红利落到实处。",
	}},
	"students": {interchange.ProgramUplift, "visit", "湖工大学子打卡园区", [2]int{60, 150}, []string{
		"湖南工业大学学生走进园区企业的车间和研发中心，了解岗位需求，与企业人力资源负责人面对面交流。",
		"学生分组参观成长期企业，企业党员工程师担任讲解员，介绍技术路线和实习机会。",
	}},
	"industryEdu": {interchange.ProgramUplift, "exchange", "产教融合交流会", [2]int{60, 140}, []string{
		"高校、职业院校与园区企业对接人才培养和联合攻关需求，现场达成多项合作意向。",
		"企业发布技术需求清单，院校专家认领课题，推动校企共建实训基地。",
	}},
	"line": {interchange.ProgramUplift, "exchange", "高校直通车校企对接会", [2]int{40, 100}, []string{
		"借助高校直通车，高校科研团队来园区介绍成果，成长期企业提出合作需求，双方约定后续对接。",
	}},
	"workshop": {interchange.ProgramUplift, "visit", "车间党建阵地观摩会", [2]int{30, 70}, []string{
		"成长期企业党组织书记走进车间党员活动室和党员先锋岗，学习把阵地建在一线的做法。",
	}},

	"brandExchange": {interchange.ProgramBrand, "exchange", "党建品牌创建交流会", [2]int{40, 90}, []string{
		"成熟期企业党组织介绍各自品牌的由来和做法，园区点评品牌材料，提出提升建议。",
		"已创建品牌的企业与正在起草品牌的企业结对交流，分享品牌故事和标识设计经验。",
	}},
	"sqlh": {interchange.ProgramBrand, "visit", "“双强六好”党组织创建观摩", [2]int{30, 70}, []string{
		"与会人员实地观摩党建阵地和生产现场，听取“双强六好”创建经验介绍。",
	}},
	"benchmark": {interchange.ProgramBrand, "lecture", "标杆党组织经验分享会", [2]int{50, 110}, []string{
		"市级、省级标杆党组织书记分享创建体会，讲清标杆立得住、叫得响、推得开的具体做法。",
	}},
	"volunteer": {interchange.ProgramBrand, "volunteer", "“红色周末”志愿服务", [2]int{30, 120}, []string{
		"企业党员志愿者走进社区，开展义务维修、健康义诊和文明劝导。",
		"党员志愿者在园区周边开展环境整治和交通文明引导，带动员工一起参与。",
	}},
	"disability": {interchange.ProgramBrand, "service", "助残就业专场招聘会", [2]int{40, 100}, []string{
		"成熟期企业拿出适合残疾人的岗位现场招聘，残联工作人员提供政策咨询和岗前适应指导。",
	}},
	"rural": {interchange.ProgramBrand, "volunteer", "乡村振兴结对帮扶", [2]int{20, 60}, []string{
		"企业党组织与结对村开展产销对接和技能培训，帮助村民拓宽增收渠道。",
		"党员代表走访结对村，了解产业发展需求，落实帮扶项目。",
	}},
	"studentAid": {interchange.ProgramBrand, "volunteer", "资助贫困大学生助学金发放", [2]int{20, 50}, []string{
		"企业向家庭困难的大学生发放助学金，并提供假期实习岗位。",
	}},
	"honours": {interchange.ProgramBrand, "ceremony", "优秀党员、优秀员工表彰会", [2]int{100, 250}, []string{
		"表彰一批优秀党员和优秀员工，先进典型讲述岗位故事，激励职工创先争优。",
	}},
}

// ceoTopics and classTopics are the themes of the numbered sessions.
var (
	ceoTopics = []string{
		"党建引领企业高质量发展", "专精特新企业的成长路径", "数字化转型中的组织变革",
		"企业家精神与社会责任", "核心技术与知识产权保护", "资本市场与企业上市",
		"绿色低碳与新能源机遇",
		// The later years.
		"人工智能赋能制造业", "企业出海与国际市场开拓", "新质生产力与产业升级", "企业文化与人才梯队建设",
	}
	classTopics = []string{
		"研发费用加计扣除实务", "高新技术企业认定要点", "劳动用工合规",
		"专精特新申报指引", "企业融资对接", "数据安全与合规",
		// The later years.
		"出口退税与跨境业务", "知识产权质押融资", "人工智能应用合规", "安全生产责任落实",
	}
)

// activitySchedule is each year's activities: kind and month; for contests
// the round, for university lines the university.
var activitySchedule = map[int][]struct {
	kind  string
	month int
	extra string
}{
	2022: {
		{"survey", 3, ""}, {"staffTraining", 4, ""}, {"equipmentDay", 6, ""}, {"taxClinic", 7, ""},
		{"survey", 9, ""}, {"venueWeek", 10, ""}, {"newOrg", 12, ""},
		{"ceo", 4, ""}, {"power", 5, ""}, {"students", 5, ""}, {"class", 6, ""},
		{"line", 6, "中南大学（湖南大学）"}, {"contest", 8, "初赛"}, {"ceo", 10, ""}, {"class", 11, ""},
		{"volunteer", 3, ""}, {"brandExchange", 6, ""}, {"studentAid", 8, ""}, {"sqlh", 9, ""}, {"rural", 10, ""},
	},
	2023: {
		{"staffTraining", 2, ""}, {"survey", 3, ""}, {"equipmentDay", 4, ""}, {"taxClinic", 5, ""},
		{"legalVisit", 6, ""}, {"newOrg", 7, ""}, {"venueWeek", 8, ""}, {"survey", 9, ""},
		{"equipmentDay", 10, ""}, {"oneOnOne", 11, ""}, {"newOrg", 12, ""},
		{"ceo", 3, ""}, {"power", 4, ""}, {"class", 4, ""}, {"students", 5, ""}, {"contest", 5, "初赛"},
		{"ceo", 6, ""}, {"line", 6, "湖南理工职业技术学院"}, {"class", 8, ""}, {"power", 9, ""},
		{"contest", 9, "决赛"}, {"industryEdu", 10, ""}, {"ceo", 11, ""},
		{"volunteer", 3, ""}, {"disability", 5, ""}, {"sqlh", 6, ""}, {"honours", 6, ""},
		{"brandExchange", 7, ""}, {"studentAid", 8, ""}, {"rural", 9, ""}, {"volunteer", 12, ""},
		{"benchmark", 12, ""},
	},
	2024: {
		{"survey", 3, ""}, {"staffTraining", 3, ""}, {"taxClinic", 4, ""}, {"equipmentDay", 5, ""},
		{"legalVisit", 7, ""}, {"survey", 9, ""}, {"venueWeek", 9, ""}, {"oneOnOne", 10, ""},
		{"equipmentDay", 11, ""}, {"newOrg", 12, ""},
		{"class", 3, ""}, {"ceo", 4, ""}, {"students", 4, ""}, {"line", 5, "国防科技大学"},
		{"power", 6, ""}, {"contest", 6, "初赛"}, {"class", 7, ""}, {"workshop", 8, ""},
		{"ceo", 9, ""}, {"contest", 10, "决赛"}, {"industryEdu", 11, ""},
		{"volunteer", 3, ""}, {"disability", 5, ""}, {"brandExchange", 6, ""}, {"honours", 7, ""},
		{"sqlh", 8, ""}, {"studentAid", 8, ""}, {"rural", 10, ""}, {"benchmark", 11, ""},
	},
	2025: {
		{"survey", 3, ""}, {"staffTraining", 3, ""}, {"taxClinic", 4, ""}, {"equipmentDay", 5, ""},
		{"newOrg", 6, ""}, {"legalVisit", 7, ""}, {"survey", 9, ""}, {"venueWeek", 10, ""},
		{"oneOnOne", 11, ""}, {"newOrg", 12, ""},
		{"class", 3, ""}, {"ceo", 4, ""}, {"students", 4, ""}, {"power", 5, ""},
		{"contest", 6, "初赛"}, {"line", 6, "中南大学（湖南大学）"}, {"class", 7, ""}, {"ceo", 9, ""},
		{"contest", 10, "决赛"}, {"industryEdu", 11, ""},
		{"volunteer", 3, ""}, {"disability", 5, ""}, {"brandExchange", 6, ""}, {"honours", 7, ""},
		{"studentAid", 8, ""}, {"sqlh", 9, ""}, {"rural", 10, ""}, {"benchmark", 12, ""},
	},
	// 2026 to the end of November.
	2026: {
		{"staffTraining", 2, ""}, {"survey", 3, ""}, {"taxClinic", 4, ""}, {"equipmentDay", 5, ""},
		{"newOrg", 6, ""}, {"legalVisit", 7, ""}, {"survey", 9, ""}, {"venueWeek", 10, ""},
		{"ceo", 3, ""}, {"class", 4, ""}, {"students", 4, ""}, {"power", 5, ""},
		{"contest", 6, "初赛"}, {"line", 6, "国防科技大学"}, {"ceo", 9, ""}, {"class", 9, ""},
		{"contest", 10, "决赛"}, {"industryEdu", 11, ""},
		{"volunteer", 3, ""}, {"disability", 5, ""}, {"brandExchange", 6, ""}, {"honours", 7, ""},
		{"studentAid", 8, ""}, {"sqlh", 9, ""}, {"rural", 10, ""},
	},
}
