// Command gen writes the demonstration park, park.json, from the builder in
// store/demo/internal/park. It refuses to write a document that breaks an
// import rule. Run it through `go generate ./store/demo`.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

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
	doc := park.Build()
	if problems := interchange.Validate(doc); len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, p)
		}
		return fmt.Errorf("the demonstration park breaks %d import rules", len(problems))
	}
	var buf bytes.Buffer
	if err := interchange.Write(&buf, doc); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
