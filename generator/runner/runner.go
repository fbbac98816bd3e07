// Package runner runs one snippet in a child process and reports what it did.
//
// A snippet never runs inside the generator's own process. With engine yaegi
// the generator starts itself again in a hidden child mode (see MaybeChild),
// and the child interprets the program; with engine go the program is built
// with the installed toolchain in a fresh temporary module and the binary is
// run directly. Either way the child runs in a temporary directory that is
// also its HOME, with a minimal environment (PATH=/usr/bin:/bin and HOME,
// nothing of the builder's), as the leader of its own process group.
//
// The parent enforces the limits of a Request: wall-clock time, resident
// memory (read from /proc every 20 ms) and the amount of output. Breaking one
// kills the whole process group and gives the matching Outcome with a Note.
//
// Output is recorded as it arrives, as engine.Events in order. A go binary
// writes to two pipes, read in one poll loop, stdout first when both are
// ready: within a stream the order is exact; between streams it is the order
// the parent saw, which can differ when the program writes to both within a
// moment. A yaegi child frames everything the program writes (the yaegi
// engine routes os.Stdout and os.Stderr to its writers too) onto one pipe,
// so the order is exact; the child's own stderr, where the Go runtime
// reports a deadlock or a crash of the child, is read as stderr after the
// frames, cut down to its message since its goroutines and frames are the
// interpreter's. Bytes are kept exactly, except that terminal escape
// sequences (CSI, OSC and the rest of ECMA-48) are removed and invalid UTF-8
// becomes U+FFFD.
//
// How a run ended is decided in this order: Timeout, Memory or OutputLimit
// when the parent killed the child; CompileError when go build or the
// interpreter rejected the program (with Diagnostics); Crash, for yaegi,
// when the interpreter failed rather than the program (an error that is not
// a compile error, or a Go panic raised outside interpreted code or by
// package reflect); then OK for exit status 0, Deadlock when stderr has the
// runtime's "all goroutines are asleep" message, Panic for exit status 2
// with a line starting "panic: ", and Exit for any other status. A -race
// build links cgo, so a deadlocked -race program runs until the timeout.
//
// Output is made stable: paths in the temporary directory lose the directory
// (/tmp/snippet123/main.go:12 becomes main.go:12), the " +0x1d" program
// counter offsets in stack traces are removed because they change between Go
// versions, and the "# snippet" header and "./" prefix of compiler and vet
// messages are dropped. When the program exits with a non-zero status,
// "exit status N" is added as the last stderr event, as go run prints it.
package runner

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
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
	// MaxMemory is the limit on the program's resident memory in bytes;
	// 0 means 512 MiB, or 1 GiB for a -race build. A program over it is
	// killed, with Outcome Memory.
	MaxMemory int64
	// Flags are go build flags, such as -race (engine go only).
	Flags []string
	// Vet runs go vet on the program instead of running it (engine go
	// only). Its report is the output, with exit status 1 when it found
	// something, as the go command exits.
	Vet bool
	// Allow lists imports outside the interpreter's allow-list that the
	// snippet opted into (engine yaegi only).
	Allow []string
	// NoRewrite runs the program as raw yaegi sees it, without the rewrite
	// to Go 1.22+ semantics (engine yaegi only); it exists only to measure
	// what the rewrite does.
	NoRewrite bool
}

// Defaults for the zero values of a Request.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultMaxOutput     = 1 << 20
	DefaultMaxMemory     = 512 << 20
	DefaultRaceMaxMemory = 1 << 30 // the race detector's shadow memory needs room
)

// Run runs req's program in a child process and returns what it did.
// Everything the program does, including failing to compile, panicking or
// being killed at a limit, is a Result with its Outcome; the error is only for
// failures of the runner itself (a child that cannot be started, a missing go
// toolchain, a done context).
func Run(ctx context.Context, req Request) (engine.Result, error) {
	if req.Timeout <= 0 {
		req.Timeout = DefaultTimeout
	}
	if req.MaxOutput <= 0 {
		req.MaxOutput = DefaultMaxOutput
	}
	if req.MaxMemory <= 0 {
		req.MaxMemory = DefaultMaxMemory
		if hasRace(req.Flags) {
			req.MaxMemory = DefaultRaceMaxMemory
		}
	}
	var (
		res engine.Result
		err error
	)
	switch req.Engine {
	case snippet.Go:
		res, err = runGo(ctx, req)
	case snippet.Yaegi, "":
		if len(req.Flags) > 0 || req.Vet {
			return engine.Result{}, fmt.Errorf("runner: build flags and vet need engine go, not yaegi")
		}
		res, err = runYaegi(ctx, req)
	default:
		return engine.Result{}, fmt.Errorf("runner: unknown engine %q", req.Engine)
	}
	if err != nil {
		return engine.Result{}, fmt.Errorf("runner (engine %s): %w", engineName(req.Engine), err)
	}
	return res, nil
}

func engineName(e snippet.Engine) snippet.Engine {
	if e == "" {
		return snippet.Yaegi
	}
	return e
}

// hasRace reports whether the build flags turn on the race detector.
func hasRace(flags []string) bool {
	return slices.ContainsFunc(flags, func(f string) bool {
		name, val, hasVal := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if name != "race" {
			return false
		}
		on, err := strconv.ParseBool(val)
		return !hasVal || (err == nil && on)
	})
}

// size formats a byte count for a Note: "512 MiB", "1 GiB", "4 KiB".
func size(n int64) string {
	for _, u := range []struct {
		unit string
		n    int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.n && n%u.n == 0 {
			return fmt.Sprintf("%d %s", n/u.n, u.unit)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
