package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Photo is an image as the portal keeps it: already re-encoded (no EXIF,
// at most 2,000 px) with its thumbnail.
type Photo struct {
	ContentType   string
	Width, Height int
	Image, Thumb  []byte
}

// PhotoHold is how long an uploaded photo waits for a saved filing to
// keep it: a refused form's retry still carries the photos chosen, and a
// session lasts at most 12 hours, after which that form cannot be sent
// again anyway. A photo a draft drops waits as long before it goes.
const PhotoHold = 12 * time.Hour

// DefaultPhotoQuota is how many bytes of photos an organisation may keep
// unless the operator says otherwise: 2 GB.
const DefaultPhotoQuota int64 = 2 << 30

// CodePhotoQuota refuses a photo past its organisation's quota.
const CodePhotoQuota = "photo_quota"

// PhotoQuotaError refuses a photo that would take its organisation's
// photos (held ones included) past the quota; nothing was written.
type PhotoQuotaError struct {
	Used, Quota int64 // bytes
}

func (e *PhotoQuotaError) Error() string {
	return fmt.Sprintf("store: the organisation's photos take %d of %d bytes", e.Used, e.Quota)
}

// HoldPhoto takes in a photo a secretary of organisation org uploaded and
// returns its id. It is held for PhotoHold: a saved filing that names it
// keeps it (SaveFiling), else the sweep removes it (SweepPhotos). quota
// bounds the bytes of the organisation's photos, held ones included; a
// photo past it is a *PhotoQuotaError. The audit log names who uploaded
// it; no page's revision moves.
func (s *Store) HoldPhoto(ctx context.Context, actor Actor, org string, p Photo, quota int64) (int64, error) {
	var id int64
	err := s.transact(ctx, actor, false, func(tx *writeTx, now string, log auditLog) error {
		o, err := resolveOrg(ctx, tx, org)
		if err != nil {
			return err
		}
		used, err := photoUsage(ctx, tx, o.key)
		if err != nil {
			return err
		}
		if size := int64(len(p.Image) + len(p.Thumb)); used+size > quota {
			return &PhotoQuotaError{Used: used, Quota: quota}
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO photos (organization_id, content_type, width, height, image, thumb, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, o.key, p.ContentType, p.Width, p.Height, p.Image, p.Thumb, now, actor.Username).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: unable to keep photo: %w", err)
		}
		if err := holdPhoto(ctx, tx, id, now); err != nil {
			return err
		}
		_, err = log(AuditEntry{Collection: "photos", Action: ActionCreate, RecordKey: id,
			Title: fmt.Sprintf("照片 %d×%d", p.Width, p.Height), Note: "held until a saved filing keeps it"})
		return err
	})
	return id, err
}

// PhotoUsage is how many bytes organisation org's photos take, held ones
// included, as the quota counts them.
func (s *Store) PhotoUsage(ctx context.Context, org string) (int64, error) {
	o, err := resolveOrg(ctx, s.read, org)
	if err != nil {
		return 0, err
	}
	return photoUsage(ctx, s.read, o.key)
}

// photoUsage reads the sizes from the index photos_usage alone.
func photoUsage(ctx context.Context, q querier, orgKey int64) (int64, error) {
	var used int64
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(length(image) + length(thumb)), 0) FROM photos WHERE organization_id = ?`, orgKey).Scan(&used); err != nil {
		return 0, fmt.Errorf("store: unable to count the photos' bytes: %w", err)
	}
	return used, nil
}

// HeldPhotos are those of ids, photos of organisation org, that are
// still held, waiting for a saved filing: a refused form says so beside
// them.
func (s *Store) HeldPhotos(ctx context.Context, org string, ids []int64) (map[int64]bool, error) {
	held := map[int64]bool{}
	for _, id := range ids {
		var ok bool
		if err := s.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM photo_holds h JOIN photos p ON p.id = h.photo_id
			JOIN organizations o ON o.id = p.organization_id WHERE h.photo_id = ? AND o.park_id = ? AND o.source_id = ?)`, id, ParkOf(ctx), org).Scan(&ok); err != nil {
			return nil, fmt.Errorf("store: unable to read photo %d: %w", id, err)
		}
		if ok {
			held[id] = true
		}
	}
	return held, nil
}

