package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"parkportal/store"
)

// The public site while staff publish secretaries' filings (issue 8): each
// publish moves the revision, so every cached page is rendered again once
// per publish, not once per visitor. Measured: the public pages' maximum
// throughput against the floor in the same interleaved rounds while a
// publisher publishes 5 filings a second, and how long from a publish
// being sent until the programme's public page shows it.

const (
	publishRate             = 5 // publishes a second
	minPublishingRatio      = 0.8
	maxPublishToCurrent     = 50 * time.Millisecond
	publishFilings          = 400 // submitted beforehand: more than a run publishes (the queue lists 500)
	publishTitle            = "基准发布活动"
	publishedProgrammePage  = "/programs/incubation"
	publishingCheckDeadline = time.Second
)

// publishingRounds is how many interleaved slices each page's attack is
// cut into.
const publishingRounds = 5

// pubRow is one page's results while publishing.
type pubRow struct {
	name, path     string
	maxRate, ratio float64 // successful requests per second; against the floor's
	p50, p99       time.Duration
	nonSuccess     int
	floor          bool
}

// publishing is that measurement's result. The page is current as soon as
// the publish is committed (the cache drops the page at the commit); what
// a visitor waits for is the page's next rendering, under the same load.
type publishing struct {
	rows                []pubRow
	published, failed   int
	took                []time.Duration // each publish request, sent to answered
	toCurrent           []time.Duration // from a publish answered until the page shows it
	p50Current, p99Curr time.Duration
	p50Took, p99Took    time.Duration
}

func (p publishing) met() bool {
	for _, r := range p.rows {
		if r.nonSuccess > 0 || r.ratio < minPublishingRatio {
			return false
		}
	}
	return p.failed == 0 && p.published > 0 && p.p99Curr <= maxPublishToCurrent
}

// submitFilings files n activities as a secretary of the first organisation
// covering an enterprise, each submitted for review, straight through the
// store (the filing form's own benchmark is in web), and returns the first
// filing's id.
func submitFilings(ctx context.Context, s *store.Store, n int) (int64, error) {
	orgs, err := s.CoveringOrganizations(ctx, 1)
	if err != nil || len(orgs) == 0 {
		return 0, fmt.Errorf("finding an organisation covering an enterprise: %d found, %v", len(orgs), err)
	}
	org, ent := orgs[0].Organization, orgs[0].Enterprise
	var first int64
	actor := store.Actor{Username: "bench-secretary"}
	today := time.Now().Format("2006-01-02") // the newest stories, this year's report
	for i := range n {
		a := &store.ActivityFiling{Activity: store.Activity{Program: "incubation", Kind: "lecture",
			Title: fmt.Sprintf("%s %04d", publishTitle, i), Date: today, Enterprises: []string{ent}, Summary: "基准测试。"}}
		f, err := s.SaveFiling(ctx, actor, org, store.FilingSave{Kind: store.FilingActivity, Body: a, Submit: true})
		if err != nil {
			return 0, err
		}
		if first == 0 {
			first = f.ID
		}
	}
	return first, nil
}

// firstCoveringOrganization is the first organisation that covers an
// enterprise, and that enterprise: the first secretary's (addSecretaries).
func firstCoveringOrganization(ctx context.Context, s *store.Store) (org, ent string, err error) {
	orgs, err := s.CoveringOrganizations(ctx, 1)
	if err != nil || len(orgs) == 0 {
		return "", "", fmt.Errorf("finding an organisation covering an enterprise: %d found, %v", len(orgs), err)
	}
	return orgs[0].Organization, orgs[0].Enterprise, nil
}

