package store

import (
	"fmt"
	"strconv"
	"strings"
)

// The records: one Go type per collection of the interchange format
// parkportal/v1 (see the spec in shared/spec/interchange-v1.md). JSON tags and
// field order follow the spec, so that encoding a record gives the format's
// own shape; optional fields are omitted when empty, so that an export leaves
// out what an import did not have. Dates are strings in the form YYYY-MM-DD,
// checked by the rules in rules.go.

// Format is the value of the document's "format" key.
const Format = "parkportal/v1"

// Collections lists the collections of the format in their stable order: the
// order export writes them in and reports list them in.
var Collections = []Collection{
	"enterprises", "surveys", "organizations", "staff", "services", "members",
	"activities", "platforms", "designations", "brands", "awards", "responsibility",
}

// CollectionLabel is the Chinese name a park clerk knows a collection by.
func CollectionLabel(collection Collection) string {
	switch collection {
	case "enterprises":
		return "企业"
	case "surveys":
		return "三有摸排"
	case "organizations":
		return "党组织"
	case "staff":
		return "两员"
	case "services":
		return "共享服务"
	case "members":
		return "党员发展"
	case "activities":
		return "活动"
	case "platforms":
		return "平台"
	case "designations":
		return "企业认定"
	case "brands":
		return "党建品牌"
	case "awards":
		return "荣誉"
	case "responsibility":
		return "社会责任"
	case "park":
		return "园区"
	case "users":
		return "账号"
	case "filings":
		return "书记报送"
	case "photos":
		return "照片"
	case "parks":
		return "园区"
	case "annual_returns":
		return "年报"
	}
	return string(collection)
}

