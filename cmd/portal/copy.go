package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"parkportal/store"
)

// runCopy moves a SQLite portal into an empty PostgreSQL database
// (portal copy --to postgres://…), checked before it reports success.
func runCopy(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("copy")
	to := fs.String("to", "", "the PostgreSQL database")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || !strings.HasPrefix(*to, "postgres") {
		return fmt.Errorf("%w: copy needs --to postgres://USER@HOST:5432/DB", errUsage)
	}
	src, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.Open(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	res, err := src.CopyTo(ctx, dst, env.stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "copied %d rows of %d tables from %s to %s; every table's rows and each park's reports are equal\n", res.Total, len(res.Tables), env.dbPath, redacted(*to))
	return nil
}

// redacted is a database address without its password, to be printed: a
// file as it is, a PostgreSQL address with xxxxx for a password (in the
// user part or as a parameter), or only its scheme when it does not parse.
func redacted(db string) string {
	if !strings.HasPrefix(db, "postgres") {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
