package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
)

// A portal holds a district of parks (migration 27); every record belongs
// to one. The park a request works in travels in its context, set once
// where the request is understood (web's park scope): every read and
// write of records takes it from there, so no ledger passes it by hand.
// A context without one is the first park's, which is all a one-park
// portal has.

// FirstPark is the park a one-park portal holds: the database's park
// before there were several.
const FirstPark int64 = 1

// District scopes a context to every park, for the reads that add the
// parks up (the annual report and its figures); a record read or written
// in it is not found, no record being the district's own.
const District int64 = 0

type parkKey struct{}

// WithPark returns ctx scoped to park id: records read and written
// through it are that park's.
func WithPark(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, parkKey{}, id)
}

// ParkOf is the park ctx is scoped to; FirstPark when none is set.
func ParkOf(ctx context.Context) int64 {
	if id, ok := ctx.Value(parkKey{}).(int64); ok {
		return id
	}
	return FirstPark
}

// parkRange is the parks ctx reads, as the bounds of park_id BETWEEN ?
// AND ?: its park, or every park for the district.
func parkRange(ctx context.Context) (lo, hi int64) {
	if p := ParkOf(ctx); p != District {
		return p, p
	}
	return 1, math.MaxInt64
}

// ParkInfo is one park of the district: its id in URLs (Slug, such as
// tianyuan), its name and brand, the host its public site answers on of
// its own (optional) and its footer lines.
type ParkInfo struct {
	ID     int64
	Slug   string
	Name   string
	Brand  string
	Host   string
	Footer string
}

// ErrInvalidPark is a park refused for what it says (its problem follows).
var ErrInvalidPark = errors.New("store: invalid park")

var parkSlug = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

// ParkSlugProblem says, in Chinese, what is wrong with a park's id; "" when
// nothing is.
func ParkSlugProblem(slug string) string {
	if !parkSlug.MatchString(slug) {
		return "园区标识须以小写字母开头，由小写字母、数字和“-”组成，不超过 32 个字符，如 tianyuan"
	}
	return ""
}

// Check returns the first problem with p, in Chinese; "" when none.
func (p ParkInfo) Check() string {
	if msg := ParkSlugProblem(p.Slug); msg != "" {
		return msg
	}
	if strings.TrimSpace(p.Name) == "" {
		return "园区名称不能为空"
	}
	if len([]rune(p.Name)) > 100 || len([]rune(p.Brand)) > 100 {
		return "园区名称和品牌各不超过 100 个字"
	}
	if p.Host != "" && !hostName.MatchString(p.Host) {
		return "园区域名须是域名，如 tianyuan.example.cn（不带 https:// 和路径）"
	}
	if len([]rune(p.Footer)) > maxParkFooter || strings.Count(p.Footer, "\n") >= maxParkFooterLines {
		return fmt.Sprintf("页脚不超过 %d 行、%d 个字", maxParkFooterLines, maxParkFooter)
	}
	return ""
}

// A park's footer is a few lines under its public pages (its organiser,
// address, telephone, filing numbers).
const (
	maxParkFooter      = 500
	maxParkFooterLines = 6
)

var hostName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?$`)

const parkColumns = `id, slug, name, brand, coalesce(host, ''), footer`

func scanPark(row interface{ Scan(...any) error }) (ParkInfo, error) {
	var p ParkInfo
	err := row.Scan(&p.ID, &p.Slug, &p.Name, &p.Brand, &p.Host, &p.Footer)
	return p, err
}

// Parks lists the district's parks in the order they were added.
func (s *Store) Parks(ctx context.Context) ([]ParkInfo, error) {
	var out []ParkInfo
	err := eachRow(ctx, s.read, `SELECT `+parkColumns+` FROM parks ORDER BY id`, nil, func(rows *sql.Rows) error {
		p, err := scanPark(rows)
		out = append(out, p)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to list parks: %w", err)
	}
	return out, nil
}

// ParkBySlug is the park with id slug; ErrNotFound when there is none.
func (s *Store) ParkBySlug(ctx context.Context, slug string) (ParkInfo, error) {
	p, err := scanPark(s.read.QueryRowContext(ctx, `SELECT `+parkColumns+` FROM parks WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return ParkInfo{}, ErrNotFound
	}
	if err != nil {
		return ParkInfo{}, fmt.Errorf("store: unable to fetch park %q: %w", slug, err)
	}
	return p, nil
}

