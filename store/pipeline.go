package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The coverage pipeline (三有 → 组建): enterprises whose latest survey meets
// 三有 and that no party organisation covers yet, each with the step the
// rules allow. A branch needs three full members: an enterprise with as
// many can form a branch of its own; the others may form a joint branch of
// at most five units whose full members add up to three. The suggestions
// are made for the whole pipeline at once, so that every page agrees and
// each enterprise is in one suggestion only; where no group can reach
// three, the card says how many full members are missing.

// BranchFullMembers is how many full members a branch needs (党支部须有
// 三名以上正式党员): one enterprise's for a branch of its own, its units'
// together for a joint branch.
const BranchFullMembers = 3

// JointBranchMaxUnits is the most enterprises one joint branch covers.
const JointBranchMaxUnits = 5

// PipelineEntry is one enterprise waiting in the pipeline.
type PipelineEntry struct {
	ID, Name, Stage, Sector string
	SurveyDate              string   // its latest survey, which meets 三有
	FullMembers             int      // full members working there, as of today
	Instructors             []string // party-building instructors assigned to it
	OwnBranch               bool     // it can form a branch of its own
	// A joint branch suggested for it: the other units and the full
	// members of all of them together (three or more).
	Partners     []EnterpriseLink
	GroupMembers int
	// Missing is, when nothing can be suggested, how many full members
	// the enterprises left without a suggestion lack for a joint branch.
	Missing int
}

// EnterpriseLink names an enterprise by its id.
type EnterpriseLink struct {
	ID, Name string
}

// The pipeline reads the coverage and the latest survey that the write
// path keeps for each enterprise (enterprise_figures, figures.go), through
// its index in the pipeline's order: the oldest survey first.
const (
	pipelineOrder = ` ORDER BY f.surveyed, f.enterprise_id`
)

// pipelineFrom is the pipeline's FROM and WHERE, the park's parameter
// written as park (? or ?N, as the statement numbers its parameters).
func pipelineFrom(park string) string {
	return ` FROM enterprise_figures f JOIN enterprises e ON e.id = f.enterprise_id WHERE f.park_id = ` + park + ` AND f.coverage = 'sanyou'`
}

// fullMembersSQL counts the full members (as of the first argument, a
// date) working at enterprise e.
const fullMembersSQL = `(SELECT count(*) FROM members m WHERE m.enterprise_id = e.id AND m.full <= ?)`

