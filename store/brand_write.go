package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// brandKind is the brands' part of the write path: a brand belongs to an
// organisation, which has one brand at most.
var brandKind = recordKind[Brand]{
	collection: Brands,
	load: func(ctx context.Context, q querier, key int64) (Brand, string, error) {
		b, err := loadBrand(ctx, q, key)
		return b, b.Name, err
	},
	id:    func(b Brand) string { return b.ID },
	title: func(b Brand) string { return b.Name },
	check: func(ctx context.Context, tx *writeTx, ps *problems, key int64, b Brand) (rowWrite, error) {
		organization, err := resolveRef(ctx, tx, ps, Organizations, "organization", b.Organization)
		if err != nil {
			return nil, err
		}
		if err := secondBrand(ctx, tx, ps, organization, key); err != nil {
			return nil, err
		}
		var practices any
		if len(b.Practices) > 0 {
			js, err := json.Marshal(b.Practices)
			if err != nil {
				return nil, fmt.Errorf("store: unable to encode brand practices: %w", err)
			}
			practices = string(js)
		}
		return func(at stamp) (int64, error) {
			return insertOrUpdate(ctx, tx, key,
				`INSERT INTO brands (source_id, organization_id, name, launched, status, slogan, story, practices, updated_at, updated_by, created_at, created_by, park_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?9, ?10, ?11)`,
				`UPDATE brands SET source_id = ?, organization_id = ?, name = ?, launched = ?, status = ?,
				slogan = ?, story = ?, practices = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?`,
				nullable(b.ID), organization, b.Name, b.Launched, b.Status, nullable(b.Slogan), nullable(b.Story), practices, at.at, at.by)
		}, nil
	},
}

// BrandByKey returns the party-building brand with rowid key, as the
// interchange format has it; ErrNotFound when there is none.
func (s *Store) BrandByKey(ctx context.Context, key int64) (Brand, error) {
	return loadBrand(ctx, s.read, key)
}

func loadBrand(ctx context.Context, q querier, key int64) (Brand, error) {
	var b Brand
	var id, slogan, story, practices sql.NullString
	err := q.QueryRowContext(ctx, `SELECT b.source_id, o.source_id, b.name, b.launched, b.status, b.slogan, b.story, b.practices, b.version
		FROM brands b JOIN organizations o ON o.id = b.organization_id WHERE b.id = ? AND b.park_id = ?`, key, ParkOf(ctx)).
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
// with rowid key. Its organisation must exist and have no other brand. A
// record the rules refuse gives a *RecordError.
func (s *Store) SaveBrand(ctx context.Context, actor Actor, key int64, b Brand) (AuditEntry, error) {
	return saveIn(ctx, s, actor, brandKind, key, b)
}

// DeleteBrand deletes the brand with rowid key; nothing refers to it.
func (s *Store) DeleteBrand(ctx context.Context, actor Actor, key int64, version int64) (AuditEntry, error) {
	return deleteIn(ctx, s, actor, brandKind, key, version)
}
