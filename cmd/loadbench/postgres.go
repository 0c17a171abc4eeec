package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"parkportal/store"
	"parkportal/store/pgcluster"
)

// The same park on PostgreSQL, deployed as docs/deploy.md deploys it: a
// throwaway cluster from the machine's postgresql package holding a copy
// of the SQLite park (portal copy's CopyTo), two portal processes on it,
// and nginx in front with the document's own configuration
// (docs/deploy/nginx-portal.conf). A second pair of portals with their
// caches off stands behind a second nginx server, for the cold pages. The
// floor on this side is /healthz through nginx, so that each page's ratio
// carries the same hop as its floor.

// nginxConf is the deployment's nginx configuration, read from the
// repository (the harness runs from its root, as make does).
const nginxConf = "docs/deploy/nginx-portal.conf"

// postgresSettings tune the throwaway cluster as a small deployment would
// be: memory for the park's pages, fsync and synchronous commit left on
// (durability as SQLite's synchronous=FULL gives it).
var postgresSettings = []string{"shared_buffers=512MB", "effective_cache_size=2GB", "work_mem=16MB", "maintenance_work_mem=256MB", "max_wal_size=4GB"}

// deployment is the park on PostgreSQL behind nginx.
type deployment struct {
	cluster    *pgcluster.Cluster
	dsn        string
	warm, cold string // nginx's addresses: in front of the warm portals, and of the cold ones
	accessLog  string // nginx's log of requests to the warm portals, with the portal that answered
	warmPorts  [2]string
	stop       func()
}

