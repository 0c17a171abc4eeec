package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"parkportal/store"
)

// fieldLinksTo checks that the message at field (and its line in the error
// summary) says says and links to the existing record at href.
func fieldLinksTo(t *testing.T, body, field, says, href string) {
	t.Helper()
	d := doc(t, body)
	msg := d.Find("#" + field + "-error")
	if !strings.Contains(msg.Text(), says) {
		t.Errorf("the message at %s is %q, want it to say %q", field, msg.Text(), says)
	}
	if got, _ := msg.Find(`a[data-testid="existing-record"]`).Attr("href"); got != href {
		t.Errorf("the message at %s links to %q, want %q", field, got, href)
	}
	if d.Find(`[data-testid="error-summary"] li:contains("`+says+`") a[data-testid="existing-record"][href="`+href+`"]`).Length() != 1 {
		t.Errorf("the error summary does not link to %s", href)
	}
}

// formOf is the values of a page's form as its inputs and selects hold
// them.
func formOf(t *testing.T, body, form string) url.Values {
	t.Helper()
	values := url.Values{}
	doc(t, body).Find(form + " input, " + form + " select").Each(func(_ int, s *goqueryS) {
		name, _ := s.Attr("name")
		if name == "" || name == "_csrf" {
			return
		}
		v, _ := s.Attr("value")
		if s.Is("select") {
			v, _ = s.Find("option[selected]").Attr("value")
		}
		values.Add(name, v)
	})
	return values
}

// The enterprise form refuses a credit code or a name that another
// enterprise has, at the field, naming and linking that enterprise: a new
// enterprise, and an edit of another one.
func TestEnterpriseFormRefusesAnotherEnterprisesCodeOrName(t *testing.T) {
	ts, c, token := staffClient(t)
	ctx := context.Background()
	ent2, _, err := ts.Store.EnterpriseByID(ctx, "ent-002")
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{
		"_csrf": {token}, "id": {"ent-new-1"}, "name": {ent2.Name + " "}, "credit_code": {strings.ToLower(ent2.CreditCode)},
		"stage": {"startup"},
	}
	res, body := ts.post(c, "/workbench/enterprises", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a new enterprise repeating ent-002: %d, want 422", res.StatusCode)
	}
	fieldLinksTo(t, body, "credit_code", "已有企业“"+ent2.Name+"”使用此统一社会信用代码", "/workbench/enterprises/ent-002")
	fieldLinksTo(t, body, "name", "已有企业“"+ent2.Name+"”使用此名称", "/workbench/enterprises/ent-002")
	if _, _, err := ts.Store.EnterpriseByID(ctx, "ent-new-1"); err == nil {
		t.Error("the refused enterprise was saved")
	}

	edit := ts.csrf(c, "/workbench/enterprises/ent-003/edit")
	_, body = ts.get(c, "/workbench/enterprises/ent-003/edit")
	change := formOf(t, body, `[data-testid="enterprise-form"]`)
	change.Set("_csrf", edit)
	change.Set("credit_code", ent2.CreditCode)
	res, body = ts.post(c, "/workbench/enterprises/ent-003", change)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("ent-003 taking ent-002's code: %d, want 422", res.StatusCode)
	}
	fieldLinksTo(t, body, "credit_code", "已有企业“"+ent2.Name+"”使用此统一社会信用代码", "/workbench/enterprises/ent-002")
	if got, _ := doc(t, body).Find("#credit_code").Attr("value"); got != ent2.CreditCode {
		t.Errorf("the typed code is kept as %q", got)
	}
	if e := ts.enterprise("ent-003"); e.CreditCode == ent2.CreditCode {
		t.Error("ent-003 took ent-002's code")
	}
}

// An upload refuses a row repeating an enterprise of the ledger, and a row
// repeating an earlier row; the preview names the row and the column, and
// links to the enterprise of the ledger.
func TestEnterpriseUploadRefusesRepeatedEnterprises(t *testing.T) {
	ts, c, token := staffClient(t)
	ent2, _, err := ts.Store.EnterpriseByID(context.Background(), "ent-002")
	if err != nil {
		t.Fatal(err)
	}
	_, export := ts.get(c, "/workbench/enterprises.xlsx?q="+url.QueryEscape("株洲"))
	data := []byte(export)

	repeatsLedger := editSheet(t, data, map[string]any{"A300": "ent-new-1", "B300": "新企业甲", "C300": ent2.CreditCode, "D300": "初创期"})
	res, body := ts.postFile(c, "/workbench/enterprises/upload", token, "repeat.xlsx", repeatsLedger)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a row repeating ent-002: %d, want 422", res.StatusCode)
	}
	row := doc(t, body).Find(`[data-testid="problems"] tbody tr`)
	if row.Length() != 1 {
		t.Fatalf("%d problems, want 1: %q", row.Length(), row.Text())
	}
	for _, want := range []string{"第 300 行", "C（统一社会信用代码）", "已有企业“" + ent2.Name + "”使用此统一社会信用代码"} {
		if !strings.Contains(row.Text(), want) {
			t.Errorf("the problem %q does not say %q", row.Text(), want)
		}
	}
	if href, _ := row.Find(`a[data-testid="existing-record"]`).Attr("href"); href != "/workbench/enterprises/ent-002" {
		t.Errorf("the problem links to %q", href)
	}

	repeatsRow := editSheet(t, data, map[string]any{
		"A300": "ent-new-1", "B300": "新企业甲", "C300": "91430200MA4L00001P", "D300": "初创期",
		"A301": "ent-new-2", "B301": "新企业乙", "C301": "91430200MA4L00001P", "D301": "初创期",
		"A302": "ent-new-3", "B302": "新企业（甲）", "D302": "初创期",
		"A303": "ent-new-4", "B303": "新企业(甲)", "D303": "初创期",
	})
	res, body = ts.postFile(c, "/workbench/enterprises/upload", token, "rows.xlsx", repeatsRow)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("rows repeating each other: %d, want 422", res.StatusCode)
	}
	problems := doc(t, body).Find(`[data-testid="problems"] tbody tr`)
	if problems.Length() != 2 {
		t.Fatalf("%d problems, want 2: %q", problems.Length(), problems.Text())
	}
	for i, want := range [][]string{
		{"第 301 行", "C（统一社会信用代码）", "与第 300 行“新企业甲”的统一社会信用代码相同"},
		{"第 303 行", "B（企业名称）", "与第 302 行“新企业（甲）”的企业名称相同"},
	} {
		text := problems.Eq(i).Text()
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("problem %d %q does not say %q", i+1, text, w)
			}
		}
	}
}

