package store

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The domain rules, in one place: import applies them to every record and the
// staff's forms apply the same ones. Each rule gives a Problem that names the
// field, says what is wrong in words a park clerk understands and carries a
// stable English code that tests and forms can rely on.

// Problem is one thing wrong with a record. Rules fill Field, Code and
// Message; Import adds where the record is (Collection, Index, ID).
type Problem struct {
	Collection Collection `json:"collection,omitempty"` // "members"; "" for the document itself
	Index      int        `json:"index,omitempty"`      // 1-based position in the collection
	ID         string     `json:"id,omitempty"`         // the record's id, if it has one
	Field      string     `json:"field,omitempty"`      // "candidate", "stage_history[2].since"
	Code       string     `json:"code"`                 // stable English code, e.g. "member_activist_year"
	Message    string     `json:"message"`              // Chinese, for people
	// Existing names the record this one would repeat (a duplicate credit
	// code, name or brand), so that a form can link to it: an enterprise's
	// or organisation's id, a brand's key.
	Existing string `json:"existing,omitempty"`
	// Clerk is Message as a clerk in the portal reads it, when Message
	// names what only a document's author needs (the code startup beside
	// 初创期, YYYY-MM-DD): forms and spreadsheets take the Chinese words.
	Clerk string `json:"-"`
}

// ClerkMessage is what the portal's pages say of the problem: Message in
// a clerk's words only.
func (p Problem) ClerkMessage() string {
	if p.Clerk != "" {
		return p.Clerk
	}
	return p.Message
}

// withClerk gives p the message a clerk reads in the portal.
func (p *Problem) withClerk(format string, args ...any) *Problem {
	p.Clerk = fmt.Sprintf(format, args...)
	return p
}

// String writes the problem as one line for a park clerk, for example
// 成员（members）第 3 条（id: m3）字段 candidate：确定为发展对象须在列为入党积极分子满一年之后（2023-01-05 → 2023-06-01 不足一年）[member_activist_year].
func (p Problem) String() string {
	var b strings.Builder
	switch {
	case p.Collection == "park":
		b.WriteString("园区（park）")
	case p.Collection != "":
		fmt.Fprintf(&b, "%s（%s）", CollectionLabel(p.Collection), p.Collection)
		if p.Index > 0 {
			fmt.Fprintf(&b, "第 %d 条", p.Index)
		}
		if p.ID != "" {
			fmt.Fprintf(&b, "（id: %s）", p.ID)
		}
	default:
		b.WriteString("文件")
	}
	if p.Field != "" {
		fmt.Fprintf(&b, "字段 %s", p.Field)
	}
	b.WriteString("：")
	b.WriteString(p.Message)
	if p.Code != "" {
		fmt.Fprintf(&b, "[%s]", p.Code)
	}
	return b.String()
}