// deploy copies the SQLite park at db into a fresh cluster and starts the
// portals and nginx; stop ends all of it and removes its files.
func deploy(ctx context.Context, db string, key []byte, cold bool, logw io.Writer, logf func(string, ...any)) (*deployment, error) {
	ngx, err := nginxBinary()
	if err != nil {
		return nil, err
	}
	conf, err := os.ReadFile(nginxConf)
	if err != nil {
		return nil, fmt.Errorf("the deployment's nginx configuration (run from the repository's root): %w", err)
	}
	var stops []func()
	d := &deployment{stop: sync.OnceFunc(func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	})}
	ok := false
	defer func() {
		if !ok {
			d.stop()
		}
	}()

	began := time.Now()
	cluster, err := pgcluster.Start(ctx, postgresSettings...)
	if err != nil {
		return nil, err
	}
	stops = append(stops, func() { cluster.Stop() })
	d.cluster = cluster
	if d.dsn, err = cluster.NewDatabase(ctx); err != nil {
		return nil, err
	}
	if err := copyPark(ctx, db, d.dsn); err != nil {
		return nil, err
	}
	// As a deployment's autovacuum would have by now; without it the
	// visibility map is empty and the first minutes of the run would pay
	// for it (and autovacuum would compete for the cores mid-run).
	if err := cluster.Exec(ctx, dsnName(d.dsn), "VACUUM (ANALYZE)"); err != nil {
		return nil, err
	}
	logf("copied the park into PostgreSQL and vacuumed it in %s", time.Since(began).Round(time.Millisecond))

	var warm, coldPorts [2]string
	for i := range 2 {
		for _, side := range []struct {
			cold bool
			port *string
		}{{false, &warm[i]}, {true, &coldPorts[i]}} {
			if side.cold && !cold {
				continue
			}
			base, stop, err := startServer(ctx, d.dsn, key, side.cold, logw)
			if err != nil {
				return nil, err
			}
			stops = append(stops, stop)
			*side.port = strings.TrimPrefix(base, "http://")
		}
	}
	d.warmPorts = warm

	// nginx's workers run as nobody when it is started as root: they must
	// reach their temporary folder (a large answer is buffered there), so
	// nginx has a folder of its own, apart from the databases.
	ndir, err := os.MkdirTemp("", "loadbench-nginx-")
	if err != nil {
		return nil, err
	}
	stops = append(stops, func() { os.RemoveAll(ndir) })
	for _, sub := range []string{"conf.d", "tmp"} {
		if err := os.MkdirAll(filepath.Join(ndir, sub), 0o755); err != nil {
			return nil, err
		}
	}
	os.Chmod(ndir, 0o755)
	os.Chmod(filepath.Join(ndir, "tmp"), 0o777)
	warmAddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	site, err := nginxSite(string(conf), "portal", warmAddr, warm)
	if err != nil {
		return nil, err
	}
	d.warm = "http://" + warmAddr
	if cold {
		coldAddr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		coldSite, err := nginxSite(string(conf), "portal_cold", coldAddr, coldPorts)
		if err != nil {
			return nil, err
		}
		site += coldSite
		d.cold = "http://" + coldAddr
	}
	if err := os.WriteFile(filepath.Join(ndir, "conf.d", "portal.conf"), []byte(site), 0o644); err != nil {
		return nil, err
	}
	d.accessLog = filepath.Join(ndir, "access.log")
	main := fmt.Sprintf(`worker_processes auto;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
daemon off;
events { worker_connections 4096; }
http {
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log %[1]s/access.log upstream buffer=256k flush=1s;
    client_body_temp_path %[1]s/tmp/body;
    proxy_temp_path %[1]s/tmp/proxy;
    fastcgi_temp_path %[1]s/tmp/fastcgi;
    uwsgi_temp_path %[1]s/tmp/uwsgi;
    scgi_temp_path %[1]s/tmp/scgi;
    include %[1]s/conf.d/*.conf;
}
`, ndir)
	mainConf := filepath.Join(ndir, "nginx.conf")
	if err := os.WriteFile(mainConf, []byte(main), 0o644); err != nil {
		return nil, err
	}
	if out, err := exec.CommandContext(ctx, ngx, "-p", ndir, "-c", mainConf, "-t").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("nginx -t: %w: %s", err, out)
	}
	cmd := exec.Command(ngx, "-p", ndir, "-c", mainConf)
	cmd.Stderr = logw
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stops = append(stops, func() {
		cmd.Process.Signal(os.Interrupt)
		waitOrKill(cmd, 10*time.Second)
	})
	for try := 0; ; try++ {
		status, _, err := getOnce(d.warm, page{path: floorPath})
		if err == nil && status == 200 {
			break
		}
		if try == 100 {
			return nil, fmt.Errorf("nginx does not answer /healthz (%d, %v)", status, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	logf("PostgreSQL: two portals behind nginx on %s (warm: %s, %s) and %s (cold: %s, %s)", d.warm, warm[0], warm[1], d.cold, coldPorts[0], coldPorts[1])
	ok = true
	return d, nil
}

// copyPark copies the SQLite portal at db into the empty database at dsn.
func copyPark(ctx context.Context, db, dsn string) error {
	src, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer dst.Close()
	if _, err := src.CopyTo(ctx, dst, nil); err != nil {
		return fmt.Errorf("copying the park into PostgreSQL: %w", err)
	}
	return dst.Close()
}

// nginxSite is the deployment's configuration for one upstream of two
// portals (ports) listening on listen: the document's file with its
// addresses replaced, and its upstream renamed to name.
func nginxSite(conf, name, listen string, ports [2]string) (string, error) {
	for _, r := range [][2]string{
		{"127.0.0.1:8080", listen},
		{"127.0.0.1:8081", ports[0]},
		{"127.0.0.1:8082", ports[1]},
		{"upstream portal {", "upstream " + name + " {"},
		{"http://portal;", "http://" + name + ";"},
	} {
		if !strings.Contains(conf, r[0]) {
			return "", fmt.Errorf("%s no longer has %q: update the benchmark with it", nginxConf, r[0])
		}
		conf = strings.ReplaceAll(conf, r[0], r[1])
	}
	return conf, nil
}

// nginxBinary is Debian's nginx.
func nginxBinary() (string, error) {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p, nil
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx", nil
	}
	return "", errors.New("nginx is not installed (Debian: apt-get install nginx-light)")
}

// dsnName is the database name of a pgcluster address.
func dsnName(dsn string) string {
	name := dsn[strings.LastIndex(dsn, "/")+1:]
	name, _, _ = strings.Cut(name, "?")
	return name
}

// servedBy counts the requests of method to a path beginning with prefix
// that nginx's log says each portal answered with status, from byte offset
// on (nginx writes its log at most a second late: call it a second or two
// after the requests). A request nginx passed on to the next portal counts
// for the one that answered, the last.
func (d *deployment) servedBy(method, prefix, status string, offset int64) (map[string]int, int64, error) {
	f, err := os.Open(d.accessLog)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, 0, err
	}
	counts := map[string]int{}
	sc := bufio.NewScanner(f)
	read := offset
	for sc.Scan() {
		read += int64(len(sc.Bytes())) + 1
		f := strings.Fields(sc.Text())
		if len(f) >= 4 && f[0] == method && strings.HasPrefix(f[1], prefix) && f[2] == status {
			counts[f[len(f)-1]]++
		}
	}
	return counts, read, sc.Err()
}

