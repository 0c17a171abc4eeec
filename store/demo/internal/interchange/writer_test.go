package interchange

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"parkportal/store"
)

// small returns a document with one record or two in each collection.
func small() *store.Document {
	return &store.Document{
		Format: store.Format,
		Park:   &store.Park{Name: "测试园区", Brand: "跟党一起创业"},
		Enterprises: []store.Enterprise{
			{ID: "e1", Name: "甲公司", Stage: StageGrowth, CreditCode: "91110108551385082Q",
				StageHistory: []store.StageEntry{{Stage: StageStartup, Since: "2020-01-01"}, {Stage: StageGrowth, Since: "2023-06-01"}}},
			{ID: "e2", Name: "乙公司", Stage: StageStartup},
		},
		Surveys:       []store.Survey{{Enterprise: "e1", Date: "2023-01-05", FixedPremises: true, Employees: 12, Operating: true}},
		Organizations: []store.Organization{{ID: "o1", Name: "联合党支部", Kind: KindJointBranch, Formed: "2023-03-01", Enterprises: []string{"e1", "e2"}}},
		Staff:         []store.Staff{{ID: "s1", Name: "张三", Roles: []string{RoleSpecialist}, Enterprises: []string{"e1"}, Since: "2022-01-01"}},
		Services:      []store.Service{{Enterprise: "e1", Kind: ServiceEquipment, Date: "2023-02-01", Effective: true, MarketCost: new(store.Money(1000_00)), ActualCost: new(store.Money(500_50))}},
		Members: []store.Member{{ID: "m1", Name: "李四", Birth: "1990-05-01", Organization: "o1", Enterprise: "e1",
			Applied: "2020-01-10", Activist: "2020-03-01", Candidate: "2021-03-01", Probationary: "2021-06-01", Full: "2022-06-01"}},
		Activities:     []store.Activity{{Program: ProgramUplift, Kind: "lecture", Title: "讲堂", Date: "2023-04-01", Organizer: "o1", Enterprises: []string{"e2"}}},
		Platforms:      []store.Platform{{Kind: PlatformUniversityLine, Name: "直通车", Established: "2023-05-01"}},
		Designations:   []store.Designation{{Enterprise: "e1", Kind: DesignationZJTXProvincial, Year: 2023}},
		Brands:         []store.Brand{{Organization: "o1", Name: "品牌", Launched: "2023-07-01", Status: StatusPublished}},
		Awards:         []store.Award{{Organization: "o1", Kind: AwardBenchmarkOrg, Level: LevelCity, Year: 2023}},
		Responsibility: []store.Responsibility{{Enterprise: "e1", Kind: ResponsibilityEmploymentAid, Date: "2023-08-01", Beneficiaries: 3}},
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
	var got store.Document
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
	x.Begin(&store.Park{Name: "p", Brand: "b"})
	x.Collection("members")
	if err := x.Collection("enterprises"); err == nil {
		t.Error("opening enterprises after members succeeded")
	}
	if err := x.Close(); err == nil {
		t.Error("Close after an error succeeded")
	}
}