// Problem codes. They are part of the contract with forms and tests: keep
// them stable.
const (
	CodeFormat              = "format"                // unknown or missing "format"
	CodeSyntax              = "syntax"                // the file is not valid JSON
	CodeType                = "type"                  // wrong JSON type
	CodeRequired            = "required"              // missing required field
	CodeDate                = "date"                  // not a real YYYY-MM-DD date
	CodeEnum                = "enum"                  // value not among the allowed ones
	CodeInteger             = "integer"               // not a whole number
	CodeNegative            = "negative"              // negative number
	CodeMoney               = "money"                 // not an amount of yuan with at most two decimals
	CodeYear                = "year"                  // not a four-digit year
	CodeDuplicateID         = "duplicate_id"          // id used twice in one collection
	CodeDuplicateReference  = "duplicate_reference"   // the same id listed twice
	CodeUnknownReference    = "unknown_reference"     // a reference to an id that does not exist
	CodeDuplicateCollection = "duplicate_collection"  // a collection given twice
	CodeCreditCodeLength    = "credit_code_length"    // credit code not 18 characters
	CodeCreditCodeCharset   = "credit_code_charset"   // credit code character outside GB 32100-2015's set
	CodeCreditCodeCheck     = "credit_code_check"     // wrong check character
	CodeMemberStageMissing  = "member_stage_missing"  // a later stage without an earlier one
	CodeMemberStageOrder    = "member_stage_order"    // a stage dated before the one it follows
	CodeMemberActivistYear  = "member_activist_year"  // less than a year from activist to candidate
	CodeMemberProbationYear = "member_probation_year" // less than a year from probationary to full
	CodeMemberAge           = "member_age"            // younger than 18 on applied
	CodeJointBranchSize     = "joint_branch_size"     // a joint branch covering fewer than two enterprises
	CodeUntilBeforeSince    = "until_before_since"    // staff leaving before starting
	CodeRolesEmpty          = "roles_empty"           // staff with no role
	CodeTooDeep             = "too_deep"              // values nested past MaxImportDepth
	CodeTooLarge            = "too_large"             // a text past MaxImportText or a record past MaxImportRecord
	CodeText                = "text"                  // NUL, invalid UTF-8 or an unpaired surrogate
	CodeDuplicateField      = "duplicate_field"       // a key given twice in one record
	CodeDuplicateCreditCode = "duplicate_credit_code" // a credit code another enterprise has
	CodeDuplicateName       = "duplicate_name"        // an enterprise's or organisation's name another one has
	CodeDuplicateBrand      = "duplicate_brand"       // a second brand for an organisation
)

// Choice is one allowed value of an enumerated field and its Chinese label.
type Choice struct {
	Value string
	Label string
}

// The allowed values of the enumerated fields. Fields of open kinds
// (platforms, designations, awards, responsibility, activity kinds) accept any
// non-empty text; their well-known values are listed for forms and labels.
var (
	Stages = []Choice{
		{"startup", "初创期"}, {"growth", "成长期"}, {"mature", "成熟期"},
	}
	OrganizationKinds = []Choice{
		{"branch", "党支部"}, {"joint_branch", "联合党支部"}, {"general_branch", "党总支"}, {"committee", "党委"},
	}
	StaffRoles = []Choice{
		{"specialist", "企业服务专员"}, {"instructor", "党建指导员"},
	}
	ServiceKinds = []Choice{
		{"equipment", "共享设备"}, {"finance_tax", "共享财税"}, {"legal", "共享法务"}, {"venue", "共享阵地"},
	}
	Programs = []Choice{
		{"incubation", "孵化工程·育种计划"}, {"uplift", "提质工程·壮苗计划"}, {"brand", "品牌工程·成林计划"},
	}
	// Statuses are where a filing stands; brands, activities and
	// responsibility records have one.
	Statuses = []Choice{
		{"draft", "草稿"}, {"submitted", "已提交"}, {"published", "已发布"},
	}
	BrandStatuses = Statuses
	AwardLevels   = []Choice{
		{"district", "区级"}, {"city", "市级"}, {"province", "省级"}, {"national", "国家级"},
	}
	PlatformKinds = []Choice{
		{"university_line", "高校直通车"}, {"science_park", "科技园"}, {"service_platform", "公共服务平台"},
	}
	DesignationKinds = []Choice{
		{"zjtx_provincial", "省级专精特新企业"}, {"zjtx_national", "国家级专精特新“小巨人”企业"},
	}
	AwardKinds = []Choice{
		{"benchmark_org", "标杆党组织"}, {"shuangqiang_liuhao", "“双强六好”党组织"},
		{"advanced_org", "先进基层党组织"}, {"outstanding_member", "优秀党员"}, {"outstanding_employee", "优秀员工"},
	}
	ResponsibilityKinds = []Choice{
		{"employment_aid", "就业帮扶"}, {"disability_employment", "助残就业"},
		{"rural_revitalization", "乡村振兴"}, {"volunteering", "志愿服务"}, {"student_aid", "资助贫困学生"},
	}
	ActivityKinds = []Choice{
		{"lecture", "讲堂"}, {"contest", "赛事"}, {"training", "培训"}, {"service", "服务"}, {"volunteer", "志愿服务"},
		{"exchange", "交流"}, {"visit", "参观"}, {"ceremony", "仪式"}, {"meeting", "会议"}, {"forum", "论坛"},
	}
)

