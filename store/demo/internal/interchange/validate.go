package interchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Problem is one broken import rule: which record, which field, what is wrong.
type Problem struct {
	Collection string
	Index      int // position in the collection, from 0
	ID         string
	Field      string
	Message    string
}

func (p Problem) Error() string {
	id := ""
	if p.ID != "" {
		id = " (" + p.ID + ")"
	}
	return fmt.Sprintf("%s[%d]%s %s: %s", p.Collection, p.Index, id, p.Field, p.Message)
}

// ParseDate parses a YYYY-MM-DD date strictly.
func ParseDate(s string) (time.Time, error) {
	if len(s) != 10 {
		return time.Time{}, fmt.Errorf("%q is not a date like 2023-05-01", s)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2023-05-01", s)
	}
	return t, nil
}

// Validate checks d against every rule the import enforces (the typed part;
// CheckRequired checks the presence of required fields in the raw JSON) and
// returns the problems found, nil when there are none.
func Validate(d *Document) []Problem {
	v := &validator{}
	if d.Format != Format {
		v.add("document", 0, "", "format", fmt.Sprintf("unknown format %q", d.Format))
	}
	if d.Park.Name == "" || d.Park.Brand == "" {
		v.add("document", 0, "", "park", "name and brand are required")
	}

	enterprises := map[string]bool{}
	for i, e := range d.Enterprises {
		c := v.at("enterprises", i, e.ID)
		c.required("id", e.ID)
		c.required("name", e.Name)
		if e.ID != "" {
			if enterprises[e.ID] {
				c.fail("id", "duplicate id")
			}
			enterprises[e.ID] = true
		}
		if e.CreditCode != "" {
			if err := CheckCreditCode(e.CreditCode); err != nil {
				c.fail("credit_code", err.Error())
			}
		}
		c.enum("stage", e.Stage, StageStartup, StageGrowth, StageMature)
		for _, h := range e.StageHistory {
			c.enum("stage_history.stage", h.Stage, StageStartup, StageGrowth, StageMature)
			c.date("stage_history.since", h.Since)
		}
		c.nonNegative("employees", e.Employees)
		c.optionalDate("founded", e.Founded)
	}
	refEnterprise := func(c check, field, id string) {
		if id != "" && !enterprises[id] {
			c.fail(field, fmt.Sprintf("no enterprise with id %q", id))
		}
	}

	for i, s := range d.Surveys {
		c := v.at("surveys", i, "")
		c.required("enterprise", s.Enterprise)
		refEnterprise(c, "enterprise", s.Enterprise)
		c.date("date", s.Date)
		c.nonNegative("employees", s.Employees)
	}

	organizations := map[string]bool{}
	for i, o := range d.Organizations {
		c := v.at("organizations", i, o.ID)
		c.required("id", o.ID)
		c.required("name", o.Name)
		if o.ID != "" {
			if organizations[o.ID] {
				c.fail("id", "duplicate id")
			}
			organizations[o.ID] = true
		}
		c.enum("kind", o.Kind, KindBranch, KindJointBranch, KindGeneralBranch, KindCommittee)
		c.date("formed", o.Formed)
		if len(o.Enterprises) == 0 {
			c.fail("enterprises", "required")
		}
		for _, e := range o.Enterprises {
			refEnterprise(c, "enterprises", e)
		}
		if o.Kind == KindJointBranch && distinct(o.Enterprises) < 2 {
			c.fail("enterprises", "a joint branch covers two or more enterprises")
		}
	}
	refOrganization := func(c check, field, id string) {
		if id != "" && !organizations[id] {
			c.fail(field, fmt.Sprintf("no organization with id %q", id))
		}
	}

	staff := map[string]bool{}
	for i, s := range d.Staff {
		c := v.at("staff", i, s.ID)
		c.required("id", s.ID)
		c.required("name", s.Name)
		if s.ID != "" {
			if staff[s.ID] {
				c.fail("id", "duplicate id")
			}
			staff[s.ID] = true
		}
		if len(s.Roles) == 0 {
			c.fail("roles", "required")
		}
		for _, r := range s.Roles {
			c.enum("roles", r, RoleSpecialist, RoleInstructor)
		}
		for _, e := range s.Enterprises {
			refEnterprise(c, "enterprises", e)
		}
		c.date("since", s.Since)
		c.optionalDate("until", s.Until)
	}

	for i, s := range d.Services {
		c := v.at("services", i, "")
		c.required("enterprise", s.Enterprise)
		refEnterprise(c, "enterprise", s.Enterprise)
		c.enum("kind", s.Kind, ServiceEquipment, ServiceFinanceTax, ServiceLegal, ServiceVenue)
		c.date("date", s.Date)
		if s.MarketCost != nil && *s.MarketCost < 0 {
			c.fail("market_cost", "must not be negative")
		}
		if s.ActualCost != nil && *s.ActualCost < 0 {
			c.fail("actual_cost", "must not be negative")
		}
	}

	members := map[string]bool{}
	for i, m := range d.Members {
		c := v.at("members", i, m.ID)
		c.required("id", m.ID)
		c.required("name", m.Name)
		if m.ID != "" {
			if members[m.ID] {
				c.fail("id", "duplicate id")
			}
			members[m.ID] = true
		}
		c.required("organization", m.Organization)
		refOrganization(c, "organization", m.Organization)
		refEnterprise(c, "enterprise", m.Enterprise)
		c.memberStages(m)
	}

	for i, a := range d.Activities {
		c := v.at("activities", i, "")
		c.enum("program", a.Program, ProgramIncubation, ProgramUplift, ProgramBrand)
		c.required("kind", a.Kind)
		c.required("title", a.Title)
		c.date("date", a.Date)
		refOrganization(c, "organizer", a.Organizer)
		for _, e := range a.Enterprises {
			refEnterprise(c, "enterprises", e)
		}
		c.nonNegative("participants", a.Participants)
	}

	for i, p := range d.Platforms {
		c := v.at("platforms", i, "")
		c.required("kind", p.Kind)
		c.required("name", p.Name)
		c.date("established", p.Established)
	}

	for i, g := range d.Designations {
		c := v.at("designations", i, "")
		c.required("enterprise", g.Enterprise)
		refEnterprise(c, "enterprise", g.Enterprise)
		c.required("kind", g.Kind)
		c.year("year", g.Year)
	}

	for i, b := range d.Brands {
		c := v.at("brands", i, "")
		c.required("organization", b.Organization)
		refOrganization(c, "organization", b.Organization)
		c.required("name", b.Name)
		c.date("launched", b.Launched)
		c.enum("status", b.Status, StatusDraft, StatusSubmitted, StatusPublished)
	}

	for i, a := range d.Awards {
		c := v.at("awards", i, "")
		c.required("organization", a.Organization)
		refOrganization(c, "organization", a.Organization)
		c.required("kind", a.Kind)
		c.enum("level", a.Level, LevelDistrict, LevelCity, LevelProvince, LevelNational)
		c.year("year", a.Year)
	}

	for i, r := range d.Responsibility {
		c := v.at("responsibility", i, "")
		c.required("enterprise", r.Enterprise)
		refEnterprise(c, "enterprise", r.Enterprise)
		c.required("kind", r.Kind)
		c.date("date", r.Date)
		c.nonNegative("beneficiaries", r.Beneficiaries)
	}
	return v.problems
}

