package store

import "time"

// ChinaTime is the park's time zone (China Standard Time, UTC+8, no
// daylight saving), which a binary without a zone database still knows.
// "Today" and "this year" are the park's, wherever the server runs.
var ChinaTime = time.FixedZone("CST", 8*3600)

// SetClock makes now the store's clock: the time every change stamps, the
// photo sweep compares holds with and the report years run to. The web
// server shares it (web.New), so that a test sets one clock for both. Call
// it before the store is used.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now is the time on the store's clock.
func (s *Store) Now() time.Time { return s.clock() }

// Today is the date on the store's clock in the park: midnight, ChinaTime.
func (s *Store) Today() time.Time { return DayOf(s.clock()) }

// DayOf is the park's day at t: midnight of t's date, ChinaTime.
func DayOf(t time.Time) time.Time {
	y, m, d := t.In(ChinaTime).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, ChinaTime)
}