// holdPhoto holds photo id for PhotoHold from now (again, if it was).
func holdPhoto(ctx context.Context, tx *writeTx, id int64, now string) error {
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO photo_holds (photo_id, until) VALUES (?, ?)
		ON CONFLICT (photo_id) DO UPDATE SET until = excluded.until`, id, at.Add(PhotoHold).UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("store: unable to hold photo %d: %w", id, err)
	}
	return nil
}

// photoReferred is an SQL condition, true when a saved filing (its working
// copy or a submitted version) or a published record refers to the photo
// whose id is the expression id.
func photoReferred(id string) string {
	return `(EXISTS (SELECT 1 FROM filing_photos WHERE photo_id = ` + id + `)
		OR EXISTS (SELECT 1 FROM activity_photos WHERE photo_id = ` + id + `)
		OR EXISTS (SELECT 1 FROM brand_logos WHERE photo_id = ` + id + `))`
}

// keepFilingPhotos records the photos ids that filing filingID's working
// copy now names (and, when version is not 0, its new submitted version)
// and keeps them for good; those the working copy named before and no
// longer does, and that nothing else refers to, are held again for
// PhotoHold. It runs in the filing's save, after its checks (which refuse
// another organisation's photo or one that is gone).
func keepFilingPhotos(ctx context.Context, tx *writeTx, filingID int64, version int, ids []int64, now string) error {
	var before []int64
	err := eachRow(ctx, tx, `SELECT photo_id FROM filing_photos WHERE filing_id = ? AND version = 0`, []any{filingID}, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		before = append(before, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: unable to read the photos of filing %d: %w", filingID, err)
	}
	if len(before) == 0 && len(ids) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM filing_photos WHERE filing_id = ? AND version = 0`, filingID); err != nil {
		return fmt.Errorf("store: unable to write the photos of filing %d: %w", filingID, err)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO filing_photos (filing_id, version, photo_id) VALUES (?, 0, ?) ON CONFLICT DO NOTHING`, filingID, id); err != nil {
			return fmt.Errorf("store: unable to write the photos of filing %d: %w", filingID, err)
		}
		if version != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO filing_photos (filing_id, version, photo_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, filingID, version, id); err != nil {
				return fmt.Errorf("store: unable to write the photos of filing %d: %w", filingID, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM photo_holds WHERE photo_id = ?`, id); err != nil {
			return fmt.Errorf("store: unable to keep photo %d: %w", id, err)
		}
	}
	for _, id := range before {
		if slices.Contains(ids, id) {
			continue
		}
		var referred bool
		if err := tx.QueryRowContext(ctx, `SELECT `+photoReferred("?1"), id).Scan(&referred); err != nil {
			return fmt.Errorf("store: unable to check photo %d: %w", id, err)
		}
		if !referred {
			if err := holdPhoto(ctx, tx, id, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// sweepActor is who the audit log names for the sweep's removals; no user
// name can hold full-width brackets.
var sweepActor = Actor{Username: "（系统）"}

// sweepBatch is how many photos one of the sweep's transactions removes,
// so that the writer is not held long when many are due.
const sweepBatch = 100

// SweepPhotos removes the photos held past their time that no saved
// filing and no published record refers to, and returns how many: a
// refused form's photos its retry never kept, and photos a draft dropped.
// Each batch is one change, with one audit entry naming the photos.
func (s *Store) SweepPhotos(ctx context.Context) (int, error) {
	total := 0
	for {
		var ids []int64
		err := s.transact(ctx, sweepActor, false, func(tx *writeTx, now string, log auditLog) error {
			// A hold on a photo something refers to has no purpose left.
			if _, err := tx.ExecContext(ctx, `DELETE FROM photo_holds WHERE until <= ? AND `+photoReferred("photo_holds.photo_id"), now); err != nil {
				return fmt.Errorf("store: unable to sweep photos: %w", err)
			}
			err := eachRow(ctx, tx, `DELETE FROM photos WHERE id IN (SELECT h.photo_id FROM photo_holds h
				WHERE h.until <= ? AND NOT `+photoReferred("h.photo_id")+` ORDER BY h.until LIMIT ?) RETURNING id`,
				[]any{now, sweepBatch}, func(rows *sql.Rows) error {
					var id int64
					err := rows.Scan(&id)
					ids = append(ids, id)
					return err
				})
			if err != nil {
				return fmt.Errorf("store: unable to sweep photos: %w", err)
			}
			if len(ids) == 0 {
				return nil
			}
			slices.Sort(ids)
			note := make([]string, len(ids))
			for i, id := range ids {
				note[i] = strconv.FormatInt(id, 10)
			}
			_, err = log(AuditEntry{Collection: "photos", Action: ActionDelete, Title: fmt.Sprintf("清理未随报送保存的照片 %d 张", len(ids)),
				Note: "photos " + strings.Join(note, ", ")})
			return err
		})
		total += len(ids)
		if err != nil || len(ids) < sweepBatch {
			return total, err
		}
	}
}

// PhotoAccess is who may see a photo: its organisation, and whether a
// published record shows it (then everyone may).
type PhotoAccess struct {
	Organization string // interchange id
	Park         int64  // the organisation's park
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
	err := s.read.QueryRowContext(ctx, `SELECT `+col+`, p.content_type, o.source_id, o.park_id,
		EXISTS (SELECT 1 FROM activity_photos ap JOIN activities a ON a.id = ap.activity_id WHERE ap.photo_id = p.id AND a.status = 'published')
		OR EXISTS (SELECT 1 FROM brand_logos bl JOIN brands b ON b.id = bl.brand_id WHERE bl.photo_id = p.id AND b.status = 'published')
		FROM photos p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`, id).Scan(&data, &ctype, &a.Organization, &a.Park, &a.Public)
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
	return activityPhotos(ctx, s.read, key)
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
	return brandLogo(ctx, s.read, key)
}

func brandLogo(ctx context.Context, q querier, key int64) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT photo_id FROM brand_logos WHERE brand_id = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
