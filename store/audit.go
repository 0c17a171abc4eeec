package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// AuditEntry is one change in the audit log: who made it and when, what it
// did to which record, and the record before and after as interchange JSON.
// Title, Username and ActorName are copies, so that the entry stays
// readable after the record is renamed or deleted and still names its
// author as they were called then.
type AuditEntry struct {
	ID         int64
	At         time.Time
	UserID     int64
	Username   string
	ActorName  string // the author's display name at the time; "" when they had none
	Action     string // create | update | delete | import | upload
	Collection Collection
	RecordKey  int64  // the record's rowid
	RecordID   string // its interchange id, where it has one
	Title      string
	Before     json.RawMessage // nil for a create
	After      json.RawMessage // nil for a delete
	Batch      int64           // the import or upload entry it belongs to
	Note       string
	Version    int64 // the version the record reached (for a delete, the version deleted); 0 where not known
}

// AuditFilter selects entries of the log; zero fields select everything.
type AuditFilter struct {
	Username   string
	Collection Collection
	RecordKey  int64     // with Collection: one record's history
	From, To   time.Time // At within [From, To)
	Before     int64     // entries older than this id (the next page)
	Limit      int       // 50 when 0
}

const auditColumns = `id, at, COALESCE(user_id, 0), username, COALESCE(actor_name, ''), action, collection, COALESCE(record_key, 0),
	COALESCE(record_id, ''), title, COALESCE(before, ''), COALESCE(after, ''), COALESCE(batch, 0), COALESCE(note, ''), COALESCE(version, 0)`

// AuditEntries lists entries, newest first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	if f.Username != "" {
		where, args = append(where, "username = ?"), append(args, f.Username)
	}
	if f.Collection != "" {
		where, args = append(where, "collection = ?"), append(args, f.Collection)
		if f.RecordKey != 0 { // a record's history: its park's entries (migration 30)
			where, args = append(where, "record_key = ?", "coalesce(park_id, 1) = ?"), append(args, f.RecordKey, ParkOf(ctx))
		}
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.UTC().Format(time.RFC3339))
	}
	if f.Before != 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	q := `SELECT ` + auditColumns + ` FROM audit`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT ?"
	rows, err := s.read.QueryContext(ctx, q, append(args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to read the audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func scanAudit(rows *sql.Rows) (AuditEntry, error) {
	var e AuditEntry
	var at, before, after string
	if err := rows.Scan(&e.ID, &at, &e.UserID, &e.Username, &e.ActorName, &e.Action, &e.Collection, &e.RecordKey,
		&e.RecordID, &e.Title, &before, &after, &e.Batch, &e.Note, &e.Version); err != nil {
		return AuditEntry{}, err
	}
	e.At, _ = time.Parse(time.RFC3339, at)
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	return e, nil
}
