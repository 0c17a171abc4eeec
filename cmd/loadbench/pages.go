package main

import (
	"context"
	"io"
	"net/http"
	"slices"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The targets every page should meet on the 2-core reference machine.
const (
	// Warm, served from the caches as most requests are: a page's maximum
	// throughput against /healthz's (the floor: routing, middleware and
	// the network stack, no page).
	minWarmRatio = 0.3 // a public, staff or secretary page
	// Cold, every request rendered as the first after a change is (the
	// server's caches off: web's RenderEveryRequest).
	minColdRatio = 0.03
	maxP99       = 50 * time.Millisecond // at half the page's cold maximum
	// A page's cost (the inverse of its cold ratio) on the park of 100,000
	// activities against the park of 10,000.
	maxCostGrowth = 1.5
	// An export's answer, read to its end.
	maxExport = 3 * time.Second
)

// rounds is how many slices each attack on a page is cut into. The slices
// of all pages are interleaved, so that a burst of other work on the
// machine hits every page alike; a page's ratio to the floor is the median
// of its per-round ratios.
const rounds = 3

// floorEvery is how many slices of pages come between two of the floor:
// a slice's ratio is to the floor of the same few seconds.
const floorEvery = 4

// A page whose request alone takes slowPage or longer (the quicker of
// two) is attacked by slowPageWorkers: they keep both cores busy with it,
// as 32 would, and its rate is the same, but 32 would only queue, each
// request waiting for 31 others, past the client's timeout (a page that
// renders in 70 ms alone took seconds among 32).
const (
	slowPage        = 20 * time.Millisecond
	slowPageWorkers = 4
)

// minPacedRequests is how many requests the latency attack of a slow page
// sends at least (its slices lengthened up to three times), so that its
// p99 is more than its slowest answer.
const minPacedRequests = 100

// row is one page's results.
type row struct {
	page
	warm, cold, scaled, exported bool // what was measured

	warmRate, warmRatio float64 // successful requests per second, the most the workers reach, warm; against the floor
	coldRate, coldRatio float64 // the same with the caches off
	p50, p99            time.Duration
	pacedRate           float64 // the rate the latency attack (at half the cold maximum) reached
	nonSuccess          int     // responses that were not 2xx (or failed), in every attack
	smallRatio          float64 // the cold ratio on the park of 10,000 activities
	exportTimes         []time.Duration
	floorLow, floorHigh float64 // the floor's slowest and fastest slices
	warmWorkers         uint64  // the workers of its warm attacks (slowPageWorkers for a slow page)
	coldWorkers         uint64  // and of its cold ones
	postgres            *row    // the same page on PostgreSQL, two portals behind nginx; nil when not measured
}

// warmTarget is the page's target ratio to the floor when warm; 0 for
// none (the floor, exports, the administrators' pages).
func (r row) warmTarget() float64 {
	if r.kind != ordinary {
		return 0
	}
	if r.role == admin {
		return 0 // an administrator's: a park has two or three
	}
	return minWarmRatio
}

// costGrowth is the page's cost on the large park against the small: its
// cold ratio there against here.
func (r row) costGrowth() float64 {
	if r.coldRatio <= 0 {
		return 0
	}
	return r.smallRatio / r.coldRatio
}

// sustained reports whether the latency attack kept to half the cold
// maximum; with a bounded number of workers, a server that stalls slows
// the attack down instead of showing in the latencies.
func (r row) sustained() bool { return r.pacedRate >= 0.95*float64(halfRate(r.coldRate)) }

func halfRate(rate float64) int { return max(int(rate/2), 1) }

func (r row) exportTime() time.Duration {
	if len(r.exportTimes) == 0 {
		return 0
	}
	s := slices.Clone(r.exportTimes)
	slices.Sort(s)
	return s[len(s)/2]
}

// misses names the targets the page missed, of what was measured.
func (r row) misses() []string {
	var out []string
	if r.nonSuccess > 0 {
		out = append(out, "errors")
	}
	if r.kind == floorPage {
		return out
	}
	if r.kind == export {
		if r.exported && r.exportTime() >= maxExport {
			out = append(out, "export time")
		}
		return out
	}
	if r.warm && r.warmRatio < r.warmTarget() {
		out = append(out, "warm")
	}
	if r.cold {
		if r.coldRatio < minColdRatio {
			out = append(out, "cold")
		}
		if r.p99 > maxP99 {
			out = append(out, "p99")
		}
		if !r.sustained() {
			out = append(out, "half rate not sustained")
		}
	}
	if r.scaled && r.costGrowth() > maxCostGrowth {
		out = append(out, "scaling")
	}
	return out
}

func (r row) met() bool { return len(r.misses()) == 0 }

// servers are the two processes serving one park's database: warm with
// its caches, cold with them off.
type servers struct{ warm, cold string }

// pageModes are the attacks made on each page.
type pageModes struct{ warm, cold, paced bool }

// measurePages attacks every page (pages[0] is the floor, pages of kind
// export are left to measureExports): warm and cold at the maximum rate a
// fixed pool of workers reaches, in interleaved rounds with the floor,
// then cold at half that rate for latency.
func measurePages(ctx context.Context, srv servers, pages []page, modes pageModes, cfg config, logf func(string, ...any)) ([]row, error) {
	rows := make([]row, len(pages))
	type target struct{ warm, cold vegeta.Targeter }
	targets := make([]target, len(pages))
	floorBase := srv.warm
	if !modes.warm {
		floorBase = srv.cold
	}
	for i, p := range pages {
		rows[i] = row{page: p, warm: modes.warm && p.kind != export, cold: modes.cold && p.kind == ordinary}
		if p.kind == export {
			continue
		}
		targets[i] = target{warm: targetOf(srv.warm, p), cold: targetOf(srv.cold, p)}
		if p.kind == floorPage {
			targets[i].warm, targets[i].cold = targetOf(floorBase, p), nil
		}
		// Requests alone, the quickest timed; on the warm server the first
		// fills the cache. A slow page is attacked by fewer workers.
		for _, m := range []struct {
			on      bool
			base    string
			mode    string
			fill    bool
			workers *uint64
		}{
			{modes.warm || p.kind == floorPage, floorBase, "warm", true, &rows[i].warmWorkers},
			{modes.cold && p.kind == ordinary, srv.cold, "cold", false, &rows[i].coldWorkers},
		} {
			if !m.on {
				continue
			}
			if m.fill {
				if _, _, err := getOnce(m.base, p); err != nil {
					return nil, err
				}
			}
			var quickest time.Duration
			for k := range 2 {
				status, took, err := getOnce(m.base, p)
				if err != nil {
					return nil, err
				}
				if status < 200 || status > 299 {
					rows[i].nonSuccess++
				}
				if k == 0 || took < quickest {
					quickest = took
				}
			}
			*m.workers = cfg.workers
			if quickest >= slowPage {
				*m.workers = min(cfg.workers, slowPageWorkers)
			}
			logf("%-60s %s: alone in %s, attacked by %d workers", p.name(), m.mode, ms(quickest), *m.workers)
		}
	}

	slice := cfg.duration / rounds
	warmRates, warmRatios := make([][]float64, len(pages)), make([][]float64, len(pages))
	coldRates, coldRatios := make([][]float64, len(pages)), make([][]float64, len(pages))
	floorRates := make([]float64, 0)
	// Each round attacks every page warm and cold in turn, with a slice
	// of the floor before, between every floorEvery slices, and after;
	// each slice's rate is against the mean of the floor just before and
	// just after it.
	type pending struct {
		i    int
		cold bool
		rate float64
	}
	var queue []pending
	for i := 1; i < len(rows); i++ {
		if rows[i].warm {
			queue = append(queue, pending{i: i})
		}
		if rows[i].cold {
			queue = append(queue, pending{i: i, cold: true})
		}
	}
	floorSlice := func() (float64, error) {
		m, err := attack(targets[0].warm, vegeta.Rate{Freq: 0}, slice, cfg.workers, cfg.workers)
		if err != nil {
			return 0, err
		}
		rows[0].nonSuccess += nonSuccess(m)
		floorRates = append(floorRates, m.Throughput)
		return m.Throughput, nil
	}
	for round := range rounds {
		if len(queue) == 0 {
			break
		}
		before, err := floorSlice()
		if err != nil {
			return nil, err
		}
		for start := 0; start < len(queue); start += floorEvery {
			group := queue[start:min(start+floorEvery, len(queue))]
			for k := range group {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				r := &rows[group[k].i]
				t, workers := targets[group[k].i].warm, r.warmWorkers
				if group[k].cold {
					t, workers = targets[group[k].i].cold, r.coldWorkers
				}
				m, err := attack(t, vegeta.Rate{Freq: 0}, slice, workers, workers)
				if err != nil {
					return nil, err
				}
				rows[group[k].i].nonSuccess += nonSuccess(m)
				group[k].rate = m.Throughput
			}
			after, err := floorSlice()
			if err != nil {
				return nil, err
			}
			floor := (before + after) / 2
			for _, g := range group {
				if g.cold {
					coldRates[g.i] = append(coldRates[g.i], g.rate)
					coldRatios[g.i] = append(coldRatios[g.i], g.rate/floor)
				} else {
					warmRates[g.i] = append(warmRates[g.i], g.rate)
					warmRatios[g.i] = append(warmRatios[g.i], g.rate/floor)
				}
			}
			before = after
		}
		logf("round %d of %d done", round+1, rounds)
	}
	if len(floorRates) > 0 {
		rows[0].warmRate, rows[0].warmRatio = median(floorRates), 1
		rows[0].floorLow, rows[0].floorHigh = slices.Min(floorRates), slices.Max(floorRates)
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].warm {
			rows[i].warmRate, rows[i].warmRatio = median(warmRates[i]), median(warmRatios[i])
		}
		if rows[i].cold {
			rows[i].coldRate, rows[i].coldRatio = median(coldRates[i]), median(coldRatios[i])
		}
	}

	// Latency at half each page's cold maximum, again in interleaved
	// rounds; at most as many requests in flight as in the maximum-rate
	// attack.
	if modes.cold && modes.paced {
		paced := make([]vegeta.Metrics, len(pages))
		took := make([]time.Duration, len(pages))
		for range rounds {
			for i := range rows {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				if !rows[i].cold {
					continue
				}
				half := halfRate(rows[i].coldRate)
				d := slice
				if need := time.Duration(float64(minPacedRequests) / float64(half) / rounds * float64(time.Second)); need > d {
					d = min(need, 3*slice)
				}
				a, closeConns := newAttacker(rows[i].coldWorkers, rows[i].coldWorkers)
				for res := range a.Attack(targets[i].cold, vegeta.Rate{Freq: half, Per: time.Second}, d, "paced") {
					paced[i].Add(res)
				}
				closeConns()
				took[i] += d
			}
		}
		for i := range rows {
			if !rows[i].cold {
				continue
			}
			r, m := &rows[i], &paced[i]
			m.Close()
			r.p50, r.p99 = m.Latencies.P50, m.Latencies.P99
			r.nonSuccess += nonSuccess(m)
			// Requests sent over the time given to them (m.Rate would count
			// the other pages' rounds in between).
			r.pacedRate = float64(m.Requests) / took[i].Seconds()
		}
	}
	for _, r := range rows {
		if r.kind != export {
			logf("%-60s warm %6.0f req/s (%.2f)  cold %6.0f req/s (%.3f), at %.0f req/s p50 %s p99 %s  non-2xx %d",
				r.name(), r.warmRate, r.warmRatio, r.coldRate, r.coldRatio, r.pacedRate, ms(r.p50), ms(r.p99), r.nonSuccess)
		}
	}
	return rows, nil
}

