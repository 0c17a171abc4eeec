package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// ImportOptions say how Import treats the database and what it reports.
type ImportOptions struct {
	// Replace deletes every record already in the database, in the same
	// transaction as the import; without it Import refuses a database that
	// holds records (ErrNotEmpty).
	Replace bool
	// Author is recorded as created_by and updated_by; "import" by default.
	Author string
	// Progress, if set, receives a line about once a second while a large
	// document is read.
	Progress io.Writer
	// MaxProblems is how many problems are collected before Import gives up
	// reading; 100 by default.
	MaxProblems int
}

// ImportResult tells what an import wrote.
type ImportResult struct {
	Counts   map[Collection]int // records per collection (every collection, 0 where none)
	Total    int                // records in all collections
	Park     bool               // the document named the park
	Replaced bool               // records that were there before were deleted
	// Ignored counts the fields the format does not know, by
	// "collection.field": they were accepted and not stored.
	Ignored map[string]int
	// OrphanUsers are secretary accounts whose organisation id is not among
	// the imported organisations; their accounts are kept as they are.
	OrphanUsers []string
	Duration    time.Duration
}

// ImportError is the refusal of a document: every problem found (up to the
// limit), each naming the collection, the record's position and id, the field
// and what is wrong. Nothing was written.
type ImportError struct {
	Problems  []Problem
	Truncated bool // there were more problems than listed
}

// Error summarises the refusal in Chinese; the problems say the details.
func (e *ImportError) Error() string {
	more := ""
	if e.Truncated {
		more = "以上"
	}
	return fmt.Sprintf("导入被拒绝：发现 %d 个%s问题，没有写入任何记录", len(e.Problems), more)
}

// recordTables are the tables that hold records, children before parents
// (the order to delete them in).
var recordTables = []string{
	"enterprise_stages", "organization_enterprises", "staff_enterprises", "activity_enterprises",
	"surveys", "services", "members", "activities", "designations", "brands", "awards",
	"responsibility", "platforms", "staff", "organizations", "enterprises",
}

// parkRecordTables are the record tables that name their park; the link
// tables (the first four of recordTables) belong to their parent's.
var parkRecordTables = recordTables[4:]

// linkParents are the link tables' parents, by the column that holds
// the parent's rowid.
var linkParents = map[string][2]string{
	"enterprise_stages":        {"enterprises", "enterprise_id"},
	"organization_enterprises": {"organizations", "organization_id"},
	"staff_enterprises":        {"staff", "staff_id"},
	"activity_enterprises":     {"activities", "activity_id"},
}

// referencing lists the columns that hold the rowid of an enterprise or an
// organisation, for the references resolved after the whole document is read.
var referencing = map[string][][2]string{
	"enterprises": {
		{"surveys", "enterprise_id"}, {"organization_enterprises", "enterprise_id"},
		{"staff_enterprises", "enterprise_id"}, {"services", "enterprise_id"},
		{"members", "enterprise_id"}, {"activity_enterprises", "enterprise_id"},
		{"designations", "enterprise_id"}, {"responsibility", "enterprise_id"},
	},
	"organizations": {
		{"members", "organization_id"}, {"activities", "organizer_id"},
		{"brands", "organization_id"}, {"awards", "organization_id"},
	},
}

