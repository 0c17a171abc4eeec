package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The annual report's data dictionary: every figure of `portal report`, by
// its key in the flattened JSON object (incubation.services.equipment), in
// Chinese, following the definitions of the interchange spec.

type figureDef struct {
	Label string
	Unit  string // measure word; "%" for ratios
	Text  string
}

// reportSectionTitles names the report's top-level groups.
var reportSectionTitles = []struct{ Slug, Title string }{
	{"incubation", "孵化工程·育种计划"},
	{"uplift", "提质工程·壮苗计划"},
	{"brand", "品牌工程·成林计划"},
	{"activities", "各项工程活动"},
}

var figureDefs = map[string]figureDef{
	"year":                             {"报告年度", "年", "报告所统计的年度。"},
	"incubation.enterprises_surveyed":  {"摸排企业", "家", "当年有“三有”摸排记录的企业数，同一企业多次摸排只计一次。"},
	"incubation.sanyou_qualified":      {"符合“三有”条件的企业", "家", "当年摸排的企业中，当年最后一次摸排同时满足有固定场所、有10名以上员工、有生产经营活动的企业数。"},
	"incubation.branches_formed":       {"新组建党支部", "个", "当年成立、类别为党支部的党组织数。"},
	"incubation.joint_branches_formed": {"新组建联合党支部", "个", "当年成立、类别为联合党支部的党组织数。"},
	"incubation.startups_covered":      {"新覆盖初创期企业", "家", "当年成立的党支部和联合党支部所覆盖的企业中，在党组织成立当日处于初创期的企业数，不重复计数。"},
	"incubation.staff_serving":         {"企业服务专员和党建指导员", "名", "当年在岗的“两员”人数：到岗日期在当年年底及以前，且没有在当年1月1日前离任。"},
	"incubation.services.equipment":    {"共享设备有效服务", "次", "当年有效的共享设备服务次数。"},
	"incubation.services.finance_tax":  {"共享财税有效服务", "次", "当年有效的共享财税服务次数。"},
	"incubation.services.legal":        {"共享法务有效服务", "次", "当年有效的共享法务服务次数。"},
	"incubation.services.venue":        {"共享阵地有效服务", "次", "当年有效的共享阵地服务次数。"},
	"incubation.equipment_saving_ratio": {"设备共享为企业节省成本", "%",
		"当年有效、且有市场价的共享设备服务：1 −（实际费用合计 ÷ 市场价合计），保留两位小数（页面上显示为百分比）；当年没有这类服务时为空（JSON 中为 null）。"},
	"uplift.members_developed":            {"新发展党员", "名", "当年被接收为预备党员的人数（“发展党员”即接收为预备党员）。"},
	"uplift.members_developed_management": {"其中管理层以上", "名", "当年新发展党员中，属于企业管理层及以上的人数。"},
	"uplift.university_lines":             {"高校直通车", "条", "截至当年年底已开通的高校直通车数。"},
	"uplift.zjtx_provincial_new":          {"新增省级专精特新企业", "家", "年度为当年的省级专精特新企业认定数。"},
	"brand.brands_published":              {"已发布党建品牌", "个", "截至当年年底创建、且已发布的党建品牌数。"},
	"brand.benchmarks_city_new":           {"新评市级标杆党组织", "家", "当年获评市级标杆党组织的党组织数，不重复计数。"},
	"brand.benchmarks_city_or_above":      {"市级以上标杆党组织", "家", "截至当年获评市级、省级或国家级标杆党组织的党组织数，不重复计数。"},
	"activities.incubation":               {"孵化工程活动", "次", "当年已发布的孵化工程·育种计划活动数。"},
	"activities.uplift":                   {"提质工程活动", "次", "当年已发布的提质工程·壮苗计划活动数。"},
	"activities.brand":                    {"品牌工程活动", "次", "当年已发布的品牌工程·成林计划活动数。"},
}

// figureDefinition finds the definition of a flattened key, including the
// open-ended social-responsibility kinds.
func figureDefinition(key string) figureDef {
	if d, ok := figureDefs[key]; ok {
		return d
	}
	if kind, ok := strings.CutPrefix(key, "brand.responsibility_year."); ok {
		return figureDef{"当年社会责任受益人数：" + responsibilityKindName(kind), "人",
			"当年已发布的“" + responsibilityKindName(kind) + "”社会责任记录的受益人数之和。"}
	}
	if kind, ok := strings.CutPrefix(key, "brand.responsibility_total."); ok {
		return figureDef{"累计社会责任受益人数：" + responsibilityKindName(kind), "人",
			"截至当年年底已发布的“" + responsibilityKindName(kind) + "”社会责任记录的受益人数之和。"}
	}
	return figureDef{Label: key, Text: ""}
}

