// Command loadbench measures the public site under load: it generates a
// synthetic park (10,000 enterprises by default), imports it into a
// temporary database, starts the real portal server on 127.0.0.1 (in a
// process of its own) and, with vegeta, finds each page's maximum
// throughput and then its latency at half that rate. It prints one table
// and, with -markdown, writes it to a file (docs/benchmarks.md). All traffic
// stays on 127.0.0.1.
//
//	go run ./cmd/loadbench [-enterprises 10000] [-duration 5s] [-workers 32] [-markdown docs/benchmarks.md]
package main

import (
	"bufio"
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
	"os/exec"
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

// The targets every page should meet on the 2-core reference machine.
const (
	minRatioToFloor      = 0.5                   // a public page's max throughput against /healthz's
	minStaffRatioToFloor = 0.3                   // a signed-in staff page's
	maxP99               = 50 * time.Millisecond // at half the page's max rate
)

// config is the command line.
type config struct {
	enterprises int
	seed        int64
	duration    time.Duration
	workers     uint64
	markdown    string
	strict      bool
	only        string // "writes" or "publishing": that part alone, for working on it
}

func main() {
	var cfg config
	flag.IntVar(&cfg.enterprises, "enterprises", 10000, "enterprises in the synthetic park")
	flag.Int64Var(&cfg.seed, "seed", 1, "seed of the synthetic park")
	flag.DurationVar(&cfg.duration, "duration", 5*time.Second, "length of each of the two attacks per page")
	flag.Uint64Var(&cfg.workers, "workers", 32, "concurrent workers for the maximum-rate attack")
	flag.StringVar(&cfg.markdown, "markdown", "", "also write the table, with date and machine, to this Markdown file")
	flag.BoolVar(&cfg.strict, "strict", false, "exit with status 1 when a page misses a target")
	flag.StringVar(&cfg.only, "only", "", `"writes" or "publishing" measures that part alone (and writes no -markdown)`)
	flag.Parse()
	if cfg.only != "" && cfg.only != "writes" && cfg.only != "publishing" {
		fmt.Fprintln(os.Stderr, `loadbench: -only takes "writes" or "publishing"`)
		os.Exit(2)
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
	res, err := run(ctx, cfg, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
	fmt.Println()
	switch cfg.only {
	case "writes":
		printWrites(os.Stdout, res.writes)
		fmt.Printf("CPU time taken by the host for other guests meanwhile: %s\n", stealText(res.writesSteal))
		if cfg.strict && !writesMet(res.writes) {
			os.Exit(1)
		}
		return
	case "publishing":
		printPublishing(os.Stdout, res.pub)
		fmt.Printf("CPU time taken by the host for other guests meanwhile: %s\n", stealText(res.pubSteal))
		if cfg.strict && !res.pub.met() {
			os.Exit(1)
		}
		return
	}
	printTable(os.Stdout, res.pages)
	fmt.Println()
	printWrites(os.Stdout, res.writes)
	fmt.Println()
	printPublishing(os.Stdout, res.pub)
	fmt.Printf("CPU time taken by the host for other guests: pages %s, writes %s, publishing %s\n",
		stealText(res.pagesSteal), stealText(res.writesSteal), stealText(res.pubSteal))
	if cfg.markdown != "" {
		if err := writeMarkdown(cfg, res); err != nil {
			fmt.Fprintln(os.Stderr, "loadbench:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "wrote %s\n", cfg.markdown)
	}
	if cfg.strict && !res.met() {
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
	nonSuccess int     // responses that were not 2xx (or failed), in both attacks
	pacedRate  float64 // the rate the latency attack reached
	floor      bool
	staff      bool // a signed-in staff page
	secretary  bool // a secretary's page: their own organisation's, rendered per request
}

// minRatio is the row's target ratio to the floor.
func (r row) minRatio() float64 {
	if r.secretary {
		return 0 // no throughput target: a park has dozens of secretaries, not thousands of visitors
	}
	if r.staff {
		return minStaffRatioToFloor
	}
	return minRatioToFloor
}

// sustained reports whether the latency attack kept to half the maximum
// rate; with a bounded number of workers, a server that stalls slows the
// attack down instead of showing in the latencies.
func (r row) sustained() bool { return r.pacedRate >= 0.95*float64(max(int(r.maxRate/2), 1)) }

func (r row) met() bool {
	return r.nonSuccess == 0 && (r.floor || r.ratio >= r.minRatio() && r.p99 <= maxP99 && r.sustained())
}

func allMet(rows []row) bool {
	for _, r := range rows {
		if !r.met() {
			return false
		}
	}
	return true
}

// results are one run's measurements.
type results struct {
	pages  []row
	writes []writeRow
	pub    publishing
	// The share of CPU time the host took for other guests during each
	// part (steal.go), -1 when unknown.
	pagesSteal, writesSteal, pubSteal float64
}

func (r results) met() bool {
	return writesMet(r.writes) && allMet(r.pages) && r.pub.met()
}

func writesMet(rows []writeRow) bool {
	for _, w := range rows {
		if !w.met() {
			return false
		}
	}
	return true
}

// parkSizes make the synthetic park a district's: 10 activities and 3
// members per enterprise (100,000 and 30,000 for 10,000 enterprises).
var parkSizes = demo.Sizes{MembersPerEnterprise: 3, ActivitiesPerEnterprise: 10}

func run(ctx context.Context, cfg config, logw io.Writer) (results, error) {
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }

	dir, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return results{}, err
	}
	defer os.RemoveAll(dir)

	start := time.Now()
	var doc bytes.Buffer
	if err := demo.GenerateSized(&doc, cfg.enterprises, cfg.seed, parkSizes); err != nil {
		return results{}, fmt.Errorf("generating the park: %w", err)
	}
	logf("generated a park of %d enterprises (%.1f MB) in %s", cfg.enterprises, float64(doc.Len())/1e6, time.Since(start).Round(time.Millisecond))

	db := filepath.Join(dir, "portal.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		return results{}, err
	}
	imported, err := s.Import(ctx, &doc, store.ImportOptions{})
	if err != nil {
		s.Close()
		return results{}, fmt.Errorf("importing the park: %w", err)
	}
	password := rand.Text()
	if _, err := s.CreateUser(ctx, store.Actor{Username: "loadbench"}, store.NewUser{Username: "bench-staff", Role: store.RoleStaff, Password: password}); err != nil {
		s.Close()
		return results{}, err
	}
	filed := time.Now()
	firstFiling, err := submitFilings(ctx, s, publishFilings)
	if err != nil {
		s.Close()
		return results{}, fmt.Errorf("filing for review: %w", err)
	}
	secretaryEnts, err := addSecretaries(ctx, s, filingSecretaries)
	if err != nil {
		s.Close()
		return results{}, err
	}
	if err := s.Close(); err != nil {
		return results{}, err
	}
	logf("imported %d records in %s; submitted %d filings for review in %s", imported.Total, imported.Duration.Round(time.Millisecond),
		publishFilings, time.Since(filed).Round(time.Millisecond))

	base, stopServer, err := startServer(ctx, db, logw)
	if err != nil {
		return results{}, err
	}
	defer stopServer()
	logf("serving on %s (process of its own)", base)

	pages, err := choosePages(base)
	if err != nil {
		return results{}, err
	}
	cookie, err := signIn(base, "bench-staff", password)
	if err != nil {
		return results{}, fmt.Errorf("signing in as staff: %w", err)
	}
	for _, p := range staffPages {
		p.cookie = cookie
		pages = append(pages, p)
	}
	secCookie, err := signIn(base, fmt.Sprintf(secretaryNamePattern, 0), secretaryPassword)
	if err != nil {
		return results{}, fmt.Errorf("signing in as a secretary: %w", err)
	}
	firstSecretaryPage := len(pages)
	for _, p := range []page{
		{name: "secretary: workspace", path: "/org"},
		{name: "secretary: activity form", path: "/org/activities/new"},
		{name: "secretary: a filing", path: fmt.Sprintf("/org/filings/%d", firstFiling)},
	} {
		p.cookie = secCookie
		pages = append(pages, p)
	}
	var res results
	public := []page{pages[0], {name: "home", path: "/"}, {name: "programme", path: publishedProgrammePage}}
	res.pagesSteal, res.writesSteal, res.pubSteal = -1, -1, -1
	switch cfg.only {
	case "writes":
		steal := startSteal()
		res.writes, err = measureWrites(ctx, base, cookie, cfg.enterprises, secretaryEnts, cfg, logf)
		res.writesSteal = steal.share()
		return res, err
	case "publishing":
		steal := startSteal()
		res.pub, err = measurePublishing(ctx, base, cookie, public, cfg, logf)
		res.pubSteal = steal.share()
		return res, err
	}
	steal := startSteal()
	if res.pages, err = measure(ctx, base, pages, cfg, logf); err != nil {
		return results{}, err
	}
	res.pagesSteal = steal.share()
	for i := firstSecretaryPage; i < len(res.pages); i++ {
		res.pages[i].secretary = true
	}
	steal = startSteal()
	if res.writes, err = measureWrites(ctx, base, cookie, cfg.enterprises, secretaryEnts, cfg, logf); err != nil {
		return results{}, err
	}
	res.writesSteal = steal.share()
	steal = startSteal()
	res.pub, err = measurePublishing(ctx, base, cookie, public, cfg, logf)
	res.pubSteal = steal.share()
	return res, err
}

// serveEnv names the database a child loadbench process serves. The server
// runs in a process of its own so that the load generator's garbage does
// not slow the server's garbage collector, as it would in a shared heap.
const serveEnv = "LOADBENCH_SERVE_DB"

// startServer starts this program again as the server over db and returns
// its base URL and a func that stops it. The child stops when its stdin
// closes, so it never outlives this process.
func startServer(ctx context.Context, db string, logw io.Writer) (string, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), serveEnv+"="+db)
	cmd.Stderr = logw
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		stop()
		return "", nil, fmt.Errorf("the server process did not start (%q, %v)", line, err)
	}
	return "http://" + addr, stop, nil
}

// serve is the child process: the real portal over db on 127.0.0.1:0,
// until stdin closes.
func serve(ctx context.Context, db string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	s, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	key := make([]byte, 32)
	rand.Read(key)
	srv, err := web.New(web.Config{
		Store:      s,
		Logger:     slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		SessionKey: key,
		Site:       views.Site{Name: "园区党建工作平台", ParkName: "株洲高新区（天元区）", ParkBrand: "跟党一起创业"},
		// The filing measurement posts hundreds a second per secretary:
		// it measures the writer, not the per-account limit.
		WriteLimit: 1 << 30,
	})
	if err != nil {
		return err
	}
	err = srv.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { fmt.Printf("listening %s\n", a) })
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

type page struct{ name, path, cookie string }

// staffPages are the staff workspace's pages measured signed in (ids of the
// generated park).
var staffPages = []page{
	{name: "staff: dashboard", path: "/workbench"},
	{name: "staff: enterprise ledger", path: "/workbench/enterprises"},
	{name: "staff: filtered ledger", path: "/workbench/enterprises?stage=startup&coverage=sanyou&sort=-employees"},
	{name: "staff: an enterprise", path: "/workbench/enterprises/ent-000002"},
	{name: "staff: member board", path: "/workbench/organizations/org-00001/members"},
	{name: "staff: pipeline", path: "/workbench/pipeline"},
}

// signIn signs in through the real form and returns the Cookie header of
// the session.
func signIn(base, username, password string) (string, error) {
	jar := map[string]string{}
	keep := func(res *http.Response) {
		for _, c := range res.Cookies() {
			jar[c.Name] = c.Value
		}
	}
	header := func() string {
		var parts []string
		for k, v := range jar {
			parts = append(parts, k+"="+v)
		}
		return strings.Join(parts, "; ")
	}
	res, err := http.Get(base + "/login")
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	keep(res)
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		return "", errors.New("no CSRF token on /login")
	}
	form := "_csrf=" + string(m[1]) + "&username=" + username + "&password=" + password
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", header())
	res, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("sign-in answered %s", res.Status)
	}
	keep(res)
	return header(), nil
}

