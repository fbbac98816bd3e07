// Package runner runs one snippet natively, in the sandbox, on the engine
// it asks for, and reports what it did.
//
// A snippet never runs inside the generator's own process. With engine
// yaegi the generator starts itself again, in the sandbox, in a hidden child
// mode (see MaybeChild), and the child interprets the program (package
// engine/yaegi); with engine go the program is built with the installed
// toolchain and the binary is run, both in the sandbox (package
// engine/toolchain). Either way the sandbox (package sandbox) enforces the
// limits of a Request on the whole process tree: wall-clock time, resident
// memory, processes and threads, and the amount of output; breaking one
// gives the matching Outcome with a Note.
//
// Output is recorded as it arrives, as engine.Events in order. A go binary
// writes to two pipes, read in one poll loop, stdout first when both are
// ready: within a stream the order is exact; between streams it is the order
// the parent saw, which can differ when the program writes to both within a
// moment. A yaegi child frames everything the program writes onto one pipe,
// so the order is exact; the child's own stderr, where the Go runtime
// reports a deadlock or a crash of the child, is read as stderr after the
// frames, cut down to its message since its goroutines and frames are the
// interpreter's. Bytes are kept exactly, except that terminal escape
// sequences are removed and invalid UTF-8 becomes U+FFFD.
//
// How a run ended is decided in this order: Timeout, Memory, Tasks or
// OutputLimit when the sandbox killed it; Refused when the interpreter's
// allow-list refused the program; CompileError when go build or the
// interpreter rejected it (with Diagnostics); Crash, for yaegi, when the
// interpreter failed rather than the program; then OK for exit status 0,
// Deadlock when stderr has the runtime's "all goroutines are asleep"
// message, Panic for exit status 2 with a line starting "panic: ", and Exit
// for any other status. A -race build links cgo, so a deadlocked -race
// program runs until the timeout.
//
// Output is made stable: paths in the build folder lose the folder
// (/tmp/gonotes-1-2/main.go:12 becomes main.go:12), the " +0x1d" program
// counter offsets in stack traces are removed because they change between Go
// versions, and the "# snippet" header and "./" prefix of compiler and vet
// messages are dropped. When the program exits with a non-zero status,
// "exit status N" is added as the last stderr event, as go run prints it.
package runner

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/engine/toolchain"
	"github.com/gonotes/concurrency/generator/sandbox"
	"github.com/gonotes/concurrency/generator/snippet"
)

// Request is one program to run and the limits to run it under.
type Request struct {
	Engine snippet.Engine // snippet.Yaegi (also when empty) or snippet.Go
	Source string         // the complete program, the contents of main.go
	// Timeout is the wall-clock limit of the run, not counting the build;
	// 0 means 10s.
	Timeout time.Duration
	// MaxOutput is how many bytes of stdout and stderr together are kept;
	// 0 means 1 MiB. A program that prints more is killed, with Outcome
	// OutputLimit and a Note saying the rest was cut.
	MaxOutput int
	// MaxMemory is the limit on the resident memory of the program and
	// everything it starts, in bytes; 0 means 512 MiB, or 1 GiB for a
	// -race build. A program over it is killed, with Outcome Memory.
	MaxMemory int64
	// Flags are go build flags, such as -race (engine go only).
	Flags []string
	// Vet runs go vet on the program instead of running it (engine go
	// only). Its report is the output, with exit status 1 when it found
	// something, as the go command exits.
	Vet bool
	// Trace records the run's execution trace into Result.Trace (engine go
	// only; see toolchain.Program). A trace over toolchain.MaxTrace stops
	// the program, with Outcome OutputLimit and a Note that says so.
	Trace bool
	// Allow lists imports outside the interpreter's allow-list that the
	// snippet opted into (engine yaegi only).
	Allow []string
	// NoRewrite runs the program as raw yaegi sees it, without the rewrite
	// to Go 1.22+ semantics (engine yaegi only); it exists only to measure
	// what the rewrite does.
	NoRewrite bool
}

// Defaults for the zero values of a Request, and the fixed limits.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultMaxOutput     = 1 << 20
	DefaultMaxMemory     = 512 << 20
	DefaultRaceMaxMemory = 1 << 30 // the race detector's shadow memory needs room
	// MaxTasks bounds the processes and threads of a program's tree.
	MaxTasks = 1024
)

