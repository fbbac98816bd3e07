package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gonotes/concurrency/generator/serve"
)

// serveSite is -serve: build the site, serve it on 127.0.0.1 and rebuild it
// whenever a lesson, an asset or a page template changes.
func serveSite(ctx context.Context, cfg config, stderr io.Writer) int {
	ln, err := serve.Listen(cfg.port)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return serveOn(ctx, ln, cfg, stderr)
}

func serveOn(ctx context.Context, ln net.Listener, cfg config, stderr io.Writer) int {
	b, err := newSiteBuilder(cfg, stderr)
	if err != nil {
		ln.Close()
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stderr, "serving %s at http://%s/ (Ctrl-C stops)\nwatching %s\n",
		cfg.out, ln.Addr(), strings.Join(b.watch, ", "))
	if b.source == "" {
		fmt.Fprintf(stderr, "not started from the generator's source folder: changes to assets and templates need a restart\n")
	}
	err = serve.Run(ctx, ln, serve.Options{Site: cfg.out, Watch: b.watch, Build: b.build, Log: stderr})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// siteBuilder builds the site for serve, with the build `make site` runs.
//
// Assets and page templates are embedded into the generator (go:embed), so
// this process only has the copies it was built with. After one of them
// changes, every build goes through `go run ./generator`, exactly as
// `make site` does: Go's build cache relinks the generator only when its
// sources changed, and the site is built by the binary `make site` would
// use. Until then, a lesson's change is built in this process, which skips
// go run's check of the sources. The cost: snippet results are cached under
// a hash of the generator's binary, which holds the assets, so the first
// build after such a change runs every snippet again, as `make site` would.
// Reading assets and templates from disk instead would avoid that, but would
// need a second way into the renderer and the asset copy that `make site`
// never takes, and would miss anything embedded later.
type siteBuilder struct {
	cfg     config
	log     io.Writer
	content string   // absolute
	source  string   // the generator's module root; "" when serve runs elsewhere
	watch   []string // folders whose changes rebuild the site
	stale   bool     // an embedded source changed: this binary is out of date
}

func newSiteBuilder(cfg config, log io.Writer) (*siteBuilder, error) {
	content, err := filepath.Abs(cfg.content)
	if err != nil {
		return nil, err
	}
	b := &siteBuilder{cfg: cfg, log: log, content: content, watch: []string{cfg.content}}
	// make serve runs in the module root; only there can go run rebuild us.
	if _, err := os.Stat(filepath.Join("generator", "main.go")); err == nil {
		if b.source, err = os.Getwd(); err != nil {
			return nil, err
		}
		// Embedded into the generator with go:embed.
		b.watch = append(b.watch, "assets", filepath.Join("generator", "page", "templates"))
	}
	return b, nil
}

func (b *siteBuilder) build(ctx context.Context, changed []string) error {
	for _, p := range changed {
		if p != b.content && !strings.HasPrefix(p, b.content+string(filepath.Separator)) {
			b.stale = true
		}
	}
	if !b.stale {
		return build(ctx, b.cfg, b.log)
	}
	return b.goRun(ctx)
}

// goRun builds the site with `go run ./generator` and the build's flags.
// Its output is kept and printed whole, so that a failure can be shown in
// the page too.
func (b *siteBuilder) goRun(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"run", "./generator"}, b.cfg.buildArgs...)...)
	cmd.Dir = b.source
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// go run ignores an interrupt and does not pass it on; signalling the
	// whole group reaches the generator, which then stops its snippets.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
	cmd.WaitDelay = 10 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		msg := strings.TrimSpace(out.String())
		if msg == "" {
			msg = err.Error()
		}
		return errors.New(msg)
	}
	_, err = b.log.Write(out.Bytes())
	return err
}

// buildArgs lists the flags given that shape a build, for the builds that
// serve runs with go run.
func buildArgs(fs *flag.FlagSet) []string {
	var args []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "serve" && f.Name != "port" {
			args = append(args, "-"+f.Name+"="+f.Value.String())
		}
	})
	return args
}
