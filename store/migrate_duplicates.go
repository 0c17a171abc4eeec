package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Migration 00010 holds "one enterprise is one record" in unique indexes.
// A database written before it may hold duplicates (the same enterprise
// saved twice through the form and again through Excel), which those
// indexes cannot take. Rather than keep the rules in the write path alone,
// with indexes that let old duplicates stand and every count built on them
// doubled, Open refuses to migrate such a database and names every
// duplicate: the database is left as it was, so the version that wrote it
// still opens it to merge them (or a restored backup can be fixed the same
// way).

// DuplicateRecordsError refuses to migrate a database that holds
// duplicates: each line names one group of records that must become one.
type DuplicateRecordsError struct {
	Duplicates []string
}

// maxDuplicatesNamed bounds how many groups the refusal lists.
const maxDuplicatesNamed = 50

// Error names the duplicates in Chinese and says what to do.
func (e *DuplicateRecordsError) Error() string {
	var b strings.Builder
	b.WriteString("数据库中有重复的记录，没有升级（数据库未作任何改动）。本版本要求一家企业、一个党组织只登记一次，一个党组织只有一个党建品牌：\n")
	for i, d := range e.Duplicates {
		if i == maxDuplicatesNamed {
			fmt.Fprintf(&b, "- 另有 %d 组未列出\n", len(e.Duplicates)-i)
			break
		}
		b.WriteString("- " + d + "\n")
	}
	b.WriteString("请先用升级前的版本合并这些记录（把引用多余一条的记录改到要保留的一条上，再删除多余的一条），或改正名称、代码，然后再启动本版本。")
	return b.String()
}

// refuseDuplicates returns a *DuplicateRecordsError when the database is
// yet to take migration 00010 and holds records that break its indexes.
func refuseDuplicates(ctx context.Context, db *sql.DB) error {
	var pending bool
	err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'enterprises')
		AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'enterprises_name_key')`).Scan(&pending)
	if err != nil {
		return fmt.Errorf("store: unable to read the schema: %w", err)
	}
	if !pending {
		return nil
	}
	var found []string
	type named struct{ id, name string }
	group := func(what string, rows []named) {
		var parts []string
		for _, r := range rows {
			parts = append(parts, r.id+"“"+r.name+"”")
		}
		found = append(found, what+"："+strings.Join(parts, "、"))
	}
	var names, codes, orgNames []string
	byName, byCode, byOrgName := map[string][]named{}, map[string][]named{}, map[string][]named{}
	err = eachRow(ctx, db, `SELECT source_id, name, COALESCE(credit_code, '') FROM enterprises ORDER BY id`, nil, func(rows *sql.Rows) error {
		var r named
		var code string
		if err := rows.Scan(&r.id, &r.name, &code); err != nil {
			return err
		}
		key := NameKey(r.name)
		if byName[key] == nil {
			names = append(names, key)
		}
		byName[key] = append(byName[key], r)
		if code != "" {
			if byCode[code] == nil {
				codes = append(codes, code)
			}
			byCode[code] = append(byCode[code], r)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to check enterprises for duplicates: %w", err)
	}
	err = eachRow(ctx, db, `SELECT source_id, name FROM organizations ORDER BY id`, nil, func(rows *sql.Rows) error {
		var r named
		if err := rows.Scan(&r.id, &r.name); err != nil {
			return err
		}
		key := NameKey(r.name)
		if byOrgName[key] == nil {
			orgNames = append(orgNames, key)
		}
		byOrgName[key] = append(byOrgName[key], r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to check organisations for duplicates: %w", err)
	}
	for _, k := range names {
		if len(byName[k]) > 1 {
			group("企业名称相同", byName[k])
		}
	}
	for _, k := range codes {
		if len(byCode[k]) > 1 {
			group("统一社会信用代码 "+k+" 相同", byCode[k])
		}
	}
	for _, k := range orgNames {
		if len(byOrgName[k]) > 1 {
			group("党组织名称相同", byOrgName[k])
		}
	}
	err = eachRow(ctx, db, `SELECT o.source_id, o.name, count(*), group_concat('“' || b.name || '”', '、') FROM brands b
		JOIN organizations o ON o.id = b.organization_id GROUP BY b.organization_id HAVING count(*) > 1 ORDER BY o.id`, nil,
		func(rows *sql.Rows) error {
			var id, name, brands string
			var n int
			if err := rows.Scan(&id, &name, &n, &brands); err != nil {
				return err
			}
			found = append(found, fmt.Sprintf("党组织 %s“%s”有 %d 个党建品牌：%s", id, name, n, brands))
			return nil
		})
	if err != nil {
		return fmt.Errorf("store: unable to check brands for duplicates: %w", err)
	}
	if len(found) > 0 {
		return &DuplicateRecordsError{Duplicates: found}
	}
	return nil
}