// targetOf is a GET of the page on base asking for gzip, as a browser
// does; setting the header ourselves also keeps the client from spending
// the shared CPU on decompressing.
func targetOf(base string, p page) vegeta.Targeter {
	header := http.Header{"Accept-Encoding": {"gzip"}}
	if p.cookie != "" {
		header.Set("Cookie", p.cookie)
	}
	return vegeta.NewStaticTargeter(vegeta.Target{Method: http.MethodGet, URL: base + p.path, Header: header})
}

// getOnce requests the page once, alone, and reads its answer to the end.
func getOnce(base string, p page) (status int, took time.Duration, err error) {
	req, _ := http.NewRequest(http.MethodGet, base+p.path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	if p.cookie != "" {
		req.Header.Set("Cookie", p.cookie)
	}
	start := time.Now()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return 0, 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, time.Since(start), err
}

// exportRequests is how many times each export is requested, one at a
// time; its time is the median.
const exportRequests = 3

// measureExports times every export page, one request at a time (an
// export is one clerk's download, not a page many read at once).
func measureExports(ctx context.Context, base string, rows []row, logf func(string, ...any)) error {
	for i := range rows {
		r := &rows[i]
		if r.kind != export {
			continue
		}
		r.exported = true
		for range exportRequests {
			if err := ctx.Err(); err != nil {
				return err
			}
			status, took, err := getOnce(base, r.page)
			if err != nil {
				return err
			}
			if status != http.StatusOK {
				r.nonSuccess++
			}
			r.exportTimes = append(r.exportTimes, took)
		}
		logf("%-60s export in %s (median of %d), slowest %s, non-2xx %d", r.name(), ms(r.exportTime()), exportRequests, ms(slices.Max(r.exportTimes)), r.nonSuccess)
	}
	return nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
