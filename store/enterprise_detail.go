package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// EnterpriseDetail is an enterprise with what relates to it, for its page in
// the staff workspace. Lists hold the newest detailListLimit entries; the
// counts say how many there are in all.
type EnterpriseDetail struct {
	Enterprise
	Key                 int64
	Coverage            Coverage
	Surveys             []SurveyRow
	SurveyCount         int
	Organizations       []OrganizationLink
	Staff               []StaffRef
	Services            []ServiceRow
	ServiceCount        int
	Activities          []ActivityRef
	ActivityCount       int
	Designations        []DesignationRef
	Responsibility      []ResponsibilityRow
	ResponsibilityCount int
	MembersByStage      map[string]int // applied … full: members whose latest stage it is
}

// SurveyRow is a survey with its rowid.
type SurveyRow struct {
	Survey
	Key int64
}

// Meets tells whether the survey meets all three of 三有.
func (s Survey) Meets() bool { return s.FixedPremises && s.Employees >= 10 && s.Operating }

// OrganizationLink names a party organisation by its id, for staff pages.
type OrganizationLink struct {
	ID, Name, Kind string
}

// StaffRef names a staff member and their roles.
type StaffRef struct {
	ID, Name string
	Roles    []string
}

// ServiceRow is a shared service with its rowid.
type ServiceRow struct {
	Service
	Key int64
}

// ActivityRef names an activity.
type ActivityRef struct {
	Key                  int64
	Title, Date, Program string
}

// DesignationRef is a designation with its rowid.
type DesignationRef struct {
	Designation
	Key int64
}

// ResponsibilityRow is a responsibility record with its rowid.
type ResponsibilityRow struct {
	Responsibility
	Key int64
}

// detailListLimit is how many of each related list a record page shows.
const detailListLimit = 20

