package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The records of each collection: read from the decoded object, checked by
// the rules, references resolved, written in batches of rows.

// tableSpec says which columns an imported row fills; stamped tables also
// get created_at, updated_at, created_by and updated_by, the same for every
// row of an import.
type tableSpec struct {
	columns []string
	stamped bool
}

var importTables = map[string]tableSpec{
	"enterprises":              {[]string{"id", "source_id", "name", "credit_code", "stage", "employees", "sector", "founded"}, true},
	"enterprise_stages":        {[]string{"enterprise_id", "position", "stage", "since"}, false},
	"surveys":                  {[]string{"id", "source_id", "enterprise_id", "date", "fixed_premises", "employees", "operating"}, true},
	"organizations":            {[]string{"id", "source_id", "name", "kind", "formed", "secretary"}, true},
	"organization_enterprises": {[]string{"organization_id", "enterprise_id", "position"}, false},
	"staff":                    {[]string{"id", "source_id", "name", "specialist", "instructor", "since", "until"}, true},
	"staff_enterprises":        {[]string{"staff_id", "enterprise_id", "position"}, false},
	"services":                 {[]string{"id", "source_id", "enterprise_id", "kind", "date", "effective", "market_cost_fen", "actual_cost_fen", "note"}, true},
	"members":                  {[]string{"id", "source_id", "name", "birth", "organization_id", "enterprise_id", "management", "applied", "activist", "candidate", "probationary", `"full"`}, true},
	"activities":               {[]string{"id", "source_id", "program", "kind", "title", "date", "organizer_id", "participants", "summary", "status"}, true},
	"activity_enterprises":     {[]string{"activity_id", "enterprise_id", "position"}, false},
	"platforms":                {[]string{"id", "source_id", "kind", "name", "established"}, true},
	"designations":             {[]string{"id", "source_id", "enterprise_id", "kind", "year"}, true},
	"brands":                   {[]string{"id", "source_id", "organization_id", "name", "launched", "status", "slogan", "story", "practices"}, true},
	"awards":                   {[]string{"id", "source_id", "organization_id", "kind", "level", "year", "title"}, true},
	"responsibility":           {[]string{"id", "source_id", "enterprise_id", "kind", "date", "beneficiaries", "note", "status"}, true},
}

// batchRows is how many rows one INSERT writes: enough to spread the cost
// of a statement, few enough to stay far below SQLite's limit on
// parameters.
const batchRows = 50

// batch gathers the rows for one table until there are batchRows of them.
type batch struct {
	table string
	rows  int
	args  []any
	full  *sql.Stmt // the statement for batchRows rows, prepared once
}

// rowidOf names the record table whose rowid a column holds.
var rowidOf = map[string]string{
	"enterprise_id": "enterprises", "organization_id": "organizations", "organizer_id": "organizations",
	"staff_id": "staff", "activity_id": "activities",
}

// findBases reads each record table's largest rowid: the records of the
// park the import writes come after the other parks'.
func (im *importer) findBases(park int64) error {
	im.parkID, im.base = park, map[string]int64{}
	for _, t := range parkRecordTables {
		var n int64
		if err := im.tx.QueryRowContext(im.ctx, `SELECT coalesce(max(id), 0) FROM `+t).Scan(&n); err != nil {
			return fmt.Errorf("store: unable to read the rowids of %s: %w", t, err)
		}
		im.base[t] = n
	}
	return nil
}

// insert adds a row to its table's batch and writes the batch when full.
// Rowids (a record's position, or a reference's) are moved past the
// other parks' records here; provisional ones (< 0) when resolved.
func (im *importer) insert(table string, args ...any) error {
	for i, c := range importTables[table].columns {
		from := rowidOf[c]
		if c == "id" {
			from = table
		}
		if base := im.base[from]; base != 0 {
			switch v := args[i].(type) {
			case int:
				args[i] = int64(v) + base
			case int64:
				if v > 0 {
					args[i] = v + base
				}
			}
		}
	}
	b := im.batches[table]
	if b == nil {
		b = &batch{table: table}
		im.batches[table] = b
	}
	b.args = append(b.args, args...)
	b.rows++
	if b.rows == batchRows {
		return im.flush(b)
	}
	return nil
}