// Pipeline lists one page of the enterprises waiting to be covered, oldest
// survey first, and how many wait in all, with full members counted as of
// today (the store's clock, in the park). Queries: the count, the page,
// the full members dated after today, and the waiting enterprises with one
// or two full members and the first of those without, as many as their
// joint branches have room for (two each).
func (s *Store) Pipeline(ctx context.Context, offset, limit int) ([]PipelineEntry, int, error) {
	today := s.Today().Format(time.DateOnly)
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT enterprises FROM coverage_counts WHERE park_id = ? AND coverage = 'sanyou'), 0)`, ParkOf(ctx)).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count the pipeline: %w", err)
	}
	var entries []PipelineEntry
	// Each row's instructors are found from its few staff links: the
	// unary + keeps SQLite from walking every instructor per row instead.
	err := eachRow(ctx, s.read, `SELECT e.source_id, e.name, e.stage, COALESCE(e.sector, ''), f.surveyed, `+fullMembersSQL+`,
			COALESCE((SELECT string_agg(st.name, '、' ORDER BY st.id) FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
				WHERE l.enterprise_id = e.id AND +st.instructor = 1), '')`+pipelineFrom("?")+pipelineOrder+` LIMIT ? OFFSET ?`,
		[]any{today, ParkOf(ctx), limit, offset}, func(rows *sql.Rows) error {
			var p PipelineEntry
			var instructors string
			if err := rows.Scan(&p.ID, &p.Name, &p.Stage, &p.Sector, &p.SurveyDate, &p.FullMembers, &instructors); err != nil {
				return err
			}
			if instructors != "" {
				p.Instructors = strings.Split(instructors, "、")
			}
			p.OwnBranch = p.FullMembers >= BranchFullMembers
			entries = append(entries, p)
			return nil
		})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list the pipeline: %w", err)
	}
	plan, err := s.planJointBranches(ctx, today)
	if err != nil {
		return nil, 0, err
	}
	for i := range entries {
		e := &entries[i]
		if e.OwnBranch {
			continue
		}
		g, ok := plan.group[e.ID]
		if !ok {
			e.Missing = plan.missing
			continue
		}
		e.GroupMembers = plan.groups[g].members
		for _, u := range plan.groups[g].units {
			if u.ID != e.ID {
				e.Partners = append(e.Partners, u.EnterpriseLink)
			}
		}
	}
	return entries, total, nil
}

// waitingUnit is an enterprise in the pipeline with its full members.
type waitingUnit struct {
	EnterpriseLink
	sector   string
	members  int
	surveyed string // the pipeline's order: surveyed, then rowid
	rowid    int64
}

// before orders units as the pipeline does.
func (u waitingUnit) before(v waitingUnit) bool {
	return u.surveyed < v.surveyed || u.surveyed == v.surveyed && u.rowid < v.rowid
}

// jointGroup is one joint branch suggested.
type jointGroup struct {
	units   []waitingUnit
	members int
}

// jointPlan is the joint branches suggested for the whole pipeline.
type jointPlan struct {
	groups  []jointGroup
	group   map[string]int // enterprise id → its group
	missing int            // what the enterprises left over lack
}

// waitingUnitsSQL selects the pipeline's enterprises as waiting units: the
// full members the write path keeps (of any date) less those dated after
// today (?1), which the members_full index finds.
const (
	waitingUnitColumns = `SELECT e.source_id, e.name, COALESCE(e.sector, ''), f.surveyed, f.enterprise_id,
	f.full_members - (SELECT count(*) FROM members m WHERE m.enterprise_id = f.enterprise_id AND m.full > ?1)`
	// laterUnitsSQL starts from the members made full after today: a
	// row for each.
	laterUnitsSQL = waitingUnitColumns + ` FROM (SELECT enterprise_id AS id FROM members WHERE park_id = ?2 AND "full" > ?1) l
	CROSS JOIN enterprise_figures f ON f.enterprise_id = l.id JOIN enterprises e ON e.id = f.enterprise_id WHERE f.park_id = ?2 AND f.coverage = 'sanyou'`
)

// waitingUnitsSQL is waitingUnitColumns of the pipeline's enterprises, the
// park ?3.
var waitingUnitsSQL = waitingUnitColumns + pipelineFrom("?3")

// planJointBranches groups the pipeline's enterprises of one or two full
// members into joint branches of three or more (see groupUnits), then
// gives each group's free places to the enterprises left over, those with
// members first, then those without, oldest survey first. It reads the
// enterprises with one or two full members and, of those without, only as
// many as the groups have room for, through the index on the kept counts;
// the few enterprises with full members dated after today are read by id
// and counted as of today.
func (s *Store) planJointBranches(ctx context.Context, today string) (jointPlan, error) {
	scan := func(into *[]waitingUnit) func(rows *sql.Rows) error {
		return func(rows *sql.Rows) error {
			var u waitingUnit
			err := rows.Scan(&u.ID, &u.Name, &u.sector, &u.surveyed, &u.rowid, &u.members)
			*into = append(*into, u)
			return err
		}
	}
	var later []waitingUnit // enterprises with full members dated after today
	err := eachRow(ctx, s.read, laterUnitsSQL, []any{today, ParkOf(ctx)}, scan(&later))
	if err != nil {
		return jointPlan{}, fmt.Errorf("store: unable to plan joint branches: %w", err)
	}
	laterIDs := map[int64]bool{} // a row per member: once each
	later = slices.DeleteFunc(later, func(u waitingUnit) bool {
		seen := laterIDs[u.rowid]
		laterIDs[u.rowid] = true
		return seen
	})
	// The kept count is today's for everyone else.
	var holders []waitingUnit
	err = eachRow(ctx, s.read, waitingUnitsSQL+` AND f.full_members BETWEEN 1 AND ?2`, []any{today, BranchFullMembers - 1, ParkOf(ctx)}, scan(&holders))
	if err != nil {
		return jointPlan{}, fmt.Errorf("store: unable to plan joint branches: %w", err)
	}
	holders = slices.DeleteFunc(holders, func(u waitingUnit) bool { return laterIDs[u.rowid] })
	for _, u := range later {
		if u.members >= 1 && u.members < BranchFullMembers {
			holders = append(holders, u)
		}
	}
	slices.SortFunc(holders, func(a, b waitingUnit) int { return compareUnits(a, b) })
	groups, left := groupUnits(holders)
	free := 0
	for _, g := range groups {
		free += JointBranchMaxUnits - len(g.units)
	}
	// Asked even for none, so that the page's statements do not depend
	// on the data.
	var none []waitingUnit
	err = eachRow(ctx, s.read, waitingUnitsSQL+` AND f.full_members = 0`+pipelineOrder+` LIMIT ?2`,
		[]any{today, max(0, free-len(left)), ParkOf(ctx)}, scan(&none))
	if err != nil {
		return jointPlan{}, fmt.Errorf("store: unable to plan joint branches: %w", err)
	}
	for _, u := range later {
		if u.members == 0 {
			none = append(none, u)
		}
	}
	slices.SortFunc(none, func(a, b waitingUnit) int { return compareUnits(a, b) })
	left = append(left, none[:min(len(none), max(0, free-len(left)))]...)
	plan := jointPlan{groups: groups, group: map[string]int{}}
	for i := range plan.groups {
		g := &plan.groups[i]
		for len(g.units) < JointBranchMaxUnits && len(left) > 0 {
			g.units, g.members = append(g.units, left[0]), g.members+left[0].members
			left = left[1:]
		}
		for _, u := range g.units {
			plan.group[u.ID] = i
		}
	}
	plan.missing = BranchFullMembers
	for _, u := range left {
		plan.missing -= u.members
	}
	return plan, nil
}

// compareUnits orders units as the pipeline does.
func compareUnits(a, b waitingUnit) int {
	switch {
	case a.before(b):
		return -1
	case b.before(a):
		return 1
	}
	return 0
}

// groupUnits forms as many joint branches of three or more full members as
// units of one or two allow (in the pipeline's order): each takes the
// partner that completes it exactly (a two for a one, a one for a two),
// else a smaller one, else a larger one, of its own sector first. What
// cannot reach three is left over, in order; together it holds fewer than
// three.
func groupUnits(units []waitingUnit) ([]jointGroup, []waitingUnit) {
	used := make([]bool, len(units))
	pick := func(need int, sector string) int {
		best, bestRank := -1, 0
		for j, u := range units {
			if used[j] {
				continue
			}
			rank := 0 // lower is better
			switch {
			case u.members == need:
			case u.members < need:
				rank = 2 + (need - u.members)
			default:
				rank = 4 + (u.members - need)
			}
			rank *= 2
			if u.sector == "" || u.sector != sector {
				rank++
			}
			if best < 0 || rank < bestRank {
				best, bestRank = j, rank
			}
		}
		return best
	}
	var groups []jointGroup
	for i, u := range units {
		if used[i] {
			continue
		}
		used[i] = true
		g := jointGroup{units: []waitingUnit{u}, members: u.members}
		taken := []int{i}
		for g.members < BranchFullMembers && len(g.units) < JointBranchMaxUnits {
			j := pick(BranchFullMembers-g.members, u.sector)
			if j < 0 {
				break
			}
			used[j] = true
			taken = append(taken, j)
			g.units, g.members = append(g.units, units[j]), g.members+units[j].members
		}
		if g.members < BranchFullMembers {
			// Everything not yet grouped was taken and falls short:
			// no later unit can do better.
			for _, j := range taken {
				used[j] = false
			}
			break
		}
		groups = append(groups, g)
	}
	var left []waitingUnit
	for i, u := range units {
		if !used[i] {
			left = append(left, u)
		}
	}
	return groups, left
}

// FullMembersAt counts the full members (as of today, on the store's
// clock) working at the enterprises with the given ids: what a branch
// covering them starts with. Queries: one.
func (s *Store) FullMembersAt(ctx context.Context, enterprises []string) (int, error) {
	if len(enterprises) == 0 {
		return 0, nil
	}
	today := s.Today().Format(time.DateOnly)
	ids, err := json.Marshal(enterprises)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM members m JOIN enterprises e ON e.id = m.enterprise_id
		WHERE m.full <= ? AND e.park_id = ? AND e.source_id IN (SELECT value FROM `+s.d.jsonStrings("?")+`)`, today, ParkOf(ctx), string(ids)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unable to count full members: %w", err)
	}
	return n, nil
}

