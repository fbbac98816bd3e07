package execute

import (
	"context"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

// slotted returns run that holds one of the Executor's Jobs while it
// runs a program: a snippet's run, Go's run that verifies it, each of
// Go's runs of output that varies. A Go program built ahead (ready, when
// not nil) is waited for before, without a Job: while a build is under
// way the Jobs run the programs that need none, the interpreter's.
// started is called each time a Job is taken.
func (x *Executor) slotted(run RunFunc, ready func(context.Context, runner.Request) error, started func()) RunFunc {
	return func(ctx context.Context, req runner.Request) (engine.Result, error) {
		if ready != nil && req.Engine == snippet.Go {
			if err := ready(ctx, req); err != nil {
				return engine.Result{}, err
			}
		}
		select {
		case x.slots <- struct{}{}:
		case <-ctx.Done():
			return engine.Result{}, ctx.Err()
		}
		defer func() { <-x.slots }()
		started()
		return run(ctx, req)
	}
}
