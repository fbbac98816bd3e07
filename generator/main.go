// Command generator builds the lesson site: it loads the Markdown lessons
// under -content, runs their Go snippets, renders pages and writes them to
// -out, replacing the previous site only when the whole build succeeded.
//
// Usage:
//
//	go run ./generator [flags]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/gonotes/concurrency/generator/runner"
)

func main() {
	// The generator doubles as the child process that interprets snippets.
	runner.MaybeChild()
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run is main without the exit, so tests can call it.
func run(args []string, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		return 2
	}
	// On Ctrl-C or a TERM, every snippet's sandbox is killed, temporary
	// folders go, and the previous site stays as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	tuneGC()
	if cfg.serve {
		return serveSite(ctx, cfg, stderr)
	}
	if cfg.cpuProfile != "" {
		stopProfile, err := startCPUProfile(cfg.cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer stopProfile()
	}
	if err := build(ctx, cfg, stderr); err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintf(stderr, "build failed; %s was left as it was\n", cfg.out)
		return 1
	}
	return 0
}

// config is what the flags say.
type config struct {
	content string
	out     string
	baseURL string
	jobs    int
	fresh   bool
	verify  bool
	cache   string
	verbose bool
	editURL string

	serve     bool     // -serve: see serve.go
	port      int      // for -serve
	buildArgs []string // the flags given, but for -serve and -port
	// playground builds the browser playground into the site.
	playground bool
	// cpuProfile is where -cpuprofile writes a pprof CPU profile of the build.
	cpuProfile string
}

// tuneGC lets the heap grow to three times what is live between
// collections instead of twice, unless GOGC or GOMEMLIMIT says otherwise:
// at 10,000 lessons that is 12% less CPU for 85 MiB more memory. A soft
// limit keeps a site far larger than that from growing without bound; past
// it the collector works harder rather than the build running out.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(400 << 20)
	}
}

// startCPUProfile profiles the build into file until the returned func runs.
func startCPUProfile(file string) (func(), error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// defaultCacheDir is under the user's cache folder, so results outlive _site.
func defaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "gonotes", "snippets")
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("generator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.content, "content", "content", "folder of Markdown lessons")
	fs.StringVar(&c.out, "out", "_site", "folder to write the site to; replaced only when the build succeeds")
	fs.StringVar(&c.baseURL, "base-url", "", "absolute URL the site is served from, e.g. https://USER.github.io/REPO/;\nadds sitemap.xml, canonical and Open Graph tags, and absolute links on the 404 page")
	fs.IntVar(&c.jobs, "j", runtime.NumCPU(), "programs run at once (interpreted or built; building them does not count)")
	fs.BoolVar(&c.fresh, "fresh", false, "run every snippet again, ignoring cached results")
	fs.BoolVar(&c.verify, "verify", true, "check every yaegi output against go run; -verify=false is for quick drafts,\nand pages then say \"not verified\" beside each output")
	fs.StringVar(&c.cache, "cache", defaultCacheDir(), "folder for cached snippet results; empty disables the cache")
	fs.BoolVar(&c.verbose, "v", false, "also print notes: advice that is not an error")
	fs.StringVar(&c.editURL, "edit-url", "", "URL that, followed by a lesson's path in the content folder, edits it, e.g.\nhttps://github.com/USER/REPO/edit/main/content/; adds an \"Edit this page\" link")
	fs.BoolVar(&c.serve, "serve", false, "serve the site on 127.0.0.1 for its author: rebuild it when content, assets or\ntemplates change, and reload open pages")
	fs.IntVar(&c.port, "port", 8000, "port for -serve, on 127.0.0.1 only")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof reads it)")
	fs.BoolVar(&c.playground, "playground", true, "build the browser playground (run and edit snippets in the page) into the site;\nit needs the Go toolchain and the generator's source")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./generator [flags]\n\nBuilds the lesson site from Markdown.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.buildArgs = buildArgs(fs)
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return c, fmt.Errorf("unexpected arguments")
	}
	if c.baseURL != "" {
		if u, err := url.Parse(c.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(stderr, "-base-url %q: want an absolute http(s) URL such as https://USER.github.io/REPO/\n", c.baseURL)
			return c, fmt.Errorf("bad -base-url")
		}
	}
	if c.editURL != "" {
		if u, err := url.Parse(c.editURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(stderr, "-edit-url %q: want an absolute http(s) URL such as https://github.com/USER/REPO/edit/main/content/\n", c.editURL)
			return c, fmt.Errorf("bad -edit-url")
		}
	}
	if c.jobs < 1 {
		fmt.Fprintln(stderr, "-j must be at least 1")
		return c, fmt.Errorf("bad -j")
	}
	return c, nil
}
