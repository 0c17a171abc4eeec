package interchange

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// small returns a valid document with one record or two in each collection.
// Its member takes exactly one year from activist to candidate and from
// probationary to full, which the rules allow.
func small() *Document {
	cost := Yuan(1000)
	half := Yuan(500)
	return &Document{
		Format: Format,
		Park:   Park{Name: "测试园区", Brand: "跟党一起创业"},
		Enterprises: []Enterprise{
			{ID: "e1", Name: "甲公司", Stage: StageGrowth, CreditCode: "91110108551385082Q",
				StageHistory: []StageEntry{{StageStartup, "2020-01-01"}, {StageGrowth, "2023-06-01"}}},
			{ID: "e2", Name: "乙公司", Stage: StageStartup},
		},
		Surveys:       []Survey{{Enterprise: "e1", Date: "2023-01-05", FixedPremises: true, Employees: 12, Operating: true}},
		Organizations: []Organization{{ID: "o1", Name: "联合党支部", Kind: KindJointBranch, Formed: "2023-03-01", Enterprises: []string{"e1", "e2"}}},
		Staff:         []Staff{{ID: "s1", Name: "张三", Roles: []string{RoleSpecialist}, Enterprises: []string{"e1"}, Since: "2022-01-01"}},
		Services:      []Service{{Enterprise: "e1", Kind: ServiceEquipment, Date: "2023-02-01", Effective: true, MarketCost: &cost, ActualCost: &half}},
		Members: []Member{{ID: "m1", Name: "李四", Birth: "1990-05-01", Organization: "o1", Enterprise: "e1",
			Applied: "2020-01-10", Activist: "2020-03-01", Candidate: "2021-03-01", Probationary: "2021-06-01", Full: "2022-06-01"}},
		Activities:     []Activity{{Program: ProgramUplift, Kind: "lecture", Title: "讲堂", Date: "2023-04-01", Organizer: "o1", Enterprises: []string{"e2"}}},
		Platforms:      []Platform{{Kind: PlatformUniversityLine, Name: "直通车", Established: "2023-05-01"}},
		Designations:   []Designation{{Enterprise: "e1", Kind: DesignationZJTXProvincial, Year: 2023}},
		Brands:         []Brand{{Organization: "o1", Name: "品牌", Launched: "2023-07-01", Status: StatusPublished}},
		Awards:         []Award{{Organization: "o1", Kind: AwardBenchmarkOrg, Level: LevelCity, Year: 2023}},
		Responsibility: []Responsibility{{Enterprise: "e1", Kind: ResponsibilityEmploymentAid, Date: "2023-08-01", Beneficiaries: 3}},
	}
}

func TestValidateAcceptsASmallDocument(t *testing.T) {
	if problems := Validate(small()); len(problems) > 0 {
		t.Fatalf("problems in a valid document: %v", problems)
	}
}

