package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The annual return (年报): a park's figures of a year, filed upward to
// the district. Filing freezes the year's report as the records give it
// at that moment, with who filed it and when; later changes to the
// records move the live report, never a filed return. A correction is a
// new version with its reason; every version is kept (migration 31
// refuses to change or delete one).

// AnnualReturn is one filed version of a park's return for a year.
type AnnualReturn struct {
	ID      int64
	Park    int64
	Year    int
	Version int
	Report  Report // the figures as filed
	// Saving is the equipment saving ratio's parts as filed, so that a
	// district adds them up instead of averaging its parks' ratios.
	Saving   SavingParts
	Unit     string // 填报单位: the park's name when it was filed
	Head     string // 负责人
	Preparer string // 填表人
	Phone    string // 联系电话
	Reason   string // why a correction was filed; "" for the first version
	FiledBy  string // the account that filed it
	Filer    string // its display name then; "" when it had none
	FiledAt  time.Time
}

// SavingParts are the market and actual costs (in fen) of a year's
// effective equipment services with a market cost.
type SavingParts struct {
	MarketFen, ActualFen int64
}

// Ratio is the saving ratio the report gives for these parts: 1 − Σactual
// ÷ Σmarket, rounded to 2 decimals; nil without a market cost.
func (p SavingParts) Ratio() *float64 {
	if p.MarketFen <= 0 {
		return nil
	}
	r := math.Round(float64(p.MarketFen-p.ActualFen)*100/float64(p.MarketFen)) / 100
	return &r
}

// ReturnFiling is what a clerk fills in to file a year's return.
type ReturnFiling struct {
	Year     int
	Head     string
	Preparer string
	Phone    string
	Reason   string // required from the second version on
	// Seen is the latest version the clerk saw (0: none): filing after
	// someone else filed meanwhile is refused with ReturnMovedError.
	Seen int
	// Figures is the digest (ReportDigest) of the figures the clerk saw
	// and files; when the records have moved them since, the filing is
	// refused with ErrFiguresMoved. "" files whatever the records give.
	Figures string
}

// ErrFiguresMoved refuses a filing whose figures the records have moved
// since the clerk saw them: they should see the new ones before filing.
var ErrFiguresMoved = errors.New("store: the figures moved since they were shown")

// ReportDigest names a report's figures: equal digests, equal figures.
func ReportDigest(r Report) string {
	b, _ := json.Marshal(r)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// ReturnMovedError refuses a filing made against a version that is no
// longer the latest: someone filed meanwhile, and the clerk should see
// what they filed before filing again.
type ReturnMovedError struct {
	Latest AnnualReturn
}

func (e *ReturnMovedError) Error() string {
	return fmt.Sprintf("store: the %d return moved to version %d", e.Latest.Year, e.Latest.Version)
}

// ErrYearNotOver refuses a return for a year that has not ended.
var ErrYearNotOver = errors.New("store: the year has not ended")

var phoneNumber = regexp.MustCompile(`^[0-9０-９+＋\-－ ()（）转]{5,30}$`)

// FiledByName is who filed the version, as the pages name them.
func (r AnnualReturn) FiledByName() string {
	if r.Filer != "" {
		return r.Filer
	}
	return r.FiledBy
}

// Check lists what is wrong with the filing's fields, in Chinese; version
// is the version it would become.
func (f ReturnFiling) Check(version int) []Problem {
	var ps problems
	for _, fld := range []struct{ name, value, label string }{
		{"head", f.Head, "负责人"}, {"preparer", f.Preparer, "填表人"},
	} {
		switch v := strings.TrimSpace(fld.value); {
		case v == "":
			ps.add(newProblem(fld.name, "required", "请填写%s", fld.label))
		case utf8.RuneCountInString(v) > 40:
			ps.add(newProblem(fld.name, "too_long", "%s不超过 40 个字", fld.label))
		}
	}
	phone := strings.TrimSpace(f.Phone)
	digits := 0
	for _, r := range phone {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			digits++
		}
	}
	switch {
	case phone == "":
		ps.add(newProblem("phone", "required", "请填写联系电话"))
	case !phoneNumber.MatchString(phone) || digits < 5:
		ps.add(newProblem("phone", "phone", "联系电话只能由数字、“-”、空格和括号组成，如 0731-28888888 或 13800000000"))
	}
	reason := strings.TrimSpace(f.Reason)
	switch {
	case version > 1 && reason == "":
		ps.add(newProblem("reason", "required", "更正已报出的年报须说明更正原因"))
	case utf8.RuneCountInString(reason) > 500:
		ps.add(newProblem("reason", "too_long", "更正原因不超过 500 个字"))
	}
	return ps
}

const returnColumns = `id, park_id, year, version, figures, market_fen, actual_fen, unit, head, preparer, phone, reason, filed_by, filer_name, filed_at`

