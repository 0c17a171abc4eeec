// Package interchange holds the parkportal/v1 document as Go types and a
// writer that prints it one record per line, for the demonstration data. The
// import rules are store's: the generator and the tests import what the demo
// makes into a store.
package interchange

// Format is the value of the document's "format" field.
const Format = "parkportal/v1"

// Document is one parkportal/v1 document.
type Document struct {
	Format         string           `json:"format"`
	Park           Park             `json:"park"`
	Enterprises    []Enterprise     `json:"enterprises"`
	Surveys        []Survey         `json:"surveys"`
	Organizations  []Organization   `json:"organizations"`
	Staff          []Staff          `json:"staff"`
	Services       []Service        `json:"services"`
	Members        []Member         `json:"members"`
	Activities     []Activity       `json:"activities"`
	Platforms      []Platform       `json:"platforms"`
	Designations   []Designation    `json:"designations"`
	Brands         []Brand          `json:"brands"`
	Awards         []Award          `json:"awards"`
	Responsibility []Responsibility `json:"responsibility"`
}

// Park names the park and its party-building brand.
type Park struct {
	Name  string `json:"name"`
	Brand string `json:"brand"`
}

// Stages of an enterprise's life cycle.
const (
	StageStartup = "startup"
	StageGrowth  = "growth"
	StageMature  = "mature"
)

// Enterprise is one enterprise in the park.
type Enterprise struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	CreditCode   string       `json:"credit_code,omitempty"`
	Stage        string       `json:"stage"`
	StageHistory []StageEntry `json:"stage_history,omitempty"`
	Employees    int          `json:"employees,omitempty"`
	Sector       string       `json:"sector,omitempty"`
	Founded      string       `json:"founded,omitempty"`
}

// StageEntry says that an enterprise has been at Stage since Since.
type StageEntry struct {
	Stage string `json:"stage"`
	Since string `json:"since"`
}

// StageOn returns the enterprise's stage on date (YYYY-MM-DD): the latest
// history entry with since on or before date, else Stage.
func (e Enterprise) StageOn(date string) string {
	stage, latest := e.Stage, ""
	for _, h := range e.StageHistory {
		if h.Since <= date && h.Since >= latest {
			stage, latest = h.Stage, h.Since
		}
	}
	return stage
}

// Survey is one "三有" survey of an enterprise.
type Survey struct {
	Enterprise    string `json:"enterprise"`
	Date          string `json:"date"`
	FixedPremises bool   `json:"fixed_premises"`
	Employees     int    `json:"employees"`
	Operating     bool   `json:"operating"`
}

// Qualified reports whether the survey meets all three "三有" criteria.
func (s Survey) Qualified() bool {
	return s.FixedPremises && s.Employees >= 10 && s.Operating
}

// Organization kinds.
const (
	KindBranch        = "branch"
	KindJointBranch   = "joint_branch"
	KindGeneralBranch = "general_branch"
	KindCommittee     = "committee"
)

// Organization is a party organisation covering one or more enterprises.
type Organization struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Formed      string   `json:"formed"`
	Enterprises []string `json:"enterprises"`
	Secretary   string   `json:"secretary,omitempty"`
}

// Staff roles.
const (
	RoleSpecialist = "specialist"
	RoleInstructor = "instructor"
)

// Staff is a park employee serving as specialist, instructor or both.
type Staff struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Roles       []string `json:"roles"`
	Enterprises []string `json:"enterprises,omitempty"`
	Since       string   `json:"since"`
	Until       string   `json:"until,omitempty"`
}

// Service kinds.
const (
	ServiceEquipment  = "equipment"
	ServiceFinanceTax = "finance_tax"
	ServiceLegal      = "legal"
	ServiceVenue      = "venue"
)

// Service is one shared-resource service given to an enterprise.
type Service struct {
	Enterprise string `json:"enterprise"`
	Kind       string `json:"kind"`
	Date       string `json:"date"`
	Effective  bool   `json:"effective"`
	MarketCost *Money `json:"market_cost,omitempty"`
	ActualCost *Money `json:"actual_cost,omitempty"`
	Note       string `json:"note,omitempty"`
}

// Member is one person on the road to, or in, party membership, with the
// dates of the five stages; empty dates are stages not reached.
type Member struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Birth        string `json:"birth,omitempty"`
	Organization string `json:"organization"`
	Enterprise   string `json:"enterprise,omitempty"`
	Management   bool   `json:"management"`
	Applied      string `json:"applied"`
	Activist     string `json:"activist,omitempty"`
	Candidate    string `json:"candidate,omitempty"`
	Probationary string `json:"probationary,omitempty"`
	Full         string `json:"full,omitempty"`
}

// Programs, one per life-cycle stage.
const (
	ProgramIncubation = "incubation"
	ProgramUplift     = "uplift"
	ProgramBrand      = "brand"
)

// Activity is one event run under a program. Summary is an extra field the
// portal shows on its public pages.
type Activity struct {
	Program      string   `json:"program"`
	Kind         string   `json:"kind"`
	Title        string   `json:"title"`
	Date         string   `json:"date"`
	Organizer    string   `json:"organizer,omitempty"`
	Enterprises  []string `json:"enterprises,omitempty"`
	Participants int      `json:"participants,omitempty"`
	Summary      string   `json:"summary,omitempty"`
}

// Platform kinds named by the specification.
const (
	PlatformUniversityLine  = "university_line"
	PlatformSciencePark     = "science_park"
	PlatformServicePlatform = "service_platform"
)

// Platform is a university line, science park or service platform.
type Platform struct {
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	Established string `json:"established"`
}

// Designation kinds named by the specification.
const (
	DesignationZJTXProvincial = "zjtx_provincial"
	DesignationZJTXNational   = "zjtx_national"
)

// Designation is an enterprise's title such as provincial 专精特新.
type Designation struct {
	Enterprise string `json:"enterprise"`
	Kind       string `json:"kind"`
	Year       int    `json:"year"`
}

// Brand statuses.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
	StatusPublished = "published"
)

// Brand is an organisation's party-building brand. Practices is an extra
// field: a few short lines on what the brand does.
type Brand struct {
	Organization string   `json:"organization"`
	Name         string   `json:"name"`
	Launched     string   `json:"launched"`
	Status       string   `json:"status"`
	Slogan       string   `json:"slogan,omitempty"`
	Story        string   `json:"story,omitempty"`
	Practices    []string `json:"practices,omitempty"`
}

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

// Award is a distinction given to an organisation.
type Award struct {
	Organization string `json:"organization"`
	Kind         string `json:"kind"`
	Level        string `json:"level"`
	Year         int    `json:"year"`
	Title        string `json:"title,omitempty"`
}

// Responsibility kinds named by the specification.
const (
	ResponsibilityEmploymentAid        = "employment_aid"
	ResponsibilityDisabilityEmployment = "disability_employment"
	ResponsibilityRuralRevitalization  = "rural_revitalization"
	ResponsibilityVolunteering         = "volunteering"
	ResponsibilityStudentAid           = "student_aid"
)

// Responsibility is one social-responsibility record of an enterprise.
type Responsibility struct {
	Enterprise    string `json:"enterprise"`
	Kind          string `json:"kind"`
	Date          string `json:"date"`
	Beneficiaries int    `json:"beneficiaries"`
	Note          string `json:"note,omitempty"`
}
