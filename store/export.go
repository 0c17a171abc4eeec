package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
)

// Export writes every record of the park of ctx as one parkportal/v1
// document: the format, the park (when known) and every collection in the order of Collections, each
// record on a line of its own, records in the order they were imported. It
// streams from one read transaction, so the document is consistent and
// never held in memory. Exporting, importing and exporting again gives the
// same bytes.
func (s *Store) Export(ctx context.Context, w io.Writer) error {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to begin export: %w", err)
	}
	defer tx.Rollback()
	x := &exporter{ctx: ctx, tx: tx, parkID: ParkOf(ctx), w: bufio.NewWriterSize(w, 64<<10)}
	if s.d.postgres {
		// A PostgreSQL connection streams one result at a time: the child
		// tables are read on connections of their own, in the export's
		// snapshot.
		if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&x.snapshot); err != nil {
			return fmt.Errorf("store: unable to begin export: %w", err)
		}
		x.pool = s.read
	}
	x.enc = json.NewEncoder(&x.buf)
	x.enc.SetEscapeHTML(false) // text as it was typed: "<" stays "<"

	x.w.WriteString("{\n  \"format\": ")
	x.value(Format)
	if err := x.park(); err != nil {
		return err
	}
	for _, c := range exportOrder {
		if err := x.collection(c.name, c.write); err != nil {
			return err
		}
	}
	x.w.WriteString("\n}\n")
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("store: unable to write export: %w", err)
	}
	return nil
}

type exporter struct {
	ctx    context.Context
	tx     *sql.Tx
	w      *bufio.Writer
	buf    bytes.Buffer
	enc    *json.Encoder
	parkID int64 // the park whose records are written

	pool     *sql.DB // PostgreSQL: where child rows are read, in snapshot
	snapshot string
	first    bool // no record written yet in the current collection
	err      error
}

var exportOrder = []struct {
	name  string
	write func(*exporter) error
}{
	{"enterprises", (*exporter).enterprises},
	{"surveys", (*exporter).surveys},
	{"organizations", (*exporter).organizations},
	{"staff", (*exporter).staff},
	{"services", (*exporter).services},
	{"members", (*exporter).members},
	{"activities", (*exporter).activities},
	{"platforms", (*exporter).platforms},
	{"designations", (*exporter).designations},
	{"brands", (*exporter).brands},
	{"awards", (*exporter).awards},
	{"responsibility", (*exporter).responsibility},
}

// value writes v as compact JSON.
func (x *exporter) value(v any) {
	x.buf.Reset()
	if err := x.enc.Encode(v); err != nil && x.err == nil {
		x.err = fmt.Errorf("store: unable to encode exported record: %w", err)
	}
	x.w.Write(bytes.TrimSuffix(x.buf.Bytes(), []byte{'\n'}))
}

// record writes one record of the current collection on a line of its own.
func (x *exporter) record(v any) {
	if x.first {
		x.w.WriteString("\n    ")
		x.first = false
	} else {
		x.w.WriteString(",\n    ")
	}
	x.value(v)
}

func (x *exporter) collection(name string, write func(*exporter) error) error {
	fmt.Fprintf(x.w, ",\n  %q: [", name)
	x.first = true
	if err := write(x); err != nil {
		return err
	}
	if x.err != nil {
		return x.err
	}
	if !x.first {
		x.w.WriteString("\n  ")
	}
	x.w.WriteString("]")
	return nil
}

func (x *exporter) park() error {
	var p Park
	err := x.tx.QueryRowContext(x.ctx, `SELECT name, brand FROM parks WHERE id = ?`, x.parkID).Scan(&p.Name, &p.Brand)
	if err == sql.ErrNoRows || err == nil && p.Name == "" {
		return nil // a park not yet named by an import
	}
	if err != nil {
		return fmt.Errorf("store: unable to export park: %w", err)
	}
	x.w.WriteString(",\n  \"park\": ")
	x.value(p)
	return nil
}