// choosePages lists the pages to measure, /healthz (the floor) first, then
// every public page; one brand page, one enterprise page and the latest
// annual report are found by following links.
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
	enterprise, err := firstLink(base+brand, regexp.MustCompile(`href="(/enterprises/[^"/?#]+)"`))
	if err != nil {
		return nil, fmt.Errorf("finding an enterprise page: %w", err)
	}
	return []page{
		{name: "health (floor)", path: "/healthz"},
		{name: "home", path: "/"},
		{name: "programme", path: publishedProgrammePage},
		{name: "brand list", path: "/brands"},
		{name: "one brand", path: brand},
		{name: "one enterprise", path: enterprise},
		{name: "benchmarks", path: "/benchmarks"},
		{name: "social responsibility", path: "/responsibility"},
		{name: "report list", path: "/reports"},
		{name: "annual report", path: "/reports/" + years[0]},
		{name: "figure definitions", path: "/reports/definitions"},
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

// rounds is how many slices each attack on each page is cut into. The
// slices of all pages are interleaved, so that a burst of other work on the
// machine hits every page alike, and each page's ratio to the floor is the
// median of its ratios within a round.
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
		header := http.Header{"Accept-Encoding": {"gzip"}}
		if p.cookie != "" {
			header.Set("Cookie", p.cookie)
		}
		targets[i] = vegeta.NewStaticTargeter(vegeta.Target{Method: http.MethodGet, URL: base + p.path, Header: header})
		rows[i] = row{name: p.name, path: p.path, floor: i == 0, staff: p.cookie != ""}
		// The first, uncached rendering, alone.
		start := time.Now()
		req, _ := http.NewRequest(http.MethodGet, base+p.path, nil)
		if p.cookie != "" {
			req.Header.Set("Cookie", p.cookie)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
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

	// Latency at half each page's maximum, again in interleaved rounds; at
	// most as many requests in flight as in the maximum-rate attack.
	paced := make([]vegeta.Metrics, len(pages))
	for i := range pages {
		rows[i].maxRate, rows[i].ratio = median(rates[i]), median(ratios[i])
	}
	for range rounds {
		for i := range pages {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			half := max(int(rows[i].maxRate/2), 1)
			a, closeConns := newAttacker(cfg.workers, cfg.workers)
			for res := range a.Attack(targets[i], vegeta.Rate{Freq: half, Per: time.Second}, slice, "paced") {
				paced[i].Add(res)
			}
			closeConns()
		}
	}
	for i := range pages {
		r, m := &rows[i], &paced[i]
		m.Close()
		r.p50, r.p99 = m.Latencies.P50, m.Latencies.P99
		r.nonSuccess += nonSuccess(m)
		// Requests sent over the time given to them (m.Rate would count the
		// other pages' rounds in between).
		r.pacedRate = float64(m.Requests) / (rounds * slice).Seconds()
		logf("%-14s %8.0f req/s (%.2f of the floor)   at %.0f req/s: p50 %s, p99 %s   non-2xx %d",
			r.path, r.maxRate, r.ratio, r.pacedRate, ms(r.p50), ms(r.p99), r.nonSuccess)
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

// newAttacker returns an attacker and a func that closes its connections.
// Close them when the attack ends: vegeta opens fresh ones for each
// attacker, and the ones left open would idle on the server until its idle
// timeout (two minutes), thousands of them by the write benchmark, each a
// goroutine and two buffers that the server's collector scans on every
// cycle; a browser closes its connections, and so does the harness.
func newAttacker(workers, maxWorkers uint64) (*vegeta.Attacker, func()) {
	tr := &http.Transport{
		DialContext:         (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: int(maxWorkers),
	}
	a := vegeta.NewAttacker(
		vegeta.Client(&http.Client{Transport: tr}),
		vegeta.Workers(workers),
		vegeta.MaxWorkers(maxWorkers),
		vegeta.KeepAlive(true),
		vegeta.Redirects(vegeta.NoFollow),
		vegeta.Timeout(10*time.Second),
		// Read each body to the end but keep none of it: only the status
		// counts, and keeping bodies made the client's own cost (on the
		// cores it shares with the server) grow with the page's size.
		vegeta.MaxBody(0),
	)
	return a, tr.CloseIdleConnections
}

func attack(target vegeta.Targeter, pacer vegeta.Pacer, d time.Duration, workers, maxWorkers uint64) (*vegeta.Metrics, error) {
	a, closeConns := newAttacker(workers, maxWorkers)
	defer closeConns()
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
	if r.ratio < r.minRatio() {
		why = append(why, "throughput")
	}
	if r.p99 > maxP99 {
		why = append(why, "p99")
	}
	if !r.sustained() {
		why = append(why, "half rate not sustained")
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

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}

func writeMarkdown(cfg config, res results) error {
	rows, pub := res.pages, res.pub
	var b strings.Builder
	b.WriteString("# Load benchmark: the public site, the staff and secretary pages, the write paths\n\n")
	fmt.Fprintf(&b, "Latest run: %s, on a machine with %d CPU cores (%s/%s, %s). "+
		"Server and load generator share those cores; they run as two processes, so the generator's garbage does not burden the server's collector.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	fmt.Fprintf(&b, "**Setup.** A synthetic park of %d enterprises with %d activities and %d members (`demo.GenerateSized`, seed %d; every collection filled) imported into a fresh SQLite database; the real server (`web.New`, "+
		"`ListenAndServe`) on 127.0.0.1. Requests ask for gzip, as browsers do; public pages carry no cookie (the public, cacheable path), "+
		"staff pages the session of a staff account signed in through the real form.\n\n",
		cfg.enterprises, cfg.enterprises*parkSizes.ActivitiesPerEnterprise, cfg.enterprises*parkSizes.MembersPerEnterprise, cfg.seed)
	fmt.Fprintf(&b, "**Method.** vegeta, %d workers. Maximum throughput: as fast as the workers go, %s per page in %d interleaved slices "+
		"(so a burst of other work on the machine hits every page alike); the ratio to the floor is the median of the per-slice ratios. "+
		"Latency: paced at half the page's maximum, %s per page, again interleaved, with at most %d requests in flight; "+
		"a page that cannot keep that pace is marked \"half rate not sustained\". Bodies are read to the end and not kept, and each attack closes its connections "+
		"when it ends (left open, thousands would idle on the server and burden its collector).\n\n",
		cfg.workers, cfg.duration, rounds, cfg.duration, cfg.workers)
	fmt.Fprintf(&b, "**Targets.** Every public page reaches at least %.1f× the requests per second of `/healthz` (the floor: routing, middleware "+
		"and the network stack, no page), every staff page %.1f×; its p99 at half its maximum rate is at most %s, and every response is 2xx. "+
		"A secretary's pages show their own organisation, rendered per request (not cached): they have no throughput target, the p99 and error targets hold.\n\n",
		minRatioToFloor, minStaffRatioToFloor, maxP99)
	b.WriteString("| page | path | requests/s (max) | ratio to floor | p50 at half rate | p99 at half rate | non-2xx | target met |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | `%s` | %.0f | %.2f | %s | %s | %d | %s |\n", r.name, r.path, r.maxRate, r.ratio, ms(r.p50), ms(r.p99), r.nonSuccess, verdict(r))
	}
	fmt.Fprintf(&b, "\nCPU time the host took for other guests during these pages (steal): %s.\n", stealText(res.pagesSteal))
	fmt.Fprintf(&b, "\n## The write paths\n\nAs for the pages: the maximum with each writer posting again as soon as it is answered, for %s; "+
		"then the same writers taking turns at half that rate, for %s, each post timed from when it was due (so a late answer that delays the next post "+
		"counts against that post too). The server holds one writer connection: at the maximum the writers only queue for it, and the p99 there is "+
		"the queue (writers × a save), shown for reference; the target is the p99 at half rate, as for the pages. The staff save is the enterprise form; "+
		"the filing is a secretary's activity, submitted for review (提交审核), each secretary of another organisation.\n\n", cfg.duration, cfg.duration)
	b.WriteString("| write | path | writers | saves/s (max) | p99 at max | p50 at half rate | p99 at half rate | failed | target (p99) | met |\n|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, w := range res.writes {
		fmt.Fprintf(&b, "| %s | `%s` | %d | %.0f | %s | %s | %s | %d | %s | %s |\n", w.name, w.path, w.writers, w.rate, ms(w.maxP99), ms(w.p50), ms(w.p99), w.errors, ms(w.target), w.verdict())
	}
	fmt.Fprintf(&b, "\nSteal during the write paths: %s.\n", stealText(res.writesSteal))
	fmt.Fprintf(&b, "\n## While filings are published\n\nThe same public pages while staff publish secretaries' submitted filings at %d a second "+
		"(each publish moves the revision, so each cached page is rendered again once per publish). Maximum throughput, interleaved with the floor as above; "+
		"targets: at least %.1f× the floor, and a published activity on its programme's page within %s of the publish being answered.\n\n",
		publishRate, minPublishingRatio, maxPublishToCurrent)
	b.WriteString("| page | path | requests/s (max) | ratio to floor | p99 at max rate | non-2xx |\n|---|---|--:|--:|--:|--:|\n")
	for _, r := range pub.rows {
		fmt.Fprintf(&b, "| %s | `%s` | %.0f | %.2f | %s | %d |\n", r.name, r.path, r.maxRate, r.ratio, ms(r.p99), r.nonSuccess)
	}
	fmt.Fprintf(&b, "\nPublished %d filings (%d failed), each publish answered in p50 %s, p99 %s (under the attack above). "+
		"From a publish answered to its programme page showing it (the page's next rendering, under the same load): p50 %s, **p99 %s**. Target met: %s.\n",
		pub.published, pub.failed, ms(pub.p50Took), ms(pub.p99Took), ms(pub.p50Current), ms(pub.p99Curr), yesNo(pub.met()))
	fmt.Fprintf(&b, "\nSteal while publishing: %s.\n", stealText(res.pubSteal))
	b.WriteString("\n**Reading it.** The floor's own p99 and the steal show how quiet the machine was: when the floor's p99 is more than a few " +
		"milliseconds, or the host took more than a few per cent of the CPU time for other guests (steal, from /proc/stat), " +
		"other work competed for the two cores and the latencies above say more about that than about the pages; rerun. " +
		"Absolute rates move with the machine; the ratios move much less.\n")
	b.WriteString("\n## Rerun\n\n```sh\nmake bench-load        # or: go run ./cmd/loadbench -markdown docs/benchmarks.md\n```\n\n")
	b.WriteString("It rewrites this file. `-enterprises`, `-duration` and `-workers` change the run; " +
		"`-strict` makes it exit with status 1 when a page misses a target; `-only writes` or `-only publishing` measures that part alone " +
		"(and writes no file), for working on it.\n")
	b.WriteString("\nIt takes about three minutes. The same saves measured in-process (no network, a smaller park), and the Excel export and " +
		"import of 10,000 enterprises, are Go benchmarks (`make bench`); their latest figures are in [benchmarks-writes.md](benchmarks-writes.md).\n")
	return os.WriteFile(cfg.markdown, []byte(b.String()), 0o644)
}