type validator struct{ problems []Problem }

func (v *validator) add(collection string, index int, id, field, msg string) {
	v.problems = append(v.problems, Problem{collection, index, id, field, msg})
}

func (v *validator) at(collection string, index int, id string) check {
	return check{v, collection, index, id}
}

// check reports problems of one record.
type check struct {
	v          *validator
	collection string
	index      int
	id         string
}

func (c check) fail(field, msg string) { c.v.add(c.collection, c.index, c.id, field, msg) }

func (c check) required(field, value string) {
	if strings.TrimSpace(value) == "" {
		c.fail(field, "required")
	}
}

func (c check) enum(field, value string, allowed ...string) {
	if !slices.Contains(allowed, value) {
		c.fail(field, fmt.Sprintf("%q is not one of %s", value, strings.Join(allowed, ", ")))
	}
}

func (c check) date(field, value string) {
	if value == "" {
		c.fail(field, "required")
		return
	}
	c.optionalDate(field, value)
}

func (c check) optionalDate(field, value string) {
	if value == "" {
		return
	}
	if _, err := ParseDate(value); err != nil {
		c.fail(field, err.Error())
	}
}

func (c check) nonNegative(field string, n int) {
	if n < 0 {
		c.fail(field, "must not be negative")
	}
}

func (c check) year(field string, y int) {
	if y < 1900 || y > 2100 {
		c.fail(field, fmt.Sprintf("%d is not a year", y))
	}
}