// tidy is p as it is kept: names trimmed, the host in lower case, the
// footer's lines trimmed and without empty ones.
func (p ParkInfo) tidy() ParkInfo {
	p.Name, p.Brand = strings.TrimSpace(p.Name), strings.TrimSpace(p.Brand)
	p.Host = strings.ToLower(strings.TrimSpace(p.Host))
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(p.Footer, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	p.Footer = strings.Join(lines, "\n")
	return p
}

// parkRecord is a park as its audit entries show it.
func parkRecord(p ParkInfo) (json.RawMessage, error) {
	return recordJSON(map[string]string{"id": p.Slug, "name": p.Name, "brand": p.Brand, "host": p.Host, "footer": p.Footer})
}

// AddPark adds a park to the district, with an audit entry naming actor;
// ErrExists when its id or host is another park's.
func (s *Store) AddPark(ctx context.Context, actor Actor, p ParkInfo) (ParkInfo, error) {
	p = p.tidy()
	if msg := p.Check(); msg != "" {
		return ParkInfo{}, fmt.Errorf("%w: %s", ErrInvalidPark, msg)
	}
	err := s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		var err error
		p, err = scanPark(tx.QueryRowContext(ctx, `INSERT INTO parks (slug, name, brand, host, footer, created_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING RETURNING `+parkColumns, p.Slug, p.Name, p.Brand, nullable(p.Host), p.Footer, now))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("park %q: %w", p.Slug, ErrExists)
		}
		if err != nil {
			return fmt.Errorf("store: unable to add park: %w", err)
		}
		// Its ledgers' totals start at 0, as every park's are kept.
		for _, lt := range ledgerTables {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_totals (park_id, name, value) VALUES (?, ?, 0)`, p.ID, lt.table); err != nil {
				return fmt.Errorf("store: unable to add park: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_totals (park_id, name, value) VALUES (?, 'responsibility.beneficiaries', 0)`, p.ID); err != nil {
			return fmt.Errorf("store: unable to add park: %w", err)
		}
		after, err := parkRecord(p)
		if err != nil {
			return err
		}
		_, err = log(AuditEntry{Action: ActionCreate, Collection: "parks", RecordKey: p.ID, RecordID: p.Slug, Title: p.Name, After: after, Note: "新建园区"})
		return err
	})
	if err != nil {
		return ParkInfo{}, err
	}
	return p, nil
}

// ParkChange is what SetPark changes of a park: the fields that are not
// nil (an empty host or footer removes it).
type ParkChange struct {
	Slug, Name, Brand, Host, Footer *string
}

// SetPark changes the park with id slug as change says, with an audit
// entry naming actor: its id in addresses (its site's old addresses then
// answer 404), name, brand, own host or footer. ErrNotFound when there is
// no such park, ErrExists when the new id or host is another park's,
// ErrInvalidPark when the result is not a valid park.
func (s *Store) SetPark(ctx context.Context, actor Actor, slug string, change ParkChange) (ParkInfo, error) {
	var out ParkInfo
	err := s.transact(ctx, actor, true, func(tx *writeTx, now string, log auditLog) error {
		before, err := scanPark(tx.QueryRowContext(ctx, `SELECT `+parkColumns+` FROM parks WHERE slug = ?`, slug))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("park %q: %w", slug, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: unable to fetch park %q: %w", slug, err)
		}
		p := before
		for _, f := range []struct{ to, from *string }{{&p.Slug, change.Slug}, {&p.Name, change.Name}, {&p.Brand, change.Brand}, {&p.Host, change.Host}, {&p.Footer, change.Footer}} {
			if f.from != nil {
				*f.to = *f.from
			}
		}
		p = p.tidy()
		if msg := p.Check(); msg != "" {
			return fmt.Errorf("%w: %s", ErrInvalidPark, msg)
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM parks WHERE id != ? AND (slug = ? OR host = ?)`, p.ID, p.Slug, nullable(p.Host)).Scan(&taken); err != nil {
			return fmt.Errorf("store: unable to change park %q: %w", slug, err)
		}
		if taken > 0 {
			return fmt.Errorf("park %q: %w", p.Slug, ErrExists)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE parks SET slug = ?, name = ?, brand = ?, host = ?, footer = ? WHERE id = ?`,
			p.Slug, p.Name, p.Brand, nullable(p.Host), p.Footer, p.ID); err != nil {
			return fmt.Errorf("store: unable to change park %q: %w", slug, err)
		}
		was, err := parkRecord(before)
		if err != nil {
			return err
		}
		is, err := parkRecord(p)
		if err != nil {
			return err
		}
		out = p
		_, err = log(AuditEntry{Action: ActionUpdate, Collection: "parks", RecordKey: p.ID, RecordID: p.Slug, Title: p.Name, Before: was, After: is, Note: "修改园区"})
		return err
	})
	if err != nil {
		return ParkInfo{}, err
	}
	return out, nil
}
