package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// CodeOutOfScope refuses a filing that names what is not its
// organisation's: another organisation's enterprise, member, brand or photo.
const CodeOutOfScope = "out_of_scope"

// filingKind is how one kind of filing is read, scoped and written into its
// ledger.
type filingKind struct {
	// decode reads a stored body into the kind's type (a pointer).
	decode func(json.RawMessage) (any, error)
	// prepare fixes what the organisation decides (the organiser, the
	// organisation) on body, a pointer of the kind's type, and returns
	// the filing's title.
	prepare func(body any, o orgRef) (string, error)
	// write saves body into the ledger (recordKey: the record it changes,
	// 0 for a new one) after checking the organisation's scope, and
	// returns the ledger's audit entry; with tx.checkOnly it only checks.
	// version is the version of the record the publish was approved
	// against (a check names none). close is a service request's.
	write func(ctx context.Context, tx *writeTx, actor Actor, now string, o orgRef, recordKey, version int64, body any, close *ServiceClose) (AuditEntry, error)
	// photos are the photo ids body names; nil for kinds without photos.
	photos func(body any) []int64
}

func decodeAs[T any](b json.RawMessage) (any, error) {
	v := new(T)
	if err := json.Unmarshal(b, v); err != nil {
		return nil, fmt.Errorf("store: unable to read a filing: %w", err)
	}
	return v, nil
}

func wrongBody(body any) error { return fmt.Errorf("store: unexpected filing body %T", body) }