// memberStages checks the development rules: stages in order with every
// earlier stage present, a full year from activist to candidate and from
// probationary to full, and at least 18 years of age on applying.
func (c check) memberStages(m Member) {
	stages := []struct{ field, value string }{
		{"applied", m.Applied}, {"activist", m.Activist}, {"candidate", m.Candidate},
		{"probationary", m.Probationary}, {"full", m.Full},
	}
	dates := make([]time.Time, len(stages))
	missing := ""
	for i, s := range stages {
		if s.value == "" {
			if i == 0 {
				c.fail(s.field, "required")
				return
			}
			if missing == "" {
				missing = s.field
			}
			continue
		}
		if missing != "" {
			c.fail(s.field, fmt.Sprintf("set while the earlier stage %s is not", missing))
			return
		}
		t, err := ParseDate(s.value)
		if err != nil {
			c.fail(s.field, err.Error())
			return
		}
		dates[i] = t
		if i > 0 && t.Before(dates[i-1]) {
			c.fail(s.field, fmt.Sprintf("%s is before %s (%s)", s.value, stages[i-1].field, stages[i-1].value))
		}
	}
	if m.Candidate != "" && dates[2].Before(dates[1].AddDate(1, 0, 0)) {
		c.fail("candidate", "less than one year after activist")
	}
	if m.Full != "" && dates[4].Before(dates[3].AddDate(1, 0, 0)) {
		c.fail("full", "less than one year after probationary")
	}
	if m.Birth != "" {
		b, err := ParseDate(m.Birth)
		if err != nil {
			c.fail("birth", err.Error())
		} else if dates[0].Before(b.AddDate(18, 0, 0)) {
			c.fail("applied", "younger than 18 on applying")
		}
	}
}

func distinct(ids []string) int {
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	return len(seen)
}

// requiredFields lists, per collection, the fields the specification marks
// required; CheckRequired looks for them in the raw JSON, where a missing
// boolean or number cannot be told from false or zero after decoding.
var requiredFields = map[string][]string{
	"enterprises":    {"id", "name", "stage"},
	"surveys":        {"enterprise", "date", "fixed_premises", "employees", "operating"},
	"organizations":  {"id", "name", "kind", "formed", "enterprises"},
	"staff":          {"id", "name", "roles", "since"},
	"services":       {"enterprise", "kind", "date", "effective"},
	"members":        {"id", "name", "organization", "management", "applied"},
	"activities":     {"program", "kind", "title", "date"},
	"platforms":      {"kind", "name", "established"},
	"designations":   {"enterprise", "kind", "year"},
	"brands":         {"organization", "name", "launched", "status"},
	"awards":         {"organization", "kind", "level", "year"},
	"responsibility": {"enterprise", "kind", "date", "beneficiaries"},
}

// CheckRequired decodes raw as a generic document and reports records that
// lack a required field or hold null in it.
func CheckRequired(raw []byte) error {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return err
	}
	var errs []error
	for _, name := range Collections {
		var records []map[string]json.RawMessage
		if err := json.Unmarshal(doc[name], &records); doc[name] != nil && err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		for i, r := range records {
			for _, f := range requiredFields[name] {
				if v, ok := r[f]; !ok || string(v) == "null" {
					errs = append(errs, fmt.Errorf("%s[%d] %s: required", name, i, f))
				}
			}
		}
	}
	return errors.Join(errs...)
}
