package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

// The write path. Every change to a record goes through one operation per
// record kind (SaveEnterprise, DeleteEnterprise, SaveSurvey …) that checks
// the record with the import's rules, asks the database inside the write
// transaction about what spans records (duplicate ids, references), writes
// the record, its audit entry and the revision the page caches watch, and
// commits all of it or none. The writer handle is unexported: nothing else
// can write.

// Actor is who makes a change; the audit entry keeps all three, the
// display name as it was at the time of the change.
type Actor struct {
	UserID   int64
	Username string
	Name     string // the display name; "" when the user has none
}

// The audit actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// RecordError is a refused save: every problem found, each naming its field
// and code as an import's problems do. Nothing was written.
type RecordError struct {
	Collection Collection
	Problems   []Problem
}

// Error summarises the refusal in Chinese; the problems say the details.
func (e *RecordError) Error() string {
	return fmt.Sprintf("%s未保存：发现 %d 个问题", CollectionLabel(e.Collection), len(e.Problems))
}

// ErrReferenced is wrapped by a *ReferencedError.
var ErrReferenced = errors.New("store: the record is referred to by others")

// ReferencedError is a refused delete: other records refer to the record,
// and a delete would take them with it (or leave them pointing nowhere).
type ReferencedError struct {
	Collection Collection
	Title      string
	By         []Referrer
}

// Referrer is one kind of record that refers to the one being deleted: how
// many, and the titles of the first few.
type Referrer struct {
	Collection Collection
	Count      int
	Titles     []string
}

// Error names what refers to the record, in Chinese.
func (e *ReferencedError) Error() string {
	var parts []string
	for _, r := range e.By {
		s := fmt.Sprintf("%s %d 条", CollectionLabel(r.Collection), r.Count)
		if len(r.Titles) > 0 {
			s += "（" + strings.Join(r.Titles, "、")
			if r.Count > len(r.Titles) {
				s += " 等"
			}
			s += "）"
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("“%s”仍被以下记录引用，不能删除：%s。请先修改或删除这些记录。", e.Title, strings.Join(parts, "；"))
}

func (e *ReferencedError) Unwrap() error { return ErrReferenced }

// referrerTitles is how many titles a ReferencedError names per collection.
const referrerTitles = 5

// change is the frame of every write: fn checks and writes the record in tx
// and returns the audit entry to record; change stamps it, writes it, moves
// the revision and commits. When fn fails nothing is written.
func (s *Store) change(ctx context.Context, actor Actor, fn func(tx *writeTx, now string) (AuditEntry, error)) (AuditEntry, error) {
	var entry AuditEntry
	err := s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		e, err := fn(tx, now)
		if err != nil {
			return err
		}
		entry, err = log(e)
		return err
	})
	return entry, err
}

// auditLog writes an entry, stamped with the change's actor and time, and
// returns it with its id.
type auditLog func(AuditEntry) (AuditEntry, error)

// transact is change for writes that log more than one entry (a publish
// logs the filing's decision and the ledger record's change). bump says
// whether the records the pages show change: a secretary's draft moves no
// page's revision.
func (s *Store) transact(ctx context.Context, actor Actor, bump bool, fn func(tx *writeTx, now string, log auditLog) error) error {
	if actor.Username == "" {
		return errors.New("store: a change needs an actor")
	}
	done, err := s.takeWriteTurn(ctx)
	if err != nil {
		return err
	}
	defer done()
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to begin a change: %w", err)
	}
	tx := s.newWriteTx(sqlTx)
	defer func() {
		sqlTx.Rollback()
		tx.prepareMissed(context.WithoutCancel(ctx))
	}()
	now := s.clock().UTC().Format(time.RFC3339)
	at, _ := time.Parse(time.RFC3339, now)
	var logged []AuditEntry
	log := func(e AuditEntry) (AuditEntry, error) {
		e.UserID, e.Username, e.ActorName, e.At = actor.UserID, actor.Username, actor.Name, at
		var err error
		e.ID, err = insertAudit(ctx, tx, e, now)
		logged = append(logged, e)
		return e, err
	}
	if err := fn(tx, now, log); err != nil {
		return err
	}
	// The figures the change made stale, in its transaction (figures.go).
	if err := refreshFigures(ctx, tx); err != nil {
		return err
	}
	var rev int64
	if bump && !tx.quiet {
		if err := tx.QueryRowContext(ctx, `UPDATE revision SET value = value + 1, at = ? RETURNING value`, now).Scan(&rev); err != nil {
			return fmt.Errorf("store: unable to bump revision: %w", err)
		}
	}
	if s.beforeCommit != nil {
		if err := s.beforeCommit(); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: unable to commit a change: %w", err)
	}
	if tx.notified {
		s.forgetUnread()
	}
	if bump && !tx.quiet {
		s.reports.advance(rev, reportsFrom(logged))
		s.notifyChange()
	}
	return nil
}