// Document is a whole interchange document held in memory. Import and Export
// stream and never build one; it serves tests and callers with small
// documents.
type Document struct {
	Format         string           `json:"format"`
	Park           *Park            `json:"park,omitempty"`
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

// Park names the park the records belong to and its party-building brand.
type Park struct {
	Name  string `json:"name"`
	Brand string `json:"brand,omitempty"`
}

// Enterprise is one enterprise in the park's ledger (台账).
type Enterprise struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	CreditCode   string       `json:"credit_code,omitempty"` // 统一社会信用代码
	Stage        string       `json:"stage"`                 // startup | growth | mature
	StageHistory []StageEntry `json:"stage_history,omitempty"`
	Employees    *int         `json:"employees,omitempty"`
	Sector       string       `json:"sector,omitempty"`
	Founded      string       `json:"founded,omitempty"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// StageEntry says that an enterprise was in Stage from Since on. The stage on
// a date is the latest entry with Since on or before it, else the
// enterprise's Stage.
type StageEntry struct {
	Stage string `json:"stage"`
	Since string `json:"since"`
}

// Survey is one dated "三有" survey of an enterprise: a fixed place of
// business, 10 or more employees, real business activity.
type Survey struct {
	ID            string `json:"id,omitempty"`
	Enterprise    string `json:"enterprise"`
	Date          string `json:"date"`
	FixedPremises bool   `json:"fixed_premises"`
	Employees     int    `json:"employees"`
	Operating     bool   `json:"operating"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Organization is a party organisation: a branch, a joint branch covering
// several enterprises, a general branch or a committee.
type Organization struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"` // branch | joint_branch | general_branch | committee
	Formed      string   `json:"formed"`
	Enterprises []string `json:"enterprises"` // ids of the enterprises covered
	Secretary   string   `json:"secretary,omitempty"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Staff is a park employee serving as enterprise service specialist
// (企业服务专员), party-building instructor (党建指导员) or both.
type Staff struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Roles       []string `json:"roles"` // specialist, instructor
	Enterprises []string `json:"enterprises,omitempty"`
	Since       string   `json:"since"`
	Until       string   `json:"until,omitempty"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Service is one use of a shared resource (equipment, finance and tax, legal,
// venue) by an enterprise; equipment services report the cost saved against
// the market price.
type Service struct {
	ID         string `json:"id,omitempty"`
	Enterprise string `json:"enterprise"`
	Kind       string `json:"kind"` // equipment | finance_tax | legal | venue
	Date       string `json:"date"`
	Effective  bool   `json:"effective"`
	MarketCost *Money `json:"market_cost,omitempty"`
	ActualCost *Money `json:"actual_cost,omitempty"`
	Note       string `json:"note,omitempty"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Member is a person on the way to party membership, with the date of each of
// the five stages reached: applied (入党申请人), activist (入党积极分子),
// candidate (发展对象), probationary (预备党员), full (正式党员).
type Member struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Birth        string `json:"birth,omitempty"`
	Organization string `json:"organization"`
	Enterprise   string `json:"enterprise,omitempty"`
	Management   bool   `json:"management"` // management level or above
	Applied      string `json:"applied"`
	Activist     string `json:"activist,omitempty"`
	Candidate    string `json:"candidate,omitempty"`
	Probationary string `json:"probationary,omitempty"`
	Full         string `json:"full,omitempty"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Activity is an event of one of the three programmes. Summary and Status
// are the portal's own optional fields: the story told about it, and where
// a secretary's filing stands (absent means published: only published
// activities count and show).
type Activity struct {
	ID           string   `json:"id,omitempty"`
	Program      string   `json:"program"` // incubation | uplift | brand
	Kind         string   `json:"kind"`
	Title        string   `json:"title"`
	Date         string   `json:"date"`
	Organizer    string   `json:"organizer,omitempty"` // organization id
	Enterprises  []string `json:"enterprises,omitempty"`
	Participants *int     `json:"participants,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	Status       string   `json:"status,omitempty"` // draft | submitted; "" is published
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Platform is an industry–university–research platform: a direct line to a
// university, a science park, a service platform.
type Platform struct {
	ID          string `json:"id,omitempty"`
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	Established string `json:"established"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Designation is a title an enterprise was given in a year, such as
// provincial 专精特新 (zjtx_provincial).
type Designation struct {
	ID         string `json:"id,omitempty"`
	Enterprise string `json:"enterprise"`
	Kind       string `json:"kind"`
	Year       int    `json:"year"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Brand is a party organisation's party-building brand. Practices is the
// portal's own optional field: the brand's practices, one per entry.
type Brand struct {
	ID           string   `json:"id,omitempty"`
	Organization string   `json:"organization"`
	Name         string   `json:"name"`
	Launched     string   `json:"launched"`
	Status       string   `json:"status"` // draft | submitted | published
	Slogan       string   `json:"slogan,omitempty"`
	Story        string   `json:"story,omitempty"`
	Practices    []string `json:"practices,omitempty"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Award is a distinction a party organisation received in a year, such as a
// city-level benchmark organisation (benchmark_org, city).
type Award struct {
	ID           string `json:"id,omitempty"`
	Organization string `json:"organization"`
	Kind         string `json:"kind"`
	Level        string `json:"level"` // district | city | province | national
	Year         int    `json:"year"`
	Title        string `json:"title,omitempty"`
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Responsibility is one dated social-responsibility record of an enterprise:
// how many people a kind of help reached. Status is the portal's own
// optional field, as for Activity.
type Responsibility struct {
	ID            string `json:"id,omitempty"`
	Enterprise    string `json:"enterprise"`
	Kind          string `json:"kind"`
	Date          string `json:"date"`
	Beneficiaries int    `json:"beneficiaries"`
	Note          string `json:"note,omitempty"`
	Status        string `json:"status,omitempty"` // draft | submitted; "" is published
	// Version is the version the record was read at; a change to a
	// stored record names it (version.go).
	Version int64 `json:"-"`
}

// Money is an amount in fen (hundredths of a yuan), so that sums are exact.
// In JSON it is a number of yuan with at most two decimals, such as 1200.5.
type Money int64

// maxMoney bounds amounts to keep every sum far from overflowing: one
// hundred trillion yuan.
const maxMoney = Money(100_000_000_000_000 * 100)

// String writes the amount in yuan with no trailing zeros: 1200.5, 3, 0.05.
func (m Money) String() string {
	return string(m.appendYuan(nil))
}

func (m Money) appendYuan(b []byte) []byte {
	if m < 0 {
		b = append(b, '-')
		m = -m
	}
	b = strconv.AppendInt(b, int64(m/100), 10)
	switch fen := int64(m % 100); {
	case fen == 0:
	case fen%10 == 0:
		b = append(b, '.', byte('0'+fen/10))
	default:
		b = append(b, '.', byte('0'+fen/10), byte('0'+fen%10))
	}
	return b
}

// MarshalJSON writes the amount as a JSON number of yuan.
func (m Money) MarshalJSON() ([]byte, error) {
	return m.appendYuan(nil), nil
}

// UnmarshalJSON reads a JSON number of yuan exactly, refusing negative
// amounts and more than two decimals.
func (m *Money) UnmarshalJSON(b []byte) error {
	v, p := ParseMoney("", string(b))
	if p != nil {
		return fmt.Errorf("store: %s", p.Message)
	}
	*m = v
	return nil
}

// yuanToFen parses s as a decimal number of yuan without rounding and gives
// fen; ok is false for anything else (and for more than two decimals). It
// accepts what JSON accepts (an exponent too) and plain decimals typed in a
// form.
func yuanToFen(s string) (fen Money, negative, ok bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		negative = true
		s = s[1:]
	}
	mantissa, exponent := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > 30 || e < -30 {
			return 0, negative, false
		}
		mantissa, exponent = s[:i], e
	}
	intPart, frac, _ := strings.Cut(mantissa, ".")
	if intPart == "" && frac == "" {
		return 0, negative, false
	}
	digits := intPart + frac
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, negative, false
		}
	}
	// value = digits × 10^(exponent − len(frac)); fen = value × 100.
	shift := exponent - len(frac) + 2
	digits = strings.TrimLeft(digits, "0")
	if shift < 0 {
		// Only zeros may be dropped.
		cut := len(digits) + shift
		if cut < 0 {
			cut = 0
		}
		if strings.Trim(digits[cut:], "0") != "" {
			return 0, negative, false
		}
		digits = digits[:cut]
	} else if digits != "" {
		digits += strings.Repeat("0", shift)
	}
	if digits == "" {
		return 0, negative, true
	}
	if len(digits) > 18 {
		return 0, negative, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || Money(n) > maxMoney {
		return 0, negative, false
	}
	return Money(n), negative, true
}
