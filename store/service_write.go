package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ServiceByKey returns the shared-service record with rowid key, as the
// interchange format has it; ErrNotFound when there is none.
func (s *Store) ServiceByKey(ctx context.Context, key int64) (Service, error) {
	v, _, err := loadService(ctx, s.Read, key)
	return v, err
}

// loadService also returns the service's title in the audit log.
func loadService(ctx context.Context, q querier, key int64) (Service, string, error) {
	var v Service
	var id, note sql.NullString
	var market, actual sql.NullInt64
	var name string
	err := q.QueryRowContext(ctx, `SELECT s.source_id, e.source_id, e.name, s.kind, s.date, s.effective, s.market_cost_fen, s.actual_cost_fen, s.note, s.version
		FROM services s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.id = ?`, key).
		Scan(&id, &v.Enterprise, &name, &v.Kind, &v.Date, &v.Effective, &market, &actual, &note, &v.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Service{}, "", ErrNotFound
	}
	if err != nil {
		return Service{}, "", fmt.Errorf("store: unable to fetch service %d: %w", key, err)
	}
	v.ID, v.Note, v.MarketCost, v.ActualCost = textOf(id), textOf(note), moneyOrNil(market), moneyOrNil(actual)
	return v, ServiceTitle(name, v), nil
}

// ServiceTitle names a service: 某公司 2023年5月5日 共享设备.
func ServiceTitle(enterprise string, v Service) string {
	return enterprise + " " + dateText(v.Date) + " " + Label(ServiceKinds, v.Kind)
}

// SaveService records a shared service (key 0) or replaces the one with
// rowid key. Its enterprise must exist. A record the rules refuse gives a
// *RecordError.
func (s *Store) SaveService(ctx context.Context, actor Actor, key int64, v Service) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveService(ctx, tx, actor, now, key, v)
	})
}

// saveService is SaveService inside a change's transaction.
func saveService(ctx context.Context, tx *writeTx, actor Actor, now string, key int64, v Service) (AuditEntry, error) {
	entry := AuditEntry{Collection: "services", Action: ActionCreate, RecordID: v.ID}
	if key != 0 {
		before, name, err := loadService(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "services", key, name, v.Version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		entry.Action, entry.Version = ActionUpdate, before.Version+1
		if entry.Before, err = recordJSON(before); err != nil {
			return AuditEntry{}, err
		}
	}
	ps := problems(append(v.Validate(), textProblems(v)...))
	if err := duplicateID(ctx, tx, &ps, "services", v.ID, key); err != nil {
		return AuditEntry{}, err
	}
	enterprise, err := resolveRef(ctx, tx, &ps, "enterprises", "enterprise", v.Enterprise)
	if err != nil {
		return AuditEntry{}, err
	}
	if len(ps) > 0 {
		return AuditEntry{}, &RecordError{Collection: "services", Problems: ps}
	}
	if tx.checkOnly {
		return AuditEntry{}, nil // a filing's check: the rules hold, nothing is written
	}
	args := []any{nullable(v.ID), enterprise, v.Kind, v.Date, v.Effective, nullableMoney(v.MarketCost), nullableMoney(v.ActualCost), nullable(v.Note), now, actor.Username}
	if key == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO services (source_id, enterprise_id, kind, date, effective, market_cost_fen, actual_cost_fen, note, updated_at, updated_by, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?9, ?10)`, args...)
		if err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to record service: %w", err)
		}
		if key, err = res.LastInsertId(); err != nil {
			return AuditEntry{}, err
		}
		entry.Version = 1
	} else if _, err := tx.ExecContext(ctx, `UPDATE services SET source_id = ?, enterprise_id = ?, kind = ?, date = ?, effective = ?,
		market_cost_fen = ?, actual_cost_fen = ?, note = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
		return AuditEntry{}, fmt.Errorf("store: unable to update service: %w", err)
	}
	_, title, err := loadService(ctx, tx, key)
	if err != nil {
		return AuditEntry{}, err
	}
	if entry.After, err = recordJSON(v); err != nil {
		return AuditEntry{}, err
	}
	entry.RecordKey, entry.Title = key, title
	return entry, nil
}

// DeleteService deletes the service with rowid key; nothing refers to it.
func (s *Store) DeleteService(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, title, err := loadService(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "services", key, title, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM services WHERE id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete service %d: %w", key, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "services", Action: ActionDelete, RecordKey: key, RecordID: before.ID, Title: title, Before: b, Version: before.Version}, nil
	})
}
