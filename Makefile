# The park party-building portal. `make run` starts it with demonstration
# data; `make test` runs every check CI runs.

GO      ?= go
PORTAL_DB ?= data/portal.db
export PORTAL_DB

.PHONY: run build generate check-generated fmt-check tidy-check staticcheck vet test test-short bench clean

## run: build and start the portal on 127.0.0.1:8080 with the demonstration park
run: build
	./bin/portal serve --demo --addr 127.0.0.1:8080

## build: compile the portal binary into bin/portal
build:
	$(GO) build -o bin/portal ./cmd/portal

## generate: regenerate the templ components (*_templ.go, committed)
generate:
	$(GO) tool templ generate -path views

## check-generated: fail when a *_templ.go file is not what its .templ gives
check-generated:
	@tmp=$$(mktemp -d) && cp -r views "$$tmp/" && \
	if ! $(GO) tool templ generate -path "$$tmp/views" >"$$tmp/log" 2>&1; then \
		cat "$$tmp/log"; rm -rf "$$tmp"; echo "templ generate failed"; exit 1; \
	fi; \
	if ! diff -r -q views "$$tmp/views" >/dev/null; then \
		diff -r -q views "$$tmp/views"; rm -rf "$$tmp"; \
		echo "generated templ files are out of date: run 'make generate' and commit"; exit 1; \
	fi; rm -rf "$$tmp"

## fmt-check: fail when a Go file is not gofmt-formatted
fmt-check:
	@out=$$(gofmt -l *.go cmd web views store static); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## tidy-check: fail when `go mod tidy` would change go.mod or go.sum
tidy-check:
	@if ! $(GO) mod tidy -diff; then \
		echo "go.mod/go.sum are not tidy: run 'go mod tidy' and commit"; exit 1; \
	fi

## staticcheck: honnef.co/go/tools, pinned as a tool in go.mod
staticcheck:
	$(GO) tool staticcheck ./...

vet:
	$(GO) vet ./...

## test: gofmt, tidy, vet, staticcheck, the generated-files check and every test (browser tests need chromium; repository_test.go refuses tracked executables and files over 2 MB)
test: fmt-check tidy-check vet staticcheck check-generated
	$(GO) test -count=1 -timeout 30m ./...

## test-postgres: the same tests on PostgreSQL (PORTAL_TEST_ENGINE=postgres): each package starts a throwaway cluster from Debian's postgresql (initdb in a temporary folder, as the postgres user when run as root, on a free port of 127.0.0.1) and stops it afterwards; a test of what only SQLite has (its file, its pragmas, its query plans) says so as it skips
test-postgres:
	PORTAL_TEST_ENGINE=postgres $(GO) test -count=1 -timeout 40m ./...
.PHONY: test-postgres

## test-short: the quick lane for the edit-test loop (a third of the full lane's work): every test but the browser, concurrency, process and slow ones, each of which says why it skips ("short: …"); no checks, results cached as go test caches them
test-short:
	$(GO) test -short ./...

## bench: the import/export/report benchmarks and the public-site load benchmark
bench: bench-load
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./store/ ./web/

.PHONY: bench-load
## bench-load: one harness, a district-sized park (10,000 enterprises, 100,000 activities, 30,000 members) served by the real server in processes of its own: every GET route of the router, warm and with the caches off, its cost against a park of 10,000 activities, the exports, the staff save, the filing and publishing; then the same park on PostgreSQL, two portals behind nginx (needs Debian's postgresql and nginx-light), beside SQLite's figures; rewrites docs/benchmarks.md
bench-load:
	$(GO) run ./cmd/loadbench -markdown docs/benchmarks.md

# The fuzz targets, each for FUZZTIME; make test runs their seeds and the
# committed corpora (testdata/fuzz). FuzzImport is slow under the fuzzer
# (SQLite itself is instrumented): give it minutes.
FUZZTIME ?= 60s
fuzz:
	$(GO) test ./store/ -run '^$$' -fuzz '^FuzzCreditCode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./store/ -run '^$$' -fuzz '^FuzzImport$$' -fuzztime $(FUZZTIME)
	$(GO) test ./web/ -run '^$$' -fuzz '^FuzzFormParsers$$' -fuzztime $(FUZZTIME)
	$(GO) test ./web/sheet/ -run '^$$' -fuzz '^FuzzReadWorkbook$$' -fuzztime $(FUZZTIME)
	$(GO) test ./web/markdown/ -run '^$$' -fuzz '^FuzzHTML$$' -fuzztime $(FUZZTIME)
	$(GO) test ./web/photo/ -run '^$$' -fuzz '^FuzzProcess$$' -fuzztime $(FUZZTIME)
.PHONY: fuzz

clean:
	rm -rf bin
