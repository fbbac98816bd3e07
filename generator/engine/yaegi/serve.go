package yaegi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/gonotes/concurrency/generator/engine"
)

// Serve interprets a program for a host that runs it in a process of its
// own (the generator's sandboxed child, or the playground's worker): it
// reads the Request from r, runs the program with its output framed onto
// w (see Decoder), reports a compile error, a refusal or an interpreter
// failure in a last frame, and returns the exit status the process should
// end with. env is the program's environment.
func Serve(ctx context.Context, r io.Reader, w io.Writer, env []string) int {
	sink := &frameSink{w: w}
	// yaegi reports some crashes through the standard library's logger
	// ("2026/01/02 15:04:05 nil type") as well as in the error it returns;
	// the program's own log is per run (see run.overrides).
	log.SetOutput(io.Discard)
	var req Request
	if err := json.NewDecoder(r).Decode(&req); err != nil {
		sink.send(report{Error: fmt.Sprintf("reading the request: %v", err)})
		return 1
	}
	// Everything the program writes, os.Stdout and os.Stderr included,
	// goes to these writers, framed onto one stream. The writes are
	// unbuffered, so an os.Exit loses nothing.
	unsure := ""
	code, err := Run(ctx, req.Source, Options{
		Stdout:    streamWriter{sink, tagStdout},
		Stderr:    streamWriter{sink, tagStderr},
		Allow:     req.Allow,
		Args:      []string{"main"},
		Env:       env,
		NoRewrite: req.NoRewrite,
		Unsure:    func(why string) { unsure = why },
		Panicked:  func(message string) { sink.send(report{Ended: message}) },
	})
	var (
		compileErr *CompileError
		refusal    *RefusalError
	)
	switch {
	case errors.As(err, &refusal):
		sink.send(report{Diagnostics: diagnostics(refusal.Diagnostics), Refused: true})
		return 1
	case errors.As(err, &compileErr):
		sink.send(report{Diagnostics: diagnostics(compileErr.Diagnostics)})
		return 1 // as go run exits when the build fails
	case err != nil:
		sink.send(report{Failure: err.Error()})
		return 1
	case unsure != "":
		sink.send(report{Unsure: unsure})
	}
	return code
}

// diagnostics converts the engine's diagnostics to the shared type; a
// compile error always has one, positioned or not.
func diagnostics(ds []Diagnostic) []engine.Diagnostic {
	var out []engine.Diagnostic
	for _, d := range ds {
		out = append(out, engine.Diagnostic{Line: d.Line, Col: d.Col, Msg: d.Msg})
	}
	if len(out) == 0 {
		out = []engine.Diagnostic{{Msg: "the program does not compile"}}
	}
	return out
}
