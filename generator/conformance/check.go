package conformance

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/engine/yaegi/symbols"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

// RunFunc runs one program: a runner.Runner's Run, whose yaegi engine needs
// the calling binary to call runner.MaybeChild first thing.
type RunFunc func(ctx context.Context, req runner.Request) (engine.Result, error)

// Config says how to run the corpus.
type Config struct {
	Run      RunFunc
	Timeout  time.Duration // per run; 0 means runner.DefaultTimeout (10s)
	Parallel int           // runs at once; 0 means 2
}

// Row is what one program did under each engine, and the verdicts.
type Row struct {
	Program   Program
	Go        engine.Result // the reference
	Raw       engine.Result // yaegi without the rewrite
	Rewritten engine.Result // yaegi as the site runs it
	// Before and After judge Raw and Rewritten against Go.
	Before, After Judgement
}

// mode is one way of running a program.
type mode int

const (
	goRun mode = iota
	yaegiRaw
	yaegiRewritten
)

// Check runs every program under go run and under yaegi with and without the
// rewrite, and judges the yaegi runs. The yaegi runs may use every package
// a snippet can opt into, so that what is measured is the interpreter rather
// than the allow-list. The error joins the runner's own failures (each names
// its program); the rows of those programs keep a zero Result there.
func Check(ctx context.Context, progs []Program, cfg Config) ([]Row, error) {
	if cfg.Run == nil {
		return nil, errors.New("conformance: no RunFunc")
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = 2
	}
	rows := make([]Row, len(progs))
	errs := make([]error, len(progs)*3)
	var g errgroup.Group
	g.SetLimit(cfg.Parallel)
	for i, p := range progs {
		rows[i].Program = p
		for _, m := range []mode{goRun, yaegiRaw, yaegiRewritten} {
			g.Go(func() error {
				res, err := cfg.Run(ctx, request(p, m, cfg.Timeout))
				if err != nil {
					errs[i*3+int(m)] = fmt.Errorf("%s (%s): %w", p.Path, m, err)
					return nil
				}
				*rows[i].result(m) = res
				return nil
			})
		}
	}
	g.Wait()
	for i := range rows {
		rows[i].Before = Classify(rows[i].Raw, rows[i].Go)
		rows[i].After = Classify(rows[i].Rewritten, rows[i].Go)
	}
	return rows, errors.Join(errs...)
}

// request is the runner request that runs p in mode m.
func request(p Program, m mode, timeout time.Duration) runner.Request {
	if m == goRun {
		return runner.Request{Engine: snippet.Go, Source: p.Source, Timeout: timeout}
	}
	return runner.Request{
		Engine:    snippet.Yaegi,
		Source:    p.Source,
		Timeout:   timeout,
		Allow:     symbols.OptIn(),
		NoRewrite: m == yaegiRaw,
	}
}

func (r *Row) result(m mode) *engine.Result {
	switch m {
	case goRun:
		return &r.Go
	case yaegiRaw:
		return &r.Raw
	}
	return &r.Rewritten
}

func (m mode) String() string {
	return [...]string{"go run", "yaegi without the rewrite", "yaegi"}[m]
}