var filingKinds = map[string]filingKind{
	FilingActivity: {
		decode: decodeAs[ActivityFiling],
		prepare: func(body any, o orgRef) (string, error) {
			a, ok := body.(*ActivityFiling)
			if !ok {
				return "", wrongBody(body)
			}
			a.Organizer, a.Status, a.ID = o.id, "", ""
			return a.Title, nil
		},
		write: func(ctx context.Context, tx *writeTx, actor Actor, now string, o orgRef, key, version int64, body any, _ *ServiceClose) (AuditEntry, error) {
			a := body.(*ActivityFiling)
			var scope problems
			for i, e := range a.Enterprises {
				if err := coveredEnterprise(ctx, tx, &scope, o, fmt.Sprintf("enterprises[%d]", i+1), e); err != nil {
					return AuditEntry{}, err
				}
			}
			if len(a.Photos) > MaxActivityPhotos {
				scope.add(newProblem("photos", CodeTooLarge, "一次活动最多 %d 张照片", MaxActivityPhotos))
			}
			for _, p := range a.Photos {
				if err := ownPhoto(ctx, tx, &scope, o, "photos", p); err != nil {
					return AuditEntry{}, err
				}
			}
			if key != 0 {
				if err := ownRecord(ctx, tx, &scope, o, `SELECT organizer_id FROM activities WHERE id = ?`, key); err != nil {
					return AuditEntry{}, err
				}
			}
			a.Version = version
			entry, err := saveRecord(ctx, tx, actor, now, activityKind, key, a.Activity)
			if entry, err = withScope(scope, "activities", entry, err); err != nil || tx.checkOnly {
				return entry, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM activity_photos WHERE activity_id = ?`, entry.RecordKey); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to write the photos of activity: %w", err)
			}
			for i, p := range a.Photos {
				if _, err := tx.ExecContext(ctx, `INSERT INTO activity_photos (activity_id, photo_id, position) VALUES (?, ?, ?)`, entry.RecordKey, p, i+1); err != nil {
					return AuditEntry{}, fmt.Errorf("store: unable to write the photos of activity: %w", err)
				}
			}
			return entry, nil
		},
		photos: func(body any) []int64 { return body.(*ActivityFiling).Photos },
	},
	FilingMember: {
		decode: decodeAs[Member],
		prepare: func(body any, o orgRef) (string, error) {
			m, ok := body.(*Member)
			if !ok {
				return "", wrongBody(body)
			}
			m.Organization = o.id
			return m.Name, nil
		},
		write: func(ctx context.Context, tx *writeTx, actor Actor, now string, o orgRef, key, version int64, body any, _ *ServiceClose) (AuditEntry, error) {
			m := *body.(*Member)
			var scope problems
			if m.Enterprise != "" {
				if err := coveredEnterprise(ctx, tx, &scope, o, "enterprise", m.Enterprise); err != nil {
					return AuditEntry{}, err
				}
			}
			oldID := ""
			if key != 0 {
				ownProblems := len(scope)
				if err := ownRecord(ctx, tx, &scope, o, `SELECT organization_id FROM members WHERE id = ?`, key); err != nil {
					return AuditEntry{}, err
				}
				if err := tx.QueryRowContext(ctx, `SELECT source_id FROM members WHERE id = ?`, key).Scan(&oldID); err != nil {
					return AuditEntry{}, notFoundOr(err)
				}
				m.ID = oldID
				// Only the next stage, checked again at publish against the
				// ledger as it is then; another organisation's member's
				// dates are not named.
				if len(scope) == ownProblems {
					before, _, err := loadMember(ctx, tx, key)
					if err != nil {
						return AuditEntry{}, err
					}
					scope = append(scope, nextStageOnly(before, m)...)
				}
			} else if m.ID == "" {
				id, err := nextID(ctx, tx, "members", "mem")
				if err != nil {
					return AuditEntry{}, err
				}
				m.ID = id
			}
			m.Version = version
			entry, err := saveRecord(ctx, tx, actor, now, memberKind, key, m)
			return withScope(scope, "members", entry, err)
		},
	},
	FilingBrand: {
		decode: decodeAs[BrandFiling],
		prepare: func(body any, o orgRef) (string, error) {
			b, ok := body.(*BrandFiling)
			if !ok {
				return "", wrongBody(body)
			}
			b.Organization, b.Status, b.ID = o.id, FilingPublished, "" // the ledger's, as an activity's
			return b.Name, nil
		},
		write: func(ctx context.Context, tx *writeTx, actor Actor, now string, o orgRef, key, version int64, body any, _ *ServiceClose) (AuditEntry, error) {
			b := body.(*BrandFiling)
			var scope problems
			if key != 0 {
				if err := ownRecord(ctx, tx, &scope, o, `SELECT organization_id FROM brands WHERE id = ?`, key); err != nil {
					return AuditEntry{}, err
				}
			}
			if b.Logo != 0 {
				if err := ownPhoto(ctx, tx, &scope, o, "logo", b.Logo); err != nil {
					return AuditEntry{}, err
				}
			}
			b.Version = version
			entry, err := saveRecord(ctx, tx, actor, now, brandKind, key, b.Brand)
			if entry, err = withScope(scope, "brands", entry, err); err != nil || tx.checkOnly {
				return entry, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM brand_logos WHERE brand_id = ?`, entry.RecordKey); err != nil {
				return AuditEntry{}, fmt.Errorf("store: unable to write the logo of brand: %w", err)
			}
			if b.Logo != 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO brand_logos (brand_id, photo_id) VALUES (?, ?)`, entry.RecordKey, b.Logo); err != nil {
					return AuditEntry{}, fmt.Errorf("store: unable to write the logo of brand: %w", err)
				}
			}
			return entry, nil
		},
		photos: func(body any) []int64 {
			if b := body.(*BrandFiling); b.Logo != 0 {
				return []int64{b.Logo}
			}
			return nil
		},
	},
	FilingResponsibility: {
		decode: decodeAs[Responsibility],
		prepare: func(body any, o orgRef) (string, error) {
			r, ok := body.(*Responsibility)
			if !ok {
				return "", wrongBody(body)
			}
			r.Status, r.ID = "", ""
			return responsibilityTitle("", *r), nil
		},
		write: func(ctx context.Context, tx *writeTx, actor Actor, now string, o orgRef, key, version int64, body any, _ *ServiceClose) (AuditEntry, error) {
			r := body.(*Responsibility)
			var scope problems
			if err := coveredEnterprise(ctx, tx, &scope, o, "enterprise", r.Enterprise); err != nil {
				return AuditEntry{}, err
			}
			if key != 0 {
				if err := ownRecord(ctx, tx, &scope, o, `SELECT CASE WHEN EXISTS (SELECT 1 FROM organization_enterprises oe
					WHERE oe.enterprise_id = r.enterprise_id AND oe.organization_id = ?2) THEN ?2 END FROM responsibility r WHERE r.id = ?1`, key, o.key); err != nil {
					return AuditEntry{}, err
				}
			}
			r.Version = version
			entry, err := saveRecord(ctx, tx, actor, now, responsibilityKind, key, *r)
			return withScope(scope, "responsibility", entry, err)
		},
	},
	FilingServiceRequest: {
		decode: decodeAs[ServiceRequest],
		prepare: func(body any, o orgRef) (string, error) {
			r, ok := body.(*ServiceRequest)
			if !ok {
				return "", wrongBody(body)
			}
			return ServiceRequestTitle(*r), nil
		},
		write: func(ctx context.Context, tx *writeTx, actor Actor, now string, o orgRef, key, version int64, body any, close *ServiceClose) (AuditEntry, error) {
			r := body.(*ServiceRequest)
			var scope problems
			if err := coveredEnterprise(ctx, tx, &scope, o, "enterprise", r.Enterprise); err != nil {
				return AuditEntry{}, err
			}
			if strings.TrimSpace(r.Need) == "" {
				scope.add(CheckRequired("note", r.Need))
			}
			v := Service{Enterprise: r.Enterprise, Kind: r.Kind, Date: r.Date, Note: r.Need, Version: version}
			if close != nil {
				v.Effective, v.MarketCost, v.ActualCost = close.Effective, close.MarketCost, close.ActualCost
			}
			if key != 0 {
				if err := ownRecord(ctx, tx, &scope, o, `SELECT CASE WHEN EXISTS (SELECT 1 FROM organization_enterprises oe
					WHERE oe.enterprise_id = v.enterprise_id AND oe.organization_id = ?2) THEN ?2 END FROM services v WHERE v.id = ?1`, key, o.key); err != nil {
					return AuditEntry{}, err
				}
			}
			// A request published again (changed by its secretary, closed
			// again by staff) changes the services record it became.
			entry, err := saveRecord(ctx, tx, actor, now, serviceKind, key, v)
			return withScope(scope, "services", entry, err)
		},
	},
}

// ServiceRequestTitle names a service request in lists.
func ServiceRequestTitle(r ServiceRequest) string {
	kind := r.Kind
	if l, ok := ServiceKindLabels[r.Kind]; ok {
		kind = l
	}
	return strings.TrimSpace(kind + "服务申请 " + dateText(r.Date))
}

// ServiceKindLabels name the shared services.
var ServiceKindLabels = map[string]string{
	"equipment": "设备共享", "finance_tax": "财税", "legal": "法律", "venue": "场地",
}

// withScope adds the scope's problems to what the ledger's save said.
func withScope(scope problems, collection Collection, entry AuditEntry, err error) (AuditEntry, error) {
	if len(scope) == 0 {
		return entry, err
	}
	var re *RecordError
	if errors.As(err, &re) {
		re.Problems = append(scope, re.Problems...)
		return AuditEntry{}, re
	}
	if err != nil {
		return AuditEntry{}, err
	}
	return AuditEntry{}, &RecordError{Collection: collection, Problems: scope}
}

// coveredEnterprise adds a problem at field when enterprise id is not one
// the organisation covers. An unknown id is left to the ledger's save.
func coveredEnterprise(ctx context.Context, tx *writeTx, ps *problems, o orgRef, field, id string) error {
	if id == "" {
		return nil
	}
	var known, covered bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM enterprises WHERE park_id = ?3 AND source_id = ?1),
		EXISTS (SELECT 1 FROM enterprises e JOIN organization_enterprises oe ON oe.enterprise_id = e.id
		        WHERE e.park_id = ?3 AND e.source_id = ?1 AND oe.organization_id = ?2)`, id, o.key, ParkOf(ctx)).Scan(&known, &covered)
	if err != nil {
		return fmt.Errorf("store: unable to check enterprise %q: %w", id, err)
	}
	if known && !covered {
		ps.add(newProblem(field, CodeOutOfScope, "企业“%s”不在本组织覆盖的企业中", clipText(id)))
	}
	return nil
}

// ownPhoto adds a problem when photo id is not one the organisation uploaded.
func ownPhoto(ctx context.Context, tx *writeTx, ps *problems, o orgRef, field string, id int64) error {
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM photos WHERE id = ? AND organization_id = ?)`, id, o.key).Scan(&ok); err != nil {
		return fmt.Errorf("store: unable to check photo %d: %w", id, err)
	}
	if !ok {
		ps.add(newProblem(field, CodeOutOfScope, "照片不存在或不属于本组织"))
	}
	return nil
}

// ownRecord adds a problem when the ledger record that query finds (by
// args) belongs to another organisation: query returns its organisation's
// rowid. A missing record is ErrNotFound.
func ownRecord(ctx context.Context, tx *writeTx, ps *problems, o orgRef, query string, args ...any) error {
	var org sql.NullInt64
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&org); err != nil {
		return notFoundOr(err)
	}
	if org.Int64 != o.key {
		ps.add(newProblem("id", CodeOutOfScope, "这条记录不属于本组织"))
	}
	return nil
}

func notFoundOr(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// nextID is the first free prefix-NNNN id of table, counting on from the
// table's size (its kept total); a publish asks inside its transaction, a
// form outside.
func nextID(ctx context.Context, tx querier, table, prefix string) (string, error) {
	n, err := ledgerTotal(ctx, tx, table)
	if err != nil {
		return "", fmt.Errorf("store: unable to suggest an id: %w", err)
	}
	for i := n + 1; ; i++ {
		id := fmt.Sprintf("%s-%04d", prefix, i)
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE park_id = ? AND source_id = ?)`, ParkOf(ctx), id).Scan(&taken); err != nil {
			return "", fmt.Errorf("store: unable to suggest an id: %w", err)
		}
		if !taken {
			return id, nil
		}
	}
}