// Label gives the Chinese label of value among choices, or value itself.
func Label(choices []Choice, value string) string {
	for _, c := range choices {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

func newProblem(field, code, format string, args ...any) *Problem {
	return &Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...)}
}

// CheckRequired refuses an empty (or blank) value of a required field.
func CheckRequired(field, value string) *Problem {
	if strings.TrimSpace(value) == "" {
		return newProblem(field, CodeRequired, "缺少必填内容")
	}
	return nil
}

// ParseDate reads a date in the form YYYY-MM-DD that exists on the calendar
// (2023-02-29 does not).
func ParseDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return time.Time{}, false
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// CheckDate refuses a non-empty value that is not a real YYYY-MM-DD date; an
// empty one is the business of CheckRequired.
func CheckDate(field, value string) *Problem {
	if value == "" {
		return nil
	}
	if _, ok := ParseDate(value); !ok {
		return newProblem(field, CodeDate, "日期须为“年-月-日”（YYYY-MM-DD）格式的真实日期，如 2023-06-01，而不是“%s”", clipText(value)).
			withClerk("须为真实的日期，如 2023-06-01，而不是“%s”", clipText(value))
	}
	return nil
}

// CheckChoice refuses a value that is not one of choices.
func CheckChoice(field, value string, choices []Choice) *Problem {
	if value == "" {
		return newProblem(field, CodeRequired, "缺少必填内容")
	}
	for _, c := range choices {
		if c.Value == value {
			return nil
		}
	}
	allowed, labels := make([]string, len(choices)), make([]string, len(choices))
	for i, c := range choices {
		allowed[i] = c.Label + "（" + c.Value + "）" // the clerk's word first; the code for whoever writes a document
		labels[i] = "“" + c.Label + "”"
	}
	return newProblem(field, CodeEnum, "须为 %s之一，而不是“%s”", strings.Join(allowed, "、"), clipText(value)).
		withClerk("须为%s之一，而不是“%s”", strings.Join(labels, "、"), clipText(value))
}

// CheckNonNegative refuses a negative count.
func CheckNonNegative(field string, n int) *Problem {
	if n < 0 {
		return newProblem(field, CodeNegative, "不能为负数（%d）", n)
	}
	return nil
}

// CheckYear refuses a year that is not written with four digits.
func CheckYear(field string, year int) *Problem {
	if year < 1000 || year > 9999 {
		return newProblem(field, CodeYear, "年份须为四位数字，如 2023，而不是 %d", year)
	}
	return nil
}

// ParseMoney reads an amount of yuan (such as "1200.5") exactly, refusing
// negative amounts and more than two decimals.
func ParseMoney(field, s string) (Money, *Problem) {
	fen, negative, ok := yuanToFen(s)
	switch {
	case !ok:
		return 0, newProblem(field, CodeMoney, "金额须为以元为单位、最多两位小数的数字，而不是“%s”", clipText(s))
	case negative && fen != 0:
		return 0, newProblem(field, CodeNegative, "金额不能为负数（%s）", clipText(s))
	}
	return fen, nil
}

// creditCodeChars is the character set of GB 32100-2015: digits and capital
// letters without I, O, S, V and Z; a character's value is its index.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are the weights of the first 17 characters: 3^i mod 31.
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeCheckChar computes the check character (the 18th) of a unified
// social credit code from its first 17 characters, per GB 32100-2015; ok is
// false if one of them is outside the code's character set.
func CreditCodeCheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCodeChars, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditCodeWeights[i]
	}
	return creditCodeChars[(31-sum%31)%31], true
}

