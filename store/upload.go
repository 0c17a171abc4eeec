package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// An upload is a spreadsheet of one ledger (enterprises or members) saved
// as one change: every row through its record kind's save, with the same
// rules as a form, in one transaction; one "upload" entry in the audit log
// with its counts, and one entry per record that belongs to it. One bad
// row and nothing is written.

// UploadRow is one row of an upload to save: OldID is the record it
// replaces ("" for a new one), Row its row in the spreadsheet.
type UploadRow[T any] struct {
	Row    int
	OldID  string
	Record T
}

// RowProblems are the problems of one row of an upload.
type RowProblems struct {
	Row      int
	Problems []Problem
}

// UploadError is a refused upload: the rows the write path refused, each
// with its problems. Nothing was written.
type UploadError struct {
	Collection string
	Rows       []RowProblems
}

// Error summarises the refusal in Chinese.
func (e *UploadError) Error() string {
	return fmt.Sprintf("%s未导入：%d 行有问题", CollectionLabel(e.Collection), len(e.Rows))
}

// UploadResult is what an upload saved.
type UploadResult struct {
	Entry            AuditEntry // the upload's own entry
	Created, Updated int
}

// SaveEnterpriseUpload saves an enterprise spreadsheet; file names it in
// the audit log. When check is true it only checks: the transaction is
// rolled back, and the result says what a save would do.
func (s *Store) SaveEnterpriseUpload(ctx context.Context, actor Actor, file string, rows []UploadRow[Enterprise], check bool) (UploadResult, error) {
	return saveUpload(ctx, s, actor, "enterprises", file, rows, check, saveEnterprise)
}

// SaveMemberUpload saves a member spreadsheet, as SaveEnterpriseUpload.
func (s *Store) SaveMemberUpload(ctx context.Context, actor Actor, file string, rows []UploadRow[Member], check bool) (UploadResult, error) {
	return saveUpload(ctx, s, actor, "members", file, rows, check, saveMember)
}

func saveUpload[T any](ctx context.Context, s *Store, actor Actor, collection, file string, rows []UploadRow[T], check bool,
	save func(context.Context, *writeTx, Actor, string, string, T) (AuditEntry, error)) (UploadResult, error) {
	var res UploadResult
	if actor.Username == "" {
		return res, errors.New("store: a change needs an actor")
	}
	done, err := s.takeWriteTurn(ctx)
	if err != nil {
		return res, err
	}
	defer done()
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("store: unable to begin an upload: %w", err)
	}
	tx := s.newWriteTx(sqlTx)
	defer func() {
		sqlTx.Rollback()
		tx.prepareMissed(context.WithoutCancel(ctx))
	}()
	now := s.clock().UTC().Format(time.RFC3339)
	var refused []RowProblems
	var entries []AuditEntry
	saved := map[string]savedRow{} // the rows saved so far, by record id
	for _, r := range rows {
		entry, err := save(ctx, tx, actor, now, r.OldID, r.Record)
		var re *RecordError
		switch {
		case errors.As(err, &re):
			refused = append(refused, RowProblems{Row: r.Row, Problems: sameAsRow(collection, re.Problems, saved)})
			continue
		case errors.Is(err, ErrNotFound):
			refused = append(refused, RowProblems{Row: r.Row, Problems: []Problem{*newProblem("id", CodeUnknownReference, "要修改的记录已不存在")}})
			continue
		case err != nil:
			return res, err
		}
		saved[entry.RecordID] = savedRow{row: r.Row, title: entry.Title}
		if entry.Action == ActionCreate {
			res.Created++
		} else {
			res.Updated++
		}
		entries = append(entries, entry)
	}
	if len(refused) > 0 {
		return res, &UploadError{Collection: collection, Rows: refused}
	}
	upload := AuditEntry{UserID: actor.UserID, Username: actor.Username, Action: "upload", Collection: collection,
		Title: fmt.Sprintf("Excel 导入%s：新增 %d 条，修改 %d 条", CollectionLabel(collection), res.Created, res.Updated)}
	upload.At, _ = time.Parse(time.RFC3339, now)
	counts, _ := json.Marshal(map[string]int{"created": res.Created, "updated": res.Updated})
	upload.Note = strings.TrimSpace(file + " " + string(counts))
	if check {
		res.Entry = upload
		return res, nil // rolled back by the deferred Rollback
	}
	// The upload's entry, then each record's, naming it.
	if upload.ID, err = insertAudit(ctx, tx, upload, now); err != nil {
		return res, err
	}
	for _, entry := range entries {
		entry.UserID, entry.Username, entry.At, entry.Batch = actor.UserID, actor.Username, upload.At, upload.ID
		if _, err := insertAudit(ctx, tx, entry, now); err != nil {
			return res, err
		}
	}
	res.Entry = upload
	if _, err := tx.ExecContext(ctx, `UPDATE revision SET value = value + 1, at = ?`, now); err != nil {
		return res, fmt.Errorf("store: unable to bump revision: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("store: unable to commit an upload: %w", err)
	}
	s.notifyChange()
	return res, nil
}

// savedRow is a row of an upload saved before the one being saved.
type savedRow struct {
	row   int
	title string
}

// sameAsRow words a duplicate of a record saved by an earlier row of the
// upload (two rows with one credit code) as a clash of the two rows: the
// record it repeats is that row's, not one already in the ledger.
func sameAsRow(collection string, ps []Problem, saved map[string]savedRow) []Problem {
	for i, p := range ps {
		if first, ok := saved[p.Existing]; ok && p.Existing != "" {
			ps[i].Existing = ""
			ps[i].Message = fmt.Sprintf("与第 %d 行“%s”的%s相同", first.row, clipText(first.title), FieldLabel(collection, p.Field))
		}
	}
	return ps
}
