package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The coverage pipeline (三有 → 组建): enterprises whose latest survey meets
// 三有 and that no party organisation covers yet, each with the step the
// rules suggest. An enterprise with three or more full members can form a
// branch of its own; one with fewer joins a joint branch of at most five
// units with other enterprises still waiting.

// OwnBranchMembers is how many full members an enterprise needs for a
// branch of its own.
const OwnBranchMembers = 3

// JointBranchMaxUnits is the most enterprises one joint branch covers.
const JointBranchMaxUnits = 5

// PipelineEntry is one enterprise waiting in the pipeline.
type PipelineEntry struct {
	ID, Name, Stage, Sector string
	SurveyDate              string   // its latest survey, which meets 三有
	FullMembers             int      // full members working there
	Instructors             []string // party-building instructors assigned to it
	OwnBranch               bool     // it can form a branch of its own
	Partners                []EnterpriseLink
}

// EnterpriseLink names an enterprise by its id.
type EnterpriseLink struct {
	ID, Name string
}

// Pipeline lists one page of the enterprises waiting to be covered, oldest
// survey first, and how many wait in all. Partners for a joint branch are
// suggested among the others waiting on the page, of the same sector
// first. Queries: count and the page.
func (s *Store) Pipeline(ctx context.Context, offset, limit int) ([]PipelineEntry, int, error) {
	cond := ` FROM enterprises e WHERE (` + coverageSQL + `) = 'sanyou'`
	var total int
	if err := s.Read.QueryRowContext(ctx, `SELECT count(*)`+cond).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count the pipeline: %w", err)
	}
	var entries []PipelineEntry
	err := eachRow(ctx, s.Read, `SELECT e.source_id, e.name, e.stage, COALESCE(e.sector, ''),
			(SELECT max(s.date) FROM surveys s WHERE s.enterprise_id = e.id),
			(SELECT count(*) FROM members m WHERE m.enterprise_id = e.id AND m.full IS NOT NULL),
			COALESCE((SELECT group_concat(st.name, '、') FROM staff_enterprises l JOIN staff st ON st.id = l.staff_id
				WHERE l.enterprise_id = e.id AND st.instructor = 1), '')`+cond+`
		ORDER BY 5, e.id LIMIT ? OFFSET ?`, []any{limit, offset}, func(rows *sql.Rows) error {
		var p PipelineEntry
		var instructors string
		if err := rows.Scan(&p.ID, &p.Name, &p.Stage, &p.Sector, &p.SurveyDate, &p.FullMembers, &instructors); err != nil {
			return err
		}
		if instructors != "" {
			p.Instructors = strings.Split(instructors, "、")
		}
		p.OwnBranch = p.FullMembers >= OwnBranchMembers
		entries = append(entries, p)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list the pipeline: %w", err)
	}
	for i := range entries {
		if !entries[i].OwnBranch {
			entries[i].Partners = suggestPartners(entries, i)
		}
	}
	return entries, total, nil
}

// suggestPartners picks up to four others on the page that also need a
// joint branch, of the same sector first, then in the page's order.
func suggestPartners(entries []PipelineEntry, i int) []EnterpriseLink {
	var same, other []EnterpriseLink
	for j, e := range entries {
		if j == i || e.OwnBranch {
			continue
		}
		link := EnterpriseLink{ID: e.ID, Name: e.Name}
		if e.Sector != "" && e.Sector == entries[i].Sector {
			same = append(same, link)
		} else {
			other = append(other, link)
		}
	}
	all := append(same, other...)
	return all[:min(len(all), JointBranchMaxUnits-1)]
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
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		err := eachRow(ctx, s.Read, `SELECT source_id, name FROM `+table+` WHERE source_id IN (?`+strings.Repeat(", ?", len(chunk)-1)+`)`, args,
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

// UncoveredEnterprises lists, by name, the enterprises no organisation
// covers, at most limit of them: the choices for an organisation's
// enterprises.
func (s *Store) UncoveredEnterprises(ctx context.Context, limit int) ([]EnterpriseLink, error) {
	var out []EnterpriseLink
	err := eachRow(ctx, s.Read, `SELECT e.source_id, e.name FROM enterprises e
		WHERE NOT EXISTS (SELECT 1 FROM organization_enterprises l WHERE l.enterprise_id = e.id)
		ORDER BY e.name LIMIT ?`, []any{limit}, func(rows *sql.Rows) error {
		var l EnterpriseLink
		err := rows.Scan(&l.ID, &l.Name)
		out = append(out, l)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list uncovered enterprises: %w", err)
	}
	return out, nil
}
