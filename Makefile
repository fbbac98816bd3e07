# Two commands do everything: `make site` builds the site into _site/, and
# `make test` runs every test. `make serve` is for authors. See README.md.

GO ?= go
# The generator re-runs itself to interpret snippets; a binary without cgo is
# one where the Go runtime reports "all goroutines are asleep - deadlock!".
export CGO_ENABLED := 0
# Use the Go on this machine, never a downloaded one.
export GOTOOLCHAIN := local

CONTENT ?= content
OUT ?= _site
BASE_URL ?=
# Folder for cached snippet results; empty means the generator's default
# (your user cache folder). CI points it at a folder it saves between runs.
CACHE ?=
PORT ?= 8000

# An empty -cache would turn the cache off, so the flag is only given a value.
cache_flag = $(if $(CACHE),-cache "$(CACHE)")

.PHONY: site serve test vet workflows bench conformance fuzz clean

site:
	$(GO) run ./generator -content $(CONTENT) -out $(OUT) -base-url "$(BASE_URL)" $(cache_flag)

# Builds the site, serves it on http://127.0.0.1:$(PORT)/ and rebuilds it
# whenever a lesson, an asset or a page template changes; open pages reload.
serve:
	$(GO) run ./generator -serve -port $(PORT) -content $(CONTENT) -out $(OUT) $(cache_flag)

test: vet workflows
	@[ -x /usr/bin/chromium ] || [ -n "$$CHROME" ] || command -v chromium >/dev/null || \
	  echo "*** NO BROWSER: the browser tests will be SKIPPED (apt-get install -y chromium, or set CHROME) ***"
	$(GO) test ./...
	GOOS=js GOARCH=wasm $(GO) build -o /dev/null ./playground

# actionlint checks the GitHub workflows. It is run by version rather than
# required in go.mod, which stays the site's own; the module cache is
# asked first, so that once downloaded it runs offline.
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
workflows:
	GOPROXY="file://$$($(GO) env GOMODCACHE)/cache/download,$$($(GO) env GOPROXY)" \
	  $(GO) run $(ACTIONLINT) .github/workflows/*.yml

vet:
	@if git grep -nE '^(<<<<<<<|>>>>>>>) ' 2>/dev/null; then echo "merge conflict markers left in the files above"; exit 1; fi
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./playground

# Lesson counts of the synthetic sites make bench builds (about fifteen minutes
# on a 2-core machine, most of it Hugo and chroma's lexer at 10,000).
BENCH_SIZES ?= 100,1000,10000

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./generator/bench -sizes $(BENCH_SIZES)

# How faithfully yaegi runs Go's own test programs, before and after the
# rewrite (minutes); per-program verdicts go to conformance.out. A few take
# 16-25 s under yaegi on an idle machine, and several times that on a busy
# one; CONFORMANCE_TIMEOUT is the limit of each run (not the lessons' 10 s).
CONFORMANCE_TIMEOUT ?= 150s
conformance:
	$(GO) test ./generator/conformance -run TestConformance -conformance -v -timeout 60m \
	  -conformance.timeout $(CONFORMANCE_TIMEOUT) -conformance.out $(CURDIR)/conformance.out

# Every fuzz target, FUZZTIME each (make test runs their kept corpora).
FUZZTIME ?= 1m
fuzz:
	@grep -rl --include='*_test.go' '^func Fuzz' generator | while read f; do \
	  for fn in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "fuzzing $$fn in ./$$(dirname $$f) for $(FUZZTIME)"; \
	    $(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f) || exit 1; \
	  done; \
	done

clean:
	rm -rf $(OUT)
