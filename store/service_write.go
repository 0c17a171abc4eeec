package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// serviceKind is the shared services' part of the write path.
var serviceKind = recordKind[Service]{
	collection: Services,
	load:       loadService,
	id:         func(v Service) string { return v.ID },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, v Service) (rowWrite, error) {
		enterprise, err := resolveRef(ctx, tx, ps, Enterprises, "enterprise", v.Enterprise)
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO services (source_id, enterprise_id, kind, date, effective, market_cost_fen, actual_cost_fen, note, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?9, ?10, ?11)`,
				`UPDATE services SET source_id = ?, enterprise_id = ?, kind = ?, date = ?, effective = ?,
				market_cost_fen = ?, actual_cost_fen = ?, note = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(v.ID), enterprise, v.Kind, v.Date, v.Effective, nullableMoney(v.MarketCost), nullableMoney(v.ActualCost), nullable(v.Note), at.at, at.by)
		}, err
	},
}

// ServiceByKey returns the shared-service record with rowid key, as the
// interchange format has it; ErrNotFound when there is none.
func (s *Store) ServiceByKey(ctx context.Context, key int64) (Service, error) {
	v, _, err := loadService(ctx, s.read, key)
	return v, err
}

// loadService also returns the service's title in the audit log.
func loadService(ctx context.Context, q querier, key int64) (Service, string, error) {
	var v Service
	var id, note sql.NullString
	var market, actual sql.NullInt64
	var name string
	err := q.QueryRowContext(ctx, `SELECT s.source_id, e.source_id, e.name, s.kind, s.date, s.effective, s.market_cost_fen, s.actual_cost_fen, s.note, s.version
		FROM services s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.id = ? AND s.park_id = ?`, key, ParkOf(ctx)).
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
	return saveIn(ctx, s, actor, serviceKind, key, v)
}

// DeleteService deletes the service with rowid key; nothing refers to it.
func (s *Store) DeleteService(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, serviceKind, key, version)
}
