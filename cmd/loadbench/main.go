// Command loadbench measures the portal under load: it generates a
// synthetic park (10,000 enterprises, 100,000 activities, 30,000 members by
// default), imports it into a temporary database, starts the real portal
// server on 127.0.0.1 (in processes of their own) and, with vegeta,
// measures every GET route of the portal's router: warm (served from the
// caches) and cold (the caches off, every request rendered as the first
// after a change), each against /healthz in the same seconds, the cold
// latency at half the cold maximum, each export's time, and each page's
// cost on a park of a tenth of the activities. Then the write paths and
// the public pages while filings are published. It prints the tables and,
// with -markdown, writes them to a file (docs/benchmarks.md). Then the
// same park copied into PostgreSQL, served by two portals behind nginx as
// docs/deploy.md deploys it, its pages and writes measured the same way
// beside SQLite's (postgres.go, engines.go). All traffic stays on
// 127.0.0.1.
//
//	go run ./cmd/loadbench [-enterprises 10000] [-duration 1.2s] [-only pages] [-routes regexp] [-markdown docs/benchmarks.md]
package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// config is the command line.
type config struct {
	enterprises   int
	parks         int // the district's parks: the measured one and others of its size
	seed          int64
	duration      time.Duration // each attack on a page
	writeDuration time.Duration // each attack of the write and publishing measurements
	workers       uint64
	markdown      string
	strict        bool
	parts         parts
	only          string
	routes        *regexp.Regexp // the pages measured, by route or URL; nil for all
}

// parts are what a run measures.
type parts struct{ warm, cold, scaling, exports, writes, publishing, postgres bool }

var partNames = []string{"warm", "cold", "scaling", "exports", "writes", "publishing", "postgres"}

// parseParts reads -only: a comma-separated list of parts, "pages" for
// warm, cold and scaling; empty for all. Scaling compares cold costs, so
// it measures cold too. postgres measures the other parts chosen of warm,
// cold, exports and writes again on PostgreSQL, beside SQLite's; alone,
// it means those four.
func parseParts(only string) (parts, error) {
	if only == "" {
		return parts{true, true, true, true, true, true, true}, nil
	}
	var p parts
	for _, name := range strings.Split(only, ",") {
		switch strings.TrimSpace(name) {
		case "pages":
			p.warm, p.cold, p.scaling = true, true, true
		case "warm":
			p.warm = true
		case "cold":
			p.cold = true
		case "scaling":
			p.scaling, p.cold = true, true
		case "exports":
			p.exports = true
		case "writes":
			p.writes = true
		case "publishing":
			p.publishing = true
		case "postgres":
			p.postgres = true
		default:
			return parts{}, fmt.Errorf("-only takes pages or %s, comma-separated, not %q", strings.Join(partNames, ", "), name)
		}
	}
	if p.postgres && !p.warm && !p.cold && !p.exports && !p.writes {
		p.warm, p.cold, p.exports, p.writes = true, true, true, true
	}
	return p, nil
}

func (p parts) pages() bool { return p.warm || p.cold }