// figureValue is one figure of a flattened report; Value is nil for null.
type figureValue struct {
	Key   string
	Value *float64
}

// flattenReport walks the report's JSON object in order and lists its
// figures with dotted keys, leaving out "year". Walking the JSON rather
// than the struct keeps the page, the CSV and the JSON file in step with
// whatever `portal report` prints.
func flattenReport(r store.Report) ([]figureValue, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out []figureValue
	var walk func(prefix string) error
	walk = func(prefix string) error {
		if _, err := dec.Token(); err != nil { // {
			return err
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return err
			}
			key := t.(string)
			if prefix != "" {
				key = prefix + "." + key
			}
			if next := peekDelim(b, dec.InputOffset()); next == '{' {
				if err := walk(key); err != nil {
					return err
				}
				continue
			}
			v, err := dec.Token()
			if err != nil {
				return err
			}
			fv := figureValue{Key: key}
			if n, ok := v.(json.Number); ok {
				x, err := n.Float64()
				if err != nil {
					return err
				}
				fv.Value = &x
			}
			if key != "year" {
				out = append(out, fv)
			}
		}
		_, err := dec.Token() // }
		return err
	}
	if err := walk(""); err != nil {
		return nil, fmt.Errorf("web: unable to read the report: %w", err)
	}
	return out, nil
}

// peekDelim is the next non-space, non-colon byte of b from offset.
func peekDelim(b []byte, offset int64) byte {
	for i := int(offset); i < len(b); i++ {
		switch b[i] {
		case ' ', '\n', '\t', '\r', ':':
			continue
		}
		return b[i]
	}
	return 0
}

func sectionOf(key string) string {
	s, _, _ := strings.Cut(key, ".")
	return s
}

// formatFigure writes a value with its unit: "55家", "50%", "—" for null.
func formatFigure(key string, v *float64) string {
	if v == nil {
		return "—"
	}
	d := figureDefinition(key)
	if d.Unit == "%" {
		return views.Percent(*v)
	}
	return views.Count(int(*v), d.Unit)
}

// definitionSections is the dictionary for a report's keys (or, with nil,
// for the keys every report has plus the two responsibility kinds always
// shown).
func definitionSections(keys []string) []views.DefinitionSection {
	if keys == nil {
		keys = dictionaryKeys()
	}
	var out []views.DefinitionSection
	for _, sec := range reportSectionTitles {
		ds := views.DefinitionSection{Title: sec.Title}
		for _, k := range keys {
			if sectionOf(k) != sec.Slug {
				continue
			}
			d := figureDefinition(k)
			unit := d.Unit
			if unit == "%" {
				unit = "百分比"
			}
			ds.Items = append(ds.Items, views.Definition{Key: k, Label: d.Label, Unit: unit, Text: d.Text})
		}
		if len(ds.Items) > 0 {
			out = append(out, ds)
		}
	}
	return out
}

// dictionaryKeys are the keys of an empty report, in order.
func dictionaryKeys() []string {
	figs, err := flattenReport(store.Report{Brand: store.BrandFigures{
		ResponsibilityYear:  store.KindTotals{{Kind: "employment_aid"}, {Kind: "disability_employment"}},
		ResponsibilityTotal: store.KindTotals{{Kind: "employment_aid"}, {Kind: "disability_employment"}},
	}})
	if err != nil {
		return nil
	}
	keys := make([]string, len(figs))
	for i, f := range figs {
		keys[i] = f.Key
	}
	return keys
}

// csvColumns explain the CSV file's columns.
var csvColumns = []views.Definition{
	{Key: "key", Label: "字段", Text: "指标的字段名，与上表“字段”一列相同，例如 incubation.startups_covered。"},
	{Key: "label", Label: "指标", Text: "指标的中文名称。"},
	{Key: "value", Label: "数值", Text: "报告年度的数值；比例为 0 到 1 之间的小数，无数据时为空。"},
	{Key: "previous", Label: "上年", Text: "上一年度的数值；上一年度没有台账记录时为空。"},
	{Key: "change", Label: "变化", Text: "数值减去上年数值；比例的变化同样为小数；无法比较时为空。"},
}

// showDefinitionsPage is the data dictionary.
func (s *Server) showDefinitionsPage(c echo.Context) (publicPage, error) {
	v := views.DefinitionsView{Sections: definitionSections(nil), Columns: csvColumns}
	return publicPage{
		Title:       "数据说明",
		Description: "园区党建年度报告各项数据的统计口径与下载文件格式说明。",
		Content:     views.DefinitionsPage(v),
	}, nil
}