// logSize is the length of nginx's access log so far.
func (d *deployment) logSize() int64 {
	fi, err := os.Stat(d.accessLog)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// measurePostgresPages measures every page of the plan again on the park
// on PostgreSQL, through nginx, as SQLite's were (warm and cold maximum
// rates against the floor through nginx, and the exports), and keeps each
// beside its SQLite row. The cold latency at half rate is SQLite's alone.
func measurePostgresPages(ctx context.Context, pg *deployment, res *results, cfg config, keep func(route, path string) bool, logf func(string, ...any)) error {
	who, err := signInAll(pg.warm, res.large)
	if err != nil {
		return fmt.Errorf("on PostgreSQL: %w", err)
	}
	pages, err := plan(ctx, pg.warm, res.large.routes, res.large.site, who, keep, logf)
	if err != nil {
		return fmt.Errorf("on PostgreSQL: %w", err)
	}
	logf("measuring the pages on PostgreSQL, through nginx")
	steal := startSteal()
	rows, err := measurePages(ctx, servers{warm: pg.warm, cold: pg.cold}, pages, pageModes{warm: cfg.parts.warm, cold: cfg.parts.cold}, cfg, logf)
	if err != nil {
		return err
	}
	if cfg.parts.exports {
		if err := measureExports(ctx, pg.warm, rows, logf); err != nil {
			return err
		}
	}
	res.pgSteal = steal.share()
	return attachPostgres(res.pages, rows)
}

// measurePostgresWrites measures the write paths on PostgreSQL through
// nginx, which spreads the writers over both portals, with 16 clerks
// saving at once (issue 22), and checks that nothing acknowledged is
// missing afterwards.
func measurePostgresWrites(ctx context.Context, pg *deployment, res *results, cfg config, logf func(string, ...any)) error {
	staffCookie, err := signIn(pg.warm, staffName, res.large.password)
	if err != nil {
		return fmt.Errorf("signing in on PostgreSQL: %w", err)
	}
	logf("measuring the writes on PostgreSQL, through nginx")
	offset := pg.logSize()
	steal := startSteal()
	// The database crashes after the writes, before they are counted: what
	// it holds is what it had made durable.
	rows, lost, err := measureCheckedWrites(ctx, pg.warm, pg.dsn, staffCookie, writeLoad{postgresClerks, maxPostgresSaveP99}, res.large, cfg,
		func() error { return pg.cluster.Crash(ctx) }, logf)
	if err != nil {
		return err
	}
	writesSteal := steal.share()
	time.Sleep(1500 * time.Millisecond) // nginx writes its log within a second
	served, _, err := pg.servedBy("POST", "/workbench/enterprises/", "303", offset)
	if err != nil {
		return err
	}
	res.pgWrites = postgresWrites{rows: rows, lost: lost, served: served, steal: writesSteal}
	logf("on PostgreSQL: saves answered by each portal %s; acknowledged writes missing: %d", res.pgWrites.spreadText(), lost)
	return nil
}

// measureCheckedWrites is measureWrites on base, serving the database at
// db, followed by crash (when set) and the count of acknowledged writes db
// does not hold.
func measureCheckedWrites(ctx context.Context, base, db, staffCookie string, load writeLoad, p park, cfg config, crash func() error, logf func(string, ...any)) ([]writeRow, int, error) {
	before, err := submittedFilingsAt(ctx, db, p.secretaryOrgs)
	if err != nil {
		return nil, 0, err
	}
	rows, acked, err := measureWrites(ctx, base, staffCookie, load, p.enterprises, p.secretaryEnts, cfg, logf)
	if err != nil {
		return nil, 0, err
	}
	if crash != nil {
		if err := crash(); err != nil {
			return nil, 0, err
		}
	}
	lost, err := lostWrites(ctx, db, p.secretaryOrgs, before, acked)
	if err != nil {
		return nil, 0, err
	}
	logf("acknowledged writes missing from the database afterwards: %d", lost)
	return rows, lost, nil
}

// freeAddr is a free address on 127.0.0.1.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