func main() {
	var cfg config
	var routes string
	flag.IntVar(&cfg.enterprises, "enterprises", 10000, "enterprises in the synthetic park (10 activities and 3 members each)")
	flag.IntVar(&cfg.parks, "parks", 5, "parks in the district the measured park is the first of, each of its size")
	flag.Int64Var(&cfg.seed, "seed", 1, "seed of the synthetic park")
	flag.DurationVar(&cfg.duration, "duration", 1200*time.Millisecond, "length of each attack on a page (warm, cold, latency), cut into 3 interleaved slices")
	flag.DurationVar(&cfg.writeDuration, "write-duration", 5*time.Second, "length of each attack of the write and publishing measurements")
	flag.Uint64Var(&cfg.workers, "workers", 32, "concurrent workers for the maximum-rate attacks")
	flag.StringVar(&cfg.markdown, "markdown", "", "also write the tables, with date and machine, to this Markdown file (not with -only or -routes)")
	flag.BoolVar(&cfg.strict, "strict", false, "exit with status 1 when a page misses a target")
	flag.StringVar(&cfg.only, "only", "", "measure only these parts, comma-separated: pages (= warm,cold,scaling), "+strings.Join(partNames, ", "))
	flag.StringVar(&routes, "routes", "", "measure only the pages whose route or URL matches this regular expression (the floor always)")
	flag.Parse()
	var err error
	if cfg.parts, err = parseParts(cfg.only); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(2)
	}
	if routes != "" {
		if cfg.routes, err = regexp.Compile(routes); err != nil {
			fmt.Fprintln(os.Stderr, "loadbench: -routes:", err)
			os.Exit(2)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if db := os.Getenv(serveEnv); db != "" {
		if err := serve(ctx, db); err != nil {
			fmt.Fprintln(os.Stderr, "loadbench server:", err)
			os.Exit(1)
		}
		return
	}
	start := time.Now()
	res, err := run(ctx, cfg, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
	res.took = time.Since(start)
	fmt.Println()
	printResults(os.Stdout, res)
	if cfg.markdown != "" {
		if cfg.only != "" || cfg.routes != nil {
			fmt.Fprintf(os.Stderr, "loadbench: a partial run (-only, -routes) does not write %s\n", cfg.markdown)
		} else {
			if err := writeMarkdown(cfg, res); err != nil {
				fmt.Fprintln(os.Stderr, "loadbench:", err)
				os.Exit(1)
			}
			fmt.Fprintf(os.Stderr, "wrote %s\n", cfg.markdown)
		}
	}
	if cfg.strict && !res.met() {
		os.Exit(1)
	}
}

// results are one run's measurements.
type results struct {
	parts        parts
	large, small park
	pages        []row // the floor first
	writes       []writeRow
	lost         int // acknowledged writes missing afterwards, on SQLite
	pgWrites     postgresWrites
	pub          publishing
	// The share of CPU time the host took for other guests during each
	// part (steal.go), -1 when unknown or not measured.
	pagesSteal, scalingSteal, writesSteal, pubSteal, pgSteal float64
	took                                                     time.Duration
	loadBefore                                               string // /proc/loadavg's first three figures
}

func (r results) met() bool {
	for _, p := range r.pages {
		if !p.met() || len(p.engineMisses()) > 0 {
			return false
		}
	}
	return (!r.parts.writes || (writesMet(r.writes) && r.lost == 0)) && (!r.parts.publishing || r.pub.met()) &&
		(!r.parts.postgres || !r.parts.writes || r.pgWrites.met())
}

func writesMet(rows []writeRow) bool {
	for _, w := range rows {
		if !w.met() {
			return false
		}
	}
	return true
}

func run(ctx context.Context, cfg config, logw io.Writer) (results, error) {
	start := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(logw, "%6.0fs  "+format+"\n", append([]any{time.Since(start).Seconds()}, args...)...)
	}
	res := results{parts: cfg.parts, pagesSteal: -1, scalingSteal: -1, writesSteal: -1, pubSteal: -1, pgSteal: -1, loadBefore: loadAverage()}
	dir, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	key := make([]byte, 32)
	rand.Read(key)
	keep := func(route, path string) bool {
		return cfg.routes == nil || cfg.routes.MatchString(route) || cfg.routes.MatchString(path)
	}

	if err := os.Mkdir(filepath.Join(dir, "large"), 0o700); err != nil {
		return res, err
	}
	if res.large, err = makePark(ctx, filepath.Join(dir, "large"), parkSetup{enterprises: cfg.enterprises, seed: cfg.seed, sizes: parkSizes,
		secretaries: filingSecretaries, filings: publishFilings, others: cfg.parks - 1}, logf); err != nil {
		return res, err
	}
	// The same park on PostgreSQL, copied before anything is written to
	// either: both engines serve the same records.
	var pg *deployment
	if cfg.parts.postgres {
		if pg, err = deploy(ctx, res.large.db, key, cfg.parts.cold, logw, logf); err != nil {
			return res, fmt.Errorf("the park on PostgreSQL: %w", err)
		}
		defer pg.stop()
	}
	warm, stopWarm, err := startServer(ctx, res.large.db, key, false, logw)
	if err != nil {
		return res, err
	}
	defer stopWarm()
	cold, stopCold := "", func() {}
	if cfg.parts.cold {
		if cold, stopCold, err = startServer(ctx, res.large.db, key, true, logw); err != nil {
			return res, err
		}
		defer stopCold()
	}
	logf("serving on %s (warm) and %s (cold), processes of their own", warm, cold)
	who, err := signInAll(warm, res.large)
	if err != nil {
		return res, err
	}
	if cfg.parts.pages() || cfg.parts.exports {
		pages, err := plan(ctx, warm, res.large.routes, res.large.site, who, keep, logf)
		if err != nil {
			return res, err
		}
		steal := startSteal()
		if res.pages, err = measurePages(ctx, servers{warm: warm, cold: cold}, pages,
			pageModes{warm: cfg.parts.warm, cold: cfg.parts.cold, paced: true}, cfg, logf); err != nil {
			return res, err
		}
		if cfg.parts.pages() {
			res.pagesSteal = steal.share()
		}
		if cfg.parts.exports {
			if err := measureExports(ctx, warm, res.pages, logf); err != nil {
				return res, err
			}
		}
		if pg != nil {
			if err := measurePostgresPages(ctx, pg, &res, cfg, keep, logf); err != nil {
				return res, err
			}
		}
	}
	stopCold()

	if cfg.parts.writes {
		steal := startSteal()
		if res.writes, res.lost, err = measureCheckedWrites(ctx, warm, res.large.db, who[staff], writeLoad{staffSavers, maxStaffSaveP99}, res.large, cfg, nil, logf); err != nil {
			return res, err
		}
		res.writesSteal = steal.share()
	}
	if cfg.parts.publishing {
		site := res.large.site
		public := []page{{route: floorPath, path: floorPath, kind: floorPage}, {route: "/", path: sitePath(site, "/")}, {route: "/programs/:slug", path: sitePath(site, publishedProgrammePage)}}
		steal := startSteal()
		if res.pub, err = measurePublishing(ctx, warm, who[staff], public, cfg, logf); err != nil {
			return res, err
		}
		res.pubSteal = steal.share()
	}
	stopWarm()
	if pg != nil && cfg.parts.writes {
		if err := measurePostgresWrites(ctx, pg, &res, cfg, logf); err != nil {
			return res, err
		}
	}
	if pg != nil {
		pg.stop()
	}

	if cfg.parts.scaling {
		if err := measureScaling(ctx, dir, key, &res, cfg, keep, logw, logf); err != nil {
			return res, err
		}
	}
	return res, nil
}

// measureScaling measures every page cold on a park of a tenth of the
// activities, the same enterprises and members, and keeps its cold ratio
// beside the large park's.
func measureScaling(ctx context.Context, dir string, key []byte, res *results, cfg config, keep func(route, path string) bool, logw io.Writer, logf func(string, ...any)) error {
	small := filepath.Join(dir, "small")
	if err := os.Mkdir(small, 0o700); err != nil {
		return err
	}
	var err error
	if res.small, err = makePark(ctx, small, parkSetup{enterprises: cfg.enterprises, seed: cfg.seed, sizes: smallParkSizes,
		// the large park's accounts and filings as they were when its
		// pages were measured: the parks differ in their activities only
		secretaries: filingSecretaries, filings: publishFilings, others: cfg.parks - 1}, logf); err != nil {
		return err
	}
	cold, stop, err := startServer(ctx, res.small.db, key, true, logw)
	if err != nil {
		return err
	}
	defer stop()
	who, err := signInAll(cold, res.small)
	if err != nil {
		return err
	}
	pages, err := plan(ctx, cold, res.small.routes, res.small.site, who, keep, logf)
	if err != nil {
		return err
	}
	steal := startSteal()
	rows, err := measurePages(ctx, servers{cold: cold}, pages, pageModes{cold: true}, cfg, logf)
	if err != nil {
		return err
	}
	res.scalingSteal = steal.share()
	for i := range res.pages {
		r := &res.pages[i]
		j := slices.IndexFunc(rows, func(s row) bool { return s.name() == r.name() })
		if j < 0 || !r.cold {
			continue
		}
		r.scaled, r.smallRatio = true, rows[j].coldRatio
		r.nonSuccess += rows[j].nonSuccess
	}
	return nil
}

// signInAll signs in staff, the first secretary and the administrator of
// park p on base.
func signInAll(base string, p park) (sessions, error) {
	who := sessions{}
	for _, a := range []struct {
		role           role
		name, password string
	}{
		{staff, staffName, p.password},
		{secretary, fmt.Sprintf(secretaryNamePattern, 0), secretaryPassword},
		{admin, adminName, p.password},
	} {
		cookie, err := signIn(base, a.name, a.password)
		if err != nil {
			return nil, fmt.Errorf("signing in as %s: %w", a.role, err)
		}
		who[a.role] = cookie
	}
	return who, nil
}

// ratioText is a ratio for the tables; a dash where not measured.
func ratioText(measured bool, format string, v float64) string {
	if !measured {
		return "—"
	}
	return fmt.Sprintf(format, v)
}

func (r row) warmText() string   { return ratioText(r.warm, "%.2f", r.warmRatio) }
func (r row) coldText() string   { return ratioText(r.cold, "%.3f", r.coldRatio) }
func (r row) growthText() string { return ratioText(r.scaled, "%.2f", r.costGrowth()) }
func (r row) p99Text() string {
	if !r.cold {
		return "—"
	}
	return ms(r.p99)
}

// verdict is "yes", "—" for the floor, or "NO (what missed)".
func (r row) verdict() string {
	if m := r.misses(); len(m) > 0 {
		return "NO (" + strings.Join(m, ", ") + ")"
	}
	if r.kind == floorPage {
		return "—"
	}
	return "yes"
}

func printResults(w io.Writer, res results) {
	if res.parts.pages() {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "page\tas\twarm req/s\twarm ratio\tcold req/s\tcold ratio\tcold p99 @ half\tcost %s/%s\tnon-2xx\ttarget met\t\n",
			thousands(res.large.activities), thousands(res.small.activities))
		for _, r := range res.pages {
			if r.kind == export {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t%s\t%.0f\t%s\t%s\t%s\t%d\t%s\t\n", r.name(), r.role, r.warmRate, r.warmText(), r.coldRate, r.coldText(),
				r.p99Text(), r.growthText(), r.nonSuccess, r.verdict())
		}
		tw.Flush()
		fmt.Fprintf(w, "%s\n\n", missSummary(res.pages))
	}
	if res.parts.exports {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "export\tmedian\tslowest\tnon-2xx\ttarget met\t")
		for _, r := range res.pages {
			if r.kind == export {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t\n", r.name(), ms(r.exportTime()), ms(slices.Max(r.exportTimes)), r.nonSuccess, r.verdict())
			}
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	if res.parts.writes {
		printWrites(w, res.writes)
		fmt.Fprintln(w)
	}
	if res.parts.publishing {
		printPublishing(w, res.pub)
	}
	if res.parts.postgres {
		printEngines(w, res)
	}
	fmt.Fprintf(w, "CPU time taken by the host for other guests: pages %s, scaling %s, writes %s, publishing %s, PostgreSQL %s; run took %s\n",
		stealText(res.pagesSteal), stealText(res.scalingSteal), stealText(res.writesSteal), stealText(res.pubSteal), stealText(res.pgSteal), res.took.Round(time.Second))
}

// missSummary counts the pages that miss each target.
func missSummary(rows []row) string {
	count := map[string]int{}
	pages, missed := 0, 0
	for _, r := range rows {
		if r.kind == floorPage {
			continue
		}
		pages++
		m := r.misses()
		if len(m) > 0 {
			missed++
		}
		for _, t := range m {
			count[t]++
		}
	}
	if missed == 0 {
		return fmt.Sprintf("Every one of %d pages and exports meets its targets.", pages)
	}
	var parts []string
	for _, t := range []string{"warm", "cold", "p99", "half rate not sustained", "scaling", "export time", "errors"} {
		if count[t] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", t, count[t]))
		}
	}
	return fmt.Sprintf("%d of %d pages and exports miss a target (%s).", missed, pages, strings.Join(parts, ", "))
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}

// loadAverage is the machine's load average over 1, 5 and 15 minutes,
// "unknown" where there is none (not Linux).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}
