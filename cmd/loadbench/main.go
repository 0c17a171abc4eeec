// Command loadbench measures the public site under load: it generates a
// synthetic park (10,000 enterprises by default), imports it into a
// temporary database, starts the real portal server on 127.0.0.1 and, with
// vegeta, finds each page's maximum throughput and then its latency at half
// that rate. It prints one table and, with -markdown, writes it to a file
// (docs/benchmarks.md). All traffic stays on 127.0.0.1.
//
//	go run ./cmd/loadbench [-enterprises 10000] [-duration 5s] [-workers 32] [-markdown docs/benchmarks.md]
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"parkportal/store"
	"parkportal/store/demo"
	"parkportal/views"
	"parkportal/web"
)

// The targets every public page should meet on the 2-core reference machine.
const (
	minRatioToFloor = 0.5                   // a page's max throughput against /healthz's
	maxP99          = 50 * time.Millisecond // at half the page's max rate
)

// config is the command line.
type config struct {
	enterprises int
	seed        int64
	duration    time.Duration
	workers     uint64
	markdown    string
	strict      bool
}

func main() {
	var cfg config
	flag.IntVar(&cfg.enterprises, "enterprises", 10000, "enterprises in the synthetic park")
	flag.Int64Var(&cfg.seed, "seed", 1, "seed of the synthetic park")
	flag.DurationVar(&cfg.duration, "duration", 5*time.Second, "length of each of the two attacks per page")
	flag.Uint64Var(&cfg.workers, "workers", 32, "concurrent workers for the maximum-rate attack")
	flag.StringVar(&cfg.markdown, "markdown", "", "also write the table, with date and machine, to this Markdown file")
	flag.BoolVar(&cfg.strict, "strict", false, "exit with status 1 when a page misses a target")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rows, err := run(ctx, cfg, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
	fmt.Println()
	printTable(os.Stdout, rows)
	if cfg.markdown != "" {
		if err := writeMarkdown(cfg, rows); err != nil {
			fmt.Fprintln(os.Stderr, "loadbench:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "wrote %s\n", cfg.markdown)
	}
	if cfg.strict && !allMet(rows) {
		os.Exit(1)
	}
}

// row is one page's results.
type row struct {
	name       string
	path       string
	maxRate    float64 // successful requests per second at the maximum rate
	ratio      float64 // maxRate against the floor's
	p50, p99   time.Duration
	nonSuccess int // responses that were not 2xx (or failed), in both attacks
	floor      bool
}

func (r row) met() bool {
	return r.nonSuccess == 0 && (r.floor || r.ratio >= minRatioToFloor && r.p99 <= maxP99)
}

func allMet(rows []row) bool {
	for _, r := range rows {
		if !r.met() {
			return false
		}
	}
	return true
}

func run(ctx context.Context, cfg config, logw io.Writer) ([]row, error) {
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }

	dir, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	start := time.Now()
	var doc bytes.Buffer
	if err := demo.Generate(&doc, cfg.enterprises, cfg.seed); err != nil {
		return nil, fmt.Errorf("generating the park: %w", err)
	}
	logf("generated a park of %d enterprises (%.1f MB) in %s", cfg.enterprises, float64(doc.Len())/1e6, time.Since(start).Round(time.Millisecond))

	s, err := store.Open(ctx, filepath.Join(dir, "portal.db"))
	if err != nil {
		return nil, err
	}
	defer s.Close()
	res, err := s.Import(ctx, &doc, store.ImportOptions{})
	if err != nil {
		return nil, fmt.Errorf("importing the park: %w", err)
	}
	logf("imported %d records in %s", res.Total, res.Duration.Round(time.Millisecond))

	key := make([]byte, 32)
	rand.Read(key)
	srv, err := web.New(web.Config{
		Store:      s,
		Logger:     slog.New(slog.NewTextHandler(logw, &slog.HandlerOptions{Level: slog.LevelWarn})),
		SessionKey: key,
		Site:       views.Site{Name: "园区党建工作平台", ParkName: "株洲高新区（天元区）", ParkBrand: "跟党一起创业"},
	})
	if err != nil {
		return nil, err
	}
	serveCtx, stopServer := context.WithCancel(ctx)
	addrc := make(chan net.Addr, 1)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe(serveCtx, "127.0.0.1:0", func(a net.Addr) { addrc <- a }) }()
	defer func() {
		stopServer()
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			logf("server: %v", err)
		}
	}()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a.String()
	case err := <-errc:
		return nil, fmt.Errorf("starting the server: %w", err)
	}
	logf("serving on %s", base)

	pages, err := choosePages(base)
	if err != nil {
		return nil, err
	}
	return measure(ctx, base, pages, cfg, logf)
}

