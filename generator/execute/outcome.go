package execute

import (
	"fmt"
	"strings"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/snippet"
)

// checkOutcome compares how the run ended with what the lesson expects, and
// the output with its // Output: comment.
func checkOutcome(s *snippet.Snippet, r *engine.Result) error {
	if r.Outcome == engine.CompileError && s.Options.Expect.Kind != "compile-error" {
		return compileError(s, r)
	}
	if !meets(r, s.Options.Expect) {
		return s.Errorf(0, "the program %s, but the lesson expects it to %s%s\noutput:\n%s", describe(r), expectation(s), hint(s, r), indent(text(r)))
	}
	return checkOutput(s, r)
}

// checkOutput compares the output with the snippet's // Output: comment.
func checkOutput(s *snippet.Snippet, r *engine.Result) error {
	if s.Check.Present && !s.Check.Matches(r.Stdout()) {
		return s.Errorf(s.Check.Line, "output does not match the // Output: comment\n%s", diff(s.Check.Want, strings.TrimSpace(r.Stdout())))
	}
	return nil
}

// meets reports whether a run ended as the lesson expects.
func meets(r *engine.Result, e snippet.Expect) bool {
	switch e.Kind {
	case "":
		return r.Outcome == engine.OK
	case "exit":
		return r.Outcome == engine.Exit && r.ExitCode == e.ExitCode
	}
	return string(r.Outcome) == e.Kind
}

// describe says how a run ended.
func describe(r *engine.Result) string {
	switch r.Outcome {
	case engine.OK:
		return "ran to completion"
	case engine.Exit:
		return fmt.Sprintf("exited with status %d", r.ExitCode)
	case engine.Panic:
		return "panicked"
	case engine.Deadlock:
		return "deadlocked"
	case engine.Timeout:
		return "timed out"
	case engine.CompileError:
		return "failed to compile"
	case engine.Memory:
		return "used too much memory"
	case engine.OutputLimit:
		return "printed too much output"
	case engine.Tasks:
		return "ran too many processes and threads"
	case engine.Crash:
		return "crashed the interpreter"
	}
	return string(r.Outcome)
}

// expectation says what the lesson expects, to follow "expects it to".
func expectation(s *snippet.Snippet) string {
	e := s.Options.Expect
	switch e.Kind {
	case "":
		return "run to completion"
	case "exit":
		return fmt.Sprintf("exit with status %d", e.ExitCode)
	case "panic":
		return "panic"
	case "deadlock":
		return "deadlock"
	case "timeout":
		return "time out"
	case "compile-error":
		return "fail to compile"
	}
	return e.Kind
}

// hint says what to do about an unexpected outcome.
func hint(s *snippet.Snippet, r *engine.Result) string {
	switch r.Outcome {
	case engine.Timeout:
		return fmt.Sprintf(" (%s); if that is the point, add expect=timeout; if it is just slow, raise timeout=", r.Note)
	case engine.Memory, engine.OutputLimit, engine.Tasks:
		return fmt.Sprintf(" (%s)", r.Note)
	}
	if s.Options.Expect.Kind == "" && r.Outcome != engine.OK {
		return fmt.Sprintf("; if that is the point, add expect=%s", expectWord(r))
	}
	return ""
}

func expectWord(r *engine.Result) string {
	if r.Outcome == engine.Exit {
		return fmt.Sprintf("exit=%d", r.ExitCode)
	}
	return string(r.Outcome)
}

// text is the output as a terminal shows it.
func text(r *engine.Result) string {
	var b strings.Builder
	for _, e := range r.Events {
		b.WriteString(e.Text)
	}
	return b.String()
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return "\t(no output)"
	}
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}