// EnterpriseDetailOf gathers the page of enterprise e, as its ledger read
// it; ErrNotFound when it is no longer there. Queries: a fixed dozen,
// each bounded.
func (s *Store) EnterpriseDetailOf(ctx context.Context, e Enterprise) (EnterpriseDetail, error) {
	id := e.ID
	d := EnterpriseDetail{Enterprise: e, MembersByStage: map[string]int{}}
	fail := func(what string, err error) (EnterpriseDetail, error) {
		return EnterpriseDetail{}, fmt.Errorf("store: unable to fetch the %s of enterprise %q: %w", what, id, err)
	}
	err := s.read.QueryRowContext(ctx, `SELECT e.id, `+keptCoverageSQL+` FROM enterprises e WHERE e.park_id = ? AND e.source_id = ?`, ParkOf(ctx), id).Scan(&d.Key, &d.Coverage)
	if errors.Is(err, sql.ErrNoRows) {
		return EnterpriseDetail{}, ErrNotFound
	}
	if err != nil {
		return fail("coverage", err)
	}
	key := d.Key
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM surveys WHERE enterprise_id = ?`, key).Scan(&d.SurveyCount); err != nil {
		return fail("surveys", err)
	}
	if err := eachRow(ctx, s.read, `SELECT id, COALESCE(source_id, ''), date, fixed_premises, employees, operating FROM surveys
		WHERE enterprise_id = ? ORDER BY date DESC, id DESC LIMIT ?`, []any{key, detailListLimit}, func(rows *sql.Rows) error {
		r := SurveyRow{Survey: Survey{Enterprise: id}}
		err := rows.Scan(&r.Key, &r.ID, &r.Date, &r.FixedPremises, &r.Employees, &r.Operating)
		d.Surveys = append(d.Surveys, r)
		return err
	}); err != nil {
		return fail("surveys", err)
	}
	if err := eachRow(ctx, s.read, `SELECT o.source_id, o.name, o.kind FROM organization_enterprises l JOIN organizations o ON o.id = l.organization_id
		WHERE l.enterprise_id = ? ORDER BY o.formed`, []any{key}, func(rows *sql.Rows) error {
		var o OrganizationLink
		err := rows.Scan(&o.ID, &o.Name, &o.Kind)
		d.Organizations = append(d.Organizations, o)
		return err
	}); err != nil {
		return fail("organisations", err)
	}
	if err := eachRow(ctx, s.read, `SELECT s.source_id, s.name, s.specialist, s.instructor FROM staff_enterprises l JOIN staff s ON s.id = l.staff_id
		WHERE l.enterprise_id = ? ORDER BY s.id`, []any{key}, func(rows *sql.Rows) error {
		var r StaffRef
		var specialist, instructor bool
		err := rows.Scan(&r.ID, &r.Name, &specialist, &instructor)
		if specialist {
			r.Roles = append(r.Roles, "specialist")
		}
		if instructor {
			r.Roles = append(r.Roles, "instructor")
		}
		d.Staff = append(d.Staff, r)
		return err
	}); err != nil {
		return fail("staff", err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM services WHERE enterprise_id = ?`, key).Scan(&d.ServiceCount); err != nil {
		return fail("services", err)
	}
	if err := eachRow(ctx, s.read, `SELECT id, kind, date, effective, market_cost_fen, actual_cost_fen, COALESCE(note, '') FROM services
		WHERE enterprise_id = ? ORDER BY date DESC, id DESC LIMIT ?`, []any{key, detailListLimit}, func(rows *sql.Rows) error {
		r := ServiceRow{Service: Service{Enterprise: id}}
		var market, actual sql.NullInt64
		err := rows.Scan(&r.Key, &r.Kind, &r.Date, &r.Effective, &market, &actual, &r.Note)
		r.MarketCost, r.ActualCost = moneyOrNil(market), moneyOrNil(actual)
		d.Services = append(d.Services, r)
		return err
	}); err != nil {
		return fail("services", err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM activity_enterprises WHERE enterprise_id = ?`, key).Scan(&d.ActivityCount); err != nil {
		return fail("activities", err)
	}
	if err := eachRow(ctx, s.read, `SELECT a.id, a.title, a.date, a.program FROM activity_enterprises l JOIN activities a ON a.id = l.activity_id
		WHERE l.enterprise_id = ? ORDER BY a.date DESC, a.id DESC LIMIT ?`, []any{key, detailListLimit}, func(rows *sql.Rows) error {
		var r ActivityRef
		err := rows.Scan(&r.Key, &r.Title, &r.Date, &r.Program)
		d.Activities = append(d.Activities, r)
		return err
	}); err != nil {
		return fail("activities", err)
	}
	if err := eachRow(ctx, s.read, `SELECT id, COALESCE(source_id, ''), kind, year FROM designations WHERE enterprise_id = ? ORDER BY year DESC`,
		[]any{key}, func(rows *sql.Rows) error {
			r := DesignationRef{Designation: Designation{Enterprise: id}}
			err := rows.Scan(&r.Key, &r.ID, &r.Kind, &r.Year)
			d.Designations = append(d.Designations, r)
			return err
		}); err != nil {
		return fail("designations", err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM responsibility WHERE enterprise_id = ?`, key).Scan(&d.ResponsibilityCount); err != nil {
		return fail("responsibility records", err)
	}
	if err := eachRow(ctx, s.read, `SELECT id, kind, date, beneficiaries, COALESCE(note, ''), status FROM responsibility
		WHERE enterprise_id = ? ORDER BY date DESC, id DESC LIMIT ?`, []any{key, detailListLimit}, func(rows *sql.Rows) error {
		r := ResponsibilityRow{Responsibility: Responsibility{Enterprise: id}}
		err := rows.Scan(&r.Key, &r.Kind, &r.Date, &r.Beneficiaries, &r.Note, &r.Status)
		d.Responsibility = append(d.Responsibility, r)
		return err
	}); err != nil {
		return fail("responsibility records", err)
	}
	if err := eachRow(ctx, s.read, `SELECT `+memberStageSQLOf("members")+` AS stage, count(*) FROM members WHERE enterprise_id = ? GROUP BY stage`, []any{key}, func(rows *sql.Rows) error {
		var stage string
		var n int
		err := rows.Scan(&stage, &n)
		d.MembersByStage[stage] = n
		return err
	}); err != nil {
		return fail("members", err)
	}
	return d, nil
}
