package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// Record versions: no silent overwrite. Every stored record has a version
// that starts at 1 and moves by one with each change through the write
// path. A change to a stored record (a save, a delete, a published filing)
// names the version its author saw, in the record's Version field or the
// delete's argument; when the record moved meanwhile the change is refused
// with a *ConflictError that carries the record as the author saw it, as
// it is now and who changed it since, so that the author sees both and
// decides. An author who then saves against the new version overwrites on
// purpose.

// CodeConflict is the problem of an upload's row whose record changed
// between its preview and its save.
const CodeConflict = "conflict"

// ErrConflict is wrapped by a *ConflictError.
var ErrConflict = errors.New("store: the record changed since it was read")

// ConflictError refuses a change made against a version of the record
// that is no longer the stored one. Nothing was written.
type ConflictError struct {
	Collection Collection
	Key        int64 // the record's rowid
	Title      string
	Seen       int64           // the version the author saw
	Current    int64           // the version stored now
	Base       json.RawMessage // the record at Seen, as interchange JSON; nil when the log does not hold it
	Theirs     json.RawMessage // the record as stored now
	Since      []AuditEntry    // the changes made after Seen, oldest first
}

// Error says in Chinese what happened; Since says who and what.
func (e *ConflictError) Error() string {
	if e.Collection == "filings" { // its stamps are no versions a secretary knows
		return fmt.Sprintf("书记报送“%s”在您打开后已被修改，未保存", e.Title)
	}
	return fmt.Sprintf("%s“%s”在您打开后已被修改（您看到的是第 %d 版，现在是第 %d 版），未保存", CollectionLabel(e.Collection), e.Title, e.Seen, e.Current)
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

// checkVersion refuses a change to record key of collection, stored now
// as current at version now, that its author made against version seen.
// A filing's check (tx.checkOnly) is not refused here: a secretary's copy
// names no version of the ledger record, and its publish names the one
// the reviewer saw.
func checkVersion(ctx context.Context, tx *writeTx, collection Collection, key int64, title string, seen, now int64, current any) error {
	if seen == now || tx.checkOnly {
		return nil
	}
	theirs, err := recordJSON(current)
	if err != nil {
		return err
	}
	conflict := &ConflictError{Collection: collection, Key: key, Title: title, Seen: seen, Current: now, Theirs: theirs}
	if conflict.Since, err = changesSince(ctx, tx, collection, key, seen); err != nil {
		return err
	}
	if conflict.Base, err = recordAt(ctx, tx, collection, key, seen); err != nil {
		return err
	}
	return conflict
}

// sameRecordVersion refuses, with a *ConflictError, a filing started from
// record key of collection at version seen when the record is at another
// version now; seen 0 (a form opened before the record was made, or one
// that names no version) is refused with every change since its creation.
func sameRecordVersion(ctx context.Context, tx *writeTx, collection Collection, key, seen int64) error {
	var now int64
	if err := tx.QueryRowContext(ctx, `SELECT version FROM `+string(collection)+` WHERE id = ? AND park_id = ?`, key, ParkOf(ctx)).Scan(&now); err != nil {
		return notFoundOr(err)
	}
	if seen == now { // (0, a form that names none, is never the record's)
		return nil
	}
	conflict := &ConflictError{Collection: collection, Key: key, Seen: seen, Current: now}
	var err error
	if conflict.Since, err = changesSince(ctx, tx, collection, key, seen); err != nil {
		return err
	}
	if conflict.Base, err = recordAt(ctx, tx, collection, key, seen); err != nil {
		return err
	}
	return conflict
}

// FilingStamp is filing id's stamp: its latest audit entry, which every
// save, submission and decision on it writes. A form names it.
func (s *Store) FilingStamp(ctx context.Context, id int64) (int64, error) {
	return filingStamp(ctx, s.read, id)
}

func filingStamp(ctx context.Context, q querier, id int64) (int64, error) {
	var stamp int64
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM audit WHERE collection = 'filings' AND record_key = ?`, id).Scan(&stamp); err != nil {
		return 0, fmt.Errorf("store: unable to read the stamp of filing %d: %w", id, err)
	}
	return stamp, nil
}

// sameFilingStamp refuses, with a *ConflictError naming what was done to
// it since, a save of filing f made on a form opened at stamp seen.
func sameFilingStamp(ctx context.Context, tx *writeTx, f Filing, seen int64) error {
	now, err := filingStamp(ctx, tx, f.ID)
	if err != nil || now == seen {
		return err
	}
	conflict := &ConflictError{Collection: "filings", Key: f.ID, Title: f.Title, Seen: seen, Current: now}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit WHERE collection = 'filings' AND record_key = ? AND id > ? ORDER BY id`, f.ID, seen)
	if err != nil {
		return fmt.Errorf("store: unable to read the changes of filing %d: %w", f.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		conflict.Since = append(conflict.Since, e)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return conflict
}

// changesSince are the audit entries of record key of collection that
// moved it past version seen, oldest first.
func changesSince(ctx context.Context, q querier, collection Collection, key, seen int64) ([]AuditEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit
		WHERE collection = ? AND record_key = ? AND version > ? AND coalesce(park_id, 1) = ? ORDER BY id`, collection, key, seen, ParkOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the changes of %s %d: %w", collection, key, err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to read the changes of %s %d: %w", collection, key, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// recordAt is record key of collection as it was at version v, from the
// audit log: the record after the change that reached v, or before the
// one that left it. nil when the log holds neither (a record imported and
// never changed since is at version 1 with no entry).
func recordAt(ctx context.Context, q querier, collection Collection, key, v int64) (json.RawMessage, error) {
	var body sql.NullString
	err := q.QueryRowContext(ctx, `SELECT CASE WHEN version = ?3 THEN after ELSE before END FROM audit
		WHERE collection = ?1 AND record_key = ?2 AND version IN (?3, ?3 + 1) AND action != 'delete' AND coalesce(park_id, 1) = ?4
		ORDER BY version LIMIT 1`, collection, key, v, ParkOf(ctx)).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) || !body.Valid {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read %s %d at version %d: %w", collection, key, v, err)
	}
	return json.RawMessage(body.String), nil
}

// RecordChangesSince lists the changes to record key of collection after
// version seen, oldest first, and the record at that version (nil when
// the log does not hold it): what a review shows of the ledger record a
// filing would overwrite.
func (s *Store) RecordChangesSince(ctx context.Context, collection Collection, key, seen int64) ([]AuditEntry, json.RawMessage, error) {
	since, err := changesSince(ctx, s.read, collection, key, seen)
	if err != nil {
		return nil, nil, err
	}
	base, err := recordAt(ctx, s.read, collection, key, seen)
	return since, base, err
}

// OrganizationFilingStamp is the stamp of organisation org's filings: the
// latest audit entry of any of them ("" org, or none: 0). A draft's save
// moves no revision, so the secretary's own pages, which show their
// drafts, are kept by this too. Queries: one, two seeks: the stamp is
// kept as the entries are logged (filing_stamps, migration 32).
func (s *Store) OrganizationFilingStamp(ctx context.Context, org string) (int64, error) {
	var stamp int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT s.audit_id FROM organizations o JOIN filing_stamps s ON s.organization_id = o.id
		WHERE o.park_id = ? AND o.source_id = ?), 0)`, ParkOf(ctx), org).Scan(&stamp)
	if err != nil {
		return 0, fmt.Errorf("store: unable to read the stamp of %s's filings: %w", org, err)
	}
	return stamp, nil
}
