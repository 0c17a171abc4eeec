package store

import (
	"context"
	"errors"
	"testing"
)

// seedPublic writes a small park straight into the tables: two enterprises
// under one organisation with a published brand, a draft and a submitted
// brand elsewhere, awards, responsibility and activities in every status.
func seedPublic(t *testing.T, s *Store) {
	t.Helper()
	stmts := []string{
		`INSERT INTO enterprises (id, source_id, name, stage, sector) VALUES
			(1, 'e-lf', '湖南立方新能源科技有限责任公司', 'mature', '新能源'),
			(2, 'e-two', '株洲二号科技有限公司', 'growth', '轨道交通'),
			(3, 'e-draft', '草稿企业有限公司', 'mature', '新材料'),
			(4, 'e-none', '无公开内容有限公司', 'startup', NULL)`,
		`INSERT INTO organizations (id, source_id, name, kind, formed, secretary) VALUES
			(1, 'o-lf', '立方新能源联合党支部', 'joint_branch', '2021-03-01', '秘书甲'),
			(2, 'o-draft', '草稿企业党支部', 'branch', '2022-03-01', '秘书乙'),
			(3, 'o-none', '无公开内容党支部', 'branch', '2023-03-01', '秘书丙')`,
		`INSERT INTO organization_enterprises (organization_id, enterprise_id, position) VALUES
			(1, 1, 0), (1, 2, 1), (2, 3, 0), (3, 4, 0)`,
		`INSERT INTO brands (id, organization_id, name, launched, status, slogan, story, practices) VALUES
			(1, 1, '锂电先锋', '2021-06-01', 'published', '先锋引领', '故事', '["书记讲党课","车间党员先锋岗"]'),
			(2, 2, '草稿品牌', '2022-06-01', 'draft', NULL, NULL, NULL),
			(3, 3, '待审品牌', '2022-07-01', 'submitted', NULL, NULL, 'not json')`, // one brand an organisation
		`INSERT INTO awards (organization_id, kind, level, year, title) VALUES
			(1, 'benchmark_org', 'city', 2023, '市级标杆党组织'),
			(1, 'shuangqiang_liuhao', 'district', 2022, NULL)`,
		`INSERT INTO responsibility (enterprise_id, kind, date, beneficiaries, note, status) VALUES
			(1, 'employment_aid', '2021-05-01', 40, '青海回族同胞来株就业', 'published'),
			(1, 'employment_aid', '2023-05-01', 51, NULL, 'published'),
			(1, 'disability_employment', '2022-05-01', 11, '残疾人就业', 'published'),
			(1, 'employment_aid', '2023-06-01', 1000, '未发布', 'draft'),
			(3, 'volunteering', '2023-06-01', 5, '待审', 'submitted')`,
		`INSERT INTO activities (id, program, kind, title, date, organizer_id, participants, summary, status) VALUES
			(1, 'brand', 'volunteer', '志愿服务进社区', '2023-04-01', 1, 30, '党员走进社区', 'published'),
			(2, 'brand', 'lecture', '草稿活动', '2023-05-01', 2, NULL, NULL, 'draft'),
			(3, 'uplift', 'lecture', '红色CEO大讲堂', '2023-06-01', NULL, 120, NULL, 'published'),
			(4, 'uplift', 'contest', '待审活动', '2023-07-01', 2, NULL, NULL, 'submitted')`,
		`INSERT INTO activity_enterprises (activity_id, enterprise_id, position) VALUES (3, 2, 0), (2, 3, 0), (4, 4, 0)`,
		`INSERT INTO services (enterprise_id, kind, date, effective, market_cost_fen, actual_cost_fen) VALUES
			(1, 'equipment', '2023-01-10', 1, 10000, 5000),
			(1, 'equipment', '2023-01-20', 1, NULL, NULL),
			(1, 'equipment', '2023-02-10', 1, 20000, 8000),
			(1, 'equipment', '2023-02-11', 0, 20000, 8000),
			(1, 'legal', '2023-02-12', 1, 20000, 8000),
			(1, 'equipment', '2022-12-31', 1, 20000, 8000)`,
	}
	// Fixtures of the read side, written below the write path: the
	// figures it keeps are refreshed as its frame does before a commit.
	for _, q := range stmts {
		if _, err := s.write.Exec(q); err != nil {
			t.Fatalf("seed: %v\n%s", err, q)
		}
	}
	if err := refreshFigures(context.Background(), s.write); err != nil {
		t.Fatal(err)
	}
}

func TestRevisionReadsTheStamp(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	r0, err := s.Revision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.Exec(`UPDATE revision SET value = value + 1, at = '2024-01-02T03:04:05Z'`); err != nil {
		t.Fatal(err)
	}
	r1, err := s.Revision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r1.Value, r0.Value+1; got != want {
		t.Errorf("revision = %d, want %d", got, want)
	}
	if got, want := r1.At.Format("2006-01-02T15:04:05Z"), "2024-01-02T03:04:05Z"; got != want {
		t.Errorf("at = %s, want %s", got, want)
	}
}