// Runner runs snippets natively, in a sandbox.
type Runner struct {
	sb *sandbox.Sandbox
	tc *toolchain.Toolchain
}

// New returns a Runner that runs programs in sb, building them with tc.
func New(sb *sandbox.Sandbox, tc *toolchain.Toolchain) *Runner {
	return &Runner{sb: sb, tc: tc}
}

// Start returns a Runner with a new sandbox and the installed toolchain.
func Start(ctx context.Context) (*Runner, error) {
	sb := sandbox.New(ctx)
	tc, err := toolchain.Detect(ctx, sb)
	if err != nil {
		return nil, err
	}
	return New(sb, tc), nil
}

// Isolated reports whether programs run in their own namespaces, and if
// not, why.
func (r *Runner) Isolated() (bool, string) { return r.sb.Isolated() }

// program is the toolchain's Program of an engine go request.
func program(req Request, lim engine.Limits) toolchain.Program {
	return toolchain.Program{Source: req.Source, Flags: req.Flags, Vet: req.Vet, Trace: req.Trace, Limits: lim}
}

// Prepare starts building ahead, together, the programs of the engine go
// requests among reqs, so that running them later builds nothing (see
// toolchain.Toolchain.Prepare), and returns Ready, with which a run can
// wait for its program. It is only a shortcut: Run does whatever Prepare
// did not.
func (r *Runner) Prepare(ctx context.Context, reqs []Request) func(context.Context, Request) error {
	var ps []toolchain.Program
	for _, req := range reqs {
		if req.Engine == snippet.Go {
			ps = append(ps, program(req, engine.Limits{}))
		}
	}
	r.tc.Prepare(ctx, ps)
	return r.Ready
}

// Ready waits until no build of req's program, which Prepare started, is
// under way: Run then finds it built, or builds it itself.
func (r *Runner) Ready(ctx context.Context, req Request) error {
	if req.Engine != snippet.Go {
		return nil
	}
	return r.tc.Wait(ctx, program(req, engine.Limits{}))
}

// Close removes what the Runner kept between runs: built programs.
func (r *Runner) Close() error { return r.tc.Close() }

// GoVersion is the version of the toolchain engine=go builds with.
func (r *Runner) GoVersion() string { return r.tc.Version }

// Cores is the number of logical CPUs of the machine programs run on, as
// runtime.NumCPU reports it to them.
func (r *Runner) Cores() int { return runtime.NumCPU() }

// Run runs req's program and returns what it did. Everything the program
// does, including failing to compile, panicking or being killed at a limit,
// is a Result with its Outcome; the error is only for failures of the
// builder (a child that cannot be started, a toolchain that cannot build for
// reasons that are not the program's, a done context), which never become
// output.
func (r *Runner) Run(ctx context.Context, req Request) (engine.Result, error) {
	if req.Timeout <= 0 {
		req.Timeout = DefaultTimeout
	}
	if req.MaxOutput <= 0 {
		req.MaxOutput = DefaultMaxOutput
	}
	if req.MaxMemory <= 0 {
		req.MaxMemory = DefaultMaxMemory
		if toolchain.HasRace(req.Flags) {
			req.MaxMemory = DefaultRaceMaxMemory
		}
	}
	lim := engine.Limits{Timeout: req.Timeout, MaxOutput: req.MaxOutput, MaxMemory: req.MaxMemory, MaxTasks: MaxTasks}
	var (
		res engine.Result
		err error
	)
	switch req.Engine {
	case snippet.Go:
		res, err = r.tc.Run(ctx, program(req, lim))
	case snippet.Yaegi, "":
		if len(req.Flags) > 0 || req.Vet || req.Trace {
			return engine.Result{}, fmt.Errorf("runner: build flags, vet and trace need engine go, not yaegi")
		}
		res, err = r.runYaegi(ctx, req, lim)
	default:
		return engine.Result{}, fmt.Errorf("runner: unknown engine %q", req.Engine)
	}
	if err != nil {
		return engine.Result{}, fmt.Errorf("engine %s: %w", engineName(req.Engine), err)
	}
	return res, nil
}

func engineName(e snippet.Engine) snippet.Engine {
	if e == "" {
		return snippet.Yaegi
	}
	return e
}
