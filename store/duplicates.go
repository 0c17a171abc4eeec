package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// One enterprise is one record: a credit code belongs to one enterprise, an
// enterprise's name to one enterprise, an organisation's name to one
// organisation, and an organisation has one brand. Each save asks the
// database inside its transaction (the rules below), an import and an
// upload also compare their own records with each other, and unique
// indexes (migration 00010) hold the rules under every path.

// nameSpaces are the characters a name key leaves out: the spaces a clerk
// types or pastes (space, tab, line breaks, the no-break and the
// ideographic (full-width) space) and the invisible zero-width space and
// byte-order mark. Migration 00010 computes the same key in SQL.
const nameSpaces = " \t\n\r\u00a0\u3000\u200b\ufeff"

// NameKey is the form in which names are compared for duplicates: without
// spaces, full-width brackets （） as ( ), Latin letters upper-cased. A
// clerk takes "湖南立方新能源科技有限公司 " and "湖南立方新能源科技有限公司"
// for one name, and so does the portal. The generated name_key columns of
// enterprises and organizations (migration 00010) hold the same key; a
// test checks that both agree.
func NameKey(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		switch {
		case strings.ContainsRune(nameSpaces, r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// creditCodeKey is the form in which credit codes are compared.
func creditCodeKey(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// sameNameNote explains a duplicate whose spelling differs from the name
// typed, so that the clerk sees why the two count as one.
func sameNameNote(typed, existing string) string {
	if typed == existing {
		return ""
	}
	return "（比较名称时不计空格、全角半角括号和英文大小写）"
}

// has says whether the problems already name field.
func (ps problems) has(field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}

// otherRecord reads the interchange id and name of the record query finds,
// "" when there is none.
func otherRecord(ctx context.Context, tx *writeTx, query string, args ...any) (id, name string, err error) {
	err = tx.QueryRowContext(ctx, query, args...).Scan(&id, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return id, name, err
}

// duplicateEnterprise adds a problem when another enterprise than rowid
// already has e's credit code or e's name. Fields with a problem already
// (a malformed code) are not compared.
func duplicateEnterprise(ctx context.Context, tx *writeTx, ps *problems, e Enterprise, rowid int64) error {
	if e.CreditCode != "" && !ps.has("credit_code") {
		id, name, err := otherRecord(ctx, tx, `SELECT source_id, name FROM enterprises WHERE park_id = ? AND credit_code = ? AND id != ?`,
			ParkOf(ctx), creditCodeKey(e.CreditCode), rowid)
		if err != nil {
			return fmt.Errorf("store: unable to check credit code: %w", err)
		}
		if id != "" {
			ps.add(&Problem{Field: "credit_code", Code: CodeDuplicateCreditCode, Existing: id,
				Message: fmt.Sprintf("已有企业“%s”使用此统一社会信用代码", clipText(name))})
		}
	}
	if key := NameKey(e.Name); key != "" && !ps.has("name") {
		id, name, err := otherRecord(ctx, tx, `SELECT source_id, name FROM enterprises WHERE park_id = ? AND name_key = ? AND id != ?`, ParkOf(ctx), key, rowid)
		if err != nil {
			return fmt.Errorf("store: unable to check enterprise name: %w", err)
		}
		if id != "" {
			ps.add(&Problem{Field: "name", Code: CodeDuplicateName, Existing: id,
				Message: fmt.Sprintf("已有企业“%s”使用此名称%s", clipText(name), sameNameNote(e.Name, name))})
		}
	}
	return nil
}

// duplicateOrganization adds a problem when another organisation than
// rowid already has o's name.
func duplicateOrganization(ctx context.Context, tx *writeTx, ps *problems, o Organization, rowid int64) error {
	key := NameKey(o.Name)
	if key == "" || ps.has("name") {
		return nil
	}
	id, name, err := otherRecord(ctx, tx, `SELECT source_id, name FROM organizations WHERE park_id = ? AND name_key = ? AND id != ?`, ParkOf(ctx), key, rowid)
	if err != nil {
		return fmt.Errorf("store: unable to check organisation name: %w", err)
	}
	if id != "" {
		ps.add(&Problem{Field: "name", Code: CodeDuplicateName, Existing: id,
			Message: fmt.Sprintf("已有党组织“%s”使用此名称%s", clipText(name), sameNameNote(o.Name, name))})
	}
	return nil
}

// secondBrand adds a problem when organisation (a rowid) already has a
// brand other than key: an organisation has one brand, changed as it
// goes, never a second beside it.
func secondBrand(ctx context.Context, tx *writeTx, ps *problems, organization, key int64) error {
	if organization == 0 {
		return nil
	}
	var other int64
	var brand, org string
	err := tx.QueryRowContext(ctx, `SELECT b.id, b.name, o.name FROM brands b JOIN organizations o ON o.id = b.organization_id
		WHERE b.organization_id = ? AND b.id != ?`, organization, key).Scan(&other, &brand, &org)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: unable to check the brands of organisation: %w", err)
	}
	ps.add(&Problem{Field: "organization", Code: CodeDuplicateBrand, Existing: strconv.FormatInt(other, 10),
		Message: fmt.Sprintf("党组织“%s”已有党建品牌“%s”；一个党组织只有一个品牌，请修改已有的品牌", clipText(org), clipText(brand))})
	return nil
}

// brandOf is the rowid of organisation's brand (a rowid), 0 when it has
// none.
func brandOf(ctx context.Context, tx *writeTx, organization int64) (int64, error) {
	var key int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM brands WHERE organization_id = ? ORDER BY id LIMIT 1`, organization).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to find the brand of organisation: %w", err)
	}
	return key, nil
}

// firstRecord is the first record of a document (or an upload) with a
// value that must not repeat: where it is, its id and how it is named.
type firstRecord struct {
	index int
	id    string
	name  string
}

// uniqueValues remembers, for an import, the first record with each value
// of one field that must be unique in its collection.
type uniqueValues map[string]firstRecord

// see records value for the record at; it returns the earlier record with
// the same value, if any.
func (u uniqueValues) see(value string, at recordSite, name string) (firstRecord, bool) {
	if value == "" {
		return firstRecord{}, false
	}
	if first, dup := u[value]; dup {
		return first, true
	}
	u[value] = firstRecord{index: at.index, id: at.id, name: name}
	return firstRecord{}, false
}

// enterpriseOnce adds a problem when an earlier enterprise of the document
// has e's credit code or e's name.
func (im *importer) enterpriseOnce(at recordSite, e Enterprise) {
	if CheckCreditCode("credit_code", e.CreditCode) == nil {
		if first, dup := im.creditCodes.see(creditCodeKey(e.CreditCode), at, e.Name); dup {
			im.add(at, Problem{Field: "credit_code", Code: CodeDuplicateCreditCode, Existing: first.id,
				Message: fmt.Sprintf("与第 %d 条企业“%s”的统一社会信用代码相同；同一家企业只能登记一次", first.index, clipText(first.name))})
		}
	}
	if first, dup := im.enterpriseNames.see(NameKey(e.Name), at, e.Name); dup {
		im.add(at, Problem{Field: "name", Code: CodeDuplicateName, Existing: first.id,
			Message: fmt.Sprintf("与第 %d 条企业“%s”同名%s；同一家企业只能登记一次", first.index, clipText(first.name), sameNameNote(e.Name, first.name))})
	}
}

// organizationOnce adds a problem when an earlier organisation of the
// document has o's name.
func (im *importer) organizationOnce(at recordSite, o Organization) {
	if first, dup := im.organizationNames.see(NameKey(o.Name), at, o.Name); dup {
		im.add(at, Problem{Field: "name", Code: CodeDuplicateName, Existing: first.id,
			Message: fmt.Sprintf("与第 %d 条党组织“%s”同名%s", first.index, clipText(first.name), sameNameNote(o.Name, first.name))})
	}
}

// brandOnce adds a problem when an earlier brand of the document belongs
// to b's organisation.
func (im *importer) brandOnce(at recordSite, b Brand) {
	if first, dup := im.brandOrganizations.see(b.Organization, at, b.Name); dup {
		im.add(at, Problem{Field: "organization", Code: CodeDuplicateBrand,
			Message: fmt.Sprintf("党组织“%s”已有品牌（第 %d 条“%s”）；一个党组织只有一个品牌", clipText(b.Organization), first.index, clipText(first.name))})
	}
}

// brandFilingOf is the organisation's latest brand filing, 0 when it has
// none. A secretary's new brand filing goes into it (SaveFiling): an
// organisation has one brand, and a second new filing would publish a
// second one.
func brandFilingOf(ctx context.Context, tx *writeTx, o orgRef) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM filings WHERE organization_id = ? AND kind = ?
		ORDER BY updated_at DESC, id DESC LIMIT 1`, o.key, FilingBrand).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to find the brand filing of organisation: %w", err)
	}
	return id, nil
}