type page struct{ name, path string }

// choosePages lists the pages to measure, /healthz (the floor) first; one
// brand page and the latest annual report are found by following links.
func choosePages(base string) ([]page, error) {
	brand, err := firstLink(base+"/brands", regexp.MustCompile(`href="(/brands/[^"/?#]+)"`))
	if err != nil {
		return nil, fmt.Errorf("finding a brand page: %w", err)
	}
	years, err := links(base+"/reports", regexp.MustCompile(`href="/reports/(\d{4})"`))
	if err != nil || len(years) == 0 {
		return nil, fmt.Errorf("finding the latest annual report: %v (%d years)", err, len(years))
	}
	slices.SortFunc(years, func(a, b string) int { return strings.Compare(b, a) })
	return []page{
		{"health (floor)", "/healthz"},
		{"home", "/"},
		{"brand list", "/brands"},
		{"one brand", brand},
		{"annual report", "/reports/" + years[0]},
	}, nil
}

func firstLink(url string, re *regexp.Regexp) (string, error) {
	ls, err := links(url, re)
	if err != nil {
		return "", err
	}
	if len(ls) == 0 {
		return "", fmt.Errorf("no link matching %s on %s", re, url)
	}
	return ls[0], nil
}

// links fetches a page and returns the first group of every match of re.
func links(url string, re *regexp.Regexp) ([]string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", url, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range re.FindAllSubmatch(b, -1) {
		out = append(out, string(m[1]))
	}
	return out, nil
}

// rounds is how many slices the maximum-rate attack of each page is cut
// into. The slices of all pages are interleaved, so that a burst of other
// work on the machine hits every page alike, and each page's ratio to the
// floor is the median of its ratios within a round.
const rounds = 5

// measure attacks every page twice: at the maximum rate a fixed pool of
// workers reaches (in interleaved rounds), then at half that rate for
// latency. pages[0] is the floor.
func measure(ctx context.Context, base string, pages []page, cfg config, logf func(string, ...any)) ([]row, error) {
	targets := make([]vegeta.Targeter, len(pages))
	rows := make([]row, len(pages))
	for i, p := range pages {
		// Like a browser, ask for gzip; setting the header ourselves also
		// keeps the client from spending the shared CPU on decompressing.
		targets[i] = vegeta.NewStaticTargeter(vegeta.Target{
			Method: http.MethodGet, URL: base + p.path,
			Header: http.Header{"Accept-Encoding": {"gzip"}},
		})
		rows[i] = row{name: p.name, path: p.path, floor: i == 0}
		// The first, uncached rendering, alone.
		start := time.Now()
		resp, err := http.Get(base + p.path)
		if err != nil {
			return nil, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			rows[i].nonSuccess++
		}
		logf("%-14s first response %s in %s", p.path, resp.Status, ms(time.Since(start)))
		// Warm up: open connections, settle the cache.
		m, err := attack(targets[i], vegeta.Rate{Freq: 50, Per: time.Second}, 500*time.Millisecond, cfg.workers, cfg.workers)
		if err != nil {
			return nil, err
		}
		rows[i].nonSuccess += nonSuccess(m)
	}

	slice := cfg.duration / rounds
	rates := make([][]float64, len(pages))  // per page, per round
	ratios := make([][]float64, len(pages)) // per page, per round
	for round := range rounds {
		for i := range pages {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			m, err := attack(targets[i], vegeta.Rate{Freq: 0}, slice, cfg.workers, cfg.workers)
			if err != nil {
				return nil, err
			}
			rows[i].nonSuccess += nonSuccess(m)
			rates[i] = append(rates[i], m.Throughput)
			ratios[i] = append(ratios[i], m.Throughput/rates[0][round])
		}
	}

	for i := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := &rows[i]
		r.maxRate, r.ratio = median(rates[i]), median(ratios[i])
		half := max(int(r.maxRate/2), 1)
		m, err := attack(targets[i], vegeta.Rate{Freq: half, Per: time.Second}, cfg.duration, 8, 10*cfg.workers)
		if err != nil {
			return nil, err
		}
		r.p50, r.p99 = m.Latencies.P50, m.Latencies.P99
		r.nonSuccess += nonSuccess(m)
		logf("%-14s %8.0f req/s (%.2f of the floor)   at %d req/s: p50 %s, p99 %s   non-2xx %d",
			r.path, r.maxRate, r.ratio, half, ms(r.p50), ms(r.p99), r.nonSuccess)
	}
	return rows, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func attack(target vegeta.Targeter, pacer vegeta.Pacer, d time.Duration, workers, maxWorkers uint64) (*vegeta.Metrics, error) {
	a := vegeta.NewAttacker(
		vegeta.Workers(workers),
		vegeta.MaxWorkers(maxWorkers),
		vegeta.KeepAlive(true),
		vegeta.Redirects(vegeta.NoFollow),
		vegeta.Timeout(10*time.Second),
	)
	var m vegeta.Metrics
	for res := range a.Attack(target, pacer, d, "loadbench") {
		m.Add(res)
	}
	m.Close()
	if m.Requests == 0 {
		return nil, errors.New("the attack sent no request")
	}
	return &m, nil
}

