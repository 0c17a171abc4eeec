package interchange

import (
	"slices"
	"testing"

	"parkportal/store"
)

// TestValuesAreStoreChoices keeps the names of values in step with store's
// lists of allowed and well-known values.
func TestValuesAreStoreChoices(t *testing.T) {
	for _, tc := range []struct {
		field   string
		ours    []string
		choices []store.Choice
		open    bool // an open kind: store may label more values than the spec names
	}{
		{"stage", []string{StageStartup, StageGrowth, StageMature}, store.Stages, false},
		{"organization kind", []string{KindBranch, KindJointBranch, KindGeneralBranch, KindCommittee}, store.OrganizationKinds, false},
		{"staff role", []string{RoleSpecialist, RoleInstructor}, store.StaffRoles, false},
		{"service kind", []string{ServiceEquipment, ServiceFinanceTax, ServiceLegal, ServiceVenue}, store.ServiceKinds, false},
		{"program", []string{ProgramIncubation, ProgramUplift, ProgramBrand}, store.Programs, false},
		{"platform kind", []string{PlatformUniversityLine, PlatformSciencePark, PlatformServicePlatform}, store.PlatformKinds, false},
		{"designation kind", []string{DesignationZJTXProvincial, DesignationZJTXNational}, store.DesignationKinds, false},
		{"brand status", []string{StatusDraft, StatusSubmitted, StatusPublished}, store.BrandStatuses, false},
		{"award kind", []string{AwardBenchmarkOrg, AwardShuangqiangLiuhao}, store.AwardKinds, true},
		{"award level", []string{LevelDistrict, LevelCity, LevelProvince, LevelNational}, store.AwardLevels, false},
		{"responsibility kind", []string{ResponsibilityEmploymentAid, ResponsibilityDisabilityEmployment,
			ResponsibilityRuralRevitalization, ResponsibilityVolunteering, ResponsibilityStudentAid}, store.ResponsibilityKinds, false},
	} {
		var want []string
		for _, c := range tc.choices {
			want = append(want, c.Value)
		}
		if tc.open && len(want) > len(tc.ours) {
			want = want[:len(tc.ours)]
		}
		if !slices.Equal(tc.ours, want) {
			t.Errorf("%s: values %v, store has %v", tc.field, tc.ours, want)
		}
	}
}
