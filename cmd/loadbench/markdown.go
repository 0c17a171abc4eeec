package main

import (
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// writeMarkdown writes a full run's tables, with date, machine and method,
// to cfg.markdown (docs/benchmarks.md).
func writeMarkdown(cfg config, res results) error {
	var b strings.Builder
	b.WriteString("# Load benchmark: every page, warm and cold, the exports, the write paths, on SQLite and on PostgreSQL\n\n")
	fmt.Fprintf(&b, "Latest run: %s, on a machine with %d CPU cores (%s/%s, %s); load average %s before it; the run took %s. "+
		"Server and load generator share those cores; they run as separate processes, so the generator's garbage does not burden the server's collector.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), res.loadBefore,
		res.took.Round(time.Second))
	fmt.Fprintf(&b, "**Setup.** A synthetic park of %d enterprises with %d activities and %d members (`demo.GenerateSized`, seed %d; every collection filled) "+
		"imported into a fresh SQLite database, with %d filings waiting for review and one draft; the real server (`web.New`, `ListenAndServe`) on 127.0.0.1, "+
		"in two processes over that database: one **warm**, as the portal runs, and one **cold**, with its caches off (`web`'s `RenderEveryRequest`, called "+
		"only by this benchmark: the public and staff page caches keep and share nothing and every report is computed, so each request costs what the "+
		"first request after a change costs, the page a clerk sees right after a save). For the growth of a page's cost, a second park of "+
		"%d enterprises, %d members and only %d activities, served cold. Each park is the first of a district of %d parks of its size (the others "+
		"generated with seeds of their own, each with its last year's annual return filed): a park's pages must not pay for the others' records, and "+
		"`/district` adds them all up.\n\n",
		res.large.enterprises, res.large.activities, res.large.members, cfg.seed, publishFilings, res.small.enterprises, res.small.members, res.small.activities,
		cfg.parks)
	fmt.Fprintf(&b, "**Pages.** Every GET route of the portal's router (`web`'s `Routes`), each filled in with records of the park found by following the "+
		"pages' own links, and requested as the role its area is for: staff for `/workbench…`, a secretary for `/org…`, an administrator for `/admin…`, "+
		"no one signed in elsewhere; a few filters and deep pages as rows of their own. A route the benchmark does not measure fails "+
		"`TestEveryGetRouteIsMeasured` (cmd/loadbench), except these:\n\n")
	for _, r := range slices.Sorted(maps.Keys(notMeasured)) {
		fmt.Fprintf(&b, "- `%s`: %s.\n", r, notMeasured[r])
	}
	fmt.Fprintf(&b, "\n`/healthz` is the floor (routing, middleware and the network stack, no page); routes that only take POST are writes, measured below for "+
		"the two that matter.\n\n")
	fmt.Fprintf(&b, "**Method.** vegeta, %d workers; requests ask for gzip, as browsers do, and the client does not decompress. For each page, three "+
		"attacks of %s, each cut into %d slices, the slices of all pages interleaved (so a burst of other work on the machine hits every page alike) "+
		"with a slice of the floor before, after and between every %d: warm and cold at the maximum rate the workers reach, each slice's rate against "+
		"the mean of the floor's just before and just after it, "+
		"the median of the %d; then cold, paced at half its cold maximum, for the latency (at least %d requests: a slow page's slices are lengthened "+
		"up to three times), with at most %d requests in flight; a page that cannot keep that pace is marked \"half rate not sustained\". A page whose "+
		"request alone takes %s or more is attacked by %d workers instead: they keep both cores as busy with it and its rate is the same, where %d would only queue "+
		"past the client's 10 s timeout. On the small park, the cold maximum alone. Attacks are short (%s) so that %d pages fit in a run: a warm page answers thousands of requests in a slice and a cold one "+
		"dozens to hundreds; the ratios and the floor's spread below show how steady the figures were. Bodies are read to the end and not kept, and each "+
		"attack closes its connections when it ends.\n\n",
		cfg.workers, cfg.duration, rounds, floorEvery, rounds, minPacedRequests, cfg.workers, slowPage, slowPageWorkers, cfg.workers, cfg.duration, countPages(res.pages))
	fmt.Fprintf(&b, "**Targets.** Warm: every public, staff and secretary page at least %.1f× the floor's requests per second "+
		"(an administrator's pages, two or three users, have the cold targets only). Cold: every page at least %.2f× the floor, and its p99 at half its "+
		"cold maximum at most %s. The cost of a page (the inverse of its cold ratio) on the park of %d activities at most %.1f× its cost on the park of %d. "+
		"Every response 2xx. Exports aside (each ledger's workbook, and the sitemap: the whole park's public pages in one document for crawlers): each, one request at a time, in under %s (the median of %d).\n\n",
		minWarmRatio, minColdRatio, maxP99, res.large.activities, maxCostGrowth, res.small.activities, maxExport, exportRequests)

	floor := res.pages[0]
	fmt.Fprintf(&b, "The floor: %.0f requests/s (median of its slices; from %.0f to %.0f across the run).\n\n", floor.warmRate, floor.floorLow, floor.floorHigh)
	fmt.Fprintf(&b, "**%s**\n\n", missSummary(res.pages))
	fmt.Fprintf(&b, "| route | URL measured | as | warm req/s | warm ratio | cold req/s | cold ratio | cold p50 | cold p99 at half rate | cost %s/%s activities | non-2xx | targets met |\n",
		thousands(res.large.activities), thousands(res.small.activities))
	b.WriteString("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, r := range res.pages {
		if r.kind == export {
			continue
		}
		p50 := "—"
		if r.cold {
			p50 = ms(r.p50)
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %.0f | %s | %.0f | %s | %s | %s | %s | %d | %s |\n", r.name(), r.path, r.role, r.warmRate, r.warmText(),
			r.coldRate, r.coldText(), p50, r.p99Text(), r.growthText(), r.nonSuccess, r.verdict())
	}
	fmt.Fprintf(&b, "\nCPU time the host took for other guests (steal): %s during the pages, %s during the small park's.\n", stealText(res.pagesSteal), stealText(res.scalingSteal))

	fmt.Fprintf(&b, "\n## Exports\n\nEach export of the park of %d activities, warm server, one request at a time, %d times, read to the end.\n\n", res.large.activities, exportRequests)
	b.WriteString("| export | median | slowest | non-2xx | under 3 s |\n|---|--:|--:|--:|---|\n")
	for _, r := range res.pages {
		if r.kind == export {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %d | %s |\n", r.path, ms(r.exportTime()), ms(slices.Max(r.exportTimes)), r.nonSuccess, r.verdict())
		}
	}

	fmt.Fprintf(&b, "\n## The write paths\n\nThe maximum with each writer posting again as soon as it is answered, for %s; "+
		"then the same writers taking turns at half that rate, for %s, each post timed from when it was due (so a late answer that delays the next post "+
		"counts against that post too). The server holds one writer connection: at the maximum the writers only queue for it, and the p99 there is "+
		"the queue (writers × a save), shown for reference; the target is the p99 at half rate. The staff save is the enterprise form; "+
		"the filing is a secretary's activity, submitted for review (提交审核), each secretary of another organisation.\n\n", cfg.writeDuration, cfg.writeDuration)
	b.WriteString("| write | path | writers | saves/s (max) | p99 at max | p50 at half rate | p99 at half rate | failed | target (p99) | met |\n|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, w := range res.writes {
		fmt.Fprintf(&b, "| %s | `%s` | %d | %.0f | %s | %s | %s | %d | %s | %s |\n", w.name, w.path, w.writers, w.rate, ms(w.maxP99), ms(w.p50), ms(w.p99), w.errors, ms(w.target), w.verdict())
	}
	fmt.Fprintf(&b, "\nAfterwards, read through the store: acknowledged writes missing from the database: **%d** (each enterprise's version against 1 plus its acknowledged saves, each organisation's submitted filings against those before plus its acknowledged ones).\n", res.lost)
	fmt.Fprintf(&b, "\nSteal during the write paths: %s.\n", stealText(res.writesSteal))

	pub := res.pub
	fmt.Fprintf(&b, "\n## While filings are published\n\nThe floor and two public pages, warm, while staff publish secretaries' submitted filings at %d a second "+
		"(each publish moves the revision, so each cached page is rendered again once per publish). Maximum throughput for %s a page in %d interleaved slices; "+
		"targets: at least %.1f× the floor, and a published activity on its programme's page within %s of the publish being answered.\n\n",
		publishRate, cfg.writeDuration, publishingRounds, minPublishingRatio, maxPublishToCurrent)
	b.WriteString("| page | path | requests/s (max) | ratio to floor | p99 at max rate | non-2xx |\n|---|---|--:|--:|--:|--:|\n")
	for _, r := range pub.rows {
		fmt.Fprintf(&b, "| %s | `%s` | %.0f | %.2f | %s | %d |\n", r.name, r.path, r.maxRate, r.ratio, ms(r.p99), r.nonSuccess)
	}
	fmt.Fprintf(&b, "\nPublished %d filings (%d failed), each publish answered in p50 %s, p99 %s (under the attack above). "+
		"From a publish answered to its programme page showing it (the page's next rendering, under the same load): p50 %s, **p99 %s**. Target met: %s.\n",
		pub.published, pub.failed, ms(pub.p50Took), ms(pub.p99Took), ms(pub.p50Current), ms(pub.p99Curr), yesNo(pub.met()))
	fmt.Fprintf(&b, "\nSteal while publishing: %s.\n", stealText(res.pubSteal))

	writePostgresMarkdown(&b, cfg, res)

	b.WriteString("\n**Reading it.** The floor's spread, the load average before the run and the steal show how quiet the machine was: when the floor's " +
		"slices differ by more than a fifth, or the host took more than a few per cent of the CPU time for other guests (steal, from /proc/stat), " +
		"other work competed for the two cores and the figures say more about that than about the pages; rerun. " +
		"Absolute rates move with the machine; the ratios move much less.\n")
	b.WriteString("\n## Rerun\n\n```sh\nmake bench-load        # or: go run ./cmd/loadbench -markdown docs/benchmarks.md\n```\n\n")
	b.WriteString("It rewrites this file. `-enterprises`, `-parks`, `-duration` (each page attack), `-write-duration` and `-workers` change the run; " +
		"`-strict` makes it exit with status 1 when a target is missed. For working on one part, `-only` measures some parts alone " +
		"(`pages` = `warm,cold,scaling`, or any of `warm`, `cold`, `scaling`, `exports`, `writes`, `publishing`, comma-separated) and `-routes REGEXP` " +
		"only the pages whose route or URL matches (`-routes '^/workbench/activities'`); a partial run writes no file.\n")
	b.WriteString("\nThe same saves measured in-process (no network, a smaller park), and the Excel export and " +
		"import of 10,000 enterprises, are Go benchmarks (`make bench`); their latest figures are in [benchmarks-writes.md](benchmarks-writes.md).\n")
	return os.WriteFile(cfg.markdown, []byte(b.String()), 0o644)
}

// countPages counts the pages attacked, the floor and exports aside.
func countPages(rows []row) int {
	n := 0
	for _, r := range rows {
		if r.kind == ordinary {
			n++
		}
	}
	return n
}

// thousands writes n as "100k" where it is a whole number of thousands.
func thousands(n int) string {
	if n >= 1000 && n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// writePostgresMarkdown writes the section on the park on PostgreSQL,
// beside SQLite's figures of the same run.
func writePostgresMarkdown(b *strings.Builder, cfg config, res results) {
	b.WriteString("\n## On PostgreSQL: two portals behind nginx\n\n")
	floor := res.pages[0]
	pg := floor.postgres
	if pg == nil {
		b.WriteString("Not measured in this run.\n")
		return
	}
	fmt.Fprintf(b, "**Setup.** The same park, copied before anything was written to either engine (`store.CopyTo`, as `portal copy` does) into a throwaway "+
		"PostgreSQL cluster from the machine's `postgresql` package (`store/pgcluster`, on 127.0.0.1; `%s`; fsync and synchronous commit on), "+
		"then `VACUUM (ANALYZE)`. Two portal processes serve it, and nginx (Debian's, `worker_processes auto`) is in front with the deployment's own "+
		"configuration, `%s`, its addresses changed; a second pair of portals with their caches off stands behind a second nginx server for the cold "+
		"pages. Everything shares the same %d cores with the SQLite processes (idle meanwhile) and the load generator.\n\n",
		strings.Join(postgresSettings, " "), nginxConf, runtime.NumCPU())
	fmt.Fprintf(b, "**Method.** As above, page by page: every page of the same plan (found again by following the pages' links, through nginx), warm and cold "+
		"at the maximum rate, in interleaved rounds with slices of the floor; the floor here is `/healthz` **through nginx**, so a page's ratio carries "+
		"the same hop as its floor. The cold latency at half rate and the small park are SQLite's alone. **Target** (issue 22): each page's "+
		"ratio on PostgreSQL at least %.1f× its ratio on SQLite, warm and cold; every response 2xx; each export under %s.\n\n", minEngineRatio, maxExport)
	fmt.Fprintf(b, "The floor through nginx: %.0f requests/s (from %.0f to %.0f across the run), against %.0f directly to the SQLite portal.\n\n",
		pg.warmRate, pg.floorLow, pg.floorHigh, floor.warmRate)
	fmt.Fprintf(b, "**%s**\n\n", engineSummary(res.pages))
	b.WriteString("| route | URL measured | as | warm ratio, SQLite | warm req/s, PostgreSQL | warm ratio, PostgreSQL | share | cold ratio, SQLite | cold req/s, PostgreSQL | cold ratio, PostgreSQL | share | non-2xx | targets met |\n")
	b.WriteString("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, r := range res.pages {
		if r.kind == export {
			continue
		}
		p := r.postgres
		fmt.Fprintf(b, "| `%s` | `%s` | %s | %s | %.0f | %s | %s | %s | %.0f | %s | %s | %d | %s |\n", r.name(), r.path, r.role, r.warmText(), p.warmRate, p.warmText(),
			shareText(r.warm && p.warm, r.warmRatio, p.warmRatio), r.coldText(), p.coldRate, p.coldText(), shareText(r.cold && p.cold, r.coldRatio, p.coldRatio),
			p.nonSuccess, r.engineVerdict())
	}
	fmt.Fprintf(b, "\nSteal during the pages on PostgreSQL: %s.\n", stealText(res.pgSteal))
	if res.parts.exports {
		b.WriteString("\n**Exports**, one request at a time through nginx, as above.\n\n| export | median, SQLite | median, PostgreSQL | slowest, PostgreSQL | non-2xx | under 3 s |\n|---|--:|--:|--:|--:|---|\n")
		for _, r := range res.pages {
			if r.kind == export && r.postgres.exported {
				fmt.Fprintf(b, "| `%s` | %s | %s | %s | %d | %s |\n", r.path, ms(r.exportTime()), ms(r.postgres.exportTime()), ms(slices.Max(r.postgres.exportTimes)),
					r.postgres.nonSuccess, r.engineVerdict())
			}
		}
	}
	w := res.pgWrites
	if w.rows == nil {
		return
	}
	fmt.Fprintf(b, "\n**The write paths on PostgreSQL**, as above but through nginx, which spreads the writers over both portals, and with %d clerks "+
		"saving at once (issue 22's target: the staff save's p99 at half rate at most %s). Each portal's writes take one advisory lock per transaction, so "+
		"the writes of both follow one another as SQLite's one writer does.\n\n", postgresClerks, maxPostgresSaveP99)
	b.WriteString("| write | path | writers | saves/s (max) | p99 at max | p50 at half rate | p99 at half rate | failed | target (p99) | met |\n|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, r := range w.rows {
		fmt.Fprintf(b, "| %s | `%s` | %d | %.0f | %s | %s | %s | %d | %s | %s |\n", r.name, r.path, r.writers, r.rate, ms(r.maxP99), ms(r.p50), ms(r.p99), r.errors, ms(r.target), r.verdict())
	}
	fmt.Fprintf(b, "\nStaff saves answered by each portal, from nginx's log: %s. Then the database was crashed and recovered (`pg_ctl -m immediate restart`), and "+
		"the acknowledged writes missing from it, read as on SQLite: **%d**. Targets met: %s. Steal meanwhile: %s.\n", w.spreadText(), w.lost, yesNo(w.met()), stealText(w.steal))
}
