package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// generateDocument builds a valid document of about n records with every
// collection filled and every reference valid, the same for the same n.
func generateDocument(n int) Document {
	rng := rand.New(rand.NewPCG(2023, uint64(n)))
	share := func(per1000 int) int { return max(1, n*per1000/1000) }
	day := func(fromYear, toYear int) time.Time {
		start := time.Date(fromYear, 1, 1, 0, 0, 0, 0, time.UTC)
		end := time.Date(toYear, 12, 31, 0, 0, 0, 0, time.UTC)
		return start.AddDate(0, 0, rng.IntN(int(end.Sub(start).Hours()/24)+1))
	}
	date := func(t time.Time) string { return t.Format(time.DateOnly) }
	pick := func(choices []Choice) string { return choices[rng.IntN(len(choices))].Value }
	money := func(max int) *Money { m := Money(rng.IntN(max*100) + 1); return &m }
	count := func(max int) *int { v := rng.IntN(max + 1); return &v }

	doc := Document{Format: Format, Park: &Park{Name: "株洲高新区（天元区）", Brand: "跟党一起创业"}}
	nEnterprises := share(100)
	enterprise := func() string { return fmt.Sprintf("e%d", rng.IntN(nEnterprises)+1) }
	for i := 1; i <= nEnterprises; i++ {
		first := fmt.Sprintf("91430200MA%07d", i)
		check, _ := CreditCodeCheckChar(first)
		founded := day(2005, 2022)
		e := Enterprise{
			ID: fmt.Sprintf("e%d", i), Name: fmt.Sprintf("株洲示例科技有限公司%d号", i),
			CreditCode: first + string(check), Stage: pick(Stages), Employees: count(500),
			Sector: []string{"轨道交通", "新能源", "工业软件", "生物医药"}[i%4], Founded: date(founded),
		}
		if i%3 == 0 {
			e.StageHistory = []StageEntry{{"startup", date(founded)}, {"growth", date(founded.AddDate(3, 0, 0))}}
		}
		doc.Enterprises = append(doc.Enterprises, e)
	}
	for i := 1; i <= share(150); i++ {
		doc.Surveys = append(doc.Surveys, Survey{
			Enterprise: enterprise(), Date: date(day(2021, 2024)),
			FixedPremises: rng.IntN(5) > 0, Employees: rng.IntN(40), Operating: rng.IntN(8) > 0,
		})
	}
	nOrganizations := share(30)
	for i := 1; i <= nOrganizations; i++ {
		o := Organization{
			ID: fmt.Sprintf("o%d", i), Name: fmt.Sprintf("示例党支部%d", i), Kind: pick(OrganizationKinds),
			Formed: date(day(2015, 2024)), Secretary: "张书记",
		}
		size := 1
		if o.Kind == "joint_branch" {
			size = 2 + rng.IntN(4)
		}
		for j := 0; j < size; j++ {
			o.Enterprises = append(o.Enterprises, fmt.Sprintf("e%d", (i*7+j*13)%nEnterprises+1))
		}
		doc.Organizations = append(doc.Organizations, o)
	}
	organization := func() string { return fmt.Sprintf("o%d", rng.IntN(nOrganizations)+1) }
	for i := 1; i <= share(10); i++ {
		s := Staff{
			ID: fmt.Sprintf("s%d", i), Name: fmt.Sprintf("工作人员%d", i),
			Roles: [][]string{{"specialist"}, {"instructor"}, {"specialist", "instructor"}}[i%3],
			Since: date(day(2015, 2023)),
		}
		for j := 0; j < i%4; j++ {
			s.Enterprises = append(s.Enterprises, fmt.Sprintf("e%d", (i*11+j*17)%nEnterprises+1))
		}
		if i%5 == 0 {
			s.Until = "2024-12-31"
		}
		doc.Staff = append(doc.Staff, s)
	}
	for i := 1; i <= share(200); i++ {
		s := Service{
			Enterprise: enterprise(), Kind: pick(ServiceKinds), Date: date(day(2021, 2024)),
			Effective: rng.IntN(10) > 0, Note: "共享服务记录",
		}
		if s.Kind == "equipment" {
			s.MarketCost = money(20000)
			s.ActualCost = new(*s.MarketCost / 2)
		}
		doc.Services = append(doc.Services, s)
	}
	for i := 1; i <= share(180); i++ {
		applied := day(2015, 2022)
		m := Member{
			ID: fmt.Sprintf("m%d", i), Name: fmt.Sprintf("成员%d", i), Organization: organization(),
			Enterprise: enterprise(), Management: rng.IntN(3) > 0, Applied: date(applied),
			Birth: date(applied.AddDate(-20-rng.IntN(30), 0, -rng.IntN(300))),
		}
		activist := applied.AddDate(0, 1+rng.IntN(3), 0)
		candidate := activist.AddDate(1, rng.IntN(6), 0)
		probationary := candidate.AddDate(0, 1+rng.IntN(6), 0)
		full := probationary.AddDate(1, 0, rng.IntN(30))
		switch stage := rng.IntN(5); {
		case stage >= 4:
			m.Full = date(full)
			fallthrough
		case stage >= 3:
			m.Probationary = date(probationary)
			fallthrough
		case stage >= 2:
			m.Candidate = date(candidate)
			fallthrough
		case stage >= 1:
			m.Activist = date(activist)
		}
		doc.Members = append(doc.Members, m)
	}
	for i := 1; i <= share(150); i++ {
		a := Activity{
			Program: pick(Programs), Kind: pick(ActivityKinds), Title: fmt.Sprintf("红色CEO大讲堂第%d期", i),
			Date: date(day(2021, 2024)), Organizer: organization(), Participants: count(300),
			Enterprises: []string{fmt.Sprintf("e%d", i%nEnterprises+1)},
		}
		if i%4 == 0 {
			a.Summary = "围绕“跟党一起创业”开展的活动 <b>与</b> \"引号\""
		}
		doc.Activities = append(doc.Activities, a)
	}
	for i := 1; i <= share(2); i++ {
		doc.Platforms = append(doc.Platforms, Platform{
			ID: fmt.Sprintf("p%d", i), Kind: pick(PlatformKinds), Name: fmt.Sprintf("平台%d", i), Established: date(day(2018, 2024)),
		})
	}
	for i := 1; i <= share(30); i++ {
		doc.Designations = append(doc.Designations, Designation{Enterprise: enterprise(), Kind: pick(DesignationKinds), Year: 2019 + rng.IntN(6)})
	}
	for i := 1; i <= share(10); i++ {
		b := Brand{
			// One brand an organisation: there are fewer brands than organisations.
			Organization: fmt.Sprintf("o%d", i), Name: fmt.Sprintf("红创品牌%d", i), Launched: date(day(2019, 2024)),
			Status: pick(BrandStatuses), Slogan: "跟党一起创业",
		}
		if i%2 == 0 {
			b.Story = "品牌故事"
			b.Practices = []string{"党建引领", "阵地下沉到车间"}
		}
		doc.Brands = append(doc.Brands, b)
	}
	for i := 1; i <= share(20); i++ {
		doc.Awards = append(doc.Awards, Award{
			Organization: organization(), Kind: pick(AwardKinds), Level: pick(AwardLevels), Year: 2019 + rng.IntN(6), Title: "标杆",
		})
	}
	for i := 1; i <= share(118); i++ {
		doc.Responsibility = append(doc.Responsibility, Responsibility{
			Enterprise: enterprise(), Kind: pick(ResponsibilityKinds), Date: date(day(2019, 2024)), Beneficiaries: rng.IntN(20),
		})
	}
	return doc
}

