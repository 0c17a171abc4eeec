package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Filings: what a secretary files for their own organisation. A filing
// goes draft → submitted → published, or back to the secretary (returned)
// with a comment. It lives apart from the ledgers (tables filings and
// filing_versions, which no public query reads): its working copy and each
// submitted version are the record as interchange JSON, and only a publish
// writes it into its ledger, through that ledger's own save in the same
// transaction. A save or a submission is checked by running that same save
// in check-only mode (it stops once the record passed its checks), so a
// filing meets exactly the rules (and references) a staff form or an import
// meets.

// The filing kinds, each named as the ledger it publishes to, except a
// service request, which staff close as a services record.
const (
	FilingActivity       = "activities"
	FilingMember         = "members"
	FilingBrand          = "brands"
	FilingResponsibility = "responsibility"
	FilingServiceRequest = "service_requests"
)

// FilingKinds are the kinds in the order the workspace lists them.
var FilingKinds = []string{FilingActivity, FilingMember, FilingBrand, FilingResponsibility, FilingServiceRequest}

// The statuses of a filing.
const (
	FilingDraft     = "draft"
	FilingSubmitted = "submitted"
	FilingReturned  = "returned"
	FilingPublished = "published"
)

// The filing actions in the audit log.
const (
	ActionDraft   = "draft"
	ActionSubmit  = "submit"
	ActionPublish = "publish"
	ActionReturn  = "return"
)

// MaxActivityPhotos is how many photos an activity carries at most.
const MaxActivityPhotos = 6

// ActivityFiling is an activity as a secretary files it: the activity and
// its photos (ids of photos the organisation uploaded).
type ActivityFiling struct {
	Activity
	Photos []int64 `json:"photos,omitempty"`
}

// BrandFiling is an organisation's brand with its logo (a photo id).
type BrandFiling struct {
	Brand
	Logo int64 `json:"logo,omitempty"`
}

// ServiceRequest is what an enterprise asks of the park's shared services;
// staff close it with what it cost, and it becomes a services record.
type ServiceRequest struct {
	Enterprise string `json:"enterprise"`
	Kind       string `json:"kind"`
	Date       string `json:"date"`
	Need       string `json:"need"`
}

// ServiceClose is what staff add when they close a service request.
type ServiceClose struct {
	Effective  bool
	MarketCost *Money
	ActualCost *Money
}

// Filing is one filing, as the workspace and the review queue show it.
type Filing struct {
	ID               int64
	Organization     string // interchange id
	OrganizationName string
	Kind             string
	RecordKey        int64 // the ledger record it publishes to, 0 before the first publish
	// RecordVersion is the version of that record the working copy is
	// based on: the record's when the filing was started from it, the
	// one the last publish reached; 0 where there is none.
	RecordVersion    int64
	Status           string
	Title            string
	Body             json.RawMessage // the working copy
	Version          int             // the last submitted version, 0 before the first
	PublishedVersion int
	Comment          string // the last return's comment
	SubmittedAt      string
	CreatedAt        string
	UpdatedAt        string
	UpdatedBy        string
}

// FilingVersion is one submitted version and the decision taken on it.
type FilingVersion struct {
	Version     int
	Body        json.RawMessage
	SubmittedAt string
	SubmittedBy string
	Decision    string // "", published or returned
	DecidedAt   string
	DecidedBy   string
	Comment     string
	// SubmittedByName and DecidedByName are the users' display names (their
	// login names when they have none), as pages show them.
	SubmittedByName string
	DecidedByName   string
}

// OpenComment is the last return's comment while the secretary is still
// working on it (returned, or saved as a draft since); "" once the filing
// is submitted again or published.
func (f Filing) OpenComment() string {
	if f.Status == FilingReturned || f.Status == FilingDraft {
		return f.Comment
	}
	return ""
}

// ErrFilingChanged refuses a decision on a version that is no longer the
// one waiting: the filing was changed, withdrawn or decided meanwhile.
var ErrFilingChanged = errors.New("store: the filing changed since it was reviewed")

// ErrServiceCosts refuses to close a service request without its costs.
var ErrServiceCosts = errors.New("store: a service request is closed with its costs")

// ErrCommentRequired refuses a return without a comment.
var ErrCommentRequired = errors.New("store: a return needs a comment")

