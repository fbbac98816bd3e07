package execute

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

// TestWaitingForABuildHoldsNoJob: with one job, a Go program whose build
// is under way waits for it without the job, so an interpreted snippet
// runs meanwhile; the build here finishes only once that one has run. No
// more programs than Jobs ever run at once.
func TestWaitingForABuildHoldsNoJob(t *testing.T) {
	built := make(chan struct{})
	var running, most atomic.Int32
	run := func(_ context.Context, req runner.Request) (engine.Result, error) {
		n := running.Add(1)
		defer running.Add(-1)
		if n > most.Load() {
			most.Store(n)
		}
		if req.Engine == snippet.Yaegi {
			close(built) // the build ends after the interpreter ran
		}
		return out("hi\n"), nil
	}
	var prepared []runner.Request
	prepare := func(_ context.Context, reqs []runner.Request) func(context.Context, runner.Request) error {
		prepared = reqs
		return func(ctx context.Context, req runner.Request) error {
			select {
			case <-built:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	blocks := []*lesson.Block{
		block(t, 1, "go engine=go", program("\tfmt.Println(\"hi\")\n")),
		block(t, 9, "go", program("\tfmt.Println(\"hi\")\n")),
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := All(ctx, blocks, Config{Jobs: 1, Run: run, Prepare: prepare, Versions: versions})
	if err != nil {
		t.Fatalf("%v (a run waiting for its build held the only job?)", err)
	}
	if len(prepared) != 1 || prepared[0].Engine != snippet.Go {
		t.Errorf("prepared %+v, want the engine=go program", prepared)
	}
	if most.Load() != 1 {
		t.Errorf("%d programs ran at once with one job", most.Load())
	}
	for _, b := range blocks {
		if b.Result == nil || b.Result.Stdout() != "hi\n" {
			t.Errorf("line %d: result %+v", b.Snippet.Line, b.Result)
		}
	}
}
