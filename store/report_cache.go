package store

import (
	"context"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
)

// The report cache. An annual report is read from the figures the write
// path keeps (figures.go), a few rows per year whatever the size of the
// park; the cache spares even that to the warm pages, which chart five
// years of them. (Counted from the records, a report took a few dozen
// milliseconds over a large park, and a publish a fifth of a second
// before the pages were current.) A record dated d counts only in the
// reports of d's year and later ("in Y" and "by Y" both need d ≤ Y-12-31),
// so a change keeps the reports of the years before its records' earliest
// date or year. Enterprises, organisations (their coverage depends on the
// stages of enterprises), responsibility records (every report lists every
// kind in the data) and anything without a date drop every year. A
// revision moved by another process, an import or an upload, which this
// cache does not see, drops every year too: a cached report is only ever
// served at the revision it was computed at.

// Each park's reports are kept apart, and so are the district's (the sum
// of the parks'): the first park's in reportCache's own reportScope, the
// others' in others.
type reportCache struct {
	mu sync.Mutex
	reportScope
	others map[int64]*reportScope
	// computeAlways: every call computes and nothing is kept
	// (ComputeEveryReport, the load benchmark's cold run only).
	computeAlways atomic.Bool
}

// reportScope is the reports kept of one park, or of the district.
type reportScope struct {
	rev     int64 // the revision the reports (and the first year) are valid at
	byYear  map[int]Report
	first   int // the first year with records (0: none), when firstOK
	firstOK bool
}

// scope is the kept reports of the park of ctx; c.mu is held.
func (c *reportCache) scope(ctx context.Context) *reportScope {
	park := ParkOf(ctx)
	if park == FirstPark {
		return &c.reportScope
	}
	if c.others == nil {
		c.others = map[int64]*reportScope{}
	}
	sc := c.others[park]
	if sc == nil {
		sc = &reportScope{}
		c.others[park] = sc
	}
	return sc
}

// ComputeEveryReport turns the report cache off for good: every report and
// calendar is computed from the records, as on the first request after a
// change. Only the load benchmark's cold run calls it (cmd/loadbench, through
// web's RenderEveryRequest), to measure what the cache hides.
func (s *Store) ComputeEveryReport() { s.reports.computeAlways.Store(true) }