// The organisation form refuses a name another organisation has, linking
// to it.
func TestOrganizationFormRefusesAnotherOrganizationsName(t *testing.T) {
	ts, c, _ := staffClient(t)
	org1, _, err := ts.Store.OrganizationByID(context.Background(), "org-01")
	if err != nil {
		t.Fatal(err)
	}
	token := ts.csrf(c, "/workbench/organizations/new")
	form := url.Values{"_csrf": {token}, "id": {"org-new-1"}, "name": {" " + org1.Name}, "kind": {"branch"}, "formed": {"2024-03-01"},
		"enterprises": {"ent-200"}}
	res, body := ts.post(c, "/workbench/organizations", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a new organisation named as org-01: %d, want 422", res.StatusCode)
	}
	fieldLinksTo(t, body, "name", "已有党组织“"+org1.Name+"”使用此名称", "/workbench/organizations/org-01")

	edit := ts.csrf(c, "/workbench/organizations/org-02/edit")
	_, body = ts.get(c, "/workbench/organizations/org-02/edit")
	change := formOf(t, body, "main form")
	change.Set("_csrf", edit)
	change.Set("name", org1.Name)
	res, body = ts.post(c, "/workbench/organizations/org-02", change)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("org-02 renamed as org-01: %d, want 422\n%s", res.StatusCode, doc(t, body).Find("main").Text())
	}
	fieldLinksTo(t, body, "name", "已有党组织“"+org1.Name+"”使用此名称", "/workbench/organizations/org-01")
}

// The staff's brand form refuses a second brand for an organisation,
// linking to the one it has.
func TestBrandFormRefusesASecondBrand(t *testing.T) {
	ts, c, _ := staffClient(t)
	key, err := ts.Store.OrganizationBrandKey(context.Background(), "org-01")
	if err != nil || key == 0 {
		t.Fatalf("org-01's brand: %d, %v", key, err)
	}
	token := ts.csrf(c, "/workbench/brands/new")
	form := url.Values{"_csrf": {token}, "organization": {"org-01"}, "name": {"第二个品牌"}, "launched": {"2024-01-01"}, "status": {"published"}}
	res, body := ts.post(c, "/workbench/brands", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a second brand for org-01: %d, want 422", res.StatusCode)
	}
	fieldLinksTo(t, body, "organization", "已有党建品牌", "/workbench/brands/"+strconv.FormatInt(key, 10))
}

// A secretary's brand filed as new, when the organisation has a brand,
// changes that brand; filed as new again, it is the same filing's next
// version. The organisation keeps one brand.
func TestSecondBrandFilingChangesTheBrand(t *testing.T) {
	ts, staff, secA, _ := secretaryServer(t)
	ctx := context.Background()
	key, err := ts.Store.OrganizationBrandKey(ctx, "org-04")
	if err != nil || key == 0 {
		t.Fatalf("org-04's brand: %d, %v", key, err)
	}
	token := ts.csrf(secA, "/org/brand")
	file := func(name string) store.Filing {
		t.Helper()
		res, body := ts.postMultipart(secA, "/org/brands", url.Values{"_csrf": {token}, "name": {name}, "launched": {"2023-01-01"}, "action": {"submit"},
			"record_version": {recordVersionOf(t, ts, "org-04", 0)}}, nil)
		m := filingLocation.FindStringSubmatch(res.Header.Get("Location"))
		if m == nil {
			t.Fatalf("brand filing: %d\n%s", res.StatusCode, doc(t, body).Find("main").Text())
		}
		f, err := ts.Store.FilingOf(ctx, mustAtoi(t, m[1]), "org-04")
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	first := file("绿能星火2.0")
	if first.RecordKey != key {
		t.Errorf("the filing changes brand %d, want org-04's %d", first.RecordKey, key)
	}
	second := file("绿能星火3.0")
	if second.ID != first.ID || second.Version != first.Version+1 {
		t.Errorf("filed again: filing %d version %d, want filing %d version %d", second.ID, second.Version, first.ID, first.Version+1)
	}
	review := "/workbench/review/" + strconv.FormatInt(second.ID, 10)
	res, _ := ts.post(staff, review+"/publish", ts.opened(staff, review, nil))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	ledger, err := ts.Store.BrandLedger(ctx, store.BrandLedgerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	brands := 0
	for _, b := range ledger {
		if b.Organization == "org-04" {
			brands++
		}
	}
	if brands != 1 {
		t.Errorf("org-04 has %d brands, want 1", brands)
	}
	if b, _ := ts.Store.BrandByKey(ctx, key); b.Name != "绿能星火3.0" {
		t.Errorf("org-04's brand is %q, want 绿能星火3.0", b.Name)
	}
}
