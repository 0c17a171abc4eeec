package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// An upload is a spreadsheet of one ledger (enterprises or members) saved
// as one change: every row through its record kind's save, with the same
// rules as a form, in one transaction; one "upload" entry in the audit log
// with its counts, and one entry per record that belongs to it. One bad
// row and nothing is written.

// UploadRow is one row of an upload to save: the record it replaces,
// named by OldID or, for a kind whose records the store keys, OldKey
// (neither for a new one); Row its row in the spreadsheet.
type UploadRow[T any] struct {
	Row    int
	OldID  string
	OldKey int64
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
	Collection Collection
	Rows       []RowProblems
}

// Error summarises the refusal in Chinese.
func (e *UploadError) Error() string {
	return fmt.Sprintf("%s未导入：%d 行有问题", CollectionLabel(e.Collection), len(e.Rows))
}

// UploadResult is what an upload saved, or would save.
type UploadResult struct {
	Entry            AuditEntry // the upload's own entry
	Created, Updated int
	// Keys are the store's keys of the rows' records, by row: the key a new
	// record got (or, checked only, would get).
	Keys map[int]int64
}

// uploadKind is how an upload saves the rows of one record kind.
type uploadKind[T any] struct {
	collection Collection
	// save is the kind's save inside the upload's change: the row's record
	// as new, or in place of the one it names.
	save func(ctx context.Context, tx *writeTx, actor Actor, now string, row UploadRow[T]) (AuditEntry, error)
	// unique, when set, is a row's name and the values that must not
	// repeat among the rows.
	unique func(T) (string, []uploadKey)
}

var (
	enterpriseUpload = uploadKind[Enterprise]{
		collection: Enterprises,
		save: func(ctx context.Context, tx *writeTx, actor Actor, now string, r UploadRow[Enterprise]) (AuditEntry, error) {
			return saveEnterprise(ctx, tx, actor, now, r.OldID, r.Record)
		},
		unique: enterpriseUploadKeys,
	}
	memberUpload = uploadKind[Member]{
		collection: Members,
		save: func(ctx context.Context, tx *writeTx, actor Actor, now string, r UploadRow[Member]) (AuditEntry, error) {
			return saveMember(ctx, tx, actor, now, r.OldID, r.Record)
		},
	}
)

// recordUpload is the upload of a kind on the ledgers' shared save
// (record_write.go): each row through saveRecord, new or in place of the
// record with the row's key.
func recordUpload[T record](k recordKind[T]) uploadKind[T] {
	return uploadKind[T]{collection: k.collection,
		save: func(ctx context.Context, tx *writeTx, actor Actor, now string, r UploadRow[T]) (AuditEntry, error) {
			return saveRecord(ctx, tx, actor, now, k, r.OldKey, r.Record)
		}}
}

// with is k whose rows must not repeat the values unique gives.
func (k uploadKind[T]) with(unique func(T) (string, []uploadKey)) uploadKind[T] {
	k.unique = unique
	return k
}

// uploadKindOf is how an upload saves records T: the kinds whose ledgers
// take a spreadsheet.
func uploadKindOf[T any]() (uploadKind[T], bool) {
	var kind any
	switch any(*new(T)).(type) {
	case Enterprise:
		kind = enterpriseUpload
	case Member:
		kind = memberUpload
	case Designation:
		kind = recordUpload(designationKind)
	case Platform:
		kind = recordUpload(platformKind)
	case Survey:
		kind = recordUpload(surveyKind)
	case Award:
		kind = recordUpload(awardKind)
	case Service:
		kind = recordUpload(serviceKind)
	case Responsibility:
		kind = recordUpload(responsibilityKind)
	case Brand:
		kind = recordUpload(brandKind).with(func(b Brand) (string, []uploadKey) {
			return b.Name, []uploadKey{{"organization", CodeDuplicateBrand, b.Organization}}
		})
	case Activity:
		kind = recordUpload(activityKind)
	case Organization:
		kind = recordUpload(organizationKind).with(func(o Organization) (string, []uploadKey) {
			return o.Name, []uploadKey{{"name", CodeDuplicateName, NameKey(o.Name)}}
		})
	case Staff:
		kind = recordUpload(staffKind)
	}
	k, ok := kind.(uploadKind[T])
	return k, ok
}

// SaveUpload saves a spreadsheet of records T as one change, all or
// nothing, as SaveEnterpriseUpload does an enterprise's.
func SaveUpload[T any](ctx context.Context, s *Store, actor Actor, file string, rows []UploadRow[T], check bool) (UploadResult, error) {
	kind, ok := uploadKindOf[T]()
	if !ok {
		return UploadResult{}, fmt.Errorf("store: no upload of %T", *new(T))
	}
	return saveUpload(ctx, s, actor, kind, file, rows, check)
}

// SaveEnterpriseUpload saves an enterprise spreadsheet; file names it in
// the audit log. When check is true it only checks: the transaction is
// rolled back, and the result says what a save would do.
func (s *Store) SaveEnterpriseUpload(ctx context.Context, actor Actor, file string, rows []UploadRow[Enterprise], check bool) (UploadResult, error) {
	return saveUpload(ctx, s, actor, enterpriseUpload, file, rows, check)
}