// Each case breaks one rule; Validate must name the collection and field.
func TestValidateFindsEachBrokenRule(t *testing.T) {
	for _, tc := range []struct {
		name, want string // want: "collection field"
		breakIt    func(d *Document)
	}{
		{"unknown format", "document format", func(d *Document) { d.Format = "parkportal/v2" }},
		{"malformed date", "surveys date", func(d *Document) { d.Surveys[0].Date = "2023-1-5" }},
		{"impossible date", "surveys date", func(d *Document) { d.Surveys[0].Date = "2023-02-30" }},
		{"missing name", "enterprises name", func(d *Document) { d.Enterprises[0].Name = "" }},
		{"unknown stage", "enterprises stage", func(d *Document) { d.Enterprises[0].Stage = "old" }},
		{"unknown history stage", "enterprises stage_history.stage", func(d *Document) { d.Enterprises[0].StageHistory[0].Stage = "x" }},
		{"duplicate enterprise", "enterprises id", func(d *Document) { d.Enterprises[1].ID = "e1" }},
		{"duplicate organization", "organizations id", func(d *Document) {
			d.Organizations = append(d.Organizations, d.Organizations[0])
		}},
		{"reference to nothing", "surveys enterprise", func(d *Document) { d.Surveys[0].Enterprise = "e9" }},
		{"member organization", "members organization", func(d *Document) { d.Members[0].Organization = "o9" }},
		{"organizer", "activities organizer", func(d *Document) { d.Activities[0].Organizer = "o9" }},
		{"staff enterprise", "staff enterprises", func(d *Document) { d.Staff[0].Enterprises = []string{"e9"} }},
		{"credit code check", "enterprises credit_code", func(d *Document) { d.Enterprises[0].CreditCode = "91110108551385082A" }},
		{"credit code length", "enterprises credit_code", func(d *Document) { d.Enterprises[0].CreditCode = "9111010855138508" }},
		{"stages out of order", "members probationary", func(d *Document) { d.Members[0].Probationary = "2021-02-01" }},
		{"stage skipped", "members candidate", func(d *Document) { d.Members[0].Activist = "" }},
		{"activist to candidate under a year", "members candidate", func(d *Document) { d.Members[0].Candidate = "2021-02-28" }},
		{"probationary to full under a year", "members full", func(d *Document) { d.Members[0].Full = "2022-05-31" }},
		{"under 18", "members applied", func(d *Document) { d.Members[0].Birth = "2002-01-11" }},
		{"joint branch of one", "organizations enterprises", func(d *Document) { d.Organizations[0].Enterprises = []string{"e1", "e1"} }},
		{"negative employees", "surveys employees", func(d *Document) { d.Surveys[0].Employees = -1 }},
		{"negative cost", "services actual_cost", func(d *Document) { m := Money(-1); d.Services[0].ActualCost = &m }},
		{"negative beneficiaries", "responsibility beneficiaries", func(d *Document) { d.Responsibility[0].Beneficiaries = -2 }},
		{"unknown service kind", "services kind", func(d *Document) { d.Services[0].Kind = "canteen" }},
		{"unknown program", "activities program", func(d *Document) { d.Activities[0].Program = "forest" }},
		{"unknown brand status", "brands status", func(d *Document) { d.Brands[0].Status = "live" }},
		{"unknown award level", "awards level", func(d *Document) { d.Awards[0].Level = "county" }},
		{"empty roles", "staff roles", func(d *Document) { d.Staff[0].Roles = nil }},
		{"unknown role", "staff roles", func(d *Document) { d.Staff[0].Roles = []string{"manager"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := small()
			tc.breakIt(d)
			problems := Validate(d)
			for _, p := range problems {
				if p.Collection+" "+p.Field == tc.want {
					return
				}
			}
			t.Errorf("want a problem in %s, got %v", tc.want, problems)
		})
	}
}

func TestCheckRequired(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, small()); err != nil {
		t.Fatal(err)
	}
	if err := CheckRequired(buf.Bytes()); err != nil {
		t.Fatalf("CheckRequired of a valid document: %v", err)
	}
	broken := strings.Replace(buf.String(), `"effective":true,`, "", 1)
	if err := CheckRequired([]byte(broken)); err == nil || !strings.Contains(err.Error(), "services[0] effective") {
		t.Fatalf("CheckRequired without services[0].effective = %v", err)
	}
}

func TestWriteRoundTrips(t *testing.T) {
	var buf bytes.Buffer
	d := small()
	d.Platforms = nil // an empty collection is still written
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	var got Document
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decoding what Write wrote: %v", err)
	}
	var a, b bytes.Buffer
	Write(&a, d)
	Write(&b, &got)
	if a.String() != b.String() {
		t.Errorf("round trip changed the document:\n%s\n%s", a.String(), b.String())
	}
	if !strings.Contains(a.String(), "\"platforms\": []") {
		t.Error("empty collection not written as []")
	}
	lines := strings.Split(a.String(), "\n")
	if got, want := len(lines), 2+2+12*2+13; got < want-12 {
		t.Errorf("%d lines, want one record per line", got)
	}
}

func TestWriterRejectsOutOfOrderCollections(t *testing.T) {
	var buf bytes.Buffer
	x := NewWriter(&buf)
	x.Begin(Park{Name: "p", Brand: "b"})
	x.Collection("members")
	if err := x.Collection("enterprises"); err == nil {
		t.Error("opening enterprises after members succeeded")
	}
	if err := x.Close(); err == nil {
		t.Error("Close after an error succeeded")
	}
}