// EnterpriseNames names the enterprises with the given ids (for a form
// filled in from the pipeline, a record's history); unknown ids are left
// out. Queries: one per 500 ids.
func (s *Store) EnterpriseNames(ctx context.Context, ids []string) (map[string]string, error) {
	return s.namesByID(ctx, "enterprises", ids)
}

// OrganizationNames names the party organisations with the given ids;
// unknown ids are left out. Queries: one per 500 ids.
func (s *Store) OrganizationNames(ctx context.Context, ids []string) (map[string]string, error) {
	return s.namesByID(ctx, "organizations", ids)
}

// namesByID names the records of table (enterprises or organizations)
// with the given interchange ids.
func (s *Store) namesByID(ctx context.Context, table string, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(ids); start += idChunk {
		chunk := ids[start:min(len(ids), start+idChunk)]
		args := []any{ParkOf(ctx)}
		for _, id := range chunk {
			args = append(args, id)
		}
		err := eachRow(ctx, s.read, `SELECT source_id, name FROM `+table+` WHERE park_id = ? AND source_id IN (?`+strings.Repeat(", ?", len(chunk)-1)+`)`, args,
			func(rows *sql.Rows) error {
				var id, name string
				err := rows.Scan(&id, &name)
				out[id] = name
				return err
			})
		if err != nil {
			return nil, fmt.Errorf("store: unable to name %s: %w", table, err)
		}
	}
	return out, nil
}