// CheckCreditCode refuses a unified social credit code (统一社会信用代码) with
// the wrong length, a character outside GB 32100-2015's set or a wrong check
// character. An empty code is allowed (the field is optional).
func CheckCreditCode(field, code string) *Problem {
	if code == "" {
		return nil
	}
	if n := utf8.RuneCountInString(code); n != 18 || len(code) != 18 {
		return newProblem(field, CodeCreditCodeLength, "统一社会信用代码须为 18 位，“%s”是 %d 位", clipText(code), n)
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(creditCodeChars, code[i]) < 0 {
			return newProblem(field, CodeCreditCodeCharset,
				"统一社会信用代码第 %d 位“%c”不是允许的字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）", i+1, code[i])
		}
	}
	want, _ := CreditCodeCheckChar(code[:17])
	if code[17] != want {
		return newProblem(field, CodeCreditCodeCheck,
			"统一社会信用代码“%s”的校验位（第 18 位）应为“%c”，而不是“%c”，请核对是否抄错", code, want, code[17])
	}
	return nil
}

// AddYears moves t by n calendar years. A 29 February lands on 28 February in
// a year that has none (the month-end rule of 民法典 第二百零二条), where Go's
// AddDate would give 1 March.
func AddYears(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	if m == time.February && d == 29 && !isLeap(y+n) {
		d = 28
	}
	return time.Date(y+n, m, d, 0, 0, 0, 0, time.UTC)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// FullYearBetween reports whether at least one full year lies between from
// and to: the same month and day one year later counts as a year.
func FullYearBetween(from, to time.Time) bool {
	return !to.Before(AddYears(from, 1))
}

// memberStages are the five stages of member development, in order.
var memberStages = [5]struct{ field, label string }{
	{"applied", "提出入党申请"},
	{"activist", "列为入党积极分子"},
	{"candidate", "确定为发展对象"},
	{"probationary", "接收为预备党员"},
	{"full", "转为正式党员"},
}

// CheckMemberStages applies the rules of member development (中国共产党发展
// 党员工作细则) to one member's dates: stages in order, each needing every
// earlier one; at least one year from activist to candidate; a probationary
// period of at least one year; at least 18 years old on applying (the birth
// date is required, see Member.Validate, so this cannot be skipped).
// Malformed dates are left to CheckDate.
func CheckMemberStages(m Member) []Problem {
	var out []Problem
	dates := [5]string{m.Applied, m.Activist, m.Candidate, m.Probationary, m.Full}
	var parsed [5]time.Time
	var ok [5]bool
	for i, d := range dates {
		parsed[i], ok[i] = ParseDate(d)
	}
	reported := [5]bool{} // missing stages already named
	for i := 1; i < 5; i++ {
		if dates[i] == "" {
			continue
		}
		var missing []string
		for j := 0; j < i; j++ {
			if dates[j] == "" && !reported[j] {
				missing = append(missing, memberStages[j].label)
				reported[j] = true
			}
		}
		if len(missing) > 0 {
			out = append(out, *newProblem(memberStages[i].field, CodeMemberStageMissing,
				"%s之前须先经过前面的每个阶段（缺少：%s）", memberStages[i].label, strings.Join(missing, "、")))
			continue
		}
		prev := i - 1
		if !ok[i] || !ok[prev] {
			continue
		}
		if parsed[i].Before(parsed[prev]) {
			out = append(out, *newProblem(memberStages[i].field, CodeMemberStageOrder,
				"%s的日期 %s 早于%s的日期 %s，阶段须按顺序", memberStages[i].label, dates[i], memberStages[prev].label, dates[prev]))
			continue
		}
		switch i {
		case 2:
			if !FullYearBetween(parsed[1], parsed[2]) {
				out = append(out, *newProblem("candidate", CodeMemberActivistYear,
					"确定为发展对象须在列为入党积极分子满一年之后（%s → %s 不足一年；最早可在 %s 确定）",
					dates[1], dates[2], AddYears(parsed[1], 1).Format("2006-01-02")))
			}
		case 4:
			if !FullYearBetween(parsed[3], parsed[4]) {
				out = append(out, *newProblem("full", CodeMemberProbationYear,
					"预备期须满一年才能转为正式党员（%s → %s 不足一年；最早可在 %s 转正）",
					dates[3], dates[4], AddYears(parsed[3], 1).Format("2006-01-02")))
			}
		}
	}
	if birth, okBirth := ParseDate(m.Birth); okBirth && ok[0] {
		if parsed[0].Before(AddYears(birth, 18)) {
			out = append(out, *newProblem("applied", CodeMemberAge,
				"提出入党申请时须年满十八周岁（出生 %s，申请 %s）", m.Birth, m.Applied))
		}
	}
	return out
}

// checkReferences checks a list of ids: none empty, none twice.
func checkReferences(field string, ids []string) []Problem {
	var out []Problem
	seen := make(map[string]int, len(ids))
	for i, id := range ids {
		f := fmt.Sprintf("%s[%d]", field, i+1)
		if p := CheckRequired(f, id); p != nil {
			out = append(out, *p)
			continue
		}
		if first, dup := seen[id]; dup {
			out = append(out, *newProblem(f, CodeDuplicateReference, "“%s”重复出现（已是第 %d 项）", clipText(id), first))
			continue
		}
		seen[id] = i + 1
	}
	return out
}

// problems gathers the problems of one record.
type problems []Problem

func (ps *problems) add(p *Problem) {
	if p != nil {
		*ps = append(*ps, *p)
	}
}

func (ps *problems) required(field, value string) { ps.add(CheckRequired(field, value)) }

// date checks a date field; required ones must be present.
func (ps *problems) date(field, value string, required bool) {
	if required && value == "" {
		ps.add(CheckRequired(field, value))
		return
	}
	ps.add(CheckDate(field, value))
}

func (ps *problems) count(field string, n *int) {
	if n != nil {
		ps.add(CheckNonNegative(field, *n))
	}
}

func (ps *problems) money(field string, m *Money) {
	if m != nil && *m < 0 {
		ps.add(newProblem(field, CodeNegative, "金额不能为负数（%s）", m))
	}
}

// Validate applies the rules to the park's own data.
func (p Park) Validate() []Problem {
	var ps problems
	ps.required("name", p.Name)
	return ps
}

// Validate applies the rules that one enterprise record must meet on its own.
func (e Enterprise) Validate() []Problem {
	var ps problems
	ps.required("id", e.ID)
	ps.required("name", e.Name)
	ps.add(CheckCreditCode("credit_code", e.CreditCode))
	ps.add(CheckChoice("stage", e.Stage, Stages))
	for i, h := range e.StageHistory {
		prefix := fmt.Sprintf("stage_history[%d].", i+1)
		ps.add(CheckChoice(prefix+"stage", h.Stage, Stages))
		ps.date(prefix+"since", h.Since, true)
	}
	ps.count("employees", e.Employees)
	ps.date("founded", e.Founded, false)
	return ps
}

// Validate applies the rules that one survey must meet on its own.
func (s Survey) Validate() []Problem {
	var ps problems
	ps.required("enterprise", s.Enterprise)
	ps.date("date", s.Date, true)
	ps.add(CheckNonNegative("employees", s.Employees))
	return ps
}

// Validate applies the rules that one organisation must meet on its own; a
// joint branch covers two or more enterprises.
func (o Organization) Validate() []Problem {
	var ps problems
	ps.required("id", o.ID)
	ps.required("name", o.Name)
	ps.add(CheckChoice("kind", o.Kind, OrganizationKinds))
	ps.date("formed", o.Formed, true)
	ps = append(ps, checkReferences("enterprises", o.Enterprises)...)
	if o.Kind == "joint_branch" && len(o.Enterprises) < 2 {
		ps.add(newProblem("enterprises", CodeJointBranchSize,
			"联合党支部须覆盖两家或以上企业，这里只有 %d 家", len(o.Enterprises)))
	}
	return ps
}

// Validate applies the rules that one staff record must meet on its own.
func (s Staff) Validate() []Problem {
	var ps problems
	ps.required("id", s.ID)
	ps.required("name", s.Name)
	if len(s.Roles) == 0 {
		ps.add(newProblem("roles", CodeRolesEmpty, "至少要有一个角色：企业服务专员（specialist）或党建指导员（instructor）").
			withClerk("至少要有一个角色：企业服务专员或党建指导员"))
	}
	seen := map[string]bool{}
	for i, r := range s.Roles {
		f := fmt.Sprintf("roles[%d]", i+1)
		if p := CheckChoice(f, r, StaffRoles); p != nil {
			ps.add(p)
		} else if seen[r] {
			ps.add(newProblem(f, CodeDuplicateReference, "角色“%s”重复出现", r))
		}
		seen[r] = true
	}
	ps = append(ps, checkReferences("enterprises", s.Enterprises)...)
	ps.date("since", s.Since, true)
	ps.date("until", s.Until, false)
	if s.Until != "" && s.Since != "" && s.Until < s.Since {
		if _, ok := ParseDate(s.Until); ok {
			if _, ok := ParseDate(s.Since); ok {
				ps.add(newProblem("until", CodeUntilBeforeSince, "离任日期 %s 早于任职日期 %s", s.Until, s.Since))
			}
		}
	}
	return ps
}

// Validate applies the rules that one service record must meet on its own.
func (s Service) Validate() []Problem {
	var ps problems
	ps.required("enterprise", s.Enterprise)
	ps.add(CheckChoice("kind", s.Kind, ServiceKinds))
	ps.date("date", s.Date, true)
	ps.money("market_cost", s.MarketCost)
	ps.money("actual_cost", s.ActualCost)
	return ps
}

// Validate applies the rules that one member must meet on their own,
// including the rules of member development (see CheckMemberStages).
func (m Member) Validate() []Problem {
	var ps problems
	ps.required("id", m.ID)
	ps.required("name", m.Name)
	ps.date("birth", m.Birth, true) // the age rule needs it
	ps.required("organization", m.Organization)
	ps.date("applied", m.Applied, true)
	ps.date("activist", m.Activist, false)
	ps.date("candidate", m.Candidate, false)
	ps.date("probationary", m.Probationary, false)
	ps.date("full", m.Full, false)
	ps = append(ps, CheckMemberStages(m)...)
	return ps
}

// Validate applies the rules that one activity must meet on its own.
func (a Activity) Validate() []Problem {
	var ps problems
	ps.add(CheckChoice("program", a.Program, Programs))
	ps.required("kind", a.Kind)
	ps.required("title", a.Title)
	ps.date("date", a.Date, true)
	ps = append(ps, checkReferences("enterprises", a.Enterprises)...)
	ps.count("participants", a.Participants)
	if a.Status != "" {
		ps.add(CheckChoice("status", a.Status, Statuses))
	}
	return ps
}

// Validate applies the rules that one platform must meet on its own.
func (p Platform) Validate() []Problem {
	var ps problems
	ps.required("kind", p.Kind)
	ps.required("name", p.Name)
	ps.date("established", p.Established, true)
	return ps
}

// Validate applies the rules that one designation must meet on its own.
func (d Designation) Validate() []Problem {
	var ps problems
	ps.required("enterprise", d.Enterprise)
	ps.required("kind", d.Kind)
	ps.add(CheckYear("year", d.Year))
	return ps
}

// Validate applies the rules that one brand must meet on its own.
func (b Brand) Validate() []Problem {
	var ps problems
	ps.required("organization", b.Organization)
	ps.required("name", b.Name)
	ps.date("launched", b.Launched, true)
	ps.add(CheckChoice("status", b.Status, BrandStatuses))
	return ps
}

// Validate applies the rules that one award must meet on its own.
func (a Award) Validate() []Problem {
	var ps problems
	ps.required("organization", a.Organization)
	ps.required("kind", a.Kind)
	ps.add(CheckChoice("level", a.Level, AwardLevels))
	ps.add(CheckYear("year", a.Year))
	return ps
}

// Validate applies the rules that one social-responsibility record must meet
// on its own.
func (r Responsibility) Validate() []Problem {
	var ps problems
	ps.required("enterprise", r.Enterprise)
	ps.required("kind", r.Kind)
	ps.date("date", r.Date, true)
	ps.add(CheckNonNegative("beneficiaries", r.Beneficiaries))
	if r.Status != "" {
		ps.add(CheckChoice("status", r.Status, Statuses))
	}
	return ps
}

// clip shortens a value quoted in a message so that a pasted paragraph does
// not flood it.
func clipText(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}