// flush writes the rows gathered in b. Foreign keys are off during an
// import (references are checked by the importer), so the order in which
// tables are flushed does not matter.
func (im *importer) flush(b *batch) error {
	if b.rows == 0 {
		return nil
	}
	st := b.full
	if b.rows != batchRows || st == nil {
		var err error
		st, err = im.tx.PrepareContext(im.ctx, im.insertSQL(b.table, b.rows))
		if err != nil {
			return fmt.Errorf("store: unable to prepare import into %s: %w", b.table, err)
		}
		if b.rows == batchRows {
			b.full = st
		} else {
			defer st.Close()
		}
	}
	if _, err := st.ExecContext(im.ctx, b.args...); err != nil {
		return fmt.Errorf("store: unable to write imported %s: %w", b.table, err)
	}
	clear(b.args)
	b.args, b.rows = b.args[:0], 0
	return nil
}

// flushAll writes every batch.
func (im *importer) flushAll() error {
	for _, b := range im.batches {
		if err := im.flush(b); err != nil {
			return err
		}
	}
	return nil
}

// insertSQL writes an INSERT of rows rows into table.
func (im *importer) insertSQL(table string, rows int) string {
	spec := importTables[table]
	var q strings.Builder
	q.WriteString("INSERT INTO " + table + " (" + strings.Join(spec.columns, ", "))
	one := "(?" + strings.Repeat(", ?", len(spec.columns)-1)
	if spec.stamped {
		q.WriteString(", created_at, updated_at, created_by, updated_by, park_id")
		now, author := sqlQuote(im.now), sqlQuote(im.opts.Author)
		one += ", " + now + ", " + now + ", " + author + ", " + author + ", " + strconv.FormatInt(im.parkID, 10)
	}
	one += ")"
	q.WriteString(") VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(one)
	}
	return q.String()
}

// sqlQuote writes s as an SQL string literal.
func sqlQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// nullable turns an absent optional value into NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// published gives the stored status of a filing: absent means published.
func published(status string) string {
	if status == "" {
		return "published"
	}
	return status
}

