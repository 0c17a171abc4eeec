package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// activityKind is the activities' part of the write path: an activity
// refers to its organiser and the enterprises that took part, which it
// lists in their order.
var activityKind = recordKind[Activity]{
	collection: Activities,
	load: func(ctx context.Context, q querier, key int64) (Activity, string, error) {
		a, _, err := loadActivity(ctx, q, key)
		return a, a.Title, err
	},
	id:    func(a Activity) string { return a.ID },
	title: func(a Activity) string { return a.Title },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, a Activity) (rowWrite, error) {
		organizer, err := resolveRef(ctx, tx, ps, Organizations, "organizer", a.Organizer)
		if err != nil {
			return nil, err
		}
		enterprises := make([]int64, len(a.Enterprises))
		for i, id := range a.Enterprises {
			if enterprises[i], err = resolveRef(ctx, tx, ps, Enterprises, fmt.Sprintf("enterprises[%d]", i+1), id); err != nil {
				return nil, err
			}
		}
		return func(at stamp) (int64, error) {
			var org any
			if organizer != 0 {
				org = organizer
			}
			key, err := insertOrUpdate(ctx, tx, key,
				`INSERT INTO activities (source_id, program, kind, title, date, organizer_id, participants, summary, status, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?10, ?11, ?12)`,
				`UPDATE activities SET source_id = ?, program = ?, kind = ?, title = ?, date = ?, organizer_id = ?,
				participants = ?, summary = ?, status = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(a.ID), a.Program, a.Kind, a.Title, a.Date, org, nullableInt(a.Participants), nullable(a.Summary), published(a.Status), at.at, at.by)
			if err != nil {
				return 0, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM activity_enterprises WHERE activity_id = ?`, key); err != nil {
				return 0, err
			}
			for i, e := range enterprises {
				if _, err := tx.ExecContext(ctx, `INSERT INTO activity_enterprises (activity_id, enterprise_id, position) VALUES (?, ?, ?)`, key, e, i+1); err != nil {
					return 0, err
				}
			}
			return key, nil
		}, nil
	},
	remove: func(ctx context.Context, tx *writeTx, key int64, _ string) error {
		for _, q := range []string{`DELETE FROM activity_enterprises WHERE activity_id = ?`, `DELETE FROM activities WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, key); err != nil {
				return err
			}
		}
		return nil
	},
}

// ActivityByKey returns the activity with rowid key, as the interchange
// format has it; ErrNotFound when there is none. Activities are found by
// rowid, as their interchange id is optional.
func (s *Store) ActivityByKey(ctx context.Context, key int64) (Activity, error) {
	a, _, err := loadActivity(ctx, s.read, key)
	return a, err
}

// loadActivity also returns the organiser's name ("" when none).
func loadActivity(ctx context.Context, q querier, key int64) (Activity, string, error) {
	var (
		a                                     Activity
		id, organizer, organizerName, summary sql.NullString
		participants                          sql.NullInt64
		status                                string
	)
	err := q.QueryRowContext(ctx, `SELECT a.source_id, a.program, a.kind, a.title, a.date, o.source_id, o.name, a.participants, a.summary, a.status, a.version
		FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id WHERE a.id = ? AND a.park_id = ?`, key, ParkOf(ctx)).
		Scan(&id, &a.Program, &a.Kind, &a.Title, &a.Date, &organizer, &organizerName, &participants, &summary, &status, &a.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Activity{}, "", ErrNotFound
	}
	if err != nil {
		return Activity{}, "", fmt.Errorf("store: unable to fetch activity %d: %w", key, err)
	}
	a.ID, a.Organizer, a.Summary, a.Participants = textOf(id), textOf(organizer), textOf(summary), intOrNil(participants)
	if status != "published" {
		a.Status = status
	}
	err = eachRow(ctx, q, `SELECT e.source_id FROM activity_enterprises l JOIN enterprises e ON e.id = l.enterprise_id
		WHERE l.activity_id = ? ORDER BY l.position`, []any{key}, func(rows *sql.Rows) error {
		var e string
		err := rows.Scan(&e)
		a.Enterprises = append(a.Enterprises, e)
		return err
	})
	if err != nil {
		return Activity{}, "", fmt.Errorf("store: unable to fetch the enterprises of activity %d: %w", key, err)
	}
	return a, organizerName.String, nil
}

// SaveActivity records an activity (key 0) or replaces the one with rowid
// key, returning the entry whose RecordKey is its rowid. Its organiser and
// enterprises must exist. A record the rules refuse gives a *RecordError.
func (s *Store) SaveActivity(ctx context.Context, actor Actor, key int64, a Activity) (AuditEntry, error) {
	return saveIn(ctx, s, actor, activityKind, key, a)
}

// DeleteActivity deletes the activity with rowid key and its list of
// enterprises; nothing refers to activities.
func (s *Store) DeleteActivity(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, activityKind, key, version)
}