// Import reads a parkportal/v1 document from r and writes its records, all or
// nothing, in one transaction. The document is decoded one record at a time,
// so its size is bounded by the disk, not by memory. A document with problems
// gives an *ImportError listing them and writes nothing; a database that
// already holds records gives ErrNotEmpty unless opts.Replace.
func (s *Store) Import(ctx context.Context, r io.Reader, opts ImportOptions) (ImportResult, error) {
	start := time.Now() // monotonic: the import's duration, not a date
	if opts.Author == "" {
		opts.Author = "import"
	}
	if opts.MaxProblems <= 0 {
		opts.MaxProblems = 100
	}
	// One connection for the whole import, so that its settings stay with
	// it: SQLite's foreign-key checks are off, since the importer checks
	// every reference itself (which lets references point forward and rows
	// go in batches), and the page cache is big enough that a large
	// document is not spilled to the log before commit. Both are set before
	// BEGIN (foreign_keys has no effect inside a transaction) and restored
	// after.
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: unable to begin import: %w", err)
	}
	defer conn.Close()
	if !s.d.postgres {
		var cacheSize int64
		if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cacheSize); err != nil {
			return ImportResult{}, fmt.Errorf("store: unable to read the page cache size: %w", err)
		}
		defer restoreConn(ctx, conn, cacheSize)
		for _, q := range []string{"PRAGMA foreign_keys = OFF", "PRAGMA cache_size = -262144"} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return ImportResult{}, fmt.Errorf("store: unable to prepare the connection for import: %w", err)
			}
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: unable to begin import: %w", err)
	}
	defer tx.Rollback()
	if s.d.postgres {
		// PostgreSQL's references are DEFERRABLE: checked at commit.
		if _, err := tx.ExecContext(ctx, `SET CONSTRAINTS ALL DEFERRED`); err != nil {
			return ImportResult{}, fmt.Errorf("store: unable to begin import: %w", err)
		}
	}

	park := ParkOf(ctx)
	empty, err := recordsEmpty(ctx, tx, park)
	if err != nil {
		return ImportResult{}, err
	}
	if !empty && !opts.Replace {
		return ImportResult{}, fmt.Errorf("园区中已有记录，导入会与它们混在一起；如要用这份文件替换全部记录（原有记录将被删除），请加 --replace: %w", ErrNotEmpty)
	}
	// Indexes are cheaper built once over all the rows than kept up row by
	// row, and so are the kept figures (figures.go): drop the indexes and
	// the triggers that keep the figures here, and create them again and
	// build the figures before commit (a rollback brings them back too).
	// On PostgreSQL they stay (its DDL would lock the tables for every
	// other park's readers until commit).
	var indexes []string
	if !s.d.postgres {
		if indexes, err = dropIndexes(ctx, tx); err != nil {
			return ImportResult{}, err
		}
	}
	// The new records' rowids follow every rowid in use before the
	// import, the replaced records' included: a rowid is never another
	// record's again, so nothing that named a replaced record (a filing,
	// a photo, an audit entry) comes to name a new one.
	im := newImporter(ctx, tx, opts, s.clock())
	if err := im.findBases(park); err != nil {
		return ImportResult{}, err
	}
	if !empty {
		if err := deleteParkRecords(ctx, tx, park); err != nil {
			return ImportResult{}, err
		}
	}
	defer im.close()
	if err := im.read(r); err != nil {
		return ImportResult{}, err
	}
	if im.writing() {
		if err := im.flushAll(); err != nil {
			return ImportResult{}, err
		}
	}
	im.unresolved()
	if len(im.problems) > 0 {
		im.sortProblems()
		return ImportResult{}, &ImportError{Problems: im.problems, Truncated: im.truncated}
	}
	if err := im.resolve(); err != nil {
		return ImportResult{}, err
	}
	for _, q := range indexes {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return ImportResult{}, fmt.Errorf("store: unable to rebuild index: %w", err)
		}
	}
	if err := buildFigures(ctx, tx); err != nil {
		return ImportResult{}, err
	}
	if !s.d.postgres {
		if err := optimizeSearch(ctx, tx); err != nil {
			return ImportResult{}, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE revision SET value = value + 1, at = ?`, im.now); err != nil {
		return ImportResult{}, fmt.Errorf("store: unable to bump revision: %w", err)
	}
	orphans, err := orphanUsers(ctx, tx, park)
	if err != nil {
		return ImportResult{}, err
	}
	if err := im.audit(!empty); err != nil {
		return ImportResult{}, err
	}
	if err := tx.Commit(); err != nil {
		return ImportResult{}, fmt.Errorf("store: unable to commit import: %w", err)
	}
	res := ImportResult{
		Counts:      im.counts,
		Park:        im.park,
		Replaced:    !empty,
		Ignored:     im.ignored,
		OrphanUsers: orphans,
		Duration:    time.Since(start),
	}
	for _, n := range im.counts {
		res.Total += n
	}
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "导入完成：%d 条记录，用时 %.1f 秒\n", res.Total, res.Duration.Seconds())
	}
	return res, nil
}

// audit writes the import's one entry in the audit log, with its counts,
// in the import's transaction.
func (im *importer) audit(replaced bool) error {
	total := 0
	var parts []string
	for _, c := range Collections {
		if n := im.counts[c]; n > 0 {
			total += n
			parts = append(parts, fmt.Sprintf("%s %d 条", CollectionLabel(c), n))
		}
	}
	title := fmt.Sprintf("导入 %d 条记录", total)
	if replaced {
		title += "（替换原有全部记录）"
	}
	counts, err := json.Marshal(im.counts)
	if err != nil {
		return err
	}
	_, err = insertAudit(im.ctx, im.tx, AuditEntry{
		Username: im.opts.Author, Action: "import", Collection: "document", Title: title,
		Note: strings.Join(parts, "，") + " " + string(counts),
	}, im.now)
	return err
}

// restoreConn turns foreign keys back on and the page cache back to its
// size once the import's transaction has ended; a connection that cannot be
// restored is discarded, so that the pool opens a fresh one.
func restoreConn(ctx context.Context, conn *sql.Conn, cacheSize int64) {
	ctx = context.WithoutCancel(ctx)
	for _, q := range []string{"PRAGMA foreign_keys = ON", fmt.Sprintf("PRAGMA cache_size = %d", cacheSize)} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
			return
		}
	}
}

// dropIndexes drops the secondary indexes of the record tables (not those
// behind UNIQUE and PRIMARY KEY constraints) and the triggers that keep the
// figures (named *_kept_*, figures.go), and returns the statements that
// create them again, indexes first. Other triggers (the name search's)
// keep working through the import.
func dropIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	args := make([]any, len(recordTables))
	for i, t := range recordTables {
		args[i] = t
	}
	rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
		WHERE (type = 'index' OR type = 'trigger' AND name LIKE '%\_kept\_%' ESCAPE '\') AND sql IS NOT NULL
		  AND tbl_name IN (?`+strings.Repeat(", ?", len(args)-1)+`)
		ORDER BY type, name`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list indexes: %w", err)
	}
	var drop, create []string
	for rows.Next() {
		var typ, name, q string
		if err := rows.Scan(&typ, &name, &q); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: unable to list indexes: %w", err)
		}
		drop, create = append(drop, `DROP `+strings.ToUpper(typ)+` "`+name+`"`), append(create, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to list indexes: %w", err)
	}
	for _, q := range drop {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("store: unable to %s: %w", q, err)
		}
	}
	return create, nil
}

