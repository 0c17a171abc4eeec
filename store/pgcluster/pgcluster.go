// Package pgcluster starts a throwaway PostgreSQL cluster from the
// machine's own PostgreSQL (Debian's postgresql package): initdb in a
// temporary folder, the server on a free port of 127.0.0.1, stopped and
// removed afterwards. The tests on PostgreSQL (make test-postgres), the
// load benchmark and the deployment check use it; nothing of it runs in a
// deployment, which has its own PostgreSQL server.
package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a running throwaway cluster.
type Cluster struct {
	Port int
	dir  string // holds data/ and the socket
	bin  string
	as   []string // the command prefix that runs a program as the cluster's owner

	mu sync.Mutex
	n  int // databases created
}

// BinDir is the folder of PostgreSQL's programs: $PG_BIN, else the newest
// /usr/lib/postgresql/N/bin.
func BinDir() (string, error) {
	if d := os.Getenv("PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("pgcluster: PostgreSQL's programs are not installed (Debian: apt-get install postgresql)")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start makes and starts a cluster; settings are extra server settings
// (name=value), such as fsync=off for tests.
func Start(ctx context.Context, settings ...string) (*Cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "portal-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	// initdb refuses to run as root: the cluster then belongs to the
	// postgres user, and its folder must be reachable by it.
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("pgcluster: running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		c.as = []string{"runuser", "-u", "postgres", "--"}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run(ctx, "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("pgcluster: initdb: %w: %s", err, out)
	}
	for try := 0; ; try++ {
		if c.Port, err = freePort(); err != nil {
			return nil, err
		}
		opts := []string{"-p " + strconv.Itoa(c.Port), "-k " + dir, "-c listen_addresses=127.0.0.1", "-c max_connections=200"}
		for _, s := range settings {
			opts = append(opts, "-c "+s)
		}
		out, err := c.run(ctx, "pg_ctl", "-D", data, "-w", "-t", "60", "-l", filepath.Join(dir, "log"), "-o", strings.Join(opts, " "), "start")
		if err == nil {
			break
		}
		if try == 2 {
			log, _ := os.ReadFile(filepath.Join(dir, "log"))
			return nil, fmt.Errorf("pgcluster: pg_ctl start: %w: %s %s", err, out, log)
		}
	}
	ok = true
	return c, nil
}

func (c *Cluster) run(ctx context.Context, program string, args ...string) ([]byte, error) {
	argv := append(append([]string{}, c.as...), append([]string{filepath.Join(c.bin, program)}, args...)...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

// DSN is the address of database name on the cluster, as the postgres
// superuser.
func (c *Cluster) DSN(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, name)
}

// NewDatabase creates an empty database and returns its address.
func (c *Cluster) NewDatabase(ctx context.Context) (string, error) {
	return c.NewDatabaseFrom(ctx, "template0")
}

// NewDatabaseFrom creates a database as a copy of template (which nobody
// may be connected to) and returns its address.
func (c *Cluster) NewDatabaseFrom(ctx context.Context, template string) (string, error) {
	c.mu.Lock()
	c.n++
	name := fmt.Sprintf("portal_%d", c.n)
	c.mu.Unlock()
	if err := c.Exec(ctx, "postgres", "CREATE DATABASE "+name+" TEMPLATE "+template+" ENCODING 'UTF8' LOCALE 'C.UTF-8'"); err != nil {
		return "", err
	}
	return c.DSN(name), nil
}

// Exec runs statement on database db as the superuser.
func (c *Cluster) Exec(ctx context.Context, db, statement string) error {
	conn, err := pgx.Connect(ctx, c.DSN(db))
	if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, statement); err != nil {
		return fmt.Errorf("pgcluster: %s: %w", statement, err)
	}
	return nil
}

// Crash stops the server at once, as a crash would (no checkpoint, every
// connection cut), and starts it again: it recovers from its write-ahead
// log, so what it held afterwards is what it had made durable.
func (c *Cluster) Crash(ctx context.Context) error {
	if out, err := c.run(ctx, "pg_ctl", "-D", filepath.Join(c.dir, "data"), "-l", filepath.Join(c.dir, "log"), "-m", "immediate", "-w", "-t", "60", "restart"); err != nil {
		return fmt.Errorf("pgcluster: pg_ctl restart: %w: %s", err, out)
	}
	return nil
}

// Stop stops the server at once and removes the cluster's folder.
func (c *Cluster) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := c.run(ctx, "pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	if rmErr := os.RemoveAll(c.dir); err == nil && rmErr != nil {
		err = rmErr
	}
	if err != nil {
		return fmt.Errorf("pgcluster: pg_ctl stop: %w: %s", err, out)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
