// Command portal runs the park party-building portal: the web server and the
// commands that manage its database (users, records, reports, backups).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"parkportal/store"
	"parkportal/web/sheet"
)

const usage = `portal — 园区党建工作平台 (the park party-building portal)

Usage:
  portal [--db PATH] COMMAND [options]

Commands:
  serve [--addr 127.0.0.1:8080] [--demo] [--memory-limit 400MiB]
        start the web portal; --demo loads, on an empty database, the
        demonstration district (the article's park and two synthetic ones)
        and creates its accounts (admin, district, each park's staff, a
        secretary);
        --memory-limit is the soft memory limit (else $GOMEMLIMIT, else 400MiB)
  user add --username U --role admin|district|staff|secretary [--park P] [--organization ID] --password-stdin
        create a user; the password is read from standard input; staff and
        secretaries belong to a park (--park, needed when there are several)
  park add --id P --name N [--brand B] [--host H] [--footer F]
        add a park to the district (H: the host of its own public site;
        F: its public pages' footer lines, separated by \n)
  park set --id P [--new-id P2] [--name N] [--brand B] [--host H] [--footer F]
        change a park: what is given (an empty --host or --footer removes it)
  park list
        list the district's parks
  import FILE [--park P] [--replace]
        load a parkportal/v1 JSON document into a park, all or nothing
        (--park is needed when the portal holds several parks)
  export [FILE] [--park P]
        write every record of a park as a parkportal/v1 JSON document
        (standard output without FILE)
  report --year Y [--park P] [--format json|text]
        compute the annual report for year Y from the records (the year in
        progress is labelled with today's date; a year not begun is refused);
        with several parks and no --park: the district's figures (the parks'
        added up, ratios from the summed parts), then each park's
  demo  load the built-in demonstration park into an empty database
  backup DEST
        write a consistent copy of the database to DEST (safe while serving;
        on PostgreSQL use pg_dump, see docs/deploy.md)
  restore SRC
        replace the database with the backup SRC, checked first; the old one is
        kept aside (refused while a portal serves the database)
  migrate
        bring the database schema up to date
  copy --to postgres://USER@HOST:5432/DB
        move everything the SQLite portal holds into an empty PostgreSQL
        database and check it (row counts, each park's reports)

The database is --db PATH, else $PORTAL_DB, else data/portal.db; a
postgres://… address there selects PostgreSQL.
The session signing key is $PORTAL_SESSION_KEY, else a key file kept beside
the database.
`

// cliEnv is what every subcommand gets: where the database is, where to
// write and the clock. Subcommands open the store themselves so that
// `portal --help` works without a database.
type cliEnv struct {
	dbPath string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time // the one clock: the store's, and through it the web server's
}

// open opens the store on the command's clock.
func (e *cliEnv) open(ctx context.Context, options ...store.Option) (*store.Store, error) {
	s, err := store.Open(ctx, e.dbPath, options...)
	if err != nil {
		return nil, err
	}
	s.SetClock(e.now)
	return s, nil
}

// errUsage marks an error whose fix is in the usage text.
var errUsage = errors.New("usage")

func main() {
	if os.Getenv(sheet.ChildEnv) == "1" { // started by the portal to read an uploaded spreadsheet
		sheet.ChildMain()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv, time.Now)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) int {
	fs := flag.NewFlagSet("portal", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	defaultDB := getenv("PORTAL_DB")
	if defaultDB == "" {
		defaultDB = "data/portal.db"
	}
	dbPath := fs.String("db", defaultDB, "database file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "portal: %v\n\n%s", err, usage)
		return 2
	}
	rest := fs.Args()
	if len(rest) == 0 || rest[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(rest) == 0 {
			return 2
		}
		return 0
	}
	env := &cliEnv{dbPath: *dbPath, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, now: now}
	commands := map[string]func(context.Context, *cliEnv, []string) error{
		"serve":   runServe,
		"user":    runUser,
		"import":  runImport,
		"export":  runExport,
		"report":  runReport,
		"demo":    runDemo,
		"backup":  runBackup,
		"restore": runRestore,
		"migrate": runMigrate,
		"copy":    runCopy,
		"park":    runPark,
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "portal: unknown command %q\n\n%s", rest[0], usage)
		return 2
	}
	if err := cmd(ctx, env, rest[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "portal %s: %v\n", rest[0], err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

// newFlags returns a flag set for a subcommand that reports errors instead of
// exiting, so that run can print them uniformly.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// (`portal import FILE --replace`), and wraps errors as usage errors.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func runBackup(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("backup")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: backup needs exactly one destination file", errUsage)
	}
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backup written to %s\n", pos[0])
	return nil
}

func runRestore(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("restore")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: restore needs exactly one backup file", errUsage)
	}
	if strings.HasPrefix(env.dbPath, "postgres") {
		return errors.New("a PostgreSQL database is restored with pg_restore (docs/deploy.md), not portal restore")
	}
	keptAside, err := store.Restore(ctx, env.dbPath, pos[0], env.now())
	if errors.Is(err, store.ErrInUse) {
		return fmt.Errorf("a running portal serves %s: stop it first, then restore", env.dbPath)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "restored %s from %s\n", env.dbPath, pos[0])
	if keptAside != "" {
		fmt.Fprintf(env.stdout, "the database it replaced is kept as %s\n", keptAside)
	}
	return nil
}

func runMigrate(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("migrate")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: migrate takes no arguments", errUsage)
	}
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "database %s is at schema version %d\n", redacted(env.dbPath), v)
	return nil
}