// measurePublishing attacks the floor and each public page in interleaved
// rounds while the publisher runs.
func measurePublishing(ctx context.Context, base, cookie string, pages []page, cfg config, logf func(string, ...any)) (publishing, error) {
	ids, token, err := reviewQueue(base, cookie)
	if err != nil {
		return publishing{}, err
	}
	// Render each page once first: the write benchmark before this saved
	// enterprises, which drops every year's cached report, and the first
	// rendering after that (every year computed again, a fifth of a
	// second) is the write's cost, not the publish's.
	for _, p := range pages {
		if resp, err := http.Get(base + p.path); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	pubCtx, stopPublishing := context.WithCancel(ctx)
	var res publishing
	var wg sync.WaitGroup
	programme := pages[len(pages)-1].path // the programme page the published activities show on
	wg.Go(func() {
		res.published, res.failed, res.took, res.toCurrent = publish(pubCtx, base, programme, cookie, token, ids)
	})

	targets := make([]vegeta.Targeter, len(pages))
	res.rows = make([]pubRow, len(pages))
	for i, p := range pages {
		targets[i] = vegeta.NewStaticTargeter(vegeta.Target{Method: http.MethodGet, URL: base + p.path, Header: http.Header{"Accept-Encoding": {"gzip"}}})
		res.rows[i] = pubRow{name: "publishing 5/s: " + p.path, path: p.path, floor: i == 0}
	}
	slice := cfg.writeDuration / publishingRounds
	rates := make([][]float64, len(pages))
	ratios := make([][]float64, len(pages))
	for round := range publishingRounds {
		for i := range pages {
			m, err := attack(targets[i], vegeta.Rate{Freq: 0}, slice, cfg.workers, cfg.workers)
			if err != nil {
				stopPublishing()
				wg.Wait()
				return publishing{}, err
			}
			res.rows[i].nonSuccess += nonSuccess(m)
			res.rows[i].p50, res.rows[i].p99 = m.Latencies.P50, m.Latencies.P99
			rates[i] = append(rates[i], m.Throughput)
			ratios[i] = append(ratios[i], m.Throughput/rates[0][round])
		}
	}
	stopPublishing()
	wg.Wait()
	for i := range pages {
		res.rows[i].maxRate, res.rows[i].ratio = median(rates[i]), median(ratios[i])
		logf("%-24s %8.0f req/s (%.2f of the floor) while publishing   non-2xx %d", pages[i].path, res.rows[i].maxRate, res.rows[i].ratio, res.rows[i].nonSuccess)
	}
	res.p50Current, res.p99Curr = percentiles(res.toCurrent)
	var slow []string
	for i, d := range res.toCurrent {
		if d > maxPublishToCurrent {
			slow = append(slow, fmt.Sprintf("#%d %s", i+1, ms(d)))
		}
	}
	if len(slow) > 0 {
		logf("publishes slower to show than %s: %s", ms(maxPublishToCurrent), strings.Join(slow, ", "))
	}
	if res.published+res.failed == len(ids) {
		// The filings ran out before the measurement ended: the rest of it
		// measured pages with nothing being published.
		return publishing{}, fmt.Errorf("all %d filings in the queue were published before the measurement ended; file more (publishFilings)", len(ids))
	}
	res.p50Took, res.p99Took = percentiles(res.took)
	logf("published %d filings (%d failed), each in p50 %s, p99 %s; publish answered → %s current: p50 %s, p99 %s",
		res.published, res.failed, ms(res.p50Took), ms(res.p99Took), publishedProgrammePage, ms(res.p50Current), ms(res.p99Curr))
	return res, nil
}

var (
	csrfField  = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	reviewLink = regexp.MustCompile(`href="/workbench/review/(\d+)"`)
)

// reviewQueue reads the filings waiting (oldest first) and a CSRF token
// from the staff review queue.
func reviewQueue(base, cookie string) ([]string, string, error) {
	var ids []string
	var token string
	// The queue is paged: follow it to the end, or the publishing would
	// run out of filings before the measurement does.
	for page := 1; ; page++ {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/workbench/review?page=%d", base, page), nil)
		req.Header.Set("Cookie", cookie)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return nil, "", err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := csrfField.FindSubmatch(body)
		if m == nil {
			return nil, "", fmt.Errorf("no CSRF token on page %d of /workbench/review (%s)", page, resp.Status)
		}
		token = string(m[1])
		for _, l := range reviewLink.FindAllSubmatch(body, -1) {
			ids = append(ids, string(l[1]))
		}
		if !bytes.Contains(body, []byte(`rel="next"`)) {
			break
		}
	}
	if len(ids) == 0 {
		return nil, "", errors.New("the review queue is empty")
	}
	return ids, token, nil
}

// publish publishes the filings one by one at publishRate until ctx ends;
// after each it reads the programme page until the filing shows there.
func publish(ctx context.Context, base, programme, cookie, token string, ids []string) (published, failed int, took, toCurrent []time.Duration) {
	tick := time.NewTicker(time.Second / publishRate)
	defer tick.Stop()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := 0; i < len(ids); i++ {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		start := time.Now()
		form := url.Values{"_csrf": {token}, "version": {"1"}}
		req, _ := http.NewRequest(http.MethodPost, base+"/workbench/review/"+ids[i]+"/publish", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", cookie)
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			failed++
			if resp != nil {
				resp.Body.Close()
			}
			continue
		}
		resp.Body.Close()
		published++
		took = append(took, time.Since(start))
		// The queue lists the oldest first, as they were filed. "After a
		// publish": from its answer, when it is committed.
		if d, ok := showsUp(base+programme, fmt.Sprintf("%s %04d", publishTitle, i), time.Now()); ok {
			toCurrent = append(toCurrent, d)
		} else {
			failed++
		}
	}
	return
}

func percentiles(ds []time.Duration) (p50, p99 time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2], s[len(s)*99/100]
}

// showsUp polls the programme page (its URL) until title appears on it,
// returning the time since start.
func showsUp(programme, title string, start time.Time) (time.Duration, bool) {
	for time.Since(start) < publishingCheckDeadline {
		resp, err := http.Get(programme)
		if err != nil {
			return 0, false
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), title) {
			return time.Since(start), true
		}
	}
	return 0, false
}

func printPublishing(w io.Writer, p publishing) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "while publishing 5/s\tpath\treq/s (max)\tvs floor\tp99 @ max\tnon-2xx\ttarget met\t")
	for _, r := range p.rows {
		ok := "—"
		if !r.floor {
			ok = yesNo(r.ratio >= minPublishingRatio && r.nonSuccess == 0)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.2f\t%s\t%d\t%s\t\n", r.name, r.path, r.maxRate, r.ratio, ms(r.p99), r.nonSuccess, ok)
	}
	tw.Flush()
	fmt.Fprintf(w, "published %d (%d failed), each in p50 %s, p99 %s; publish answered → page current: p50 %s, p99 %s (target ≤ %s): %s\n",
		p.published, p.failed, ms(p.p50Took), ms(p.p99Took), ms(p.p50Current), ms(p.p99Curr), ms(maxPublishToCurrent), yesNo(p.failed == 0 && p.p99Curr <= maxPublishToCurrent))
}
