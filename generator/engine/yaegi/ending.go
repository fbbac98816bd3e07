package yaegi

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gonotes/concurrency/generator/engine"
)

// crashNote explains Outcome Crash.
const crashNote = "the interpreter (yaegi) failed on this program; try engine=go"

// Finish makes the Result of a program that a process interpreted with
// Serve: from what was recorded on rec (the frames, through dec, and the
// process's own stdout and stderr, where the Go runtime reports a deadlock
// or a crash), the report in the frames, how the process ended and what it
// was allowed. The error is only for a failure of the serving machinery.
func Finish(rec *engine.Recorder, dec *Decoder, end engine.Ending, lim engine.Limits) (engine.Result, error) {
	res := rec.Result()
	rep := decodeReport(dec.report)
	if end.Killed == engine.KillTimeout && rep.Ended != "" {
		// A panic ended the program; the time ran out while the engine
		// looked for the lines of its frames, so there are none.
		if !strings.Contains(res.Stderr(), rep.Ended) {
			res.Append(engine.Stderr, rep.Ended)
		}
		res.Unsure = "yaegi ran out of time finding the lines of the program's frames"
		res.End(engine.Ending{Code: 2, State: "exit status 2"}, lim)
		return res, nil
	}
	if end.Killed != engine.NotKilled {
		res.Stabilise("")
		res.End(end, lim)
		return res, nil
	}
	switch {
	case rep.Error != "":
		return engine.Result{}, errors.New("the interpreting process: " + rep.Error)
	case len(rep.Diagnostics) > 0:
		res.Outcome, res.ExitCode, res.Diagnostics = engine.CompileError, end.Code, rep.Diagnostics
		if rep.Refused {
			res.Outcome = engine.Refused
		}
		for _, d := range rep.Diagnostics {
			res.Append(engine.Stderr, diagnosticLine(d))
		}
		return res, nil
	case rep.Failure != "" || interpreterFault(res.Stderr()):
		res.Outcome, res.ExitCode, res.Note = engine.Crash, end.Code, crashNote
		if rep.Failure != "" {
			res.Append(engine.Stderr, strings.TrimSuffix(rep.Failure, "\n")+"\n")
		}
		res.Append(engine.Stderr, end.State+"\n")
		res.Stabilise("")
		return res, nil
	}
	if trimInterpreterFrames(&res) {
		res.Unsure = runtimeUnsure(res.Stderr())
	} else {
		res.Unsure = rep.Unsure
	}
	res.Stabilise("")
	res.End(end, lim)
	return res, nil
}

// runtimeUnsure says why the report the Go runtime wrote in a yaegi child
// (cut to its message, since its frames are the interpreter's) is not what
// Go prints for the program.
func runtimeUnsure(stderr string) string {
	if strings.Contains(stderr, engine.DeadlockMsg) {
		return "yaegi cannot show where the program's goroutines were blocked"
	}
	if strings.Contains(stderr, "\nfatal error: ") || strings.HasPrefix(stderr, "fatal error: ") {
		return "yaegi cannot show the program's goroutines at a fatal error"
	}
	return "yaegi cannot show the trace of a panic in a goroutine other than main's"
}

// diagnosticLine formats a compile error as the go command prints it.
func diagnosticLine(d engine.Diagnostic) string {
	switch {
	case d.Line == 0:
		return fmt.Sprintf("%s: %s\n", sourceName, d.Msg)
	case d.Col == 0:
		return fmt.Sprintf("%s:%d: %s\n", sourceName, d.Line, d.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s\n", sourceName, d.Line, d.Col, d.Msg)
}

// A yaegi child is a Go program running an interpreter, so when the program
// dies in a way the Go runtime reports itself (a deadlock, a panic in a
// goroutine, a fatal error), the report shows the interpreter's frames, and
// when the interpreter itself breaks, the report looks much the same. This
// file tells the two apart and removes the frames that would mislead.

// yaegiPkg prefixes the interpreter's functions in a Go stack trace.
const yaegiPkg = "github.com/traefik/yaegi/interp."

// runtimeReport returns where the Go runtime's own report of a fatal panic
// or error begins in a yaegi child's stderr: the last line starting "panic: "
// or "fatal error: ", when frames of the interpreter follow it. ok is false
// when there is none, as when the engine itself reported a panic in main.
func runtimeReport(stderr string) (start int, ok bool) {
	start = -1
	for _, prefix := range []string{"panic: ", "fatal error: "} {
		if strings.HasPrefix(stderr, prefix) {
			start = max(start, 0)
		}
		if i := strings.LastIndex(stderr, "\n"+prefix); i >= 0 {
			start = max(start, i+1)
		}
	}
	if start < 0 || !strings.Contains(stderr[start:], yaegiPkg) {
		return 0, false
	}
	return start, true
}

// interpreterFault reports whether a yaegi child's stderr ends with a Go
// panic that is the interpreter's fault rather than the program's. When
// interpreted code panics (panic(v), a nil map, a library call that
// panics), the interpreter recovers it in runCfg and panics again, so that
// frame is in the trace; a panic without it happened outside the program, as
// when yaegi v0.16 compiles "for i := range 5" and panics with "nil type". A
// panic raised by package reflect is the interpreter misusing it.
func interpreterFault(stderr string) bool {
	start, ok := runtimeReport(stderr)
	if !ok {
		return false
	}
	msg, isPanic := strings.CutPrefix(stderr[start:], "panic: ")
	if !isPanic {
		return false // fatal errors, such as a deadlock, are the program's
	}
	return strings.HasPrefix(msg, "reflect") || !strings.Contains(msg, yaegiPkg+"runCfg.func1(")
}

// trimInterpreterFrames removes the stack frames from the Go runtime report
// that ends a yaegi child's output (see withoutFrames), and reports whether
// there was one. It leaves the output alone if the report is not wholly in
// the last event.
func trimInterpreterFrames(res *engine.Result) bool {
	stderr := res.Stderr()
	start, ok := runtimeReport(stderr)
	if !ok || len(res.Events) == 0 {
		return false
	}
	report := stderr[start:]
	last := &res.Events[len(res.Events)-1]
	if last.Stream == engine.Stderr && strings.HasSuffix(last.Text, report) {
		last.Text = strings.TrimSuffix(last.Text, report) + withoutFrames(report)
	}
	return true
}

// withoutFrames cuts a Go runtime report written by a yaegi child down to
// its message. The goroutines it lists are the interpreter's, not the
// program's (the program's main is not even goroutine 1), and their frames
// are the interpreter's functions, so they would only mislead. The
// "[recovered, repanicked]" that the interpreter's recover-and-panic-again
// adds to a panic line is dropped too.
func withoutFrames(report string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(report, "\n") {
		body := strings.TrimRight(line, "\n")
		if strings.HasPrefix(body, "goroutine ") && strings.HasSuffix(body, ":") {
			break
		}
		if strings.HasPrefix(body, "panic: ") {
			line = strings.Replace(line, " [recovered, repanicked]", "", 1)
		}
		b.WriteString(line)
	}
	return strings.TrimSuffix(b.String(), "\n") // the blank line before the goroutines
}
