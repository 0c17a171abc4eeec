package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
)

// The ledgers' half of the write path. Saving or deleting any ledger
// record is one flow: load the record as it stands (the audit's
// before-image), refuse a change made against another version, check the
// record with the import's rules and, inside the transaction, with the
// database (duplicate ids, references), write it, and return its audit
// entry for the write frame (write.go) to log. A collection gives only
// what differs, as a recordKind: how its row is read, what it refers to
// and how its row is written and deleted.

// record is what the shared flow asks of every record kind.
type record interface {
	Validate() []Problem
}

// recordKind is one collection's part of the shared save and delete.
type recordKind[T record] struct {
	collection Collection
	// load reads the record with rowid key and its title in the audit
	// log; ErrNotFound when there is none in the park of ctx (a rowid
	// names a record of any park: another park's is as good as absent).
	load func(ctx context.Context, q querier, key int64) (T, string, error)
	// id is the record's interchange id, "" when it has none.
	id func(T) string
	// check resolves what the record refers to, adding to ps what the
	// database refuses, and returns the record's write: insert (key 0) or
	// update the row and what belongs to it, returning its rowid.
	check func(ctx context.Context, tx *writeTx, ps *problems, key int64, r T) (rowWrite, error)
	// title, when given, is the audit title of the record as saved;
	// without it the saved record is read back for its title.
	title func(T) string
	// remove deletes the row and what belongs to it; without it the row
	// alone is deleted. While other records refer to the record
	// (referrersOf), it is not called: the delete is refused.
	remove func(ctx context.Context, tx *writeTx, key int64, title string) error
}

// rowWrite writes a checked record's row, stamped with the change's time
// and author, and returns its rowid.
type rowWrite func(at stamp) (int64, error)

// stamp is when and by whom a row is written: its updated_at/updated_by
// (and created_… for a new row).
type stamp struct {
	at, by string
}

// saveRecord is a save of kind k in a change's transaction: key 0 creates
// the record, another key replaces the record with that rowid. Under a
// filing's check (tx.checkOnly) it checks and writes nothing.
func saveRecord[T record](ctx context.Context, tx *writeTx, actor Actor, now string, k recordKind[T], key int64, r T) (AuditEntry, error) {
	entry := AuditEntry{Collection: k.collection, Action: ActionCreate, RecordID: k.id(r), Version: 1}
	if key != 0 {
		before, title, err := k.load(ctx, tx, key)
		if err != nil {
			return AuditEntry{}, err
		}
		if err := checkVersion(ctx, tx, k.collection, key, title, VersionOf(r), VersionOf(before), before); err != nil {
			return AuditEntry{}, err
		}
		entry.Action, entry.Version = ActionUpdate, VersionOf(before)+1
		if entry.Before, err = recordJSON(before); err != nil {
			return AuditEntry{}, err
		}
	}
	ps := problems(append(r.Validate(), textProblems(r)...))
	if err := duplicateID(ctx, tx, &ps, k.collection, k.id(r), key); err != nil {
		return AuditEntry{}, err
	}
	write, err := k.check(ctx, tx, &ps, key, r)
	if err != nil {
		return AuditEntry{}, err
	}
	if len(ps) > 0 {
		return AuditEntry{}, &RecordError{Collection: k.collection, Problems: ps}
	}
	if tx.checkOnly {
		return AuditEntry{}, nil // a filing's check: the rules hold, nothing is written
	}
	if key, err = write(stamp{at: now, by: actor.Username}); err != nil {
		return AuditEntry{}, fmt.Errorf("store: unable to write %s: %w", k.collection, err)
	}
	if k.title != nil {
		entry.Title = k.title(r)
	} else if _, entry.Title, err = k.load(ctx, tx, key); err != nil {
		return AuditEntry{}, err
	}
	if entry.After, err = recordJSON(r); err != nil {
		return AuditEntry{}, err
	}
	entry.RecordKey = key
	return entry, nil
}

// deleteRecord is a delete of kind k in a change's transaction: the
// record with rowid key, as it stood at version.
func deleteRecord[T record](ctx context.Context, tx *writeTx, k recordKind[T], key, version int64) (AuditEntry, error) {
	before, title, err := k.load(ctx, tx, key)
	if err != nil {
		return AuditEntry{}, err
	}
	if err := checkVersion(ctx, tx, k.collection, key, title, version, VersionOf(before), before); err != nil {
		return AuditEntry{}, err
	}
	if err := referencedBy(ctx, tx, k.collection, key, title); err != nil {
		return AuditEntry{}, err
	}
	if k.remove != nil {
		err = k.remove(ctx, tx, key, title)
	} else {
		_, err = tx.ExecContext(ctx, `DELETE FROM `+string(k.collection)+` WHERE id = ?`, key)
	}
	if err != nil {
		return AuditEntry{}, fmt.Errorf("store: unable to delete %s %d: %w", k.collection, key, err)
	}
	b, err := recordJSON(before)
	if err != nil {
		return AuditEntry{}, err
	}
	return AuditEntry{Collection: k.collection, Action: ActionDelete, RecordKey: key, RecordID: k.id(before),
		Title: title, Before: b, Version: VersionOf(before)}, nil
}

