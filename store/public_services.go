package store

import (
	"context"
	"fmt"
	"strconv"
)

// MonthSaving is one month of effective shared-equipment services: how many,
// and what those with a market price would have cost against what they did.
type MonthSaving struct {
	Month    string // 2023-05
	Services int
	// MarketFen and ActualFen are, in fen, Σ market_cost over the services
	// with a market cost above zero and Σ actual_cost over the same (an
	// absent actual cost counts as zero, as in the annual report).
	MarketFen int64
	ActualFen int64
}

// EquipmentSavings lists the months of a year with effective equipment
// services, oldest first: one aggregate query on the services_date index.
func (s *Store) EquipmentSavings(ctx context.Context, year int) ([]MonthSaving, error) {
	y := strconv.Itoa(year)
	rows, err := s.Read.QueryContext(ctx, `
		SELECT substr(date, 1, 7) AS m, count(*),
		       coalesce(sum(CASE WHEN market_cost_fen > 0 THEN market_cost_fen END), 0),
		       coalesce(sum(CASE WHEN market_cost_fen > 0 THEN coalesce(actual_cost_fen, 0) END), 0)
		FROM services
		WHERE date >= ? AND date <= ? AND kind = 'equipment' AND effective = 1
		GROUP BY m ORDER BY m`, y+"-01-01", y+"-12-31")
	if err != nil {
		return nil, fmt.Errorf("store: unable to sum equipment savings: %w", err)
	}
	defer rows.Close()
	var out []MonthSaving
	for rows.Next() {
		var m MonthSaving
		if err := rows.Scan(&m.Month, &m.Services, &m.MarketFen, &m.ActualFen); err != nil {
			return nil, fmt.Errorf("store: unable to sum equipment savings: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// KindMonthSaving is one month of one kind of effective shared service.
type KindMonthSaving struct {
	Kind string
	MonthSaving
}

// ServiceSavings sums a year's effective shared services by kind and
// month, as EquipmentSavings does for equipment: one aggregate query on
// the services_date index.
func (s *Store) ServiceSavings(ctx context.Context, year int) ([]KindMonthSaving, error) {
	y := strconv.Itoa(year)
	rows, err := s.Read.QueryContext(ctx, `
		SELECT kind, substr(date, 1, 7) AS m, count(*),
		       coalesce(sum(CASE WHEN market_cost_fen > 0 THEN market_cost_fen END), 0),
		       coalesce(sum(CASE WHEN market_cost_fen > 0 THEN coalesce(actual_cost_fen, 0) END), 0)
		FROM services
		WHERE date >= ? AND date <= ? AND effective = 1
		GROUP BY kind, m ORDER BY m, kind`, y+"-01-01", y+"-12-31")
	if err != nil {
		return nil, fmt.Errorf("store: unable to sum service savings: %w", err)
	}
	defer rows.Close()
	var out []KindMonthSaving
	for rows.Next() {
		var m KindMonthSaving
		if err := rows.Scan(&m.Kind, &m.Month, &m.Services, &m.MarketFen, &m.ActualFen); err != nil {
			return nil, fmt.Errorf("store: unable to sum service savings: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
