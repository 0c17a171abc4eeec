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
// services, oldest first, from the twelve months the write path keeps
// (figures.go).
func (s *Store) EquipmentSavings(ctx context.Context, year int) ([]MonthSaving, error) {
	y := strconv.Itoa(year)
	rows, err := s.read.QueryContext(ctx, `
		SELECT month, services, market_fen, actual_fen FROM service_months
		WHERE park_id = ? AND month BETWEEN ? AND ? AND kind = 'equipment' AND services > 0
		ORDER BY month`, ParkOf(ctx), y+"-01", y+"-12")
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

// ServiceSavings lists a year's effective shared services by kind and
// month, as EquipmentSavings does for equipment, from the months the write
// path keeps.
func (s *Store) ServiceSavings(ctx context.Context, year int) ([]KindMonthSaving, error) {
	y := strconv.Itoa(year)
	rows, err := s.read.QueryContext(ctx, `
		SELECT kind, month, services, market_fen, actual_fen FROM service_months
		WHERE park_id = ? AND month BETWEEN ? AND ? AND services > 0
		ORDER BY month, kind`, ParkOf(ctx), y+"-01", y+"-12")
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
