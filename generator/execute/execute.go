// Package execute is the build stage that runs every snippet of the site:
// in parallel on a bounded pool, through the child-process runner, with
// results cached on disk, checked against the snippet's expectations and, for
// the interpreter, verified against the real toolchain. It fills each
// block's Result and Provenance and changes nothing else.
package execute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/runner"
	"golang.org/x/sync/errgroup"
)

// RunFunc runs one program: a runner.Runner's Run in the generator, a fake
// in tests.
type RunFunc func(ctx context.Context, req runner.Request) (engine.Result, error)

// Config says how to run the snippets of a build.
type Config struct {
	Jobs   int    // snippets run at once
	Verify bool   // check yaegi outputs against go run
	Fresh  bool   // ignore cached results (fresh results are still stored)
	Cache  *Cache // nil means no cache
	Run    RunFunc
	// Prepare, when set, is told ahead of the runs which Go programs
	// they will build, so that it can build them together, with those of
	// other lessons asked for meanwhile (see runner.Runner.Prepare). It
	// returns at once, the builds under way, with ready, which waits
	// until the program of a request is built (or left for Run to build):
	// a run waits for its build without holding one of the Jobs, which
	// are for running programs.
	Prepare  func(ctx context.Context, reqs []runner.Request) (ready func(ctx context.Context, req runner.Request) error)
	Versions Versions
	// Progress, when set, receives a one-line status that rewrites itself
	// (a terminal); nil keeps the build quiet but for errors.
	Progress io.Writer
	// Notes, when set, receives advice that is not an error, a line each.
	Notes io.Writer
	// Stats, when set, counts what happened to the snippets.
	Stats *Stats
}

// Stats counts what a build did with its snippets.
type Stats struct {
	Ran      atomic.Int64 // run in this build
	Cached   atomic.Int64 // taken from the cache
	Verified atomic.Int64 // yaegi outputs verified against go run
	FromGo   atomic.Int64 // yaegi snippets shown with go run's output
}

// add counts one snippet's result.
func (st *Stats) add(p engine.Provenance, cached bool) {
	if st == nil {
		return
	}
	if cached {
		st.Cached.Add(1)
	} else {
		st.Ran.Add(1)
	}
	if p.Verified {
		st.Verified.Add(1)
	}
	if p.Reason != "" {
		st.FromGo.Add(1)
	}
}

func (c Config) note(msg string) {
	if c.Notes != nil {
		fmt.Fprintln(c.Notes, msg)
	}
}

// Versions identify everything outside a snippet that can change its output.
type Versions struct {
	Go        string // the installed toolchain, for engine=go
	Host      string // the Go the generator was built with, which runs yaegi
	Generator string // a hash of the generator itself: the interpreter, rewrite and runner
	Platform  string // GOOS/GOARCH
	// Cores is the number of logical CPUs of the building machine, which
	// programs may print and trace figures state (runner.Runner.Cores).
	Cores int
}

// Executor runs snippets for any number of callers at once, at most
// Config.Jobs programs at a time, and shows the progress of all of them.
type Executor struct {
	cfg      Config
	slots    chan struct{}
	progress *progress
}

// New returns an Executor for a build of total runnable snippets (the
// total sizes the progress line; a build with none needs no RunFunc).
// Close it when the build is done.
func New(cfg Config, total int) (*Executor, error) {
	if cfg.Run == nil && total > 0 {
		return nil, errors.New("execute: no RunFunc")
	}
	return &Executor{cfg: cfg, slots: make(chan struct{}, max(cfg.Jobs, 1)), progress: newProgress(cfg.Progress, total)}, nil
}

// Close ends the progress line.
func (x *Executor) Close() { x.progress.finish() }

// Run runs every block of blocks that runs, filling in its result. It
// returns every problem, each naming its Markdown line; blocks without
// problems keep their results either way. A failure of the generator
// itself, rather than of a snippet, ends the run at once: IsInternal
// reports it.
func (x *Executor) Run(ctx context.Context, blocks []*lesson.Block) error {
	var (
		todo []*lesson.Block
		reqs []runner.Request
	)
	for _, b := range blocks {
		s := b.Snippet
		if !s.Runs() {
			continue
		}
		if fromCache(b, cacheKey(s, x.cfg.Versions), x.cfg) {
			x.progress.start(b)()
			continue
		}
		todo = append(todo, b)
		reqs = append(reqs, goRequests(s, x.cfg)...)
	}
	var ready func(context.Context, runner.Request) error
	if x.cfg.Prepare != nil && len(reqs) > 0 {
		ready = x.cfg.Prepare(ctx, reqs)
	}
	errs := make([]error, len(todo))
	g, gctx := errgroup.WithContext(ctx)
	for i, b := range todo {
		g.Go(func() error {
			// The snippet shows as running from its first run on.
			done := func() {}
			var once sync.Once
			cfg := x.cfg
			cfg.Run = x.slotted(x.cfg.Run, ready, func() { once.Do(func() { done = x.progress.start(b) }) })
			defer func() { done() }()
			err := runBlock(gctx, b, cfg)
			if IsInternal(err) {
				return err // our machinery failed: stop the build
			}
			errs[i] = err
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// All runs every block that runs, as an Executor of its own does.
func All(ctx context.Context, blocks []*lesson.Block, cfg Config) error {
	total := 0
	for _, b := range blocks {
		if b.Snippet.Runs() {
			total++
		}
	}
	x, err := New(cfg, total)
	if err != nil {
		return err
	}
	defer x.Close()
	return x.Run(ctx, blocks)
}

// IsInternal reports whether err is a failure of the generator rather than
// of a snippet, which stops the build.
func IsInternal(err error) bool {
	var internal *internalError
	return errors.As(err, &internal)
}

// internalError is a failure of the generator, not of a snippet.
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

// progress shows done/total and the slowest running snippet on a terminal.
type progress struct {
	w       io.Writer
	total   int
	mu      sync.Mutex
	done    int
	running map[*lesson.Block]time.Time
	stop    chan struct{}
	stopped sync.WaitGroup
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, running: map[*lesson.Block]time.Time{}, stop: make(chan struct{})}
	if w != nil && total > 0 {
		p.stopped.Go(p.tick)
	}
	return p
}

func (p *progress) start(b *lesson.Block) func() {
	p.mu.Lock()
	p.running[b] = time.Now()
	p.mu.Unlock()
	return func() {
		p.mu.Lock()
		delete(p.running, b)
		p.done++
		p.mu.Unlock()
	}
}

func (p *progress) tick() {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.draw()
		}
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := fmt.Sprintf("snippets %d/%d", p.done, p.total)
	var slowest *lesson.Block
	var since time.Time
	for b, t := range p.running {
		if slowest == nil || t.Before(since) {
			slowest, since = b, t
		}
	}
	if slowest != nil {
		line += fmt.Sprintf(", slowest running: %s:%d (%s)", slowest.Snippet.File, slowest.Snippet.Line, time.Since(since).Round(100*time.Millisecond))
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
}

func (p *progress) finish() {
	if p.w == nil || p.total == 0 {
		return
	}
	close(p.stop)
	p.stopped.Wait()
	fmt.Fprint(p.w, "\r\033[K")
}
