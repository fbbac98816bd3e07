# Two commands do everything: `make site` builds the site into _site/, and
# `make test` runs every test. See README.md.

GO ?= go
# The generator re-runs itself to interpret snippets; a binary without cgo is
# one where the Go runtime reports "all goroutines are asleep - deadlock!".
export CGO_ENABLED := 0
# Use the Go on this machine, never a downloaded one.
export GOTOOLCHAIN := local

CONTENT ?= content
OUT ?= _site
BASE_URL ?=

.PHONY: site test vet bench conformance fuzz clean

site:
	$(GO) run ./generator -content $(CONTENT) -out $(OUT) -base-url "$(BASE_URL)"

test: vet
	@[ -x /usr/bin/chromium ] || [ -n "$$CHROME" ] || command -v chromium >/dev/null || \
	  echo "*** NO BROWSER: the browser tests will be SKIPPED (apt-get install -y chromium, or set CHROME) ***"
	$(GO) test ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# How faithfully yaegi runs Go's own test programs, before and after the
# rewrite (minutes); per-program verdicts go to conformance.out.
conformance:
	$(GO) test ./generator/conformance -run TestConformance -conformance -v -timeout 30m \
	  -conformance.out $(CURDIR)/conformance.out

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
