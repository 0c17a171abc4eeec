package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ActivityByKey returns the activity with rowid key, as the interchange
// format has it; ErrNotFound when there is none. Activities are found by
// rowid, as their interchange id is optional.
func (s *Store) ActivityByKey(ctx context.Context, key int64) (Activity, error) {
	a, _, err := loadActivity(ctx, s.Read, key)
	return a, err
}

// ActivityWithOrganizer is ActivityByKey with the organiser's name ("" when
// none), for the activity's page.
func (s *Store) ActivityWithOrganizer(ctx context.Context, key int64) (Activity, string, error) {
	return loadActivity(ctx, s.Read, key)
}

func loadActivity(ctx context.Context, q querier, key int64) (Activity, string, error) {
	var (
		a                                     Activity
		id, organizer, organizerName, summary sql.NullString
		participants                          sql.NullInt64
		status                                string
	)
	err := q.QueryRowContext(ctx, `SELECT a.source_id, a.program, a.kind, a.title, a.date, o.source_id, o.name, a.participants, a.summary, a.status, a.version
		FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id WHERE a.id = ?`, key).
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
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveActivity(ctx, tx, actor, now, key, a)
	})
}

// saveActivity is SaveActivity inside a change's transaction.
func saveActivity(ctx context.Context, tx *writeTx, actor Actor, now string, key int64, a Activity) (AuditEntry, error) {
	entry := AuditEntry{Collection: "activities", Action: ActionCreate, RecordID: a.ID, Title: a.Title}
	if key != 0 {
		before, _, err := loadActivity(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "activities", key, before.Title, a.Version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		entry.Action, entry.Version = ActionUpdate, before.Version+1
		if entry.Before, err = recordJSON(before); err != nil {
			return AuditEntry{}, err
		}
	}
	ps := problems(append(a.Validate(), textProblems(a)...))
	if err := duplicateID(ctx, tx, &ps, "activities", a.ID, key); err != nil {
		return AuditEntry{}, err
	}
	organizer, err := resolveRef(ctx, tx, &ps, "organizations", "organizer", a.Organizer)
	if err != nil {
		return AuditEntry{}, err
	}
	enterprises := make([]int64, len(a.Enterprises))
	for i, id := range a.Enterprises {
		if enterprises[i], err = resolveRef(ctx, tx, &ps, "enterprises", fmt.Sprintf("enterprises[%d]", i+1), id); err != nil {
			return AuditEntry{}, err
		}
	}
	if len(ps) > 0 {
		return AuditEntry{}, &RecordError{Collection: "activities", Problems: ps}
	}
	if tx.checkOnly {
		return AuditEntry{}, nil // a filing's check: the rules hold, nothing is written
	}
	var org any
	if organizer != 0 {
		org = organizer
	}
	args := []any{nullable(a.ID), a.Program, a.Kind, a.Title, a.Date, org, nullableInt(a.Participants), nullable(a.Summary), published(a.Status), now, actor.Username}
	if key == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO activities (source_id, program, kind, title, date, organizer_id, participants, summary, status, updated_at, updated_by, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?10, ?11)`, args...)
		if err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to record activity: %w", err)
		}
		if key, err = res.LastInsertId(); err != nil {
			return AuditEntry{}, err
		}
		entry.Version = 1
	} else {
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET source_id = ?, program = ?, kind = ?, title = ?, date = ?, organizer_id = ?,
			participants = ?, summary = ?, status = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update activity: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM activity_enterprises WHERE activity_id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update the enterprises of activity: %w", err)
		}
	}
	for i, e := range enterprises {
		if _, err := tx.ExecContext(ctx, `INSERT INTO activity_enterprises (activity_id, enterprise_id, position) VALUES (?, ?, ?)`, key, e, i+1); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to write the enterprises of activity: %w", err)
		}
	}
	if entry.After, err = recordJSON(a); err != nil {
		return AuditEntry{}, err
	}
	entry.RecordKey = key
	return entry, nil
}

// DeleteActivity deletes the activity with rowid key and its list of
// enterprises; nothing refers to activities.
func (s *Store) DeleteActivity(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, _, err := loadActivity(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "activities", key, before.Title, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		for _, q := range []string{`DELETE FROM activity_enterprises WHERE activity_id = ?`, `DELETE FROM activities WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, key); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to delete activity %d: %w", key, err)
			}
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "activities", Action: ActionDelete, RecordKey: key, RecordID: before.ID, Title: before.Title, Before: b, Version: before.Version}, nil
	})
}
