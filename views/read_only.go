package views

import "context"

// A district's user reads the parks' non-personal ledgers through the
// staff's pages, read-only (issue 21): the pages leave out what changes
// records (new, edit, delete, upload), the exports, the record's history
// and the few fields that name a member (an organisation's secretary).

type readOnlyKey struct{}

// WithReadOnly marks ctx as a reader's: pages offer no change.
func WithReadOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, readOnlyKey{}, true)
}

// ReadOnly says whether ctx is a reader's (WithReadOnly).
func ReadOnly(ctx context.Context) bool {
	ro, _ := ctx.Value(readOnlyKey{}).(bool)
	return ro
}

// ReaderLedgers are the ledgers a district's user reads, by path: every
// one but those of people (两员, 党员发展).
var ReaderLedgers = map[string]bool{
	"/workbench/enterprises": true, "/workbench/surveys": true, "/workbench/organizations": true,
	"/workbench/services": true, "/workbench/activities": true, "/workbench/platforms": true,
	"/workbench/designations": true, "/workbench/brands": true, "/workbench/awards": true,
	"/workbench/responsibility": true,
}