// query runs q and calls scan for each row.
func (x *exporter) query(what, q string, scan func(*sql.Rows) error) error {
	rows, err := x.tx.QueryContext(x.ctx, q, x.parkID)
	if err != nil {
		return fmt.Errorf("store: unable to export %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("store: unable to export %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: unable to export %s: %w", what, err)
	}
	return nil
}

// childRows walks the rows of a child table (stage history, lists of
// enterprises) alongside its parents; both are ordered by the parent's rowid.
type childRows struct {
	rows   *sql.Rows
	has    bool
	parent int64
	a, b   string
	err    error
	done   func() // ends what the rows were read in
}

func (x *exporter) childRows(q string) (*childRows, error) {
	if x.pool == nil {
		rows, err := x.tx.QueryContext(x.ctx, q, x.parkID)
		if err != nil {
			return nil, err
		}
		c := &childRows{rows: rows, done: func() {}}
		c.advance()
		return c, c.err
	}
	conn, err := x.pool.Conn(x.ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(x.ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err == nil {
		_, err = tx.ExecContext(x.ctx, `SET TRANSACTION SNAPSHOT '`+x.snapshot+`'`)
	}
	var rows *sql.Rows
	if err == nil {
		rows, err = tx.QueryContext(x.ctx, q, x.parkID)
	}
	if err != nil {
		if tx != nil {
			tx.Rollback()
		}
		conn.Close()
		return nil, err
	}
	c := &childRows{rows: rows, done: func() { tx.Rollback(); conn.Close() }}
	c.advance()
	return c, c.err
}

func (c *childRows) advance() {
	c.has = c.rows.Next()
	if c.has {
		c.err = c.rows.Scan(&c.parent, &c.a, &c.b)
	} else {
		c.err = c.rows.Err()
	}
}

// of returns the rows that belong to parent.
func (c *childRows) of(parent int64, each func(a, b string)) error {
	for c.has && c.err == nil && c.parent < parent {
		c.advance() // rows of a parent that no longer exists
	}
	for c.has && c.err == nil && c.parent == parent {
		each(c.a, c.b)
		c.advance()
	}
	return c.err
}

func (c *childRows) close() {
	c.rows.Close()
	c.done()
}

// enterpriseList reads a list of enterprise ids kept in a link table.
func (x *exporter) enterpriseList(table, parent, parentTable string) (*childRows, error) {
	return x.childRows(fmt.Sprintf(`SELECT l.%[2]s, e.source_id, '' FROM %[1]s l JOIN enterprises e ON e.id = l.enterprise_id
		WHERE l.%[2]s IN (SELECT id FROM %[3]s WHERE park_id = ?1) ORDER BY l.%[2]s, l.position`, table, parent, parentTable))
}

func textOf(ns sql.NullString) string { return ns.String }

// unlessPublished leaves out the status of a published filing, the default.
func unlessPublished(status string) string {
	if status == "published" {
		return ""
	}
	return status
}

func intOrNil(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

func moneyOrNil(n sql.NullInt64) *Money {
	if !n.Valid {
		return nil
	}
	v := Money(n.Int64)
	return &v
}

func (x *exporter) enterprises() error {
	history, err := x.childRows(`SELECT enterprise_id, stage, since FROM enterprise_stages
		WHERE enterprise_id IN (SELECT id FROM enterprises WHERE park_id = ?1) ORDER BY enterprise_id, position`)
	if err != nil {
		return fmt.Errorf("store: unable to export stage history: %w", err)
	}
	defer history.close()
	return x.query("enterprises", `SELECT id, source_id, name, credit_code, stage, employees, sector, founded FROM enterprises WHERE park_id = ?1 ORDER BY id`,
		func(rows *sql.Rows) error {
			var (
				rowid                 int64
				e                     Enterprise
				code, sector, founded sql.NullString
				employees             sql.NullInt64
			)
			if err := rows.Scan(&rowid, &e.ID, &e.Name, &code, &e.Stage, &employees, &sector, &founded); err != nil {
				return err
			}
			e.CreditCode, e.Sector, e.Founded, e.Employees = textOf(code), textOf(sector), textOf(founded), intOrNil(employees)
			if err := history.of(rowid, func(stage, since string) {
				e.StageHistory = append(e.StageHistory, StageEntry{Stage: stage, Since: since})
			}); err != nil {
				return err
			}
			x.record(e)
			return nil
		})
}

func (x *exporter) surveys() error {
	return x.query("surveys", `SELECT s.source_id, e.source_id, s.date, s.fixed_premises, s.employees, s.operating
		FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.park_id = ?1 ORDER BY s.id`,
		func(rows *sql.Rows) error {
			var s Survey
			var id sql.NullString
			if err := rows.Scan(&id, &s.Enterprise, &s.Date, &s.FixedPremises, &s.Employees, &s.Operating); err != nil {
				return err
			}
			s.ID = textOf(id)
			x.record(s)
			return nil
		})
}

func (x *exporter) organizations() error {
	list, err := x.enterpriseList("organization_enterprises", "organization_id", "organizations")
	if err != nil {
		return fmt.Errorf("store: unable to export organisations' enterprises: %w", err)
	}
	defer list.close()
	return x.query("organizations", `SELECT id, source_id, name, kind, formed, secretary FROM organizations WHERE park_id = ?1 ORDER BY id`,
		func(rows *sql.Rows) error {
			var rowid int64
			var o Organization
			var secretary sql.NullString
			if err := rows.Scan(&rowid, &o.ID, &o.Name, &o.Kind, &o.Formed, &secretary); err != nil {
				return err
			}
			o.Secretary = textOf(secretary)
			o.Enterprises = []string{} // required: written even when empty
			if err := list.of(rowid, func(id, _ string) { o.Enterprises = append(o.Enterprises, id) }); err != nil {
				return err
			}
			x.record(o)
			return nil
		})
}

func (x *exporter) staff() error {
	list, err := x.enterpriseList("staff_enterprises", "staff_id", "staff")
	if err != nil {
		return fmt.Errorf("store: unable to export staff's enterprises: %w", err)
	}
	defer list.close()
	return x.query("staff", `SELECT id, source_id, name, specialist, instructor, since, until FROM staff WHERE park_id = ?1 ORDER BY id`,
		func(rows *sql.Rows) error {
			var rowid int64
			var s Staff
			var specialist, instructor bool
			var until sql.NullString
			if err := rows.Scan(&rowid, &s.ID, &s.Name, &specialist, &instructor, &s.Since, &until); err != nil {
				return err
			}
			s.Until = textOf(until)
			s.Roles = make([]string, 0, 2)
			if specialist {
				s.Roles = append(s.Roles, "specialist")
			}
			if instructor {
				s.Roles = append(s.Roles, "instructor")
			}
			if err := list.of(rowid, func(id, _ string) { s.Enterprises = append(s.Enterprises, id) }); err != nil {
				return err
			}
			x.record(s)
			return nil
		})
}

func (x *exporter) services() error {
	return x.query("services", `SELECT s.source_id, e.source_id, s.kind, s.date, s.effective, s.market_cost_fen, s.actual_cost_fen, s.note
		FROM services s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.park_id = ?1 ORDER BY s.id`,
		func(rows *sql.Rows) error {
			var s Service
			var id, note sql.NullString
			var market, actual sql.NullInt64
			if err := rows.Scan(&id, &s.Enterprise, &s.Kind, &s.Date, &s.Effective, &market, &actual, &note); err != nil {
				return err
			}
			s.ID, s.Note, s.MarketCost, s.ActualCost = textOf(id), textOf(note), moneyOrNil(market), moneyOrNil(actual)
			x.record(s)
			return nil
		})
}

func (x *exporter) members() error {
	return x.query("members", `SELECT m.source_id, m.name, m.birth, o.source_id, e.source_id, m.management,
			m.applied, m.activist, m.candidate, m.probationary, m.full
		FROM members m JOIN organizations o ON o.id = m.organization_id
		LEFT JOIN enterprises e ON e.id = m.enterprise_id WHERE m.park_id = ?1 ORDER BY m.id`,
		func(rows *sql.Rows) error {
			var m Member
			var birth, enterprise, activist, candidate, probationary, full sql.NullString
			if err := rows.Scan(&m.ID, &m.Name, &birth, &m.Organization, &enterprise, &m.Management,
				&m.Applied, &activist, &candidate, &probationary, &full); err != nil {
				return err
			}
			m.Birth, m.Enterprise = textOf(birth), textOf(enterprise)
			m.Activist, m.Candidate, m.Probationary, m.Full = textOf(activist), textOf(candidate), textOf(probationary), textOf(full)
			x.record(m)
			return nil
		})
}

func (x *exporter) activities() error {
	list, err := x.enterpriseList("activity_enterprises", "activity_id", "activities")
	if err != nil {
		return fmt.Errorf("store: unable to export activities' enterprises: %w", err)
	}
	defer list.close()
	return x.query("activities", `SELECT a.id, a.source_id, a.program, a.kind, a.title, a.date, o.source_id, a.participants, a.summary, a.status
		FROM activities a LEFT JOIN organizations o ON o.id = a.organizer_id WHERE a.park_id = ?1 ORDER BY a.id`,
		func(rows *sql.Rows) error {
			var rowid int64
			var a Activity
			var id, organizer, summary sql.NullString
			var participants sql.NullInt64
			if err := rows.Scan(&rowid, &id, &a.Program, &a.Kind, &a.Title, &a.Date, &organizer, &participants, &summary, &a.Status); err != nil {
				return err
			}
			a.ID, a.Organizer, a.Summary, a.Participants = textOf(id), textOf(organizer), textOf(summary), intOrNil(participants)
			a.Status = unlessPublished(a.Status)
			if err := list.of(rowid, func(id, _ string) { a.Enterprises = append(a.Enterprises, id) }); err != nil {
				return err
			}
			x.record(a)
			return nil
		})
}

func (x *exporter) platforms() error {
	return x.query("platforms", `SELECT source_id, kind, name, established FROM platforms WHERE park_id = ?1 ORDER BY id`,
		func(rows *sql.Rows) error {
			var p Platform
			var id sql.NullString
			if err := rows.Scan(&id, &p.Kind, &p.Name, &p.Established); err != nil {
				return err
			}
			p.ID = textOf(id)
			x.record(p)
			return nil
		})
}

func (x *exporter) designations() error {
	return x.query("designations", `SELECT d.source_id, e.source_id, d.kind, d.year
		FROM designations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.park_id = ?1 ORDER BY d.id`,
		func(rows *sql.Rows) error {
			var d Designation
			var id sql.NullString
			if err := rows.Scan(&id, &d.Enterprise, &d.Kind, &d.Year); err != nil {
				return err
			}
			d.ID = textOf(id)
			x.record(d)
			return nil
		})
}

func (x *exporter) brands() error {
	return x.query("brands", `SELECT b.source_id, o.source_id, b.name, b.launched, b.status, b.slogan, b.story, b.practices
		FROM brands b JOIN organizations o ON o.id = b.organization_id WHERE b.park_id = ?1 ORDER BY b.id`,
		func(rows *sql.Rows) error {
			var b Brand
			var id, slogan, story, practices sql.NullString
			if err := rows.Scan(&id, &b.Organization, &b.Name, &b.Launched, &b.Status, &slogan, &story, &practices); err != nil {
				return err
			}
			b.ID, b.Slogan, b.Story = textOf(id), textOf(slogan), textOf(story)
			if practices.Valid {
				if err := json.Unmarshal([]byte(practices.String), &b.Practices); err != nil {
					return fmt.Errorf("brand %q practices: %w", b.Name, err)
				}
			}
			x.record(b)
			return nil
		})
}

func (x *exporter) awards() error {
	return x.query("awards", `SELECT a.source_id, o.source_id, a.kind, a.level, a.year, a.title
		FROM awards a JOIN organizations o ON o.id = a.organization_id WHERE a.park_id = ?1 ORDER BY a.id`,
		func(rows *sql.Rows) error {
			var a Award
			var id, title sql.NullString
			if err := rows.Scan(&id, &a.Organization, &a.Kind, &a.Level, &a.Year, &title); err != nil {
				return err
			}
			a.ID, a.Title = textOf(id), textOf(title)
			x.record(a)
			return nil
		})
}

func (x *exporter) responsibility() error {
	return x.query("responsibility", `SELECT r.source_id, e.source_id, r.kind, r.date, r.beneficiaries, r.note, r.status
		FROM responsibility r JOIN enterprises e ON e.id = r.enterprise_id WHERE r.park_id = ?1 ORDER BY r.id`,
		func(rows *sql.Rows) error {
			var r Responsibility
			var id, note sql.NullString
			if err := rows.Scan(&id, &r.Enterprise, &r.Kind, &r.Date, &r.Beneficiaries, &note, &r.Status); err != nil {
				return err
			}
			r.ID, r.Note, r.Status = textOf(id), textOf(note), unlessPublished(r.Status)
			x.record(r)
			return nil
		})
}
