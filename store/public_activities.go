package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// PublicActivity is a published activity as public pages tell it.
type PublicActivity struct {
	ID              int64
	Program         string // incubation | uplift | brand
	Kind            string
	Title           string
	Date            string
	Summary         string
	Participants    int // meaningful when HasParticipants
	HasParticipants bool
	Organizer       string  // organisation name, "" when none
	Photos          []int64 // ids of its photos, in order
}

// activityColumns end with the activity's photo ids, comma-separated
// (activity_photos' primary key serves the lookup).
const activityColumns = `a.id, a.program, a.kind, a.title, a.date, coalesce(a.summary, ''), a.participants, coalesce(o.name, ''),
	coalesce((SELECT string_agg(CAST(photo_id AS TEXT), ',' ORDER BY position) FROM activity_photos WHERE activity_id = a.id), '')`

func scanActivities(rows *sql.Rows, err error) ([]PublicActivity, error) {
	if err != nil {
		return nil, fmt.Errorf("store: unable to list activities: %w", err)
	}
	defer rows.Close()
	var out []PublicActivity
	for rows.Next() {
		var a PublicActivity
		var n sql.NullInt64
		var photos string
		if err := rows.Scan(&a.ID, &a.Program, &a.Kind, &a.Title, &a.Date, &a.Summary, &n, &a.Organizer, &photos); err != nil {
			return nil, fmt.Errorf("store: unable to list activities: %w", err)
		}
		for _, p := range strings.Split(photos, ",") {
			if id, err := strconv.ParseInt(p, 10, 64); err == nil {
				a.Photos = append(a.Photos, id)
			}
		}
		a.Participants, a.HasParticipants = int(n.Int64), n.Valid
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to list activities: %w", err)
	}
	return out, nil
}

// LatestActivities lists the newest published activities of every
// programme.
func (s *Store) LatestActivities(ctx context.Context, limit int) ([]PublicActivity, error) {
	return scanActivities(s.read.QueryContext(ctx, `
		SELECT `+activityColumns+` FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id
		WHERE a.park_id = ? AND a.status = 'published' ORDER BY a.date DESC, a.id DESC LIMIT ?`, ParkOf(ctx), limit))
}

// ProgramStories lists a programme's published activities for its page:
// those with a story (summary) first, newest first, then the newest
// without one. Two queries that walk activities_program backwards from
// the newest and stop at limit: ordering by "has a story" sorted every
// activity of the programme, a fifth of a second on a district's 100,000.
func (s *Store) ProgramStories(ctx context.Context, program string, limit int) ([]PublicActivity, error) {
	with, err := scanActivities(s.read.QueryContext(ctx, `
		SELECT `+activityColumns+` FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id
		WHERE a.park_id = ? AND a.program = ? AND a.status = 'published' AND a.summary <> ''
		ORDER BY a.date DESC, a.id DESC LIMIT ?`, ParkOf(ctx), program, limit))
	if err != nil || len(with) == limit {
		return with, err
	}
	without, err := scanActivities(s.read.QueryContext(ctx, `
		SELECT `+activityColumns+` FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id
		WHERE a.park_id = ? AND a.program = ? AND a.status = 'published' AND (a.summary IS NULL OR a.summary = '')
		ORDER BY a.date DESC, a.id DESC LIMIT ?`, ParkOf(ctx), program, limit-len(with)))
	return append(with, without...), err
}

// activitiesOrganizedBy lists the published activities an organisation
// organised, newest first.
func (s *Store) activitiesOrganizedBy(ctx context.Context, orgID int64, limit int) ([]PublicActivity, error) {
	return scanActivities(s.read.QueryContext(ctx, `
		SELECT `+activityColumns+` FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id
		WHERE a.organizer_id = ? AND a.status = 'published' ORDER BY a.date DESC, a.id DESC LIMIT ?`, orgID, limit))
}

// activitiesOfEnterprise lists the published activities an enterprise took
// part in or one of its organisations organised, newest first: read from
// the enterprise's and its organisations' own activities (their indexes),
// not from every published activity.
func (s *Store) activitiesOfEnterprise(ctx context.Context, enterpriseID int64, orgIDs []int64, limit int) ([]PublicActivity, error) {
	orgCond := "FALSE"
	args := []any{enterpriseID}
	if len(orgIDs) > 0 {
		in, more := placeholders(orgIDs)
		orgCond = "organizer_id IN (" + in + ")"
		args = append(args, more...)
	}
	args = append(args, limit)
	return scanActivities(s.read.QueryContext(ctx, `
		SELECT `+activityColumns+` FROM (
			SELECT activity_id AS id FROM activity_enterprises WHERE enterprise_id = ?
			UNION SELECT id FROM activities WHERE `+orgCond+`) x
		CROSS JOIN activities a ON a.id = x.id LEFT JOIN organizations o ON o.id = a.organizer_id
		WHERE a.status = 'published'
		ORDER BY a.date DESC, a.id DESC LIMIT ?`, args...))
}

// ActivityPage is everything a published activity's own page shows.
type ActivityPage struct {
	Activity    PublicActivity
	Enterprises []EnterpriseRef // the enterprises that took part, by name
	// OrganizerBrand is the organiser's latest published brand, 0 for
	// none: the page links to it.
	OrganizerBrand int64
}

// ActivityPageByID gathers the page of the published activity id; a draft,
// a submission or an unknown id is ErrNotFound. Three queries.
func (s *Store) ActivityPageByID(ctx context.Context, id int64) (ActivityPage, error) {
	var p ActivityPage
	list, err := scanActivities(s.read.QueryContext(ctx, `
		SELECT `+activityColumns+` FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id
		WHERE a.id = ? AND a.park_id = ? AND a.status = 'published'`, id, ParkOf(ctx)))
	if err != nil {
		return p, err
	}
	if len(list) == 0 {
		return p, ErrNotFound
	}
	p.Activity = list[0]
	err = eachRow(ctx, s.read, `
		SELECT e.source_id, e.name, e.stage, coalesce(e.sector, '') FROM activity_enterprises ae JOIN enterprises e ON e.id = ae.enterprise_id
		WHERE ae.activity_id = ? ORDER BY e.name, e.id`, []any{id}, func(rows *sql.Rows) error {
		var e EnterpriseRef
		err := rows.Scan(&e.ID, &e.Name, &e.Stage, &e.Sector)
		p.Enterprises = append(p.Enterprises, e)
		return err
	})
	if err != nil {
		return p, fmt.Errorf("store: unable to list the enterprises of activity %d: %w", id, err)
	}
	err = s.read.QueryRowContext(ctx, `
		SELECT coalesce((SELECT b.id FROM activities a JOIN brands b ON b.organization_id = a.organizer_id
		WHERE a.id = ? AND b.status = 'published' ORDER BY b.launched DESC, b.id DESC LIMIT 1), 0)`, id).Scan(&p.OrganizerBrand)
	if err != nil {
		return p, fmt.Errorf("store: unable to find the brand of activity %d's organiser: %w", id, err)
	}
	return p, nil
}

// PublishedActivityIDs lists the newest published activities' ids, at most
// limit, newest first (the sitemap's).
func (s *Store) PublishedActivityIDs(ctx context.Context, limit int) ([]int64, error) {
	var out []int64
	err := eachRow(ctx, s.read, `SELECT id FROM activities WHERE park_id = ? AND status = 'published' ORDER BY date DESC, id DESC LIMIT ?`, []any{ParkOf(ctx), limit},
		func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			out = append(out, id)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list activities: %w", err)
	}
	return out, nil
}
