package store

import (
	"context"
	"fmt"
	"parkportal/store/pgcluster"
	"slices"
	"strings"
	"testing"
)

// pickTestOrganizations saves organisations named as a park's are: most
// begin with 中共 or 株洲, so a clerk types the part in the middle.
func pickTestOrganizations(t *testing.T, s *Store) {
	t.Helper()
	for i, name := range []string{
		"中共株洲瑞源智能装备股份有限公司委员会",
		"株洲聚凯动力电池股份有限公司党支部",
		"株洲瑞源物流有限公司党支部",
		"湖南 Alpha 科技有限公司（筹）党支部",
		"中共株洲聚科生物科技有限公司委员会",
	} {
		o := Organization{ID: fmt.Sprintf("org-%02d", i+1), Name: name, Kind: "branch", Formed: "2023-05-04", Enterprises: []string{}}
		if _, err := s.SaveOrganization(context.Background(), tester, "", o); err != nil {
			t.Fatal(err)
		}
	}
}

func choiceIDs(cs []OrganizationChoice) string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ",")
}

// Suggestions find an organisation by any part of its name or id, two
// characters in the middle of a Chinese name included; the one the text
// names comes first, then names that begin with it.
func TestOrganizationSuggestions(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	pickTestOrganizations(t, s)
	for _, c := range []struct{ text, want string }{
		{"瑞源", "org-01,org-03"},   // no name begins with it: by name
		{"株洲瑞源", "org-03,org-01"}, // 株洲瑞源物流… begins with it
		{"中共株洲", "org-01,org-05"},
		{"聚", "org-05,org-02"},
		{"alpha", "org-04"}, // Latin letters in any case
		{"Alpha科技", "org-04"},
		{"有限公司(筹)", "org-04"}, // brackets and spaces are not searched
		{"org-02", "org-02"},
		{"rg-0", "org-01,org-05,org-03,org-02,org-04"},
		{"株洲聚凯动力电池股份有限公司党支部", "org-02"},
		{"中共长沙", ""},
		{"（）", ""},
		{"  ", ""},
	} {
		got, err := s.OrganizationSuggestions(ctx, c.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		if ids := choiceIDs(got); ids != c.want {
			t.Errorf("suggestions for %q: %s, want %s", c.text, ids, c.want)
		}
	}
	if got, _ := s.OrganizationSuggestions(ctx, "rg-0", 2); len(got) != 2 {
		t.Errorf("limit 2 gave %d suggestions", len(got))
	}
	// The id named exactly comes first, whatever its name.
	if got, _ := s.OrganizationSuggestions(ctx, "org-05", 10); choiceIDs(got) != "org-05" {
		t.Errorf("suggestions for org-05: %s", choiceIDs(got))
	}
}

// The search index follows every write: a renamed organisation is found by
// its new name only, a deleted one not at all, an imported park at once.
func TestNameSearchFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	pickTestOrganizations(t, s)
	o, _, err := s.OrganizationByID(ctx, "org-03")
	if err != nil {
		t.Fatal(err)
	}
	o.Name = "株洲远航物流有限公司党支部"
	if _, err := s.SaveOrganization(ctx, tester, "org-03", o); err != nil {
		t.Fatal(err)
	}
	find := func(text string) string {
		t.Helper()
		got, err := s.OrganizationSuggestions(ctx, text, 10)
		if err != nil {
			t.Fatal(err)
		}
		return choiceIDs(got)
	}
	if got := find("瑞源"); got != "org-01" {
		t.Errorf("after the rename 瑞源 finds %s, want org-01 only", got)
	}
	if got := find("远航"); got != "org-03" {
		t.Errorf("after the rename 远航 finds %q", got)
	}
	o.ID = "org-33"
	o.Version++
	if _, err := s.SaveOrganization(ctx, tester, "org-03", o); err != nil {
		t.Fatal(err)
	}
	if got := find("org-33"); got != "org-33" {
		t.Errorf("after a new id: %q", got)
	}
	if got := find("org-03"); got != "" {
		t.Errorf("the old id still finds %q", got)
	}
	if _, err := s.DeleteOrganization(ctx, tester, "org-33", o.Version+1); err != nil {
		t.Fatal(err)
	}
	if got := find("远航"); got != "" {
		t.Errorf("a deleted organisation is found: %q", got)
	}
	// Nor is it left in the index (a row number is used again). On
	// PostgreSQL the trigram index is the table's own.
	var left int
	if s.d.postgres {
	} else if err := s.read.QueryRow(`SELECT count(*) FROM organization_search WHERE organization_search MATCH ?`, searchPhrase("远航")).Scan(&left); err != nil || left != 0 {
		t.Errorf("the index keeps %d entries of the deleted organisation (%v)", left, err)
	}

	// An import (replacing every record) is searchable at once, enterprises
	// as well as organisations.
	im := openTest(t)
	if _, err := im.Import(ctx, strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ents, err := im.EnterpriseNames(ctx, []string{"e1"})
	if err != nil || ents["e1"] == "" {
		t.Fatalf("the document's enterprise e1: %v %v", ents, err)
	}
	part := string([]rune(ents["e1"])[2:4])
	got, err := im.EnterpriseSuggestions(ctx, part, 10)
	if err != nil || !slices.ContainsFunc(got, func(e EnterpriseLink) bool { return e.ID == "e1" }) {
		t.Errorf("enterprise suggestions for %q after an import: %v %v", part, got, err)
	}
}

// A save that keeps the name and id leaves the search index as it is
// (migration 00022): each write of it is a new FTS5 segment and, now and
// then, a merge inside the save. A rename is found at once.
func TestSearchIsWrittenOnlyOnRename(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it reads the FTS5 index's own pages; PostgreSQL's trigram index is the table's")
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, strings.NewReader(validDocument), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	index := func() string {
		t.Helper()
		var all string
		err := s.read.QueryRowContext(ctx, `SELECT coalesce(group_concat(id || ':' || hex(block), ','), '') FROM
			(SELECT id, block FROM enterprise_search_data UNION ALL SELECT -id, block FROM organization_search_data ORDER BY 1)`).Scan(&all)
		if err != nil {
			t.Fatal(err)
		}
		return all
	}
	before := index()
	e, _, err := s.EnterpriseByID(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	n := 77
	e.Employees = &n
	if _, err := s.SaveEnterprise(ctx, tester, "e1", e); err != nil {
		t.Fatal(err)
	}
	o, _, err := s.OrganizationByID(ctx, "o1")
	if err != nil {
		t.Fatal(err)
	}
	o.Secretary = "李书记"
	if _, err := s.SaveOrganization(ctx, tester, "o1", o); err != nil {
		t.Fatal(err)
	}
	if index() != before {
		t.Error("saves that kept every name and id wrote the search index")
	}
	e.Name, e.Version = "株洲远航精密制造有限公司", e.Version+1
	if _, err := s.SaveEnterprise(ctx, tester, "e1", e); err != nil {
		t.Fatal(err)
	}
	if index() == before {
		t.Error("a rename left the search index as it was")
	}
	got, err := s.EnterpriseSuggestions(ctx, "远航", 10)
	if err != nil || len(got) != 1 || got[0].ID != "e1" {
		t.Errorf("远航 after the rename finds %v (%v), want e1", got, err)
	}
}

// A pick is the organisation whose id or name was typed; anything else
// names none and lists those it could mean.
func TestPickOrganization(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	pickTestOrganizations(t, s)
	for _, c := range []struct {
		text, found, candidates string
		more                    bool
	}{
		{"org-02", "org-02", "", false},
		{" org-02 ", "org-02", "", false},
		{"株洲聚凯动力电池股份有限公司党支部", "org-02", "", false},
		{"株洲聚凯动力电池 股份有限公司党支部", "org-02", "", false},  // a space typed: the same name
		{"湖南alpha科技有限公司(筹)党支部", "org-04", "", false}, // letters' case and brackets' width too
		{"瑞源", "", "org-01,org-03", false},
		{"聚凯", "", "org-02", false},
		{"中共长沙", "", "", false},
		{"", "", "", false},
	} {
		p, err := s.PickOrganization(ctx, c.text)
		if err != nil {
			t.Fatal(err)
		}
		if p.Found.ID != c.found || choiceIDs(p.Candidates) != c.candidates || p.More != c.more {
			t.Errorf("pick %q: found %q, candidates %s, more %v; want %q, %s, %v", c.text, p.Found.ID, choiceIDs(p.Candidates), p.More, c.found, c.candidates, c.more)
		}
		if p.Found.ID != "" && p.Found.Name == "" {
			t.Errorf("pick %q found %q without its name", c.text, p.Found.ID)
		}
	}
	// An id wins over another organisation's name.
	o := Organization{ID: "org-02-name", Name: "org-01", Kind: "branch", Formed: "2023-05-04", Enterprises: []string{}}
	if _, err := s.SaveOrganization(ctx, tester, "", o); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.PickOrganization(ctx, "org-01"); p.Found.ID != "org-01" {
		t.Errorf("org-01 picked %q, want the organisation with that id", p.Found.ID)
	}
	// More than PickCandidates: the first ones and More.
	p, err := s.PickOrganization(ctx, "org")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Candidates) != PickCandidates || !p.More {
		t.Errorf("org: %d candidates, more %v", len(p.Candidates), p.More)
	}
}

// A suggestion reads indexes only: no statement scans the enterprises or
// the organisations, which grow with the park.
func TestNameSuggestionsUseIndexes(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it reads SQLite's query plans")
	s := openTest(t)
	for table, index := range searchTables {
		for _, phrase := range []bool{true, false} {
			args := []any{"x", "X", 20, "x", `"x"`, FirstPark}
			rows, err := s.read.Query("EXPLAIN QUERY PLAN "+nameSuggestionSQL(table, index, phrase), args...)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if len(plan) == 0 {
				t.Fatalf("no plan for %s", table)
			}
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN "+table) {
					t.Errorf("%s (phrase %v) scans the table: %s", table, phrase, strings.Join(plan, "; "))
				}
			}
		}
	}
}
