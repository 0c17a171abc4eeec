package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SurveyByKey returns the survey with rowid key, as the interchange format
// has it; ErrNotFound when there is none. Surveys are found by rowid, as
// their interchange id is optional.
func (s *Store) SurveyByKey(ctx context.Context, key int64) (Survey, error) {
	v, _, err := loadSurvey(ctx, s.Read, key)
	return v, err
}

// loadSurvey also returns the name of the surveyed enterprise, the survey's
// title in the audit log.
func loadSurvey(ctx context.Context, q querier, key int64) (Survey, string, error) {
	var v Survey
	var id sql.NullString
	var name string
	err := q.QueryRowContext(ctx, `SELECT s.source_id, e.source_id, e.name, s.date, s.fixed_premises, s.employees, s.operating, s.version
		FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.id = ?`, key).
		Scan(&id, &v.Enterprise, &name, &v.Date, &v.FixedPremises, &v.Employees, &v.Operating, &v.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Survey{}, "", ErrNotFound
	}
	if err != nil {
		return Survey{}, "", fmt.Errorf("store: unable to fetch survey %d: %w", key, err)
	}
	v.ID = textOf(id)
	return v, name, nil
}

// surveyTitle names a survey in the audit log and in messages.
func surveyTitle(enterprise, date string) string {
	return enterprise + " " + dateText(date) + " 三有摸排"
}

// SaveSurvey records a survey (key 0) or replaces the one with rowid key.
// Its enterprise must exist. A record the rules refuse gives a
// *RecordError.
func (s *Store) SaveSurvey(ctx context.Context, actor Actor, key int64, v Survey) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		entry := AuditEntry{Collection: "surveys", Action: ActionCreate, RecordID: v.ID}
		if key != 0 {
			before, name, err := loadSurvey(ctx, tx, key)
			if err != nil {
				return AuditEntry{}, err
			}
			if err := checkVersion(ctx, tx, "surveys", key, surveyTitle(name, before.Date), v.Version, before.Version, before); err != nil {
				return AuditEntry{}, err
			}
			entry.Action, entry.Version = ActionUpdate, before.Version+1
			if entry.Before, err = recordJSON(before); err != nil {
				return AuditEntry{}, err
			}
		}
		ps := problems(append(v.Validate(), textProblems(v)...))
		if err := duplicateID(ctx, tx, &ps, "surveys", v.ID, key); err != nil {
			return AuditEntry{}, err
		}
		enterprise, err := resolveRef(ctx, tx, &ps, "enterprises", "enterprise", v.Enterprise)
		if err != nil {
			return AuditEntry{}, err
		}
		if len(ps) > 0 {
			return AuditEntry{}, &RecordError{Collection: "surveys", Problems: ps}
		}
		args := []any{nullable(v.ID), enterprise, v.Date, v.FixedPremises, v.Employees, v.Operating, now, actor.Username}
		if key == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO surveys (source_id, enterprise_id, date, fixed_premises, employees, operating, updated_at, updated_by, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?7, ?8)`, args...)
			if err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to record survey: %w", err)
			}
			if key, err = res.LastInsertId(); err != nil {
				return AuditEntry{}, err
			}
			entry.Version = 1
		} else if _, err := tx.ExecContext(ctx, `UPDATE surveys SET source_id = ?, enterprise_id = ?, date = ?, fixed_premises = ?,
			employees = ?, operating = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to update survey: %w", err)
		}
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM enterprises WHERE id = ?`, enterprise).Scan(&name); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to name the surveyed enterprise: %w", err)
		}
		if entry.After, err = recordJSON(v); err != nil {
			return AuditEntry{}, err
		}
		entry.RecordKey, entry.Title = key, surveyTitle(name, v.Date)
		return entry, nil
	})
}

// DeleteSurvey deletes the survey with rowid key; nothing refers to surveys.
func (s *Store) DeleteSurvey(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, name, err := loadSurvey(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "surveys", key, surveyTitle(name, before.Date), version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM surveys WHERE id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete survey %d: %w", key, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "surveys", Action: ActionDelete, RecordKey: key, RecordID: before.ID,
			Title: surveyTitle(name, before.Date), Before: b, Version: before.Version}, nil
	})
}
