// Command bench times the generator, for `make bench`.
//
// It writes a deterministic synthetic site of lessons like ours (about 4 KB
// of Markdown each, three distinct 40-line Go blocks marked norun, so
// nothing runs and no cache helps) at each size given by -sizes, and
// measures in one run: full builds by the generator binary (wall time,
// pages per second, peak memory, CPU use, page weight); the floor, the same
// Markdown through goldmark alone in memory; goldmark plus highlighting;
// Hugo on the same corpus when a hugo binary is on PATH; and the real
// lesson site under -content, cold with -verify=false, cold with
// verification, and warm. It prints one Markdown table and writes it,
// stamped with the machine and Go version, to -results.
//
// Usage:
//
//	go run ./generator/bench [-sizes 100,1000,10000] [-results FILE]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/gonotes/concurrency/generator/highlight"
)

func main() {
	if err := benchMain(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func benchMain() error {
	sizes := flag.String("sizes", "100,1000,10000", "comma-separated numbers of lessons to build")
	content := flag.String("content", "content", "the real lesson site to time; empty skips it")
	results := flag.String("results", filepath.Join("generator", "bench", "RESULTS.md"), "file to write the table to; empty writes none")
	workers := flag.Int("workers", 2, "workers for the in-memory goldmark floor")
	keep := flag.Bool("keep", false, "keep the temporary folder (corpora, sites, binaries) and print where it is")
	runs := flag.Int("runs", 3, "cold builds of each size by the generator and by Hugo; the table shows the median")
	write := flag.String("write", "", "only write the corpus of the first of -sizes to this folder (to profile a build by hand)")
	flag.Parse()
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-sizes: %q is not a positive number", s)
		}
		ns = append(ns, n)
	}
	if *write != "" {
		return writeFiles(*write, corpus(ns[0]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tmp, err := os.MkdirTemp("", "gonotes-bench-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintln(os.Stderr, "keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	b := &bench{ctx: ctx, tmp: tmp, workers: *workers, runs: *runs}
	if err := b.all(ns, *content); err != nil {
		return err
	}
	report := b.report()
	fmt.Print(report)
	if *results == "" {
		return nil
	}
	return os.WriteFile(*results, []byte(report), 0o644)
}

// bench holds one run's settings and the rows it measured.
type bench struct {
	ctx     context.Context
	tmp     string
	workers int
	runs    int    // cold builds of each size, of which the median is kept
	gen     string // the generator binary
	hugo    string // the hugo binary, "" when there is none
	hugoVer string
	rows    []row
	notes   []string
	load    [2]string // the load average when the run started and ended
}

func (b *bench) progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// all measures everything, in an order that keeps one measurement's
// leftovers (page cache, garbage) out of the next as far as it can. Nothing
// is deleted until the end: on ext4 without a journal (as on the machine
// these figures were first taken on), creating a file soon after many were
// deleted scans for inodes that were not deleted recently, which doubled
// the time of whichever build came next.
func (b *bench) all(sizes []int, content string) error {
	b.load[0] = loadAverage()
	defer func() { b.load[1] = loadAverage() }()
	b.gen = filepath.Join(b.tmp, "bin", "generator")
	b.progress("building the generator")
	if _, err := run(b.ctx, ".", []string{"CGO_ENABLED=0"}, "go", "build", "-o", b.gen, "./generator"); err != nil {
		return err
	}
	b.hugo, b.hugoVer = hugoVersion(b.ctx)
	if b.hugo == "" {
		const note = "No hugo on PATH, so Hugo was not timed; `go install github.com/gohugoio/hugo@v0.150.0` builds one."
		b.notes = append(b.notes, note)
		b.progress("%s", note)
	}
	for _, n := range sizes {
		if err := b.size(n); err != nil {
			return err
		}
	}
	if content != "" {
		return b.realSite(content)
	}
	return nil
}

// size measures every row of one corpus size.
func (b *bench) size(n int) error {
	dir := filepath.Join(b.tmp, strconv.Itoa(n))
	files := corpus(n)
	if err := writeFiles(filepath.Join(dir, "content"), files); err != nil {
		return err
	}
	site := filepath.Join(dir, "hugo")
	if b.hugo != "" {
		if err := writeFiles(site, hugoSite(files)); err != nil {
			return err
		}
	}
	// The two take turns, so that a spell of noise on a shared machine
	// falls on both.
	out := func(i int) string { return filepath.Join(dir, "site-"+strconv.Itoa(i)) }
	hout := func(i int) string { return filepath.Join(dir, "hugo-site-"+strconv.Itoa(i)) }
	var genRuns, hugoRuns []usage
	for i := range max(b.runs, 1) {
		b.progress("%d lessons: the generator, run %d of %d", n, i+1, b.runs)
		// Nothing runs in the corpus, and Hugo builds no playground either.
		u, err := run(b.ctx, ".", nil, b.gen, "-content", filepath.Join(dir, "content"), "-out", out(i),
			"-cache", filepath.Join(dir, "cache-"+strconv.Itoa(i)), "-playground=false")
		if err != nil {
			return err
		}
		genRuns = append(genRuns, u)
		if b.hugo == "" {
			continue
		}
		b.progress("%d lessons: Hugo, run %d of %d", n, i+1, b.runs)
		u, err = run(b.ctx, site, nil, b.hugo, "--quiet", "--destination", hout(i), "--cacheDir", filepath.Join(dir, "hugo-cache-"+strconv.Itoa(i)))
		if err != nil {
			return err
		}
		hugoRuns = append(hugoRuns, u)
	}
	w, err := pageWeight(out(0), "*.html")
	if err != nil {
		return err
	}
	gen := row{what: genRow, lessons: n, usage: median(genRuns), page: w}
	var hugo *row
	if b.hugo != "" {
		w, err := pageWeight(hout(0), filepath.Join("*", "index.html"))
		if err != nil {
			return err
		}
		hugo = &row{what: "Hugo, cold", lessons: n, usage: median(hugoRuns), page: w}
		gen.vsHugo = hugo.wall.Seconds() / gen.wall.Seconds()
	}
	b.progress("%d lessons: goldmark floor", n)
	floor, err := convertAll(files, b.workers, goldmarkOnly)
	if err != nil {
		return err
	}
	gen.vsFloor = gen.usage.wall.Seconds() / floor.wall.Seconds()
	b.progress("%d lessons: goldmark and highlighting", n)
	chroma, err := convertAll(files, b.workers, withHighlighting(highlight.Options{Stock: true}))
	if err != nil {
		return err
	}
	ours, err := convertAll(files, b.workers, withHighlighting(highlight.Options{}))
	if err != nil {
		return err
	}
	b.rows = append(b.rows, gen)
	if hugo != nil {
		b.rows = append(b.rows, *hugo)
	}
	inMemory := fmt.Sprintf(", %d workers, in memory", b.workers)
	b.rows = append(b.rows,
		row{what: "goldmark alone (the floor)" + inMemory, lessons: n, usage: floor},
		row{what: "goldmark + highlight.Code, chroma's Go lexer" + inMemory, lessons: n, usage: chroma},
		row{what: "goldmark + highlight.Code, go/scanner lexer" + inMemory, lessons: n, usage: ours},
	)
	return nil
}

// realSite times the lesson site: cold without and with verification (each
// with an empty snippet cache), then warm (the verified build's cache).
func (b *bench) realSite(content string) error {
	for _, r := range []struct {
		what, cache string
		args        []string
	}{
		{"lesson site, cold, -verify=false", "cold-unverified", []string{"-verify=false"}},
		{coldRow, "verified", nil},
		{warmRow, "verified", nil},
	} {
		b.progress("%s", r.what)
		out := filepath.Join(b.tmp, "real-site-"+strconv.Itoa(len(b.rows)))
		args := append([]string{"-content", content, "-out", out, "-cache", filepath.Join(b.tmp, "real-cache-"+r.cache)}, r.args...)
		u, err := run(b.ctx, ".", nil, b.gen, args...)
		if err != nil {
			return err
		}
		w, err := pageWeight(out, "*.html")
		if err != nil {
			return err
		}
		lessons, err := filepath.Glob(filepath.Join(content, "*.md"))
		if err != nil {
			return err
		}
		b.rows = append(b.rows, row{what: r.what, lessons: len(lessons) - 1, usage: u, page: w})
	}
	return nil
}

// loadAverage is the 1-minute load average, "" where it cannot be read.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(string(b), " ")
	return first
}

// machine describes where the run happened.
func machine() string {
	cpu := runtime.GOARCH
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d cores, %s/%s", cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
}
