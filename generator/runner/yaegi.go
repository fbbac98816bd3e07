package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/engine/toolchain"
	"github.com/gonotes/concurrency/generator/engine/yaegi"
	"github.com/gonotes/concurrency/generator/sandbox"
)

// childEnv marks a process that Run started as a yaegi child.
const childEnv = "GONOTES_RUNNER_CHILD"

// MaybeChild makes this process a sandbox's init or a yaegi child if a
// Runner started it as one; otherwise it returns at once. As a yaegi child
// it reads the program from its standard input, interprets it and exits
// with the program's exit status.
//
// Every binary that uses a Runner must call MaybeChild first thing: the
// generator's main, and TestMain in every package whose tests run snippets.
// Nothing may come before it that starts goroutines or calls signal.Notify
// (the Go runtime then cannot see a deadlock), and the binary must not link
// cgo (see TestChildWithoutCgo).
func MaybeChild() {
	sandbox.MaybeInit()
	if os.Getenv(childEnv) == "" {
		return
	}
	// The request comes on standard input, and the program's output goes
	// out as frames on standard output, which nothing else writes to: the
	// Go runtime reports a deadlock or a crash on standard error.
	os.Unsetenv(childEnv)
	os.Exit(yaegi.Serve(context.Background(), os.Stdin, os.Stdout, os.Environ()))
}

// runYaegi starts this executable again as a yaegi child, in the sandbox,
// and hands it the program.
func (r *Runner) runYaegi(ctx context.Context, req Request, lim engine.Limits) (engine.Result, error) {
	exe, err := os.Executable()
	if err != nil {
		return engine.Result{}, fmt.Errorf("finding this executable to run as the child: %w", err)
	}
	body, err := json.Marshal(yaegi.Request{Source: req.Source, Allow: req.Allow, NoRewrite: req.NoRewrite})
	if err != nil {
		return engine.Result{}, fmt.Errorf("encoding the request: %w", err)
	}
	rec := engine.NewRecorder(req.MaxOutput)
	frames := yaegi.NewDecoder(rec)
	exit, err := r.sb.Run(ctx, sandbox.Spec{
		Exe:   exe,
		Args:  []string{"main"},
		Env:   []string{"PATH=/usr/bin:/bin", childEnv + "=1"},
		Stdin: body,
		// The frames come first: when both pipes are ready at once, the
		// program's output precedes whatever the child's own stderr got,
		// the Go runtime's report of how the child died.
		Outputs: []io.Writer{frames, rec.Writer(engine.Stderr)},
		Limits:  sandbox.Limits{Timeout: req.Timeout, Memory: req.MaxMemory, Tasks: MaxTasks, Disk: toolchain.RunDisk},
	})
	if err != nil {
		return engine.Result{}, err
	}
	if exit.Reason == sandbox.Canceled {
		return engine.Result{}, ctx.Err()
	}
	return yaegi.Finish(rec, frames, toolchain.Ending(exit), lim)
}
