package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// FilingRecord is the ledger record a filing changes, as a review compares
// a submission with it: the record as it is now, in the filing's shape
// (the body a secretary files), its version, and what changed in it after
// the version the filing's copy is based on (Filing.RecordVersion): those
// changes, oldest first, and the record at that version (nil when the log
// does not hold it). A publish would overwrite what changed since.
type FilingRecord struct {
	Body    json.RawMessage
	Version int64
	Base    json.RawMessage
	Since   []AuditEntry
}

// FilingRecordOf is the ledger record filing f changes; ErrNotFound when
// it changes none (a new record) or the record is gone.
func (s *Store) FilingRecordOf(ctx context.Context, f Filing) (FilingRecord, error) {
	if f.RecordKey == 0 {
		return FilingRecord{}, ErrNotFound
	}
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return FilingRecord{}, fmt.Errorf("store: unable to read: %w", err)
	}
	defer tx.Rollback()
	var (
		now     any // the record now, in its ledger's type
		version int64
		extras  func(body any) // the photos or logo, which the ledger record does not carry
	)
	key := f.RecordKey
	switch f.Kind {
	case FilingActivity:
		a, _, err := loadActivity(ctx, tx, key)
		if err != nil {
			return FilingRecord{}, err
		}
		photos, err := activityPhotos(ctx, tx, key)
		if err != nil {
			return FilingRecord{}, err
		}
		now, version = &a, a.Version
		extras = func(body any) { body.(*ActivityFiling).Photos = photos }
	case FilingMember:
		m, _, err := loadMember(ctx, tx, key)
		if err != nil {
			return FilingRecord{}, err
		}
		now, version = &m, m.Version
	case FilingBrand:
		b, err := loadBrand(ctx, tx, key)
		if err != nil {
			return FilingRecord{}, err
		}
		logo, err := brandLogo(ctx, tx, key)
		if err != nil {
			return FilingRecord{}, err
		}
		now, version = &b, b.Version
		extras = func(body any) { body.(*BrandFiling).Logo = logo }
	case FilingResponsibility:
		r, _, err := loadResponsibility(ctx, tx, key)
		if err != nil {
			return FilingRecord{}, err
		}
		now, version = &r, r.Version
	case FilingServiceRequest:
		v, _, err := loadService(ctx, tx, key)
		if err != nil {
			return FilingRecord{}, err
		}
		now, version = &v, v.Version
	default:
		return FilingRecord{}, fmt.Errorf("store: unknown filing kind %q", f.Kind)
	}
	out := FilingRecord{Version: version}
	if out.Body, err = asFilingBody(f.Kind, now, extras); err != nil {
		return FilingRecord{}, err
	}
	if f.RecordVersion == 0 || f.RecordVersion == version {
		return out, nil
	}
	if out.Since, err = changesSince(ctx, tx, FilingLedger(f.Kind), key, f.RecordVersion); err != nil {
		return FilingRecord{}, err
	}
	base, err := recordAt(ctx, tx, FilingLedger(f.Kind), key, f.RecordVersion)
	if err != nil || base == nil {
		return out, err
	}
	then, err := decodeLedgerRecord(f.Kind, base)
	if err != nil {
		return FilingRecord{}, err
	}
	out.Base, err = asFilingBody(f.Kind, then, extras)
	return out, err
}

// decodeLedgerRecord reads a ledger record of the ledger filing kind
// publishes to (as the audit log keeps it) into a pointer to its type.
func decodeLedgerRecord(kind string, b json.RawMessage) (any, error) {
	switch kind {
	case FilingActivity:
		return decodeAs[Activity](b)
	case FilingMember:
		return decodeAs[Member](b)
	case FilingBrand:
		return decodeAs[Brand](b)
	case FilingResponsibility:
		return decodeAs[Responsibility](b)
	case FilingServiceRequest:
		return decodeAs[Service](b)
	}
	return nil, fmt.Errorf("store: unknown filing kind %q", kind)
}

// asFilingBody is a ledger record (a pointer to its type) in the shape a
// secretary files it in; extras, when set, adds what the ledger record
// does not carry (the same now as then: staff do not change photos).
func asFilingBody(kind string, record any, extras func(body any)) (json.RawMessage, error) {
	var body any
	switch r := record.(type) {
	case *Activity:
		body = &ActivityFiling{Activity: *r}
	case *Brand:
		body = &BrandFiling{Brand: *r}
	case *Service:
		body = &ServiceRequest{Enterprise: r.Enterprise, Kind: r.Kind, Date: r.Date, Need: r.Note}
	default:
		body = record
	}
	if extras != nil {
		extras(body)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("store: unable to encode a %s record: %w", kind, err)
	}
	return b, nil
}
