package main

import (
	"context"
	"errors"
	"io"
)

// The records subcommands (import, export, report, demo). Placeholder until
// the records issue lands.

func runImport(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("import: not yet available")
}

func runExport(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("export: not yet available")
}

func runReport(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("report: not yet available")
}

func runDemo(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("demo: not yet available")
}

// loadDemo loads the demonstration park into an empty database; serve --demo
// calls it on first start. It reports whether anything was loaded.
func loadDemo(ctx context.Context, env *cliEnv, progress io.Writer) (bool, error) {
	return false, nil
}