// RecordsEmpty reports whether the park of ctx holds no records at all
// (users do not count); serve --demo and the public recordSite ask it.
func (s *Store) RecordsEmpty(ctx context.Context) (bool, error) {
	return recordsEmpty(ctx, s.read, ParkOf(ctx))
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func recordsEmpty(ctx context.Context, q queryer, park int64) (bool, error) {
	var parts []string
	for _, t := range parkRecordTables {
		parts = append(parts, "EXISTS (SELECT 1 FROM "+t+" WHERE park_id = ?1)")
	}
	var any bool
	if err := q.QueryRowContext(ctx, "SELECT "+strings.Join(parts, " OR "), park).Scan(&any); err != nil {
		return false, fmt.Errorf("store: unable to tell whether records exist: %w", err)
	}
	return !any, nil
}

// deleteParkRecords deletes every record of park: an import that replaces
// them. Foreign keys are off, so nothing else goes with them.
func deleteParkRecords(ctx context.Context, tx *sql.Tx, park int64) error {
	for _, t := range recordTables {
		q := "DELETE FROM " + t + " WHERE park_id = ?"
		if p, ok := linkParents[t]; ok {
			q = "DELETE FROM " + t + " WHERE " + p[1] + " IN (SELECT id FROM " + p[0] + " WHERE park_id = ?)"
		}
		if _, err := tx.ExecContext(ctx, q, park); err != nil {
			return fmt.Errorf("store: unable to delete records of %s: %w", t, err)
		}
	}
	return nil
}

func orphanUsers(ctx context.Context, tx *sql.Tx, park int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT username FROM users
		WHERE park_id = ?1 AND organization IS NOT NULL AND organization NOT IN (SELECT source_id FROM organizations WHERE park_id = ?1)
		ORDER BY username`, park)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check users' organisations: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("store: unable to check users' organisations: %w", err)
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// recordSite is where a value sits in the document.
type recordSite struct {
	collection Collection
	index      int
	id         string
	field      string
}

// refTable maps the ids of a referenced collection (enterprises,
// organisations) to rowids. A record's rowid is its position in the
// collection, so export keeps the document's order. An id referenced before
// its record is read gets a provisional negative rowid, replaced once the
// whole document is read.
type refTable struct {
	collection  Collection
	ids         map[string]int64 // > 0 defined; < 0 provisional
	provisional int64
	pending     map[string][]recordSite // references to ids not (yet) defined
	fixes       [][2]int64              // provisional → real
}

func newRefTable(collection Collection) *refTable {
	return &refTable{collection: collection, ids: map[string]int64{}, pending: map[string][]recordSite{}}
}

// define records id at rowid; it returns the rowid of an earlier record with
// the same id, if any.
func (t *refTable) define(id string, rowid int64) (earlier int64) {
	if v, ok := t.ids[id]; ok {
		if v > 0 {
			return v
		}
		t.fixes = append(t.fixes, [2]int64{v, rowid})
		delete(t.pending, id)
	}
	t.ids[id] = rowid
	return 0
}

// ref returns the rowid (or provisional rowid) for a reference to id.
func (t *refTable) ref(id string, at recordSite, limit int) int64 {
	if v, ok := t.ids[id]; ok {
		if v < 0 && len(t.pending[id]) < limit {
			t.pending[id] = append(t.pending[id], at)
		}
		return v
	}
	t.provisional--
	t.ids[id] = t.provisional
	t.pending[id] = []recordSite{at}
	return t.provisional
}

// importer holds the state of one import.
type importer struct {
	ctx       context.Context
	tx        *sql.Tx
	opts      ImportOptions
	now       string
	dec       *json.Decoder
	lines     *lineReader
	problems  []Problem
	truncated bool
	stop      bool // a problem that ends reading (syntax, format)

	counts  map[Collection]int
	ignored map[string]int
	park    bool
	format  bool
	order   map[Collection]int // collections in the order the document has them

	enterprises, organizations *refTable
	ids                        map[string]map[string]int // other collections: id → index
	// What must not repeat (duplicates.go): credit codes and names of
	// enterprises, names of organisations, the organisation of a brand.
	creditCodes, enterpriseNames, organizationNames, brandOrganizations uniqueValues

	// The park the records go to, and each record table's largest rowid
	// before the import: a record's rowid is base + its position, after
	// the other parks' records.
	parkID int64
	base   map[string]int64

	batches      map[string]*batch
	records      int
	lastProgress time.Time
}

// newImporter stamps the records it writes with now, the store's clock.
func newImporter(ctx context.Context, tx *sql.Tx, opts ImportOptions, now time.Time) *importer {
	im := &importer{
		ctx: ctx, tx: tx, opts: opts,
		now:                now.UTC().Format("2006-01-02T15:04:05Z"),
		counts:             map[Collection]int{},
		ignored:            map[string]int{},
		order:              map[Collection]int{"": 0},
		enterprises:        newRefTable("enterprises"),
		organizations:      newRefTable("organizations"),
		ids:                map[string]map[string]int{},
		creditCodes:        uniqueValues{},
		enterpriseNames:    uniqueValues{},
		organizationNames:  uniqueValues{},
		brandOrganizations: uniqueValues{},
		batches:            map[string]*batch{},
		lastProgress:       time.Now(), // monotonic, as in progress
	}
	for _, c := range Collections {
		im.counts[c] = 0
	}
	return im
}

func (im *importer) close() {
	for _, b := range im.batches {
		if b.full != nil {
			b.full.Close()
		}
	}
}

// writing tells whether records are still written: after the first problem
// the rest of the document is only checked.
func (im *importer) writing() bool { return len(im.problems) == 0 }

func (im *importer) done() bool { return im.stop || im.truncated }

// addProblems adds the problems of the record at. Rule problems about a field
// that already has a decoding problem are left out: one field, one problem.
func (im *importer) addProblems(at recordSite, decoding, rules []Problem) {
	for _, p := range decoding {
		im.add(at, p)
	}
rule:
	for _, p := range rules {
		for _, d := range decoding {
			if d.Field == p.Field {
				continue rule
			}
		}
		im.add(at, p)
	}
}

func (im *importer) add(at recordSite, p Problem) {
	if len(im.problems) >= im.opts.MaxProblems {
		im.truncated = true
		return
	}
	p.Collection, p.Index, p.ID = at.collection, at.index, at.id
	if p.Field == "" {
		p.Field = at.field
	}
	im.problems = append(im.problems, p)
}

// read decodes the document token by token at the top and record by record
// inside the collections. It returns an error only for failures that are not
// the document's fault (reading, writing); the document's problems are
// collected.
func (im *importer) read(r io.Reader) error {
	im.lines = &lineReader{r: newGuardReader(r)}
	im.dec = json.NewDecoder(im.lines)
	tok, err := im.dec.Token()
	if err != nil {
		return im.readError(err, false)
	}
	if tok != json.Delim('{') {
		im.add(recordSite{}, *newProblem("", CodeSyntax, "文件须是一个 JSON 对象（以 { 开头），格式为 %s", Format))
		return nil
	}
	seen := map[Collection]bool{}
	for im.dec.More() && !im.done() {
		tok, err := im.dec.Token()
		if err != nil {
			return im.readError(err, false)
		}
		name, _ := tok.(string)
		key := Collection(name)
		if seen[key] {
			im.add(recordSite{collection: key}, *newProblem("", CodeDuplicateCollection, "“%s”在文件中出现了两次", clipText(name)))
			if err := im.skip(); err != nil {
				return err
			}
			continue
		}
		seen[key] = true
		if _, ok := im.order[key]; !ok {
			im.order[key] = len(im.order)
		}
		switch key {
		case "format":
			err = im.readFormat()
		case "park":
			err = im.readPark()
		default:
			if h, ok := recordHandlers[key]; ok {
				err = im.readCollection(key, h)
			} else {
				im.ignored[name]++
				err = im.skip()
			}
		}
		if err != nil {
			return err
		}
	}
	if im.done() {
		return nil
	}
	if _, err := im.dec.Token(); err != nil { // the closing brace
		return im.readError(err, false)
	}
	if _, err := im.dec.Token(); err != io.EOF {
		if err != nil {
			return im.readError(err, false)
		}
		im.add(recordSite{}, *newProblem("", CodeSyntax, "文件在%s处、JSON 对象结束之后还有多余的内容", im.lines.position(im.dec.InputOffset())))
	}
	if !im.format {
		im.add(recordSite{}, *newProblem("format", CodeFormat, "缺少 format 字段，应为 \"%s\"", Format))
	}
	return nil
}

// readError turns a decoding error into a problem when the document is at
// fault, and returns other errors. fromDecode says that Decode (not Token)
// failed.
func (im *importer) readError(err error, fromDecode bool) error {
	var syntax *json.SyntaxError
	var refused *documentError
	switch {
	case errors.As(err, &refused):
		im.add(recordSite{}, *newProblem("", refused.Code, "%s处%s", im.lines.position(refused.Offset), refused.Message))
	case errors.As(err, &syntax):
		off := syntax.Offset // right for Token, not for Decode
		if fromDecode {
			// The decoder keeps the failed value in its buffer, from where
			// it stands: check it again on its own to learn where the error
			// is.
			off = im.dec.InputOffset()
			buf, _ := io.ReadAll(im.dec.Buffered())
			var raw json.RawMessage
			var again *json.SyntaxError
			if errors.As(json.Unmarshal(buf, &raw), &again) {
				off += again.Offset - 1
			}
		}
		im.add(recordSite{}, *newProblem("", CodeSyntax, "JSON 格式错误（%s）：%s", im.lines.position(off), syntaxMessage(syntax)))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		im.add(recordSite{}, *newProblem("", CodeSyntax, "内容不完整，在%s处意外结束（文件可能没有完整复制或下载）", im.lines.position(im.lines.n)))
	default:
		return fmt.Errorf("store: unable to read import document: %w", err)
	}
	im.stop = true
	return nil
}

// syntaxMessage translates the usual JSON syntax errors for a clerk and
// keeps the original (English) text for the rest.
func syntaxMessage(e *json.SyntaxError) string {
	msg := e.Error()
	switch {
	case strings.HasPrefix(msg, "invalid character"):
		return "出现了不该出现的字符（" + msg + "），常见原因是漏了逗号、多了逗号或引号不配对"
	case strings.Contains(msg, "unexpected end"):
		return "内容不完整"
	case strings.Contains(msg, "expected comma"):
		return "上一项的结尾缺少逗号（" + msg + "）"
	case strings.Contains(msg, "expected colon"):
		return "字段名后面缺少冒号（" + msg + "）"
	}
	return msg
}

// skip reads past one value of any kind.
func (im *importer) skip() error {
	depth := 0
	for {
		tok, err := im.dec.Token()
		if err != nil {
			return im.readError(err, false)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

func (im *importer) readFormat() error {
	var raw json.RawMessage
	if err := im.dec.Decode(&raw); err != nil {
		return im.readError(err, true)
	}
	im.format = true
	if s, ok := decodeString(raw); !ok || s != Format {
		im.add(recordSite{}, *newProblem("format", CodeFormat, "文件格式须为 \"%s\"，而不是 %s；请确认这是本平台的导出文件或按该格式整理",
			Format, describeJSON(raw)))
		im.stop = true
	}
	return nil
}

func (im *importer) readPark() error {
	var raw map[string]json.RawMessage
	at := recordSite{collection: "park"}
	if err := im.dec.Decode(&raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			im.add(at, *newProblem("", CodeType, "园区信息须为对象，如 {\"name\": \"…\", \"brand\": \"…\"}"))
			return nil
		}
		return im.readError(err, true)
	}
	if raw == nil {
		return nil // "park": null is no park
	}
	r := recordReader{raw: raw}
	p := Park{Name: r.text("name"), Brand: r.text("brand")}
	im.addProblems(at, r.problems, p.Validate())
	im.unknown("park", raw)
	im.park = true
	if !im.writing() {
		return nil
	}
	if _, err := im.tx.ExecContext(im.ctx, `UPDATE parks SET name = ?, brand = ? WHERE id = ?`, p.Name, p.Brand, im.parkID); err != nil {
		return fmt.Errorf("store: unable to write the park: %w", err)
	}
	return nil
}

// recordHandler reads, checks and writes one record of a collection.
type recordHandler func(im *importer, r *recordReader, at recordSite) error

var recordHandlers map[Collection]recordHandler

func init() {
	recordHandlers = map[Collection]recordHandler{
		"enterprises":    (*importer).enterprise,
		"surveys":        (*importer).survey,
		"organizations":  (*importer).organization,
		"staff":          (*importer).staff,
		"services":       (*importer).service,
		"members":        (*importer).member,
		"activities":     (*importer).activity,
		"platforms":      (*importer).platform,
		"designations":   (*importer).designation,
		"brands":         (*importer).brand,
		"awards":         (*importer).award,
		"responsibility": (*importer).responsibility,
	}
}

func (im *importer) readCollection(name Collection, h recordHandler) error {
	tok, err := im.dec.Token()
	if err != nil {
		return im.readError(err, false)
	}
	switch tok {
	case nil:
		return nil // null: an empty collection
	case json.Delim('['):
	case json.Delim('{'):
		im.add(recordSite{collection: name}, *newProblem("", CodeType, "须为列表（用方括号 [ ] 括起的记录），而不是对象"))
		// The brace is consumed: skip the rest of the object.
		for im.dec.More() {
			if err := im.skip(); err != nil { // key
				return err
			}
			if err := im.skip(); err != nil { // value
				return err
			}
		}
		_, err := im.dec.Token()
		if err != nil {
			return im.readError(err, false)
		}
		return nil
	default:
		im.add(recordSite{collection: name}, *newProblem("", CodeType, "须为列表（用方括号 [ ] 括起的记录）"))
		return nil
	}
	raw := map[string]json.RawMessage{}
	index := 0
	for im.dec.More() && !im.done() {
		index++
		clear(raw)
		at := recordSite{collection: name, index: index}
		if err := im.dec.Decode(&raw); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return im.readError(err, true)
			}
			raw = nil
		}
		if raw == nil {
			im.add(at, *newProblem("", CodeType, "每条记录须为对象（用花括号 { } 括起）"))
			raw = map[string]json.RawMessage{}
			continue
		}
		r := recordReader{raw: raw}
		if err := h(im, &r, at); err != nil {
			return err
		}
		im.unknown(Collection(name), raw)
		im.counts[Collection(name)]++
		if err := im.progress(); err != nil {
			return err
		}
	}
	if im.done() {
		return nil
	}
	if _, err := im.dec.Token(); err != nil { // the closing bracket
		return im.readError(err, false)
	}
	return nil
}

// unknown counts the fields left in raw after a record was read.
func (im *importer) unknown(collection Collection, raw map[string]json.RawMessage) {
	for k := range raw {
		im.ignored[string(collection)+"."+k]++
	}
}

func (im *importer) progress() error {
	im.records++
	if im.records%1000 != 0 {
		return nil
	}
	if err := im.ctx.Err(); err != nil {
		return fmt.Errorf("store: import interrupted: %w", err)
	}
	// Progress at most once a second of real (monotonic) time, whatever
	// the store's clock says.
	if im.opts.Progress != nil && time.Since(im.lastProgress) >= time.Second {
		im.lastProgress = time.Now()
		fmt.Fprintf(im.opts.Progress, "导入中：已读取 %d 条记录（%.1f MB）\n", im.records, float64(im.lines.n)/1e6)
	}
	return nil
}

// defineID checks that a record's id is not used twice in its collection.
func (im *importer) defineID(at recordSite) {
	if at.id == "" {
		return
	}
	seen := im.ids[string(at.collection)]
	if seen == nil {
		seen = map[string]int{}
		im.ids[string(at.collection)] = seen
	}
	if first, dup := seen[at.id]; dup {
		im.add(at, *newProblem("id", CodeDuplicateID, "id “%s”与第 %d 条重复；同一类记录的 id 不能重复", clipText(at.id), first))
		return
	}
	seen[at.id] = at.index
}

// defineRef records the id of an enterprise or an organisation.
func (im *importer) defineRef(t *refTable, at recordSite) {
	if at.id == "" {
		return
	}
	if earlier := t.define(at.id, int64(at.index)); earlier > 0 {
		im.add(at, *newProblem("id", CodeDuplicateID, "id “%s”与第 %d 条重复；同一类记录的 id 不能重复", clipText(at.id), earlier))
	}
}

// ref resolves a reference; nil for an empty one (already a problem when
// the field is required).
func (im *importer) ref(t *refTable, at recordSite, field, id string) any {
	if id == "" {
		return nil
	}
	at.field = field
	return t.ref(id, at, im.opts.MaxProblems)
}

// refs resolves a list of references for a link table.
func (im *importer) refs(t *refTable, at recordSite, field string, ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = im.ref(t, at, fmt.Sprintf("%s[%d]", field, i+1), id)
	}
	return out
}

// unresolved turns references to ids that never came into problems.
func (im *importer) unresolved() {
	type dangling struct {
		id string
		at recordSite
	}
	for _, t := range []*refTable{im.enterprises, im.organizations} {
		var refs []dangling
		for id, sites := range t.pending {
			for _, at := range sites {
				refs = append(refs, dangling{id, at})
			}
		}
		slices.SortFunc(refs, func(a, b dangling) int {
			if c := im.order[a.at.collection] - im.order[b.at.collection]; c != 0 {
				return c
			}
			if c := a.at.index - b.at.index; c != 0 {
				return c
			}
			return strings.Compare(a.at.field, b.at.field)
		})
		for _, r := range refs {
			im.add(r.at, *newProblem("", CodeUnknownReference, "引用的%s“%s”不存在：%s（%s）中没有这个 id",
				CollectionLabel(t.collection), clipText(r.id), CollectionLabel(t.collection), t.collection))
		}
	}
}

// sortProblems puts the problems in document order.
func (im *importer) sortProblems() {
	slices.SortStableFunc(im.problems, func(a, b Problem) int {
		if c := im.order[a.Collection] - im.order[b.Collection]; c != 0 {
			return c
		}
		return a.Index - b.Index
	})
}

// resolve replaces the provisional rowids of forward references by the real
// ones, one statement per referencing column.
func (im *importer) resolve() error {
	for _, t := range []*refTable{im.enterprises, im.organizations} {
		if len(t.fixes) == 0 {
			continue
		}
		if err := im.resolveTable(t); err != nil {
			return fmt.Errorf("store: unable to resolve references to %s: %w", t.collection, err)
		}
	}
	return nil
}

func (im *importer) resolveTable(t *refTable) error {
	if _, err := im.tx.ExecContext(im.ctx, `CREATE TEMP TABLE import_fix (tmp INTEGER PRIMARY KEY, real INTEGER NOT NULL)`); err != nil {
		return err
	}
	st, err := im.tx.PrepareContext(im.ctx, `INSERT INTO import_fix (tmp, real) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, f := range t.fixes {
		if _, err := st.ExecContext(im.ctx, f[0], f[1]+im.base[string(t.collection)]); err != nil {
			return err
		}
	}
	for _, tc := range referencing[string(t.collection)] {
		q := fmt.Sprintf(`UPDATE %[1]s SET %[2]s = (SELECT real FROM import_fix WHERE tmp = %[1]s.%[2]s) WHERE %[2]s < 0`, tc[0], tc[1])
		if _, err := im.tx.ExecContext(im.ctx, q); err != nil {
			return err
		}
	}
	_, err = im.tx.ExecContext(im.ctx, `DROP TABLE import_fix`)
	return err
}