// FilingSave is a secretary's save of a filing: ID 0 starts a new one
// (RecordKey naming the ledger record it changes, 0 for a new record).
type FilingSave struct {
	ID        int64
	Kind      string
	RecordKey int64
	// RecordVersion is the version of the ledger record that the form
	// was opened on, when a filing starts from one (a member's next
	// stage, a change of the brand): a record staff changed since refuses
	// the save with a *ConflictError, as a staff form's save.
	RecordVersion int64
	// Stamp is the filing's stamp (FilingStamp) when its form was opened:
	// a save of a filing named by ID that changed since (in another tab,
	// by another secretary, by a review) is refused with a *ConflictError.
	Stamp  int64
	Body   any // *ActivityFiling, *Member, *BrandFiling, *Responsibility or *ServiceRequest
	Submit bool
	// Unread are the problems of what the form could not read into Body
	// (a count that is no number, a photo refused). The save still checks
	// the rest, so that every problem is named at once, and refuses with
	// them all: nothing is written when there are any.
	Unread []Problem
}

const filingColumns = `f.id, o.source_id, o.name, f.kind, COALESCE(f.record_key, 0), COALESCE(f.record_version, 0), f.status, f.title, f.body, f.version,
	COALESCE(f.published_version, 0), COALESCE(f.comment, ''), COALESCE(f.submitted_at, ''), f.created_at, f.updated_at, f.updated_by`

func scanFiling(row interface{ Scan(...any) error }) (Filing, error) {
	var f Filing
	var body string
	err := row.Scan(&f.ID, &f.Organization, &f.OrganizationName, &f.Kind, &f.RecordKey, &f.RecordVersion, &f.Status, &f.Title, &body, &f.Version,
		&f.PublishedVersion, &f.Comment, &f.SubmittedAt, &f.CreatedAt, &f.UpdatedAt, &f.UpdatedBy)
	f.Body = json.RawMessage(body)
	return f, err
}

func loadFiling(ctx context.Context, q querier, id int64, org string) (Filing, error) {
	query := `SELECT ` + filingColumns + ` FROM filings f JOIN organizations o ON o.id = f.organization_id WHERE f.id = ? AND o.park_id = ?`
	args := []any{id, ParkOf(ctx)}
	if org != "" {
		query += ` AND o.source_id = ?`
		args = append(args, org)
	}
	f, err := scanFiling(q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Filing{}, ErrNotFound
	}
	if err != nil {
		return Filing{}, fmt.Errorf("store: unable to fetch filing %d: %w", id, err)
	}
	return f, nil
}

// FilingOf returns filing id of organisation org (interchange id); any
// organisation's when org is "" (staff). Another organisation's filing is
// ErrNotFound, as if it did not exist.
func (s *Store) FilingOf(ctx context.Context, id int64, org string) (Filing, error) {
	return loadFiling(ctx, s.read, id, org)
}

