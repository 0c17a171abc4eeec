package web

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"parkportal/store"
	"parkportal/views"
)

// actionNames are the audit actions in the clerk's words.
var actionNames = map[string]string{
	store.ActionCreate: "新建", store.ActionUpdate: "修改", store.ActionDelete: "删除", "import": "导入", "upload": "Excel 导入",
	store.ActionDraft: "保存草稿", store.ActionSubmit: "提交审核", store.ActionPublish: "发布", store.ActionReturn: "退回修改",
}

// recordHistory is a record's audit entries as a timeline, newest first,
// each with what changed field by field: the records it refers to by
// name, not by id, and a list's change as what was added and removed.
func (s *Server) recordHistory(ctx context.Context, collection store.Collection, key int64, fieldOrder []string, show func(field string, v any) string) ([]views.HistoryItem, error) {
	entries, err := s.store.AuditEntries(ctx, store.AuditFilter{Collection: collection, RecordKey: key, Limit: 50})
	if err != nil {
		return nil, err
	}
	befores, afters := make([]map[string]any, len(entries)), make([]map[string]any, len(entries))
	for i, e := range entries {
		befores[i], afters[i] = decodeRecord(e.Before), decodeRecord(e.After)
	}
	if err := s.nameReferences(ctx, append(befores, afters...)); err != nil {
		return nil, err
	}
	var items []views.HistoryItem
	for i, e := range entries {
		item := views.HistoryItem{When: views.Timestamp(e.At), Who: e.Author(), Action: actionNames[e.Action]}
		item.Changes = fieldChanges(collection, fieldOrder, show, befores[i], afters[i])
		items = append(items, item)
	}
	return items, nil
}

// fieldChanges is what differs between two versions of a record (interchange
// JSON, references named), field by field as its pages show them: a list's
// change as what was added and removed. Before is empty for a new record.
func fieldChanges(collection store.Collection, fieldOrder []string, show func(field string, v any) string, before, after map[string]any) []views.FieldChange {
	var out []views.FieldChange
	for _, field := range fieldOrder {
		b, a := show(field, before[field]), show(field, after[field])
		if b == a {
			continue
		}
		change := views.FieldChange{Label: store.FieldLabel(collection, field), Before: b, After: a}
		bl, _ := before[field].([]any)
		al, _ := after[field].([]any)
		if len(bl) > 0 && len(al) > 0 {
			change.Added, change.Removed = listChange(shownItems(show, field, bl), shownItems(show, field, al))
		}
		out = append(out, change)
	}
	return out
}

// referenceFields are the fields that name another record by its
// interchange id, and the collection it is in.
var referenceFields = map[string]string{
	"enterprise": "enterprises", "enterprises": "enterprises", "organization": "organizations", "organizer": "organizations",
}

// nameReferences puts the names of the enterprises and organisations that
// records refer to in place of their ids (an id that names nothing, a
// record since deleted, stays). Queries: one per collection referred to.
func (s *Server) nameReferences(ctx context.Context, records []map[string]any) error {
	ids := map[string][]string{}
	for _, r := range records {
		for field, collection := range referenceFields {
			switch v := r[field].(type) {
			case string:
				ids[collection] = append(ids[collection], v)
			case []any:
				for _, it := range v {
					if id, ok := it.(string); ok {
						ids[collection] = append(ids[collection], id)
					}
				}
			}
		}
	}
	names := map[string]map[string]string{}
	for collection, list := range ids {
		slices.Sort(list)
		list = slices.Compact(list)
		var err error
		if collection == "enterprises" {
			names[collection], err = s.store.EnterpriseNames(ctx, list)
		} else {
			names[collection], err = s.store.OrganizationNames(ctx, list)
		}
		if err != nil {
			return err
		}
	}
	named := func(collection string, v any) any {
		if id, ok := v.(string); ok {
			if name, ok := names[collection][id]; ok {
				return name
			}
		}
		return v
	}
	for _, r := range records {
		for field, collection := range referenceFields {
			switch v := r[field].(type) {
			case string:
				r[field] = named(collection, v)
			case []any:
				list := make([]any, len(v))
				for i, it := range v {
					list[i] = named(collection, it)
				}
				r[field] = list
			}
		}
	}
	return nil
}

// shownItems is each entry of a list field as its record page shows it.
func shownItems(show func(field string, v any) string, field string, list []any) []string {
	out := make([]string, len(list))
	for i, it := range list {
		out[i] = show(field, []any{it})
	}
	return out
}

// listChange is what a list gained and lost, in the order of each list.
func listChange(before, after []string) (added, removed []string) {
	for _, a := range after {
		if !slices.Contains(before, a) {
			added = append(added, a)
		}
	}
	for _, b := range before {
		if !slices.Contains(after, b) {
			removed = append(removed, b)
		}
	}
	return added, removed
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

// chinaTime is the park's time zone (UTC+8, no daylight saving): the
// store's, so that a page's "today" is the report calendar's.
var chinaTime = store.ChinaTime
