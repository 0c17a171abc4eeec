package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// BrandByKey returns the party-building brand with rowid key, as the
// interchange format has it; ErrNotFound when there is none.
func (s *Store) BrandByKey(ctx context.Context, key int64) (Brand, error) {
	return loadBrand(ctx, s.Read, key)
}

func loadBrand(ctx context.Context, q querier, key int64) (Brand, error) {
	var b Brand
	var id, slogan, story, practices sql.NullString
	err := q.QueryRowContext(ctx, `SELECT b.source_id, o.source_id, b.name, b.launched, b.status, b.slogan, b.story, b.practices, b.version
		FROM brands b JOIN organizations o ON o.id = b.organization_id WHERE b.id = ?`, key).
		Scan(&id, &b.Organization, &b.Name, &b.Launched, &b.Status, &slogan, &story, &practices, &b.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Brand{}, ErrNotFound
	}
	if err != nil {
		return Brand{}, fmt.Errorf("store: unable to fetch brand %d: %w", key, err)
	}
	b.ID, b.Slogan, b.Story = textOf(id), textOf(slogan), textOf(story)
	if practices.Valid {
		if err := json.Unmarshal([]byte(practices.String), &b.Practices); err != nil {
			return Brand{}, fmt.Errorf("store: unable to read the practices of brand %d: %w", key, err)
		}
	}
	return b, nil
}

// SaveBrand records a party-building brand (key 0) or replaces the one
// with rowid key. Its organisation must exist. A record the rules refuse
// gives a *RecordError.
func (s *Store) SaveBrand(ctx context.Context, actor Actor, key int64, b Brand) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveBrand(ctx, tx, actor, now, key, b)
	})
}

// saveBrand is SaveBrand inside a change's transaction.
func saveBrand(ctx context.Context, tx *writeTx, actor Actor, now string, key int64, b Brand) (AuditEntry, error) {
	entry := AuditEntry{Collection: "brands", Action: ActionCreate, RecordID: b.ID, Title: b.Name}
	if key != 0 {
		before, err := loadBrand(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "brands", key, before.Name, b.Version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		entry.Action, entry.Version = ActionUpdate, before.Version+1
		if entry.Before, err = recordJSON(before); err != nil {
			return AuditEntry{}, err
		}
	}
	ps := problems(append(b.Validate(), textProblems(b)...))
	if err := duplicateID(ctx, tx, &ps, "brands", b.ID, key); err != nil {
		return AuditEntry{}, err
	}
	organization, err := resolveRef(ctx, tx, &ps, "organizations", "organization", b.Organization)
	if err != nil {
		return AuditEntry{}, err
	}
	if err := secondBrand(ctx, tx, &ps, organization, key); err != nil {
		return AuditEntry{}, err
	}
	if len(ps) > 0 {
		return AuditEntry{}, &RecordError{Collection: "brands", Problems: ps}
	}
	if tx.checkOnly {
		return AuditEntry{}, nil // a filing's check: the rules hold, nothing is written
	}
	var practices any
	if len(b.Practices) > 0 {
		js, err := json.Marshal(b.Practices)
		if err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to encode brand practices: %w", err)
		}
		practices = string(js)
	}
	args := []any{nullable(b.ID), organization, b.Name, b.Launched, b.Status, nullable(b.Slogan), nullable(b.Story), practices, now, actor.Username}
	if key == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO brands (source_id, organization_id, name, launched, status, slogan, story, practices, updated_at, updated_by, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?9, ?10)`, args...)
		if err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to record brand: %w", err)
		}
		if key, err = res.LastInsertId(); err != nil {
			return AuditEntry{}, err
		}
		entry.Version = 1
	} else if _, err := tx.ExecContext(ctx, `UPDATE brands SET source_id = ?, organization_id = ?, name = ?, launched = ?, status = ?,
		slogan = ?, story = ?, practices = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`, append(args, key)...); err != nil {
		return AuditEntry{}, fmt.Errorf("store: unable to update brand: %w", err)
	}
	if entry.After, err = recordJSON(b); err != nil {
		return AuditEntry{}, err
	}
	entry.RecordKey = key
	return entry, nil
}

// DeleteBrand deletes the brand with rowid key; nothing refers to it.
func (s *Store) DeleteBrand(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		before, err := loadBrand(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, "brands", key, before.Name, version, before.Version, before); err != nil {
			return AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM brands WHERE id = ?`, key); err != nil {
			return AuditEntry{}, fmt.Errorf("store: unable to delete brand %d: %w", key, err)
		}
		b, err := recordJSON(before)
		if err != nil {
			return AuditEntry{}, err
		}
		return AuditEntry{Collection: "brands", Action: ActionDelete, RecordKey: key, RecordID: before.ID, Title: before.Name, Before: b, Version: before.Version}, nil
	})
}

// BrandLedgerFilter selects the brand ledger.
type BrandLedgerFilter struct {
	Query  string // in the name, the slogan or the organisation's name
	Status string
	By     int // launched by the end of this year, when not 0
}

// BrandLedgerRow is one line of the brand ledger.
type BrandLedgerRow struct {
	Key                                                            int64
	Name, Organization, OrganizationName, Launched, Status, Slogan string
}

// BrandLedger lists the brands the filter selects, newest first. A park
// has tens of them: one page holds them all. Queries: one.
func (s *Store) BrandLedger(ctx context.Context, f BrandLedgerFilter) ([]BrandLedgerRow, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, `(b.name LIKE ? ESCAPE '\' OR b.slogan LIKE ? ESCAPE '\' OR o.name LIKE ? ESCAPE '\')`)
		args = append(args, likePattern(q), likePattern(q), likePattern(q))
	}
	if f.Status != "" {
		where, args = append(where, "b.status = ?"), append(args, f.Status)
	}
	if f.By != 0 {
		where, args = append(where, "b.launched <= ?"), append(args, fmt.Sprintf("%04d-12-31", f.By))
	}
	q := `SELECT b.id, b.name, o.source_id, o.name, b.launched, b.status, COALESCE(b.slogan, '')
		FROM brands b JOIN organizations o ON o.id = b.organization_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var out []BrandLedgerRow
	err := eachRow(ctx, s.Read, q+` ORDER BY b.launched DESC, b.id DESC`, args, func(rows *sql.Rows) error {
		var r BrandLedgerRow
		err := rows.Scan(&r.Key, &r.Name, &r.Organization, &r.OrganizationName, &r.Launched, &r.Status, &r.Slogan)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list brands: %w", err)
	}
	return out, nil
}
