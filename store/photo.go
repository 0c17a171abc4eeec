package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Photo is an image as the portal keeps it: already re-encoded (no EXIF,
// at most 2,000 px) with its thumbnail.
type Photo struct {
	ContentType   string
	Width, Height int
	Image, Thumb  []byte
}

// SavePhoto keeps a photo an organisation's secretary uploaded and returns
// its id. It is nobody's but the organisation's (and staff's) until a
// published record shows it; no page's revision moves.
func (s *Store) SavePhoto(ctx context.Context, actor Actor, org string, p Photo) (int64, error) {
	var id int64
	err := s.transact(ctx, actor, false, func(tx *writeTx, now string, log auditLog) error {
		o, err := resolveOrg(ctx, tx, org)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO photos (organization_id, content_type, width, height, image, thumb, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.key, p.ContentType, p.Width, p.Height, p.Image, p.Thumb, now, actor.Username)
		if err != nil {
			return fmt.Errorf("store: unable to keep photo: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = log(AuditEntry{Collection: "photos", Action: ActionCreate, RecordKey: id,
			Title: fmt.Sprintf("照片 %d×%d", p.Width, p.Height)})
		return err
	})
	return id, err
}

// PhotoAccess is who may see a photo: its organisation, and whether a
// published record shows it (then everyone may).
type PhotoAccess struct {
	Organization string // interchange id
	Public       bool
}

// PhotoFile returns photo id's image (or thumbnail) and who may see it;
// ErrNotFound when there is none.
func (s *Store) PhotoFile(ctx context.Context, id int64, thumb bool) ([]byte, string, PhotoAccess, error) {
	col := "p.image"
	if thumb {
		col = "p.thumb"
	}
	var (
		data  []byte
		ctype string
		a     PhotoAccess
	)
	err := s.Read.QueryRowContext(ctx, `SELECT `+col+`, p.content_type, o.source_id,
		EXISTS (SELECT 1 FROM activity_photos ap JOIN activities a ON a.id = ap.activity_id WHERE ap.photo_id = p.id AND a.status = 'published')
		OR EXISTS (SELECT 1 FROM brand_logos bl JOIN brands b ON b.id = bl.brand_id WHERE bl.photo_id = p.id AND b.status = 'published')
		FROM photos p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`, id).Scan(&data, &ctype, &a.Organization, &a.Public)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", a, ErrNotFound
	}
	if err != nil {
		return nil, "", a, fmt.Errorf("store: unable to fetch photo %d: %w", id, err)
	}
	return data, ctype, a, nil
}

// ActivityPhotos are the ids of a ledger activity's photos, in order.
func (s *Store) ActivityPhotos(ctx context.Context, key int64) ([]int64, error) {
	return activityPhotos(ctx, s.Read, key)
}

func activityPhotos(ctx context.Context, q querier, key int64) ([]int64, error) {
	var ids []int64
	err := eachRow(ctx, q, `SELECT photo_id FROM activity_photos WHERE activity_id = ? ORDER BY position`, []any{key}, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}

// BrandLogo is the photo id of a brand's logo, 0 when it has none.
func (s *Store) BrandLogo(ctx context.Context, key int64) (int64, error) {
	return brandLogo(ctx, s.Read, key)
}

func brandLogo(ctx context.Context, q querier, key int64) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT photo_id FROM brand_logos WHERE brand_id = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