// SaveMemberUpload saves a member spreadsheet, as SaveEnterpriseUpload.
func (s *Store) SaveMemberUpload(ctx context.Context, actor Actor, file string, rows []UploadRow[Member], check bool) (UploadResult, error) {
	return saveUpload(ctx, s, actor, memberUpload, file, rows, check)
}

// errCheckedOnly ends an upload's transaction once it is checked: the
// rows were written to find what spans them (two rows with one id), and
// all of it is rolled back.
var errCheckedOnly = errors.New("store: upload checked, not saved")

func saveUpload[T any](ctx context.Context, s *Store, actor Actor, kind uploadKind[T], file string, rows []UploadRow[T], check bool) (UploadResult, error) {
	collection := kind.collection
	res := UploadResult{Keys: make(map[int]int64, len(rows))}
	err := s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		var refused []RowProblems
		var entries []AuditEntry
		seen := map[uploadKey]earlierRow{} // values that must not repeat, and the first row with each
		for _, r := range rows {
			var repeats []Problem
			if kind.unique != nil {
				repeats = repeatedValues(collection, r.Row, r.Record, kind.unique, seen)
			}
			entry, err := kind.save(ctx, tx, actor, now, r)
			var re *RecordError
			switch {
			case errors.As(err, &re):
				refused = append(refused, RowProblems{Row: r.Row, Problems: withRepeats(repeats, re.Problems)})
				continue
			case errors.Is(err, ErrNotFound):
				refused = append(refused, RowProblems{Row: r.Row, Problems: []Problem{*newProblem("id", CodeUnknownReference, "要修改的记录已不存在")}})
				continue
			case errors.Is(err, ErrConflict):
				refused = append(refused, RowProblems{Row: r.Row, Problems: []Problem{*newProblem("id", CodeConflict, "这条记录在预览之后已被他人修改，请核对后重新上传")}})
				continue
			case err != nil:
				return err
			}
			if len(repeats) > 0 {
				refused = append(refused, RowProblems{Row: r.Row, Problems: repeats})
				continue
			}
			if entry.Action == ActionCreate {
				res.Created++
			} else {
				res.Updated++
			}
			res.Keys[r.Row] = entry.RecordKey
			entries = append(entries, entry)
		}
		if len(refused) > 0 {
			return &UploadError{Collection: collection, Rows: refused}
		}
		upload := AuditEntry{Action: "upload", Collection: collection,
			Title: fmt.Sprintf("Excel 导入%s：新增 %d 条，修改 %d 条", CollectionLabel(collection), res.Created, res.Updated)}
		counts, _ := json.Marshal(map[string]int{"created": res.Created, "updated": res.Updated})
		upload.Note = strings.TrimSpace(file + " " + string(counts))
		if check {
			res.Entry = upload
			res.Entry.UserID, res.Entry.Username, res.Entry.ActorName = actor.UserID, actor.Username, actor.Name
			res.Entry.At, _ = time.Parse(time.RFC3339, now)
			return errCheckedOnly
		}
		// The upload's entry, then each record's, naming it.
		var err error
		if res.Entry, err = log(upload); err != nil {
			return err
		}
		for _, entry := range entries {
			entry.Batch = res.Entry.ID
			if _, err := log(entry); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errCheckedOnly) {
		err = nil
	}
	return res, err
}

// uploadKey is a value that must not repeat among the rows of an upload
// (nor in the ledger, which the save checks): a field, the problem code of
// a repeat, and the value as compared.
type uploadKey struct {
	field, code, value string
}

// enterpriseUploadKeys are an enterprise row's name and the values that
// must not repeat: its credit code and its name.
func enterpriseUploadKeys(e Enterprise) (string, []uploadKey) {
	return e.Name, []uploadKey{
		{"credit_code", CodeDuplicateCreditCode, creditCodeKey(e.CreditCode)},
		{"name", CodeDuplicateName, NameKey(e.Name)},
	}
}

// earlierRow is the first row of an upload with a value.
type earlierRow struct {
	row   int
	title string
}

// repeatedValues are the problems of a row that repeats a value of an
// earlier row, whether or not that row could be saved: both are new to the
// ledger, so the problem names the row.
func repeatedValues[T any](collection Collection, row int, record T, unique func(T) (string, []uploadKey), seen map[uploadKey]earlierRow) []Problem {
	var out []Problem
	title, keys := unique(record)
	for _, k := range keys {
		if k.value == "" {
			continue
		}
		if first, dup := seen[k]; dup {
			out = append(out, Problem{Field: k.field, Code: k.code,
				Message: fmt.Sprintf("与第 %d 行“%s”的%s相同", first.row, clipText(first.title), FieldLabel(collection, k.field))})
			continue
		}
		seen[k] = earlierRow{row: row, title: title}
	}
	return out
}

// withRepeats puts a row's repeats of earlier rows first, in place of what
// the save said about the same fields (that the earlier row's record, just
// saved, has the value).
func withRepeats(repeats, saved []Problem) []Problem {
	out := slices.Clone(repeats)
	for _, p := range saved {
		if !slices.ContainsFunc(repeats, func(r Problem) bool { return r.Field == p.Field }) {
			out = append(out, p)
		}
	}
	return out
}