// clock is the store's time: the clock given to SetClock, else time.Now.
func (s *Store) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

func insertAudit(ctx context.Context, tx execer, e AuditEntry, now string) (int64, error) {
	var batch any
	if e.Batch != 0 {
		batch = e.Batch
	}
	var key any
	if e.RecordKey != 0 {
		key = e.RecordKey
	}
	var version any
	if e.Version != 0 {
		version = e.Version
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO audit (at, user_id, username, actor_name, action, collection, record_key, record_id, title, before, after, batch, note, version, park_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		now, e.UserID, e.Username, nullable(e.ActorName), e.Action, e.Collection, key, nullable(e.RecordID), e.Title,
		nullableJSON(e.Before), nullableJSON(e.After), batch, nullable(e.Note), version, ParkOf(ctx)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: unable to write audit entry: %w", err)
	}
	return id, nil
}

func nullableJSON(b json.RawMessage) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

// recordJSON is a record as interchange JSON, for the audit log.
func recordJSON(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: unable to encode record: %w", err)
	}
	return b, nil
}

// duplicateID adds a problem when another row of table has the interchange
// id id (rowid is the record being saved, 0 for a new one). Record tables
// are named as their collections.
func duplicateID(ctx context.Context, tx *writeTx, ps *problems, table Collection, id string, rowid int64) error {
	if id == "" {
		return nil
	}
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM `+string(table)+` WHERE park_id = ? AND source_id = ? AND id != ?`, ParkOf(ctx), id, rowid).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: unable to check id %q: %w", id, err)
	}
	ps.add(newProblem("id", CodeDuplicateID, "id “%s”已被另一条%s使用；同一类记录的 id 不能重复", clipText(id), CollectionLabel(table)).
		withClerk("“%s”已被另一条%s记录使用；%s不能重复", clipText(id), CollectionLabel(table), FieldLabel(table, "id")))
	return nil
}

// resolveRef finds the rowid of the record of table with interchange id id,
// adding a problem at field when there is none. 0 means none.
func resolveRef(ctx context.Context, tx *writeTx, ps *problems, table Collection, field, id string) (int64, error) {
	if id == "" {
		return 0, nil
	}
	var rowid int64
	err := sql.ErrNoRows // no id holds a NUL, which PostgreSQL's text refuses
	if !strings.ContainsRune(id, 0) {
		err = tx.QueryRowContext(ctx, `SELECT id FROM `+string(table)+` WHERE park_id = ? AND source_id = ?`, ParkOf(ctx), id).Scan(&rowid)
	}
	if errors.Is(err, sql.ErrNoRows) {
		label := CollectionLabel(table)
		ps.add(newProblem(field, CodeUnknownReference, "引用的%s“%s”不存在", label, clipText(id)))
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to resolve %s %q: %w", table, id, err)
	}
	return rowid, nil
}

// referrers counts the records that refer to a row: each query returns the
// titles of the referring records.
func referrers(ctx context.Context, tx querier, rowid int64, queries []referrerQuery) ([]Referrer, error) {
	var out []Referrer
	for _, q := range queries {
		rows, err := tx.QueryContext(ctx, q.sql, rowid)
		if err != nil {
			return nil, fmt.Errorf("store: unable to find what refers to the record: %w", err)
		}
		r := Referrer{Collection: q.collection}
		for rows.Next() {
			var title string
			if err := rows.Scan(&title); err != nil {
				rows.Close()
				return nil, err
			}
			if r.Count < referrerTitles {
				r.Titles = append(r.Titles, title)
			}
			r.Count++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if r.Count > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// referrerQuery lists, by title, the records of one collection that refer
// to a row given as the query's one parameter.
type referrerQuery struct {
	collection Collection
	sql        string
}

// suggestID proposes an unused interchange id in table: prefix, a hyphen
// and the next number (counting the records, then past any taken).
func (s *Store) suggestID(ctx context.Context, table, prefix string) (string, error) {
	return nextID(ctx, s.read, table, prefix)
}

// idPrefixes are the prefixes of the ids the portal proposes for the
// collections whose records must have one; the others' ids are optional
// (the store's key names their records).
var idPrefixes = map[Collection]string{"enterprises": "ent", "organizations": "org", "staff": "staff", "members": "mem"}

// SuggestIDs proposes n unused interchange ids for new records of
// collection, the way its form proposes one (ent-0270, ent-0271 …), none
// of them in taken (the ids the other rows of an upload bring).
func (s *Store) SuggestIDs(ctx context.Context, collection Collection, n int, taken map[string]bool) ([]string, error) {
	prefix, ok := idPrefixes[collection]
	if !ok {
		return nil, fmt.Errorf("store: %s have no ids to suggest", collection)
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: unable to read: %w", err)
	}
	defer tx.Rollback()
	var count int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+string(collection)+` WHERE park_id = ?`, ParkOf(ctx)).Scan(&count); err != nil {
		return nil, fmt.Errorf("store: unable to suggest ids: %w", err)
	}
	out := make([]string, 0, n)
	for i := count + 1; len(out) < n; i++ {
		id := fmt.Sprintf("%s-%04d", prefix, i)
		if taken[id] {
			continue
		}
		var used bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+string(collection)+` WHERE park_id = ? AND source_id = ?)`, ParkOf(ctx), id).Scan(&used); err != nil {
			return nil, fmt.Errorf("store: unable to suggest ids: %w", err)
		}
		if !used {
			out = append(out, id)
		}
	}
	return out, nil
}

// textProblems applies to a record from a form what the import's reader
// enforces on a document (import_guard.go): no NUL, valid UTF-8, no text
// longer than MaxImportText. Without it a form could save what the next
// import of the export refuses. Fields are named by their JSON names, as
// the problems of an import are.
func textProblems(record any) []Problem {
	var out []Problem
	var walk func(v reflect.Value, field string)
	walk = func(v reflect.Value, field string) {
		switch v.Kind() {
		case reflect.String:
			s := v.String()
			switch {
			case strings.IndexByte(s, 0) >= 0:
				out = append(out, *newProblem(field, CodeText, "含有空字符（NUL），这不是正常文本").withClerk("含有空字符，这不是正常文本"))
			case !utf8.ValidString(s):
				out = append(out, *newProblem(field, CodeText, "含有无法识别的字符（不是有效的 UTF-8 文本）").withClerk("含有无法识别的字符"))
			case len(s) > MaxImportText:
				out = append(out, *newProblem(field, CodeTooLarge, "内容过长：最多 %d 字节（约 2 万个汉字），这里有 %d 字节", MaxImportText, len(s)))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", field, i+1))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), field)
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
				if name == "" || name == "-" || !t.Field(i).IsExported() {
					continue
				}
				if field != "" {
					name = field + "." + name
				}
				walk(v.Field(i), name)
			}
		}
	}
	walk(reflect.ValueOf(record), "")
	return out
}