// FilingVersions are a filing's submitted versions, oldest first.
func (s *Store) FilingVersions(ctx context.Context, id int64) ([]FilingVersion, error) {
	var out []FilingVersion
	err := eachRow(ctx, s.read, `SELECT v.version, v.body, v.submitted_at, v.submitted_by, COALESCE(NULLIF(su.display_name, ''), v.submitted_by),
		COALESCE(v.decision, ''), COALESCE(v.decided_at, ''), COALESCE(v.decided_by, ''), COALESCE(NULLIF(du.display_name, ''), v.decided_by, ''),
		COALESCE(v.comment, '') FROM filing_versions v LEFT JOIN users su ON su.username = v.submitted_by LEFT JOIN users du ON du.username = v.decided_by
		WHERE v.filing_id = ? ORDER BY v.version`, []any{id},
		func(rows *sql.Rows) error {
			var v FilingVersion
			var body string
			err := rows.Scan(&v.Version, &body, &v.SubmittedAt, &v.SubmittedBy, &v.SubmittedByName, &v.Decision, &v.DecidedAt, &v.DecidedBy, &v.DecidedByName, &v.Comment)
			v.Body = json.RawMessage(body)
			out = append(out, v)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch the versions of filing %d: %w", id, err)
	}
	return out, nil
}

// orgRef is the organisation a filing belongs to.
type orgRef struct {
	key  int64
	id   string
	name string
}

func resolveOrg(ctx context.Context, q querier, id string) (orgRef, error) {
	r := orgRef{id: id}
	err := q.QueryRowContext(ctx, `SELECT id, name FROM organizations WHERE park_id = ? AND source_id = ?`, ParkOf(ctx), id).Scan(&r.key, &r.name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// SaveFiling saves a secretary's filing for organisation org (their own,
// from their account): its working copy as a draft, or, with Submit, as a
// new submitted version that staff are told of. The filing is checked with
// its ledger's rules and the organisation's scope (its enterprises, its
// members, its brand); a refusal is a *RecordError and writes nothing.
// An organisation has one brand: a new brand filing (ID 0) is saved into
// its latest brand filing, when it has one, and a brand filing changes its
// brand, when it has one.
// The photos a saved filing names are kept for good (keepFilingPhotos);
// a refused filing's stay held, and go unless a retry keeps them.
func (s *Store) SaveFiling(ctx context.Context, actor Actor, org string, in FilingSave) (Filing, error) {
	var saved Filing
	err := s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		o, err := resolveOrg(ctx, tx, org)
		if err != nil {
			return err
		}
		named := in.ID != 0
		if in.Kind == FilingBrand && in.ID == 0 { // one brand: a new filing goes into the one there is
			if in.ID, err = brandFilingOf(ctx, tx, o); err != nil {
				return err
			}
		}
		f := Filing{Kind: in.Kind, RecordKey: in.RecordKey, Organization: org, OrganizationName: o.name}
		if in.ID != 0 {
			if f, err = loadFiling(ctx, tx, in.ID, org); err != nil {
				return err
			}
			if f.Kind != in.Kind {
				return ErrNotFound
			}
			if named {
				if err := sameFilingStamp(ctx, tx, f, in.Stamp); err != nil {
					return err
				}
			}
		}
		kind, ok := filingKinds[f.Kind]
		if !ok {
			return fmt.Errorf("store: unknown filing kind %q", f.Kind)
		}
		if f.RecordKey != 0 { // a record staff deleted meanwhile: the filing is of a new one
			var gone bool
			if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM `+string(FilingLedger(f.Kind))+` WHERE id = ? AND park_id = ?)`, f.RecordKey, ParkOf(ctx)).Scan(&gone); err != nil {
				return fmt.Errorf("store: unable to find the record of a filing: %w", err)
			}
			if gone {
				f.RecordKey, f.RecordVersion = 0, 0
			}
		}
		if f.Kind == FilingBrand && f.RecordKey == 0 { // and changes the brand there is
			if f.RecordKey, err = brandOf(ctx, tx, o.key); err != nil {
				return err
			}
		}
		// A filing that comes to change a ledger record is based on the
		// version its form was opened on, which must still be the
		// record's: the secretary sees what staff changed meanwhile.
		// (Said after the record's own checks: another organisation's
		// record is out of scope, whatever its version.)
		var stale error
		if f.RecordKey != 0 && f.RecordVersion == 0 {
			stale = sameRecordVersion(ctx, tx, FilingLedger(f.Kind), f.RecordKey, in.RecordVersion)
			var conflict *ConflictError
			var refused *RecordError
			if stale != nil && !errors.As(stale, &conflict) && !errors.As(stale, &refused) {
				return stale
			}
			f.RecordVersion = in.RecordVersion
		}
		title, err := kind.prepare(in.Body, o)
		if err != nil {
			return err
		}
		if strings.TrimSpace(title) == "" { // an unfinished draft
			title = "未命名的" + FilingKindLabel(f.Kind)
		}
		err = checkOnly(tx, func() error {
			_, err := kind.write(ctx, tx, actor, now, o, f.RecordKey, 0, in.Body, nil)
			return err
		})
		if len(in.Unread) > 0 {
			return withUnread(Collection(f.Kind), in.Unread, err, in.Submit)
		}
		if err != nil && (in.Submit || !draftMayKeep(err)) {
			return err
		}
		if stale != nil {
			return stale
		}
		body, err := json.Marshal(in.Body)
		if err != nil {
			return err
		}
		// Only what enters or leaves the review queue changes a page.
		tx.quiet = !in.Submit && f.Status != FilingSubmitted
		f.Status, f.Title, f.Body, f.UpdatedAt, f.UpdatedBy = FilingDraft, title, body, now, actor.Username
		action := ActionDraft
		if in.Submit {
			f.Status, f.Version, f.SubmittedAt, action = FilingSubmitted, f.Version+1, now, ActionSubmit
		}
		var recordKey any
		if f.RecordKey != 0 {
			recordKey = f.RecordKey
		}
		if f.ID == 0 {
			err := tx.QueryRowContext(ctx, `INSERT INTO filings (organization_id, kind, record_key, record_version, status, title, body, version, submitted_at,
				created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11) RETURNING id`,
				o.key, f.Kind, recordKey, nullableKey(f.RecordVersion), f.Status, title, string(body), f.Version, nullable(f.SubmittedAt), now, actor.Username).Scan(&f.ID)
			if err != nil {
				return fmt.Errorf("store: unable to record filing: %w", err)
			}
			f.CreatedAt = now
		} else if _, err := tx.ExecContext(ctx, `UPDATE filings SET status = ?, title = ?, body = ?, version = ?, submitted_at = ?,
			record_key = ?, record_version = ?, updated_at = ?, updated_by = ? WHERE id = ?`, f.Status, title, string(body), f.Version, nullable(f.SubmittedAt),
			recordKey, nullableKey(f.RecordVersion), now, actor.Username, f.ID); err != nil {
			return fmt.Errorf("store: unable to update filing: %w", err)
		}
		if kind.photos != nil {
			version := 0
			if in.Submit {
				version = f.Version
			}
			if err := keepFilingPhotos(ctx, tx, f.ID, version, kind.photos(in.Body), now); err != nil {
				return err
			}
		}
		if in.Submit {
			if _, err := tx.ExecContext(ctx, `INSERT INTO filing_versions (filing_id, version, body, submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?)`,
				f.ID, f.Version, string(body), now, actor.Username); err != nil {
				return fmt.Errorf("store: unable to record filing version: %w", err)
			}
			if err := notifyRole(ctx, tx, RoleStaff, f.ID, now, fmt.Sprintf("%s提交了%s“%s”，等待审核", o.name, FilingKindLabel(f.Kind), title),
				fmt.Sprintf("%s提交了%s（第 %d 号报送），等待审核", o.name, FilingKindLabel(f.Kind), f.ID)); err != nil {
				return err
			}
		}
		entry := AuditEntry{Collection: "filings", Action: action, RecordKey: f.ID, Title: FilingKindLabel(f.Kind) + "：" + title, After: body}
		if in.Submit {
			entry.Note = fmt.Sprintf("version %d", f.Version)
		}
		if _, err := log(entry); err != nil {
			return err
		}
		saved = f
		return nil
	})
	if err != nil {
		return Filing{}, err
	}
	return saved, nil
}

// withUnread is the refusal of a filing whose form could not all be read:
// the unread problems, then the check's (for a draft, only those a draft
// may not keep), one per field, the unread one first.
func withUnread(kind Collection, unread []Problem, checked error, submit bool) error {
	refusal := &RecordError{Collection: kind, Problems: slices.Clone(unread)}
	var re *RecordError
	if checked != nil && !errors.As(checked, &re) {
		return checked // not a refusal: the database, a filing not found
	}
	if re != nil {
		refusal.Collection = re.Collection
		for _, p := range re.Problems {
			taken := slices.ContainsFunc(refusal.Problems, func(q Problem) bool { return q.Field == p.Field })
			if !taken && (submit || blocksDraft(p)) {
				refusal.Problems = append(refusal.Problems, p)
			}
		}
	}
	return refusal
}

// draftMayKeep says whether a draft may be saved despite err: a draft may
// be incomplete or break a rule (the submission is checked in full), but
// never with a problem that blocks a draft.
func draftMayKeep(err error) bool {
	var re *RecordError
	if !errors.As(err, &re) {
		return false
	}
	return !slices.ContainsFunc(re.Problems, blocksDraft)
}

// blocksDraft says whether a draft may not keep problem p: it names what
// is not its organisation's or carries text the import would refuse.
func blocksDraft(p Problem) bool {
	switch p.Code {
	case CodeOutOfScope, CodeText, CodeTooLarge:
		return true
	}
	return false
}

// checkOnly runs write with the ledger saves stopping after their checks:
// what the rules and references refuse is returned, nothing is written.
// (Running the whole save in a savepoint and rolling it back wrote and
// undid every row and index: a third of a submission's time at the
// writer.)
func checkOnly(tx *writeTx, write func() error) error {
	tx.checkOnly = true
	defer func() { tx.checkOnly = false }()
	return write()
}

// ReturnFiling sends version back to its secretary with comment, which
// must hold visible text (white space or zero-width characters alone are
// no comment). The version must be the one waiting.
func (s *Store) ReturnFiling(ctx context.Context, actor Actor, id int64, version int, comment string) error {
	comment = visibleText(comment)
	if comment == "" {
		return ErrCommentRequired
	}
	return s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		f, err := loadFiling(ctx, tx, id, "")
		if err != nil {
			return err
		}
		if f.Status != FilingSubmitted || f.Version != version {
			return ErrFilingChanged
		}
		if _, err := tx.ExecContext(ctx, `UPDATE filings SET status = 'returned', comment = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			comment, now, actor.Username, id); err != nil {
			return fmt.Errorf("store: unable to return filing: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE filing_versions SET decision = 'returned', decided_at = ?, decided_by = ?, comment = ?
			WHERE filing_id = ? AND version = ?`, now, actor.Username, comment, id, version); err != nil {
			return fmt.Errorf("store: unable to return filing: %w", err)
		}
		if err := notifyOrganization(ctx, tx, f, now, fmt.Sprintf("%s“%s”被退回修改：%s", FilingKindLabel(f.Kind), f.Title, clipText(comment))); err != nil {
			return err
		}
		_, err = log(AuditEntry{Collection: "filings", Action: ActionReturn, RecordKey: id, Title: FilingKindLabel(f.Kind) + "：" + f.Title,
			Note: fmt.Sprintf("version %d: %s", version, comment)})
		return err
	})
}

// PublishFiling writes version of filing id into its ledger through the
// ledger's save, marks it published and tells its secretary; close is what
// staff add to a service request (nil for the other kinds). The approval
// binds both versions its reviewer saw: version must be the one waiting,
// else ErrFilingChanged; recordVersion, the version of the ledger record
// it changes (when it changes one), must be the record's, else a
// *ConflictError says what changed in the record since: a publish never
// undoes a correction made after the review page was opened. A ledger
// that refuses it (a reference gone meanwhile) gives a *RecordError.
func (s *Store) PublishFiling(ctx context.Context, actor Actor, id int64, version int, recordVersion int64, close *ServiceClose) (AuditEntry, error) {
	var published AuditEntry
	err := s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		f, err := loadFiling(ctx, tx, id, "")
		if err != nil {
			return err
		}
		if f.Status != FilingSubmitted || f.Version != version {
			return ErrFilingChanged
		}
		var body json.RawMessage
		if err := tx.QueryRowContext(ctx, `SELECT body FROM filing_versions WHERE filing_id = ? AND version = ?`, id, version).Scan((*[]byte)(&body)); err != nil {
			return fmt.Errorf("store: unable to fetch filing version: %w", err)
		}
		kind := filingKinds[f.Kind]
		value, err := kind.decode(body)
		if err != nil {
			return err
		}
		o, err := resolveOrg(ctx, tx, f.Organization)
		if err != nil {
			return err
		}
		if _, err := kind.prepare(value, o); err != nil {
			return err
		}
		if f.Kind == FilingServiceRequest && close == nil {
			return ErrServiceCosts
		}
		decision, err := log(AuditEntry{Collection: "filings", Action: ActionPublish, RecordKey: id, Title: FilingKindLabel(f.Kind) + "：" + f.Title,
			After: body, Note: fmt.Sprintf("version %d", version)})
		if err != nil {
			return err
		}
		entry, err := kind.write(ctx, tx, actor, now, o, f.RecordKey, recordVersion, value, close)
		if err != nil {
			return err
		}
		entry.Batch = decision.ID
		if published, err = log(entry); err != nil {
			return err
		}
		recordKey := entry.RecordKey
		if _, err := tx.ExecContext(ctx, `UPDATE filings SET status = 'published', published_version = ?, record_key = ?, record_version = ?,
			comment = NULL, updated_at = ?, updated_by = ? WHERE id = ?`, version, nullableKey(recordKey), nullableKey(entry.Version), now, actor.Username, id); err != nil {
			return fmt.Errorf("store: unable to publish filing: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE filing_versions SET decision = 'published', decided_at = ?, decided_by = ?
			WHERE filing_id = ? AND version = ?`, now, actor.Username, id, version); err != nil {
			return fmt.Errorf("store: unable to publish filing: %w", err)
		}
		return notifyOrganization(ctx, tx, f, now, fmt.Sprintf("%s“%s”已发布", FilingKindLabel(f.Kind), f.Title))
	})
	return published, err
}

func nullableKey(k int64) any {
	if k == 0 {
		return nil
	}
	return k
}

// FilingLedger is the ledger (its collection and table) a filing of kind
// publishes to.
func FilingLedger(kind string) Collection {
	if kind == FilingServiceRequest {
		return "services"
	}
	return Collection(kind)
}

// FilingKindLabel names a filing kind in Chinese.
func FilingKindLabel(kind string) string {
	switch kind {
	case FilingActivity:
		return "活动"
	case FilingMember:
		return "党员发展"
	case FilingBrand:
		return "党建品牌"
	case FilingResponsibility:
		return "社会责任"
	case FilingServiceRequest:
		return "服务申请"
	}
	return kind
}

// FilingStatusLabel names a status in Chinese.
func FilingStatusLabel(status string) string {
	switch status {
	case FilingDraft:
		return "草稿"
	case FilingSubmitted:
		return "待审核"
	case FilingReturned:
		return "已退回"
	case FilingPublished:
		return "已发布"
	}
	return status
}
