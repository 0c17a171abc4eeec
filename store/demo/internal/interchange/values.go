package interchange

// The values the demonstration data writes into the enumerated fields of
// parkportal/v1 and the open kinds the report counts. store's Choice lists
// (store/rules.go) are the authority: TestValuesAreStoreChoices keeps these
// names in step with them, and the import refuses any other value of a
// closed field.

// Stages of an enterprise's life cycle.
const (
	StageStartup = "startup"
	StageGrowth  = "growth"
	StageMature  = "mature"
)

// Organization kinds.
const (
	KindBranch        = "branch"
	KindJointBranch   = "joint_branch"
	KindGeneralBranch = "general_branch"
	KindCommittee     = "committee"
)

// Staff roles.
const (
	RoleSpecialist = "specialist"
	RoleInstructor = "instructor"
)

// Service kinds.
const (
	ServiceEquipment  = "equipment"
	ServiceFinanceTax = "finance_tax"
	ServiceLegal      = "legal"
	ServiceVenue      = "venue"
)

// Programs, one per life-cycle stage.
const (
	ProgramIncubation = "incubation"
	ProgramUplift     = "uplift"
	ProgramBrand      = "brand"
)

// Platform kinds named by the specification.
const (
	PlatformUniversityLine  = "university_line"
	PlatformSciencePark     = "science_park"
	PlatformServicePlatform = "service_platform"
)

// Designation kinds named by the specification.
const (
	DesignationZJTXProvincial = "zjtx_provincial"
	DesignationZJTXNational   = "zjtx_national"
)

// Brand statuses.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
	StatusPublished = "published"
)

// Award kinds named by the specification.
const (
	AwardBenchmarkOrg      = "benchmark_org"
	AwardShuangqiangLiuhao = "shuangqiang_liuhao"
)

// Award levels.
const (
	LevelDistrict = "district"
	LevelCity     = "city"
	LevelProvince = "province"
	LevelNational = "national"
)

// Responsibility kinds named by the specification.
const (
	ResponsibilityEmploymentAid        = "employment_aid"
	ResponsibilityDisabilityEmployment = "disability_employment"
	ResponsibilityRuralRevitalization  = "rural_revitalization"
	ResponsibilityVolunteering         = "volunteering"
	ResponsibilityStudentAid           = "student_aid"
)