func nullableInt(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

func nullableMoney(m *Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}

func (im *importer) enterprise(r *recordReader, at recordSite) error {
	e := Enterprise{
		ID:         r.text("id"),
		Name:       r.text("name"),
		CreditCode: r.text("credit_code"),
		Stage:      r.text("stage"),
		Employees:  r.integer("employees", false),
		Sector:     r.text("sector"),
		Founded:    r.text("founded"),
	}
	for i, obj := range r.objects("stage_history") {
		sub := recordReader{raw: obj, prefix: fmt.Sprintf("stage_history[%d].", i+1)}
		e.StageHistory = append(e.StageHistory, StageEntry{Stage: sub.text("stage"), Since: sub.text("since")})
		r.problems = append(r.problems, sub.problems...)
		im.unknown("enterprises.stage_history", obj)
	}
	at.id = e.ID
	im.addProblems(at, r.problems, e.Validate())
	im.defineRef(im.enterprises, at)
	im.enterpriseOnce(at, e)
	if !im.writing() {
		return nil
	}
	if err := im.insert("enterprises", at.index, e.ID, e.Name, nullable(e.CreditCode), e.Stage, nullableInt(e.Employees), nullable(e.Sector), nullable(e.Founded)); err != nil {
		return err
	}
	for i, h := range e.StageHistory {
		if err := im.insert("enterprise_stages", at.index, i+1, h.Stage, h.Since); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) survey(r *recordReader, at recordSite) error {
	s := Survey{
		ID:            r.text("id"),
		Enterprise:    r.text("enterprise"),
		Date:          r.text("date"),
		FixedPremises: r.boolean("fixed_premises", true),
		Operating:     r.boolean("operating", true),
	}
	if n := r.integer("employees", true); n != nil {
		s.Employees = *n
	}
	at.id = s.ID
	im.addProblems(at, r.problems, s.Validate())
	im.defineID(at)
	enterprise := im.ref(im.enterprises, at, "enterprise", s.Enterprise)
	if !im.writing() {
		return nil
	}
	return im.insert("surveys", at.index, nullable(s.ID), enterprise, s.Date, s.FixedPremises, s.Employees, s.Operating)
}

func (im *importer) organization(r *recordReader, at recordSite) error {
	o := Organization{
		ID:          r.text("id"),
		Name:        r.text("name"),
		Kind:        r.text("kind"),
		Formed:      r.text("formed"),
		Enterprises: r.strings("enterprises", true),
		Secretary:   r.text("secretary"),
	}
	at.id = o.ID
	im.addProblems(at, r.problems, o.Validate())
	im.defineRef(im.organizations, at)
	im.organizationOnce(at, o)
	enterprises := im.refs(im.enterprises, at, "enterprises", o.Enterprises)
	if !im.writing() {
		return nil
	}
	if err := im.insert("organizations", at.index, o.ID, o.Name, o.Kind, o.Formed, nullable(o.Secretary)); err != nil {
		return err
	}
	for i, e := range enterprises {
		if err := im.insert("organization_enterprises", at.index, e, i+1); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) staff(r *recordReader, at recordSite) error {
	s := Staff{
		ID:          r.text("id"),
		Name:        r.text("name"),
		Roles:       r.strings("roles", true),
		Enterprises: r.strings("enterprises", false),
		Since:       r.text("since"),
		Until:       r.text("until"),
	}
	at.id = s.ID
	im.addProblems(at, r.problems, s.Validate())
	im.defineID(at)
	enterprises := im.refs(im.enterprises, at, "enterprises", s.Enterprises)
	if !im.writing() {
		return nil
	}
	if err := im.insert("staff", at.index, s.ID, s.Name, slices.Contains(s.Roles, "specialist"), slices.Contains(s.Roles, "instructor"),
		s.Since, nullable(s.Until)); err != nil {
		return err
	}
	for i, e := range enterprises {
		if err := im.insert("staff_enterprises", at.index, e, i+1); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) service(r *recordReader, at recordSite) error {
	s := Service{
		ID:         r.text("id"),
		Enterprise: r.text("enterprise"),
		Kind:       r.text("kind"),
		Date:       r.text("date"),
		Effective:  r.boolean("effective", true),
		MarketCost: r.money("market_cost"),
		ActualCost: r.money("actual_cost"),
		Note:       r.text("note"),
	}
	at.id = s.ID
	im.addProblems(at, r.problems, s.Validate())
	im.defineID(at)
	enterprise := im.ref(im.enterprises, at, "enterprise", s.Enterprise)
	if !im.writing() {
		return nil
	}
	return im.insert("services", at.index, nullable(s.ID), enterprise, s.Kind, s.Date, s.Effective,
		nullableMoney(s.MarketCost), nullableMoney(s.ActualCost), nullable(s.Note))
}

func (im *importer) member(r *recordReader, at recordSite) error {
	m := Member{
		ID:           r.text("id"),
		Name:         r.text("name"),
		Birth:        r.text("birth"),
		Organization: r.text("organization"),
		Enterprise:   r.text("enterprise"),
		Management:   r.boolean("management", true),
		Applied:      r.text("applied"),
		Activist:     r.text("activist"),
		Candidate:    r.text("candidate"),
		Probationary: r.text("probationary"),
		Full:         r.text("full"),
	}
	at.id = m.ID
	im.addProblems(at, r.problems, m.Validate())
	im.defineID(at)
	organization := im.ref(im.organizations, at, "organization", m.Organization)
	enterprise := im.ref(im.enterprises, at, "enterprise", m.Enterprise)
	if !im.writing() {
		return nil
	}
	return im.insert("members", at.index, m.ID, m.Name, nullable(m.Birth), organization, enterprise, m.Management, m.Applied,
		nullable(m.Activist), nullable(m.Candidate), nullable(m.Probationary), nullable(m.Full))
}

func (im *importer) activity(r *recordReader, at recordSite) error {
	a := Activity{
		ID:           r.text("id"),
		Program:      r.text("program"),
		Kind:         r.text("kind"),
		Title:        r.text("title"),
		Date:         r.text("date"),
		Organizer:    r.text("organizer"),
		Enterprises:  r.strings("enterprises", false),
		Participants: r.integer("participants", false),
		Summary:      r.text("summary"),
		Status:       r.text("status"),
	}
	at.id = a.ID
	im.addProblems(at, r.problems, a.Validate())
	im.defineID(at)
	organizer := im.ref(im.organizations, at, "organizer", a.Organizer)
	enterprises := im.refs(im.enterprises, at, "enterprises", a.Enterprises)
	if !im.writing() {
		return nil
	}
	if err := im.insert("activities", at.index, nullable(a.ID), a.Program, a.Kind, a.Title, a.Date, organizer, nullableInt(a.Participants), nullable(a.Summary), published(a.Status)); err != nil {
		return err
	}
	for i, e := range enterprises {
		if err := im.insert("activity_enterprises", at.index, e, i+1); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) platform(r *recordReader, at recordSite) error {
	p := Platform{
		ID:          r.text("id"),
		Kind:        r.text("kind"),
		Name:        r.text("name"),
		Established: r.text("established"),
	}
	at.id = p.ID
	im.addProblems(at, r.problems, p.Validate())
	im.defineID(at)
	if !im.writing() {
		return nil
	}
	return im.insert("platforms", at.index, nullable(p.ID), p.Kind, p.Name, p.Established)
}

func (im *importer) designation(r *recordReader, at recordSite) error {
	d := Designation{
		ID:         r.text("id"),
		Enterprise: r.text("enterprise"),
		Kind:       r.text("kind"),
	}
	year := r.integer("year", true)
	if year != nil {
		d.Year = *year
	}
	at.id = d.ID
	im.addProblems(at, r.problems, d.Validate())
	im.defineID(at)
	enterprise := im.ref(im.enterprises, at, "enterprise", d.Enterprise)
	if !im.writing() {
		return nil
	}
	return im.insert("designations", at.index, nullable(d.ID), enterprise, d.Kind, d.Year)
}

func (im *importer) brand(r *recordReader, at recordSite) error {
	b := Brand{
		ID:           r.text("id"),
		Organization: r.text("organization"),
		Name:         r.text("name"),
		Launched:     r.text("launched"),
		Status:       r.text("status"),
		Slogan:       r.text("slogan"),
		Story:        r.text("story"),
		Practices:    r.strings("practices", false),
	}
	at.id = b.ID
	im.addProblems(at, r.problems, b.Validate())
	im.defineID(at)
	im.brandOnce(at, b)
	organization := im.ref(im.organizations, at, "organization", b.Organization)
	if !im.writing() {
		return nil
	}
	var practices any
	if len(b.Practices) > 0 {
		js, err := json.Marshal(b.Practices)
		if err != nil {
			return fmt.Errorf("store: unable to encode brand practices: %w", err)
		}
		practices = string(js)
	}
	return im.insert("brands", at.index, nullable(b.ID), organization, b.Name, b.Launched, b.Status, nullable(b.Slogan), nullable(b.Story), practices)
}

func (im *importer) award(r *recordReader, at recordSite) error {
	a := Award{
		ID:           r.text("id"),
		Organization: r.text("organization"),
		Kind:         r.text("kind"),
		Level:        r.text("level"),
		Title:        r.text("title"),
	}
	year := r.integer("year", true)
	if year != nil {
		a.Year = *year
	}
	at.id = a.ID
	im.addProblems(at, r.problems, a.Validate())
	im.defineID(at)
	organization := im.ref(im.organizations, at, "organization", a.Organization)
	if !im.writing() {
		return nil
	}
	return im.insert("awards", at.index, nullable(a.ID), organization, a.Kind, a.Level, a.Year, nullable(a.Title))
}

func (im *importer) responsibility(r *recordReader, at recordSite) error {
	x := Responsibility{
		ID:         r.text("id"),
		Enterprise: r.text("enterprise"),
		Kind:       r.text("kind"),
		Date:       r.text("date"),
		Note:       r.text("note"),
		Status:     r.text("status"),
	}
	if n := r.integer("beneficiaries", true); n != nil {
		x.Beneficiaries = *n
	}
	at.id = x.ID
	im.addProblems(at, r.problems, x.Validate())
	im.defineID(at)
	enterprise := im.ref(im.enterprises, at, "enterprise", x.Enterprise)
	if !im.writing() {
		return nil
	}
	return im.insert("responsibility", at.index, nullable(x.ID), enterprise, x.Kind, x.Date, x.Beneficiaries, nullable(x.Note), published(x.Status))
}