// records counts the records of a document.
func (d Document) records() int {
	return len(d.Enterprises) + len(d.Surveys) + len(d.Organizations) + len(d.Staff) + len(d.Services) +
		len(d.Members) + len(d.Activities) + len(d.Platforms) + len(d.Designations) + len(d.Brands) +
		len(d.Awards) + len(d.Responsibility)
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const benchRecords = 100_000

// cpuTime is the user and system time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// openTB opens a fresh store on a real temporary file, for benchmarks too.
func openTB(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "portal.db"))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkImport(b *testing.B) {
	doc := generateDocument(benchRecords)
	data := mustJSON(b, doc)
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openTB(b)
		b.StartTimer()
		start, startCPU := time.Now(), cpuTime()
		if _, err := s.Import(ctx, bytes.NewReader(data), ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		cpu += cpuTime() - startCPU
	}
	b.ReportMetric(float64(doc.records()*b.N)/elapsed.Seconds(), "records/s")
	// CPU time says more than wall time on a machine shared with others.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

func BenchmarkExport(b *testing.B) {
	doc := generateDocument(benchRecords)
	s := openTB(b)
	ctx := context.Background()
	if _, err := s.Import(ctx, bytes.NewReader(mustJSON(b, doc)), ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Export(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(doc.records()*b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkReport(b *testing.B) {
	doc := generateDocument(benchRecords)
	s := openTB(b)
	ctx := context.Background()
	if _, err := s.Import(ctx, bytes.NewReader(mustJSON(b, doc)), ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Computed each time: Report would serve it from the report cache.
		if _, _, err := s.computeReport(ctx, 2023); err != nil {
			b.Fatal(err)
		}
	}
}
