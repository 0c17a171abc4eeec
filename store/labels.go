package store

import (
	"fmt"
	"regexp"
	"strings"
)

// fieldLabels is the one table of the fields' Chinese names: form labels,
// messages at a field and Excel column headers all come from it, so that a
// clerk meets one word for one field everywhere. Keys are the interchange
// spec's field names.
var fieldLabels = map[Collection]map[string]string{
	"enterprises": {
		"id": "企业编号", "name": "企业名称", "credit_code": "统一社会信用代码", "stage": "发展阶段",
		"stage_history": "阶段变化", "stage_history.stage": "阶段", "stage_history.since": "起始日期",
		"employees": "员工人数", "sector": "所属行业", "founded": "成立日期",
	},
	"surveys": {
		"id": "摸排编号", "enterprise": "企业", "date": "摸排日期", "fixed_premises": "有固定场所",
		"employees": "从业人数", "operating": "有实际经营",
	},
	"organizations": {
		"id": "党组织编号", "name": "党组织名称", "kind": "组织类型", "formed": "成立日期",
		"enterprises": "覆盖企业", "secretary": "书记",
	},
	"staff": {
		"id": "人员编号", "name": "姓名", "roles": "角色", "enterprises": "联系企业", "since": "任职日期", "until": "离任日期",
	},
	"services": {
		"id": "服务编号", "enterprise": "企业", "kind": "服务类型", "date": "服务日期", "effective": "有效服务",
		"market_cost": "市场价（元）", "actual_cost": "实际费用（元）", "note": "备注",
		"need": "需求说明", // a request's (ServiceRequest), which becomes the note
	},
	"members": {
		"id": "人员编号", "name": "姓名", "birth": "出生日期", "organization": "所属党组织", "enterprise": "所在企业",
		"management": "管理层", "applied": "递交入党申请日期", "activist": "列为入党积极分子日期",
		"candidate": "确定为发展对象日期", "probationary": "接收为预备党员日期", "full": "转为正式党员日期",
	},
	"activities": {
		"id": "活动编号", "program": "所属工程", "kind": "活动类型", "title": "活动名称", "date": "活动日期",
		"organizer": "组织单位", "enterprises": "参与企业", "participants": "参与人数", "summary": "活动简介", "status": "状态",
		"photos": "活动照片", // a filing's (ActivityFiling)
	},
	"platforms": {"id": "平台编号", "kind": "平台类型", "name": "平台名称", "established": "建立日期"},
	"designations": {
		"id": "认定编号", "enterprise": "企业", "kind": "认定类型", "year": "认定年份",
	},
	"brands": {
		"id": "品牌编号", "organization": "党组织", "name": "品牌名称", "launched": "创建日期", "status": "状态",
		"slogan": "品牌口号", "story": "品牌故事", "practices": "特色做法",
		"logo": "品牌标志", // a filing's (BrandFiling)
	},
	"awards": {
		"id": "荣誉编号", "organization": "党组织", "kind": "荣誉类型", "level": "级别", "year": "年份", "title": "荣誉名称",
	},
	"responsibility": {
		"id": "记录编号", "enterprise": "企业", "kind": "类别", "date": "日期", "beneficiaries": "受益人数",
		"note": "说明", "status": "状态",
	},
}

// KeyLabel heads the column of a ledger's spreadsheet that holds each
// record's number in the portal (its key, as in its page's address), for
// the ledgers whose records need no interchange id: an upload finds a
// row's record by it, and a row without one is a new record.
const KeyLabel = "记录号"

// listIndex finds the positions in a field path such as
// "stage_history[2].since" or "enterprises[3]".
var listIndex = regexp.MustCompile(`\[(\d+)\]`)

// FieldLabel is the Chinese name of a field of a collection, as a clerk
// reads it: "stage_history[2].since" is 阶段变化第 2 项的起始日期,
// "enterprises[3]" 覆盖企业第 3 项. An unknown field gives its own name.
func FieldLabel(collection Collection, field string) string {
	labels := fieldLabels[collection]
	if l, ok := labels[field]; ok {
		return l
	}
	m := listIndex.FindStringSubmatchIndex(field)
	if m == nil {
		return field
	}
	list, n, rest := field[:m[0]], field[m[2]:m[3]], strings.TrimPrefix(field[m[1]:], ".")
	label := labels[list]
	if label == "" {
		label = list
	}
	label += "第 " + n + " 项"
	if rest != "" {
		sub := labels[list+"."+rest]
		if sub == "" {
			sub = rest
		}
		label += "的" + sub
	}
	return label
}

// dateText writes an ISO date (2023-12-30) as a clerk reads it:
// 2023年12月30日, as views.Date does on pages: the titles the store makes
// (a survey's, a service's) carry dates this way; anything else is
// returned as it is.
func dateText(iso string) string {
	if len(iso) != 10 || iso[4] != '-' || iso[7] != '-' {
		return iso
	}
	return iso[:4] + "年" + strings.TrimPrefix(iso[5:7], "0") + "月" + strings.TrimPrefix(iso[8:10], "0") + "日"
}

// dateTextSQL is dateText in SQL, for the titles a query makes: column
// holds an ISO date.
func dateTextSQL(column string) string {
	return fmt.Sprintf(`(substr(%[1]s, 1, 4) || '年' || CAST(substr(%[1]s, 6, 2) AS INTEGER) || '月' || CAST(substr(%[1]s, 9, 2) AS INTEGER) || '日')`, column)
}

// labelSQL is Label in SQL: column's code as its Chinese label, other
// text as it is.
func labelSQL(column string, choices []Choice) string {
	var b strings.Builder
	b.WriteString("(CASE " + column)
	for _, c := range choices {
		b.WriteString(" WHEN '" + strings.ReplaceAll(c.Value, "'", "''") + "' THEN '" + strings.ReplaceAll(c.Label, "'", "''") + "'")
	}
	b.WriteString(" ELSE " + column + " END)")
	return b.String()
}
