// Command gen writes the demonstration park, park.json, from the builder in
// store/demo/internal/park. It first imports the document into a store on a
// temporary SQLite file, as `portal demo` does, and refuses to write a
// document that the import refuses. Run it through `go generate ./store/demo`.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"parkportal/store"
	"parkportal/store/demo/internal/interchange"
	"parkportal/store/demo/internal/park"
)

func main() {
	out := flag.String("o", "park.json", "file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	var buf bytes.Buffer
	if err := interchange.Write(&buf, park.Build()); err != nil {
		return err
	}
	if err := check(context.Background(), buf.Bytes()); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// check imports doc into a fresh store in a temporary folder. It prints
// every problem of a refused document and refuses one with fields the format
// does not know, which the import would quietly drop.
func check(ctx context.Context, doc []byte) error {
	dir, err := os.MkdirTemp("", "parkportal-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, filepath.Join(dir, "portal.db"))
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Import(ctx, bytes.NewReader(doc), store.ImportOptions{})
	if refused, ok := errors.AsType[*store.ImportError](err); ok {
		for _, p := range refused.Problems {
			fmt.Fprintln(os.Stderr, p)
		}
		return fmt.Errorf("the store refuses the demonstration park: %w", err)
	}
	if err != nil {
		return err
	}
	if len(res.Ignored) > 0 {
		return fmt.Errorf("the demonstration park has fields the format does not know: %v", res.Ignored)
	}
	return nil
}