// nonSuccess counts the responses outside 2xx, failed requests included
// (vegeta records those with code 0).
func nonSuccess(m *vegeta.Metrics) int {
	n := 0
	for code, count := range m.StatusCodes {
		if c, _ := strconv.Atoi(code); c < 200 || c > 299 {
			n += count
		}
	}
	return n
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func verdict(r row) string {
	if r.floor {
		return "—"
	}
	if r.met() {
		return "yes"
	}
	var why []string
	if r.ratio < minRatioToFloor {
		why = append(why, "throughput")
	}
	if r.p99 > maxP99 {
		why = append(why, "p99")
	}
	if r.nonSuccess > 0 {
		why = append(why, "errors")
	}
	return "NO (" + strings.Join(why, ", ") + ")"
}

func printTable(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "page\tpath\treq/s (max)\tvs floor\tp50 @ half\tp99 @ half\tnon-2xx\ttarget met\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.2f\t%s\t%s\t%d\t%s\t\n", r.name, r.path, r.maxRate, r.ratio, ms(r.p50), ms(r.p99), r.nonSuccess, verdict(r))
	}
	tw.Flush()
}

func writeMarkdown(cfg config, rows []row) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Public-site load benchmark\n\n")
	fmt.Fprintf(&b, "Latest run: %s, on a machine with %d CPU cores (%s/%s, %s); the load generator ran in the same process as the server.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	fmt.Fprintf(&b, "A synthetic park of %d enterprises (`demo.Generate`, seed %d) imported into a fresh SQLite database; the real server on 127.0.0.1. "+
		"For each page, vegeta first sends as fast as %d workers can for %s (maximum throughput), then paces at half that rate for %s (latency).\n\n",
		cfg.enterprises, cfg.seed, cfg.workers, cfg.duration, cfg.duration)
	fmt.Fprintf(&b, "Targets: every public page reaches at least %.1f× the requests per second of `/healthz` (the floor: routing, middleware and the network stack, no page), "+
		"its p99 latency at half its maximum rate is at most %s, and no response is other than 2xx.\n\n", minRatioToFloor, maxP99)
	b.WriteString("| page | path | requests/s (max) | ratio to floor | p50 at half rate | p99 at half rate | non-2xx | target met |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | `%s` | %.0f | %.2f | %s | %s | %d | %s |\n", r.name, r.path, r.maxRate, r.ratio, ms(r.p50), ms(r.p99), r.nonSuccess, verdict(r))
	}
	b.WriteString("\n## Rerun\n\n```sh\nmake bench-load        # or: go run ./cmd/loadbench -markdown docs/benchmarks.md\n```\n\n")
	b.WriteString("It takes about a minute and a half and rewrites this file. `-enterprises`, `-duration` and `-workers` change the run; " +
		"`-strict` makes it exit with status 1 when a page misses a target. Numbers move with the machine's other load: compare ratios, not absolute rates.\n")
	return os.WriteFile(cfg.markdown, []byte(b.String()), 0o644)
}