func scanReturn(row interface{ Scan(...any) error }) (AnnualReturn, error) {
	var r AnnualReturn
	var figures, at string
	err := row.Scan(&r.ID, &r.Park, &r.Year, &r.Version, &figures, &r.Saving.MarketFen, &r.Saving.ActualFen,
		&r.Unit, &r.Head, &r.Preparer, &r.Phone, &r.Reason, &r.FiledBy, &r.Filer, &at)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(figures), &r.Report); err != nil {
		return r, fmt.Errorf("store: the %d return's figures are unreadable: %w", r.Year, err)
	}
	r.FiledAt, _ = time.Parse(time.RFC3339, at)
	return r, nil
}

// FileReturn files ctx's park's return for f.Year: the year's report as
// the records give it in the same transaction, frozen as the next
// version, with its audit entry. The year must have ended (ErrYearNotOver);
// the fields must pass Check (*ImportError); f.Seen must be the latest
// version (*ReturnMovedError; ErrNotFound past it); the figures, those
// the clerk saw (ErrFiguresMoved).
func (s *Store) FileReturn(ctx context.Context, actor Actor, f ReturnFiling) (AnnualReturn, error) {
	park := ParkOf(ctx)
	if park == District {
		return AnnualReturn{}, ErrNotFound
	}
	if f.Year < 1000 || f.Year >= s.Today().Year() {
		return AnnualReturn{}, ErrYearNotOver
	}
	f.Head, f.Preparer = strings.TrimSpace(f.Head), strings.TrimSpace(f.Preparer)
	f.Phone, f.Reason = strings.TrimSpace(f.Phone), strings.TrimSpace(f.Reason)
	var out AnnualReturn
	err := s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		latest := 0
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM annual_returns WHERE park_id = ? AND year = ?`,
			park, f.Year).Scan(&latest); err != nil {
			return fmt.Errorf("store: unable to read the %d returns: %w", f.Year, err)
		}
		if f.Seen > latest {
			return ErrNotFound // a form of another park's, or made up: no version it names
		}
		if latest != f.Seen {
			r, err := scanReturn(tx.QueryRowContext(ctx, `SELECT `+returnColumns+` FROM annual_returns
				WHERE park_id = ? AND year = ? AND version = ?`, park, f.Year, latest))
			if err != nil {
				return fmt.Errorf("store: unable to read the %d return: %w", f.Year, err)
			}
			return &ReturnMovedError{Latest: r}
		}
		if ps := f.Check(latest + 1); len(ps) > 0 {
			return &ImportError{Problems: ps}
		}
		reports, err := reportsIn(ctx, tx, []int{f.Year})
		if err != nil {
			return fmt.Errorf("store: unable to count the %d figures: %w", f.Year, err)
		}
		if f.Figures != "" && ReportDigest(reports[0]) != f.Figures {
			return ErrFiguresMoved
		}
		var saving SavingParts
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(market_fen), 0), coalesce(sum(actual_fen), 0) FROM service_months
			WHERE park_id = ? AND kind = 'equipment' AND month BETWEEN ? AND ?`,
			park, strconv.Itoa(f.Year)+"-01", strconv.Itoa(f.Year)+"-12").Scan(&saving.MarketFen, &saving.ActualFen); err != nil {
			return fmt.Errorf("store: unable to read the %d services: %w", f.Year, err)
		}
		figures, err := json.Marshal(reports[0])
		if err != nil {
			return err
		}
		var unit string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM parks WHERE id = ?`, park).Scan(&unit); err != nil {
			return fmt.Errorf("store: unable to read the park: %w", err)
		}
		out, err = scanReturn(tx.QueryRowContext(ctx, `INSERT INTO annual_returns (park_id, year, version, figures, market_fen, actual_fen,
			unit, head, preparer, phone, reason, filed_by, filer_name, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING `+returnColumns,
			park, f.Year, latest+1, string(figures), saving.MarketFen, saving.ActualFen,
			unit, f.Head, f.Preparer, f.Phone, f.Reason, actor.Username, actor.Name, now))
		if err != nil {
			return fmt.Errorf("store: unable to file the %d return: %w", f.Year, err)
		}
		after, err := recordJSON(map[string]any{"year": f.Year, "version": out.Version, "head": f.Head,
			"preparer": f.Preparer, "phone": f.Phone, "reason": f.Reason})
		if err != nil {
			return err
		}
		note := "报出年报"
		if out.Version > 1 {
			note = "更正年报：" + f.Reason
		}
		_, err = log(AuditEntry{Action: ActionCreate, Collection: "annual_returns", RecordKey: out.ID,
			RecordID: fmt.Sprintf("%d-v%d", f.Year, out.Version), Title: fmt.Sprintf("%d年度年报（第 %d 版）", f.Year, out.Version),
			After: after, Note: note})
		return err
	})
	if err != nil {
		return AnnualReturn{}, err
	}
	return out, nil
}

// AnnualReturns lists ctx's park's filed versions of year, the latest
// first; none when it has not filed.
func (s *Store) AnnualReturns(ctx context.Context, year int) ([]AnnualReturn, error) {
	var out []AnnualReturn
	err := eachRow(ctx, s.read, `SELECT `+returnColumns+` FROM annual_returns WHERE park_id = ? AND year = ? ORDER BY version DESC`,
		[]any{ParkOf(ctx), year}, func(rows *sql.Rows) error {
			r, err := scanReturn(rows)
			out = append(out, r)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the %d returns: %w", year, err)
	}
	return out, nil
}

// LatestReturns are the latest filed version of each year's return of
// ctx's park, by year (year 0); or of year's return of each park ctx
// reads that filed it, by park. Each is a seek in the returns' key.
func (s *Store) LatestReturns(ctx context.Context, year int) ([]AnnualReturn, error) {
	const latest = ` AND r.version = (SELECT max(version) FROM annual_returns v WHERE v.park_id = r.park_id AND v.year = r.year)`
	query := `SELECT ` + returnColumns + ` FROM annual_returns r WHERE r.park_id = ?1` + latest + ` ORDER BY r.year`
	args := []any{ParkOf(ctx)}
	if year != 0 {
		lo, hi := parkRange(ctx)
		query = `SELECT r.` + strings.ReplaceAll(returnColumns, ", ", ", r.") + ` FROM parks p JOIN annual_returns r ON r.park_id = p.id AND r.year = ?3` +
			latest + ` WHERE p.id BETWEEN ?1 AND ?2 ORDER BY p.id`
		args = []any{lo, hi, year}
	}
	var out []AnnualReturn
	err := eachRow(ctx, s.read, query, args, func(rows *sql.Rows) error {
		r, err := scanReturn(rows)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the returns: %w", err)
	}
	return out, nil
}

// SumReturns is the district's report of the filed returns: the parks'
// counts added up, the saving ratio from the summed parts (never an
// average of ratios), the responsibility kinds merged in the report's
// order.
func SumReturns(year int, returns []AnnualReturn) Report {
	out := Report{Year: year}
	var saving SavingParts
	yearKinds, totalKinds := map[string]int{}, map[string]int{}
	for _, ret := range returns {
		r := ret.Report
		a, b := &out.Incubation, r.Incubation
		a.EnterprisesSurveyed += b.EnterprisesSurveyed
		a.SanyouQualified += b.SanyouQualified
		a.BranchesFormed += b.BranchesFormed
		a.JointBranchesFormed += b.JointBranchesFormed
		a.StartupsCovered += b.StartupsCovered
		a.StaffServing += b.StaffServing
		a.Services.Equipment += b.Services.Equipment
		a.Services.FinanceTax += b.Services.FinanceTax
		a.Services.Legal += b.Services.Legal
		a.Services.Venue += b.Services.Venue
		u, v := &out.Uplift, r.Uplift
		u.MembersDeveloped += v.MembersDeveloped
		u.MembersDevelopedManagement += v.MembersDevelopedManagement
		u.UniversityLines += v.UniversityLines
		u.ZjtxProvincialNew += v.ZjtxProvincialNew
		br, bs := &out.Brand, r.Brand
		br.BrandsPublished += bs.BrandsPublished
		br.BenchmarksCityNew += bs.BenchmarksCityNew
		br.BenchmarksCityOrAbove += bs.BenchmarksCityOrAbove
		for _, t := range bs.ResponsibilityYear {
			yearKinds[t.Kind] += t.Total
		}
		for _, t := range bs.ResponsibilityTotal {
			totalKinds[t.Kind] += t.Total
		}
		out.Activities.Incubation += r.Activities.Incubation
		out.Activities.Uplift += r.Activities.Uplift
		out.Activities.Brand += r.Activities.Brand
		saving.MarketFen += ret.Saving.MarketFen
		saving.ActualFen += ret.Saving.ActualFen
	}
	out.Incubation.EquipmentSavingRatio = saving.Ratio()
	out.Brand.ResponsibilityYear = orderedKinds(yearKinds)
	out.Brand.ResponsibilityTotal = orderedKinds(totalKinds)
	return out
}

// orderedKinds lists totals in the report's order: the kinds every report
// shows, then the others by name.
func orderedKinds(totals map[string]int) KindTotals {
	var out KindTotals
	for _, k := range reportedResponsibility {
		out = append(out, KindTotal{k, totals[k]})
	}
	var others []string
	for k := range totals {
		if !slices.Contains(reportedResponsibility, k) {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	for _, k := range others {
		out = append(out, KindTotal{k, totals[k]})
	}
	return out
}
