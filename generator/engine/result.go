// Package engine holds what running a snippet produces, shared by the engines,
// the child-process runner, the cache and the pages.
package engine

import "strings"

// Stream is where a piece of output was written.
type Stream uint8

// The two output streams of a program.
const (
	Stdout Stream = 1
	Stderr Stream = 2
)

// Event is one piece of output, in the order the program wrote it.
type Event struct {
	Stream Stream `json:"s"`
	Text   string `json:"t"`
}

// Outcome is how a run ended.
type Outcome string

// The outcomes of a run.
const (
	OK           Outcome = "ok"            // main returned, exit status 0
	Exit         Outcome = "exit"          // exited with a non-zero status (os.Exit, log.Fatal, vet findings)
	Panic        Outcome = "panic"         // an unrecovered panic (exit status 2)
	Deadlock     Outcome = "deadlock"      // the runtime found every goroutine asleep
	Timeout      Outcome = "timeout"       // killed at the wall-clock limit
	CompileError Outcome = "compile-error" // the program did not compile
	Memory       Outcome = "memory"        // killed at the memory limit
	OutputLimit  Outcome = "output-limit"  // killed after printing more than the output cap
	Tasks        Outcome = "tasks"         // killed for starting too many processes and threads
	Crash        Outcome = "crash"         // the interpreter itself failed on a program Go accepts
	// Refused means the interpreter's sandbox refused the program (a
	// package or function outside the allow-list); it never ran, and no
	// other engine runs it to find out more.
	Refused Outcome = "refused"
)

// Result is what one run of a snippet produced.
type Result struct {
	Events   []Event `json:"events,omitempty"`
	ExitCode int     `json:"exit"`
	Outcome  Outcome `json:"outcome"`
	// Note explains an outcome imposed from outside the program, such as
	// "killed after 2s: the program never finished".
	Note string `json:"note,omitempty"`
	// Diagnostics are the compiler's messages when Outcome is CompileError,
	// or go vet's findings for a vet run, positioned in the program so a
	// caller can map them to lines of the Markdown it came from.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
	// Trace is the run's execution trace, when the runner was asked for
	// one: the input of the figure drawn from it. It is not part of the
	// Result's JSON; the cache keeps it beside the Result.
	Trace []byte `json:"-"`
	// Unsure says why the engine's standard error is not what Go prints
	// there, when the engine knows it is not: the report of a panic or a
	// fatal error it could write only in part, such as "yaegi cannot show
	// where the program's goroutines were blocked". The engine then writes
	// what it knows (the report's first line, and the program's frames
	// when it is sure of them all), so SameStderr fails against go run's; a
	// page shows go run's output instead, cut as CutTraces does and
	// labelled as Go's, with this as the reason. Empty when the engine
	// stands by all it wrote, and always for engine go.
	Unsure string `json:"unsure,omitempty"`
}

// Diagnostic is one message about the program at a position in it.
type Diagnostic struct {
	Line int    `json:"line"` // 1-based line of the program
	Col  int    `json:"col"`  // 1-based column; 0 when the tool gave none
	Msg  string `json:"msg"`
}

// Stdout returns everything the program wrote to standard output.
func (r *Result) Stdout() string { return r.stream(Stdout) }

// Stderr returns everything the program wrote to standard error.
func (r *Result) Stderr() string { return r.stream(Stderr) }

func (r *Result) stream(s Stream) string {
	var b strings.Builder
	for _, e := range r.Events {
		if e.Stream == s {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

// Append adds output, merging it into the last event when the stream is the same.
func (r *Result) Append(s Stream, text string) {
	if text == "" {
		return
	}
	if n := len(r.Events); n > 0 && r.Events[n-1].Stream == s {
		r.Events[n-1].Text += text
		return
	}
	r.Events = append(r.Events, Event{Stream: s, Text: text})
}

// Provenance says how the output on a page was produced.
type Provenance struct {
	Engine    string `json:"engine"`     // "yaegi" or "go"
	GoVersion string `json:"go_version"` // the Go the output came from, e.g. go1.26.8
	// Verified is true when a yaegi output was checked against go run.
	Verified bool `json:"verified"`
	// Reason says why a snippet that runs on yaegi shows go run's output
	// (Engine "go"): yaegi printed what Go would not, or cannot print Go's
	// stack trace.
	Reason string `json:"reason,omitempty"`
}
