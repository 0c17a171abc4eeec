package web

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"parkportal/store"
	"parkportal/views"
)

// actionNames are the audit actions in the clerk's words.
var actionNames = map[string]string{
	store.ActionCreate: "新建", store.ActionUpdate: "修改", store.ActionDelete: "删除", "import": "导入", "upload": "Excel 导入",
	store.ActionDraft: "保存草稿", store.ActionSubmit: "提交审核", store.ActionPublish: "发布", store.ActionReturn: "退回修改",
}

// recordHistory is a record's audit entries as a timeline, newest first,
// each with what changed field by field.
func (s *Server) recordHistory(ctx context.Context, collection string, key int64, fieldOrder []string, show func(field string, v any) string) ([]views.HistoryItem, error) {
	entries, err := s.store.AuditEntries(ctx, store.AuditFilter{Collection: collection, RecordKey: key, Limit: 50})
	if err != nil {
		return nil, err
	}
	var items []views.HistoryItem
	for _, e := range entries {
		item := views.HistoryItem{
			When: e.At.In(chinaTime).Format("2006年1月2日 15:04"), Who: e.Username, Action: actionNames[e.Action],
		}
		before, after := decodeRecord(e.Before), decodeRecord(e.After)
		for _, field := range fieldOrder {
			b, a := show(field, before[field]), show(field, after[field])
			if b != a {
				item.Changes = append(item.Changes, views.FieldChange{Label: store.FieldLabel(collection, field), Before: b, After: a})
			}
		}
		items = append(items, item)
	}
	return items, nil
}

func decodeRecord(b json.RawMessage) map[string]any {
	m := map[string]any{}
	if len(b) > 0 {
		_ = json.Unmarshal(b, &m)
	}
	return m
}

// plainValue shows a decoded JSON value as text: lists joined, numbers
// without exponents, booleans as 是/否.
func plainValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "是"
		}
		return "否"
	case float64:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
	case []any:
		var parts []string
		for _, it := range x {
			parts = append(parts, plainValue(it))
		}
		return strings.Join(parts, "、")
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, plainValue(x[k]))
		}
		return strings.Join(parts, " ")
	}
	return fmt.Sprint(v)
}

// chinaTime is the park's clock (UTC+8, no daylight saving), which the
// tzdata-free binary knows without a zone database.
var chinaTime = time.FixedZone("CST", 8*3600)