// referrersOf are the records that refer to a record of a collection, by
// collection: nothing is deleted silently along with what it refers to.
var referrersOf = map[Collection][]referrerQuery{
	Enterprises:   enterpriseReferrers,
	Organizations: organizationReferrers,
}

// referencedBy is the *ReferencedError that refuses to delete the record
// of collection c with rowid key (titled title) while others refer to
// it; nil when none does.
func referencedBy(ctx context.Context, q querier, c Collection, key int64, title string) error {
	queries := referrersOf[c]
	if len(queries) == 0 {
		return nil
	}
	by, err := referrers(ctx, q, key, queries)
	if err != nil || len(by) == 0 {
		return err
	}
	return &ReferencedError{Collection: c, Title: title, By: by}
}

// ReferencedBy is what would refuse to delete the record of collection c
// with rowid key (titled title), for its delete confirmation: a
// *ReferencedError naming what refers to it, nil when nothing does.
func (s *Store) ReferencedBy(ctx context.Context, c Collection, key int64, title string) error {
	return referencedBy(ctx, s.read, c, key, title)
}

// saveIn is saveRecord as a change of its own.
func saveIn[T record](ctx context.Context, s *Store, actor Actor, k recordKind[T], key int64, r T) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveRecord(ctx, tx, actor, now, k, key, r)
	})
}

// deleteIn is deleteRecord as a change of its own.
func deleteIn[T record](ctx context.Context, s *Store, actor Actor, k recordKind[T], key, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return deleteRecord(ctx, tx, k, key, version)
	})
}

// insertOrUpdate runs insert (with args) for a new row and update (with
// args and the rowid last, moving the row's version) for key's; it
// returns the row's rowid.
func insertOrUpdate(ctx context.Context, tx *writeTx, key int64, insert, update string, args ...any) (int64, error) {
	if key == 0 {
		// The insert names the record's park after the update's columns.
		var id int64
		err := tx.QueryRowContext(ctx, insert+` RETURNING id`, append(args, ParkOf(ctx))...).Scan(&id)
		return id, err
	}
	_, err := tx.ExecContext(ctx, update, append(args, key)...)
	return key, err
}

// VersionOf is the version a record was read at (its Version field).
func VersionOf(r any) int64 {
	v := reflect.Indirect(reflect.ValueOf(r))
	if f := v.FieldByName("Version"); f.IsValid() {
		return f.Int()
	}
	return 0
}

// WithVersion is record r as read at version v: what a form names as the
// version it was opened on.
func WithVersion[T any](r T, v int64) T {
	f := reflect.ValueOf(&r).Elem().FieldByName("Version")
	if f.IsValid() {
		f.SetInt(v)
	}
	return r
}

// The ledgers whose callers name a record by its interchange id (staff,
// enterprises, organisations, members: their URLs and spreadsheets carry
// it) go through the same flow: the id is resolved to its rowid first.

// keyOfID is the rowid of the record of collection c with interchange id
// id; ErrNotFound when there is none. Record tables are named as their
// collections.
func keyOfID(ctx context.Context, q querier, c Collection, id string) (int64, error) {
	var key int64
	err := q.QueryRowContext(ctx, `SELECT id FROM `+string(c)+` WHERE park_id = ? AND source_id = ?`, ParkOf(ctx), id).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to find %s %q: %w", c, id, err)
	}
	return key, nil
}

// loadByID is the record of kind k with interchange id id, and its rowid.
func loadByID[T record](ctx context.Context, q querier, k recordKind[T], id string) (T, int64, error) {
	key, err := keyOfID(ctx, q, k.collection, id)
	if err != nil {
		var none T
		return none, 0, err
	}
	r, _, err := k.load(ctx, q, key)
	return r, key, err
}

// saveByID is saveRecord of the record with interchange id oldID, or of a
// new one (oldID "").
func saveByID[T record](ctx context.Context, tx *writeTx, actor Actor, now string, k recordKind[T], oldID string, r T) (AuditEntry, error) {
	var key int64
	if oldID != "" {
		var err error
		if key, err = keyOfID(ctx, tx, k.collection, oldID); err != nil {
			return AuditEntry{}, err
		}
	}
	return saveRecord(ctx, tx, actor, now, k, key, r)
}

// saveByIDIn is saveByID as a change of its own.
func saveByIDIn[T record](ctx context.Context, s *Store, actor Actor, k recordKind[T], oldID string, r T) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		return saveByID(ctx, tx, actor, now, k, oldID, r)
	})
}

// deleteByIDIn is deleteRecord of the record with interchange id id, as a
// change of its own.
func deleteByIDIn[T record](ctx context.Context, s *Store, actor Actor, k recordKind[T], id string, version int64) (AuditEntry, error) {
	return s.change(ctx, actor, func(tx *writeTx, now string) (AuditEntry, error) {
		key, err := keyOfID(ctx, tx, k.collection, id)
		if err != nil {
			return AuditEntry{}, err
		}
		return deleteRecord(ctx, tx, k, key, version)
	})
}

// deleteRows runs each delete with the record's rowid: what belongs to
// the record, then its row.
func deleteRows(ctx context.Context, tx *writeTx, key int64, deletes ...string) error {
	for _, q := range deletes {
		if _, err := tx.ExecContext(ctx, q, key); err != nil {
			return err
		}
	}
	return nil
}
