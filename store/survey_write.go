package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// surveyKind is the surveys' part of the write path; nothing refers to
// a survey.
var surveyKind = recordKind[Survey]{
	collection: Surveys,
	load:       loadSurvey,
	id:         func(v Survey) string { return v.ID },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, v Survey) (rowWrite, error) {
		enterprise, err := resolveRef(ctx, tx, ps, Enterprises, "enterprise", v.Enterprise)
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO surveys (source_id, enterprise_id, date, fixed_premises, employees, operating, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?7, ?8, ?9)`,
				`UPDATE surveys SET source_id = ?, enterprise_id = ?, date = ?, fixed_premises = ?,
				employees = ?, operating = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(v.ID), enterprise, v.Date, v.FixedPremises, v.Employees, v.Operating, at.at, at.by)
		}, err
	},
}

// SurveyByKey returns the survey with rowid key, as the interchange format
// has it; ErrNotFound when there is none. Surveys are found by rowid, as
// their interchange id is optional.
func (s *Store) SurveyByKey(ctx context.Context, key int64) (Survey, error) {
	v, _, err := loadSurvey(ctx, s.read, key)
	return v, err
}

// loadSurvey also returns the survey's title in the audit log: its
// enterprise's name and its date.
func loadSurvey(ctx context.Context, q querier, key int64) (Survey, string, error) {
	var v Survey
	var id sql.NullString
	var name string
	err := q.QueryRowContext(ctx, `SELECT s.source_id, e.source_id, e.name, s.date, s.fixed_premises, s.employees, s.operating, s.version
		FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.id = ? AND s.park_id = ?`, key, ParkOf(ctx)).
		Scan(&id, &v.Enterprise, &name, &v.Date, &v.FixedPremises, &v.Employees, &v.Operating, &v.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Survey{}, "", ErrNotFound
	}
	if err != nil {
		return Survey{}, "", fmt.Errorf("store: unable to fetch survey %d: %w", key, err)
	}
	v.ID = textOf(id)
	return v, surveyTitle(name, v.Date), nil
}

// surveyTitle names a survey in the audit log and in messages.
func surveyTitle(enterprise, date string) string {
	return enterprise + " " + dateText(date) + " 三有摸排"
}

// SaveSurvey records a survey (key 0) or replaces the one with rowid key.
// Its enterprise must exist. A record the rules refuse gives a
// *RecordError.
func (s *Store) SaveSurvey(ctx context.Context, actor Actor, key int64, v Survey) (AuditEntry, error) {
	return saveIn(ctx, s, actor, surveyKind, key, v)
}

// DeleteSurvey deletes the survey with rowid key; nothing refers to surveys.
func (s *Store) DeleteSurvey(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, surveyKind, key, version)
}