// ReportCalendar is the years that have a report as of today on the
// store's clock: from the first year with records (computeFirstReportYear,
// from the cache at the current revision) to the year in progress. Only
// the first year is cached: the last is the clock's, so the calendar moves
// at midnight on 31 December without any change to the records. The home
// page and every programme page read it, and all are rendered again after a
// publish.
func (s *Store) ReportCalendar(ctx context.Context) (ReportCalendar, error) {
	today := s.Today()
	if s.reports.computeAlways.Load() {
		first, _, err := s.computeFirstReportYear(ctx)
		return newReportCalendar(first, today), err
	}
	rev, err := s.Revision(ctx)
	if err != nil {
		return ReportCalendar{}, err
	}
	c := &s.reports
	c.mu.Lock()
	sc := c.scope(ctx)
	first, ok := sc.first, sc.firstOK && sc.rev == rev.Value
	c.mu.Unlock()
	if ok {
		return newReportCalendar(first, today), nil
	}
	first, at, err := s.computeFirstReportYear(ctx)
	if err != nil {
		return ReportCalendar{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	sc = c.scope(ctx)
	if sc.rev != at {
		sc.rev, sc.byYear = at, nil
	}
	sc.first, sc.firstOK = first, true
	return newReportCalendar(first, today), nil
}

// allYears as a change's earliest year: it may change every report;
// noYears: it changes none.
const (
	allYears = 0
	noYears  = 10000
)

// Report is the annual report for year, computed from the records or
// served from the cache at the current revision.
func (s *Store) Report(ctx context.Context, year int) (Report, error) {
	rs, err := s.Reports(ctx, []int{year})
	if err != nil {
		return Report{}, err
	}
	return rs[0], nil
}

// Reports are the annual reports for years, in their order: those the
// cache holds at the current revision from it, the others computed
// together in one read transaction (a chart's years).
func (s *Store) Reports(ctx context.Context, years []int) ([]Report, error) {
	if s.reports.computeAlways.Load() {
		rs, _, err := s.computeReports(ctx, years)
		return rs, err
	}
	rev, err := s.Revision(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.reports
	out := make([]Report, len(years))
	var missing []int
	c.mu.Lock()
	sc := c.scope(ctx)
	for i, y := range years {
		if r, ok := sc.byYear[y]; ok && sc.rev == rev.Value {
			out[i] = r.clone()
		} else {
			missing = append(missing, y)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	computed, at, err := s.computeReports(ctx, missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	sc = c.scope(ctx)
	if sc.rev != at {
		sc.rev, sc.byYear, sc.first, sc.firstOK = at, nil, 0, false
	}
	if sc.byYear == nil {
		sc.byYear = map[int]Report{}
	}
	for _, r := range computed {
		sc.byYear[r.Year] = r
	}
	for i, y := range years {
		if out[i].Year == 0 {
			out[i] = sc.byYear[y].clone()
		}
	}
	return out, nil
}

// advance moves the cache to revision rev after a change made by this
// process whose records are dated from year from on: every park's and the
// district's reports, as a change is one park's and the district's.
func (c *reportCache) advance(rev int64, from int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reportScope.advance(rev, from)
	for _, sc := range c.others {
		sc.advance(rev, from)
	}
}

func (c *reportScope) advance(rev int64, from int) {
	c.first, c.firstOK = 0, false // any dated record may move the first year
	if c.rev != rev-1 || from == allYears {
		c.rev, c.byYear = rev, nil
		return
	}
	for y := range c.byYear {
		if y >= from {
			delete(c.byYear, y)
		}
	}
	c.rev = rev
}

// reportCollectionsAll are the collections a change of which may move a
// report of any year.
var reportCollectionsAll = map[Collection]bool{"enterprises": true, "organizations": true, "responsibility": true, "park": true}

var (
	datedValue = regexp.MustCompile(`"(\d{4})-\d\d-\d\d"`)
	yearValue  = regexp.MustCompile(`"year":(\d{4})\b`)
)

// reportsFrom is the earliest year whose reports the logged entries may
// change: the earliest date or year in any changed record, before or
// after; allYears when a record has none or its kind reaches every year;
// noYears when the entries are only filed returns and accounts' changes.
func reportsFrom(entries []AuditEntry) int {
	from, counted := -1, false
	for _, e := range entries {
		switch e.Collection {
		case "annual_returns", "users": // a filed return copies the figures, an account has none
			continue
		}
		counted = true
		switch e.Collection {
		case "filings", "photos": // the ledger's own entry says what changed
			continue
		}
		if reportCollectionsAll[e.Collection] {
			return allYears
		}
		earliest := -1
		for _, b := range [][]byte{e.Before, e.After} {
			for _, re := range []*regexp.Regexp{datedValue, yearValue} {
				for _, m := range re.FindAllSubmatch(b, -1) {
					if y, err := strconv.Atoi(string(m[1])); err == nil && (earliest < 0 || y < earliest) {
						earliest = y
					}
				}
			}
		}
		if earliest < 0 {
			return allYears
		}
		if from < 0 || earliest < from {
			from = earliest
		}
	}
	if !counted && len(entries) > 0 {
		return noYears
	}
	if from < 0 {
		return allYears
	}
	return from
}

// clone is a copy that shares nothing the caller could change in the
// cached report.
func (r Report) clone() Report {
	if r.Incubation.EquipmentSavingRatio != nil {
		v := *r.Incubation.EquipmentSavingRatio
		r.Incubation.EquipmentSavingRatio = &v
	}
	r.Brand.ResponsibilityYear = append(KindTotals(nil), r.Brand.ResponsibilityYear...)
	r.Brand.ResponsibilityTotal = append(KindTotals(nil), r.Brand.ResponsibilityTotal...)
	return r
}
