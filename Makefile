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

.PHONY: site test vet bench conformance clean

site:
	$(GO) run ./generator -content $(CONTENT) -out $(OUT) -base-url "$(BASE_URL)"

test: vet
	$(GO) test ./...
	GOOS=js GOARCH=wasm $(GO) build -o /dev/null ./playground

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./playground

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# How faithfully yaegi runs Go's own test programs, before and after the
# rewrite (minutes); per-program verdicts go to conformance.out.
conformance:
	$(GO) test ./generator/conformance -run TestConformance -conformance -v -timeout 30m \
	  -conformance.out $(CURDIR)/conformance.out

clean:
	rm -rf $(OUT)
