package toolchain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/sandbox"
)

// runBinary runs the program built in dir, in the sandbox: it sees only its
// private /tmp, and the system's libraries read-only when it is linked
// dynamically (a -race binary; the sandbox sees to that). A traced program writes its trace to a
// third pipe, TraceFD, kept in Result.Trace up to MaxTrace bytes; a program
// whose trace grows past that is stopped, as one that prints too much is.
func (t *Toolchain) runBinary(ctx context.Context, b *built, lim engine.Limits, trace bool) (engine.Result, error) {
	prog := b.prog
	rec := engine.NewRecorder(lim.MaxOutput)
	outputs := []io.Writer{rec.Writer(engine.Stdout), rec.Writer(engine.Stderr)}
	var tr *traceBuffer
	if trace {
		tr = &traceBuffer{}
		outputs = append(outputs, tr)
	}
	exit, err := t.sb.Run(ctx, sandbox.Spec{
		Exe:     prog,
		Args:    []string{"main"},
		Env:     []string{"PATH=/usr/bin:/bin"},
		Outputs: outputs,
		Limits:  sandbox.Limits{Timeout: lim.Timeout, Memory: lim.MaxMemory, Tasks: lim.MaxTasks, Disk: RunDisk},
	})
	if err != nil {
		return engine.Result{}, fmt.Errorf("running the program: %w", err)
	}
	if exit.Reason == sandbox.Canceled {
		return engine.Result{}, ctx.Err()
	}
	res := rec.Result()
	res.Stabilise(b.src)
	res.End(Ending(exit), lim)
	if tr != nil {
		res.Trace = tr.Bytes()
		if tr.full {
			res.Note = fmt.Sprintf("killed: its execution trace passed %s, the most a figure is drawn from; trace a shorter run", engine.Size(MaxTrace))
		}
	}
	return res, nil
}

// TraceFD is the file descriptor a traced program writes its trace to: the
// first of the sandbox's outputs past stdout and stderr.
const TraceFD = 3

// MaxTrace bounds a run's execution trace. The generator parses and draws
// a trace in its own memory, at worst some 25 bytes for each byte of trace
// (a run that starts 100,000 goroutines); lessons' traces take kilobytes.
const MaxTrace = 8 << 20

// traceBuffer keeps a trace and refuses it past MaxTrace, which stops the
// program.
type traceBuffer struct {
	bytes.Buffer
	full bool
}

func (b *traceBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > MaxTrace {
		b.full = true
		return 0, errTraceFull
	}
	return b.Buffer.Write(p)
}

var errTraceFull = errors.New("trace limit reached")

// RunDisk is the size of a running program's private /tmp.
const RunDisk = 64 << 20

// Ending converts how the sandbox saw a program end.
func Ending(e sandbox.Exit) engine.Ending {
	kill := map[sandbox.Reason]engine.Kill{
		sandbox.Timeout: engine.KillTimeout, sandbox.Memory: engine.KillMemory,
		sandbox.Tasks: engine.KillTasks, sandbox.OutputFull: engine.KillOutput,
	}[e.Reason]
	return engine.Ending{Killed: kill, Code: e.Code, State: e.State}
}