func TestPublishedBrandsShowOnlyPublished(t *testing.T) {
	s := openTest(t)
	seedPublic(t, s)
	ctx := context.Background()
	cards, total, err := s.PublishedBrands(ctx, BrandFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(cards) != 1 || cards[0].Name != "锂电先锋" {
		t.Fatalf("brands = %+v (total %d), want only 锂电先锋", cards, total)
	}
	if got, want := len(cards[0].Enterprises), 2; got != want {
		t.Errorf("enterprises of the brand = %d, want %d", got, want)
	}
	for _, f := range []struct {
		filter BrandFilter
		want   int
	}{
		{BrandFilter{Stage: "mature"}, 1},
		{BrandFilter{Stage: "growth"}, 1}, // the joint branch covers a growth enterprise too
		{BrandFilter{Stage: "startup"}, 0},
		{BrandFilter{Sector: "新能源"}, 1},
		{BrandFilter{Sector: "新材料"}, 0}, // only the draft brand's enterprise
		{BrandFilter{Stage: "mature", Sector: "轨道交通"}, 1},
	} {
		_, n, err := s.PublishedBrands(ctx, f.filter)
		if err != nil {
			t.Fatal(err)
		}
		if n != f.want {
			t.Errorf("PublishedBrands(%+v) total = %d, want %d", f.filter, n, f.want)
		}
	}
	sectors, err := s.BrandSectors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(sectors), 2; got != want {
		t.Errorf("sectors = %v, want 新能源 and 轨道交通", sectors)
	}
	ids, err := s.PublishedBrandIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != 1 {
		t.Errorf("published brand ids = %v, want [1]", ids)
	}
}

func TestBrandPage(t *testing.T) {
	s := openTest(t)
	seedPublic(t, s)
	ctx := context.Background()
	p, err := s.BrandPageByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(p.Practices), 2; got != want {
		t.Errorf("practices = %v, want 2", p.Practices)
	}
	if got, want := len(p.Awards), 2; got != want {
		t.Errorf("awards = %d, want %d", got, want)
	}
	if len(p.Activities) != 1 || p.Activities[0].Title != "志愿服务进社区" {
		t.Errorf("activities = %+v, want the published one it organised", p.Activities)
	}
	totals := map[string]int{}
	for _, r := range p.Responsibility {
		totals[r.Kind] = r.Beneficiaries
	}
	if totals["employment_aid"] != 91 || totals["disability_employment"] != 11 {
		t.Errorf("responsibility totals = %v, want 91 and 11 (drafts left out)", totals)
	}
	for _, id := range []int64{2, 3, 99} {
		if _, err := s.BrandPageByID(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("BrandPageByID(%d) err = %v, want ErrNotFound", id, err)
		}
	}
}

func TestEnterprisePage(t *testing.T) {
	s := openTest(t)
	seedPublic(t, s)
	ctx := context.Background()
	p, err := s.EnterprisePageByID(ctx, "e-lf")
	if err != nil {
		t.Fatal(err)
	}
	totals := map[string]int{}
	for _, r := range p.Responsibility {
		totals[r.Kind] = r.Beneficiaries
	}
	if totals["employment_aid"] != 91 || totals["disability_employment"] != 11 {
		t.Errorf("totals = %v, want employment_aid 91 and disability_employment 11", totals)
	}
	if got, want := p.RecordCount, 3; got != want {
		t.Errorf("records = %d, want %d", got, want)
	}
	if len(p.Brands) != 1 || len(p.Awards) != 2 || len(p.Activities) != 1 {
		t.Errorf("brands %d awards %d activities %d, want 1 2 1", len(p.Brands), len(p.Awards), len(p.Activities))
	}
	two, err := s.EnterprisePageByID(ctx, "e-two")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(two.Activities), 2; got != want {
		t.Errorf("e-two activities = %d, want %d (organised by its branch, and one it took part in)", got, want)
	}
	for _, id := range []string{"e-draft", "e-none", "nope"} {
		if _, err := s.EnterprisePageByID(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("EnterprisePageByID(%q) err = %v, want ErrNotFound", id, err)
		}
	}
	list, err := s.PublicEnterprises(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Errorf("public enterprises = %+v, want e-lf and e-two", list)
	}
}

func TestPublicListsLeaveOutUnpublished(t *testing.T) {
	s := openTest(t)
	seedPublic(t, s)
	ctx := context.Background()
	acts, err := s.LatestActivities(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(acts), 2; got != want {
		t.Errorf("latest activities = %d, want %d", got, want)
	}
	stories, err := s.ProgramStories(ctx, "uplift", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 || stories[0].Title != "红色CEO大讲堂" || stories[0].Participants != 120 {
		t.Errorf("uplift stories = %+v", stories)
	}
	years, err := s.ResponsibilityByYear(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, y := range years {
		sum += y.Beneficiaries
	}
	if sum != 102 {
		t.Errorf("published beneficiaries over the years = %d, want 102", sum)
	}
	notes, err := s.ResponsibilityStories(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 2 {
		t.Errorf("stories = %+v, want the two published with notes", notes)
	}
	leaders, err := s.ResponsibilityLeaders(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(leaders) != 1 || leaders[0].Beneficiaries != 102 {
		t.Errorf("leaders = %+v", leaders)
	}
	awards, err := s.AwardRoll(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(awards) != 2 || awards[0].Year != 2023 || len(awards[0].Enterprises) != 2 {
		t.Errorf("awards = %+v", awards)
	}
}

func TestEquipmentSavings(t *testing.T) {
	s := openTest(t)
	seedPublic(t, s)
	months, err := s.EquipmentSavings(context.Background(), 2023)
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 2 {
		t.Fatalf("months = %+v, want January and February", months)
	}
	jan, feb := months[0], months[1]
	if jan.Month != "2023-01" || jan.Services != 2 || jan.MarketFen != 10000 || jan.ActualFen != 5000 {
		t.Errorf("January = %+v", jan)
	}
	if feb.Services != 1 || feb.MarketFen != 20000 || feb.ActualFen != 8000 {
		t.Errorf("February = %+v (ineffective and legal services left out)", feb)
	}
}
