// Package fake makes the fictional details of the demonstration data:
// a small seeded random source whose sequence never changes between Go
// releases, people's and enterprises' names built from short generic lists,
// credit codes and dates.
package fake

import (
	"time"
)

// Rand is a SplitMix64 generator. It is written here rather than taken from
// math/rand so that a seed gives the same data on every Go release, which
// keeps the committed park.json reproducible.
type Rand struct{ state uint64 }

// New returns a generator for seed.
func New(seed int64) *Rand { return &Rand{state: uint64(seed)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019} }

// Uint64 returns the next 64 random bits.
func (r *Rand) Uint64() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// IntN returns a number in [0, n); n must be positive.
func (r *Rand) IntN(n int) int {
	if n <= 0 {
		panic("fake: IntN of a non-positive number")
	}
	hi, _ := mul64(r.Uint64(), uint64(n))
	return int(hi)
}

// Between returns a number in [lo, hi].
func (r *Rand) Between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// Chance returns true with probability p.
func (r *Rand) Chance(p float64) bool { return float64(r.Uint64()>>11)/(1<<53) < p }

// Float returns a number in [0, 1).
func (r *Rand) Float() float64 { return float64(r.Uint64()>>11) / (1 << 53) }

// Pick returns a random element of list.
func Pick[T any](r *Rand, list []T) T { return list[r.IntN(len(list))] }

// Shuffle puts list in random order.
func Shuffle[T any](r *Rand, list []T) {
	for i := len(list) - 1; i > 0; i-- {
		j := r.IntN(i + 1)
		list[i], list[j] = list[j], list[i]
	}
}

func mul64(a, b uint64) (hi, lo uint64) {
	const mask32 = 1<<32 - 1
	a0, a1 := a&mask32, a>>32
	b0, b1 := b&mask32, b>>32
	w0 := a0 * b0
	t := a1*b0 + w0>>32
	w1, w2 := t&mask32, t>>32
	w1 += a0 * b1
	hi = a1*b1 + w2 + w1>>32
	lo = a * b
	return
}

// Date returns the day y-m-d.
func Date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// Day formats t as YYYY-MM-DD.
func Day(t time.Time) string { return t.Format(time.DateOnly) }

// DateBetween returns a day in [from, to]. It never returns 29 February, so
// that "one year later" means the same thing to every reader of the data.
func (r *Rand) DateBetween(from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days < 0 {
		days = 0
	}
	t := from.AddDate(0, 0, r.IntN(days+1))
	if t.Month() == time.February && t.Day() == 29 {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// DateIn returns a day in year y, not after last.
func (r *Rand) DateIn(y int, last time.Time) time.Time {
	to := Date(y, 12, 31)
	if to.After(last) {
		to = last
	}
	return r.DateBetween(Date(y, 1, 1), to)
}
