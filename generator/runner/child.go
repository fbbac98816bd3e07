package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/engine/yaegi"
)

// childEnv marks a process that Run started as a yaegi child.
const childEnv = "GONOTES_RUNNER_CHILD"

// The descriptors a yaegi child gets after stdin, stdout and stderr.
const (
	requestFD = 3 // the childRequest, as JSON, then EOF
	frameFD   = 4 // the program's output as frames, then maybe a report
)

// MaybeChild makes this process a yaegi child if Run started it as one: it
// reads the program from its parent, interprets it with the yaegi engine
// and exits with the program's exit status. Otherwise it returns at once.
//
// Engine yaegi runs a snippet by starting the current executable again, so
// every binary that calls Run must call MaybeChild first thing: the
// generator's main, and TestMain in every package whose tests run snippets.
// Nothing may come before it that starts goroutines or calls signal.Notify
// (the Go runtime then cannot see a deadlock), and the binary must not link
// cgo (see TestChildWithoutCgo).
func MaybeChild() {
	if os.Getenv(childEnv) == "" {
		return
	}
	os.Exit(serveChild())
}

// serveChild runs the program its parent sends and returns the exit status.
func serveChild() int {
	// Processes the program starts must not hold the runner's pipes open.
	unix.CloseOnExec(requestFD)
	unix.CloseOnExec(frameFD)
	os.Unsetenv(childEnv)
	sink := &frameSink{fd: frameFD}
	req, err := readRequest()
	if err != nil {
		childReport{Error: err.Error()}.send(sink)
		return 1
	}
	// Everything the program writes, os.Stdout and os.Stderr included,
	// goes to these writers, framed onto one pipe. The writes are
	// unbuffered, so an os.Exit loses nothing.
	code, err := yaegi.Run(req.Source, yaegi.Options{
		Stdout:    streamWriter{sink, tagStdout},
		Stderr:    streamWriter{sink, tagStderr},
		Allow:     req.Allow,
		Args:      []string{"main"},
		Env:       os.Environ(),
		NoRewrite: req.NoRewrite,
	})
	var compileErr *yaegi.CompileError
	switch {
	case errors.As(err, &compileErr):
		var rep childReport
		for _, d := range compileErr.Diagnostics {
			rep.Diagnostics = append(rep.Diagnostics, engine.Diagnostic{Line: d.Line, Col: d.Col, Msg: d.Msg})
		}
		if len(rep.Diagnostics) == 0 {
			rep.Diagnostics = []engine.Diagnostic{{Msg: "the program does not compile"}} // no position
		}
		rep.send(sink)
		return 1 // as go run exits when the build fails
	case err != nil:
		childReport{Failure: err.Error()}.send(sink)
		return 1
	}
	return code
}

func readRequest() (childRequest, error) {
	f := os.NewFile(requestFD, "request")
	defer f.Close()
	var req childRequest
	if err := json.NewDecoder(f).Decode(&req); err != nil {
		return req, fmt.Errorf("reading the request on fd %d: %w", requestFD, err)
	}
	return req, nil
}
