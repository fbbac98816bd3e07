package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/gonotes/concurrency/generator/engine"
)

// crashNote explains Outcome Crash.
const crashNote = "the interpreter (yaegi) failed on this program; try engine=go"

// childRequest is what the parent sends a yaegi child on fd 3.
type childRequest struct {
	Source    string   `json:"source"`
	Allow     []string `json:"allow,omitempty"`
	NoRewrite bool     `json:"no_rewrite,omitempty"`
}

// runYaegi starts this executable again as a yaegi child (see MaybeChild)
// and hands it the program.
func runYaegi(ctx context.Context, req Request) (engine.Result, error) {
	exe, err := os.Executable()
	if err != nil {
		return engine.Result{}, fmt.Errorf("finding this executable to run as the child: %w", err)
	}
	dir, err := tempDir()
	if err != nil {
		return engine.Result{}, err
	}
	defer os.RemoveAll(dir)
	body, err := json.Marshal(childRequest{Source: req.Source, Allow: req.Allow, NoRewrite: req.NoRewrite})
	if err != nil {
		return engine.Result{}, fmt.Errorf("encoding the request: %w", err)
	}

	var pipes []*pipe
	defer func() {
		for _, p := range pipes {
			p.close()
		}
	}()
	// The frames come first: when several pipes are ready at once, the
	// program's output precedes whatever the child's own stdout and stderr
	// got (on stderr, the Go runtime's report of how the child died).
	for _, s := range []engine.Stream{0, engine.Stdout, engine.Stderr} {
		p, err := newPipe(s)
		if err != nil {
			return engine.Result{}, err
		}
		pipes = append(pipes, p)
	}
	frames, stdout, stderr := pipes[0], pipes[1], pipes[2]
	frames.frames = &frameDecoder{}

	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_CLOEXEC); err != nil {
		return engine.Result{}, fmt.Errorf("creating a pipe: %w", err)
	}
	reqR, reqW := os.NewFile(uintptr(fds[0]), "request"), os.NewFile(uintptr(fds[1]), "request")
	sent := make(chan struct{})
	go func() {
		// If the child dies without reading, this fails with EPIPE rather
		// than blocking: supervise closes this process's copy of reqR.
		reqW.Write(body)
		reqW.Close()
		close(sent)
	}()
	defer func() { <-sent }()

	cmd := &exec.Cmd{
		Path:       exe,
		Args:       []string{exe},
		Dir:        dir,
		Env:        append(childEnviron(dir), childEnv+"=1"),
		Stdout:     stdout.w,
		Stderr:     stderr.w,
		ExtraFiles: []*os.File{reqR, frames.w}, // fds 3 and 4 in the child
	}
	o := newOutput(req.MaxOutput)
	why, state, err := supervise(ctx, cmd, pipes, o, limits{req.Timeout, req.MaxMemory})
	if err != nil {
		return engine.Result{}, err
	}
	if why == canceled {
		return engine.Result{}, ctx.Err()
	}
	o.flush()
	res := o.res
	if why != exited {
		stabilise(&res, dir)
		finish(&res, why, state, req)
		return res, nil
	}
	rep := decodeReport(frames.frames.report)
	switch {
	case rep.Error != "":
		return engine.Result{}, errors.New("child: " + rep.Error)
	case len(rep.Diagnostics) > 0:
		res.Outcome, res.ExitCode, res.Diagnostics = engine.CompileError, state.ExitCode(), rep.Diagnostics
		for _, d := range rep.Diagnostics {
			res.Append(engine.Stderr, diagnosticLine(d))
		}
		return res, nil
	case rep.Failure != "" || interpreterFault(res.Stderr()):
		res.Outcome, res.ExitCode, res.Note = engine.Crash, state.ExitCode(), crashNote
		if rep.Failure != "" {
			res.Append(engine.Stderr, strings.TrimSuffix(rep.Failure, "\n")+"\n")
		}
		res.Append(engine.Stderr, state.String()+"\n")
		stabilise(&res, dir)
		return res, nil
	}
	trimInterpreterFrames(&res)
	stabilise(&res, dir)
	finish(&res, why, state, req)
	return res, nil
}

// diagnosticLine formats a compile error as the go command prints it.
func diagnosticLine(d engine.Diagnostic) string {
	switch {
	case d.Line == 0:
		return fmt.Sprintf("main.go: %s\n", d.Msg)
	case d.Col == 0:
		return fmt.Sprintf("main.go:%d: %s\n", d.Line, d.Msg)
	}
	return fmt.Sprintf("main.go:%d:%d: %s\n", d.Line, d.Col, d.Msg)
}
