package execute

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/snippet"
)

// verify compares what yaegi printed (got) with what go run printed (want).
// Output that varies is compared by how the run ended; an unordered check by
// its sorted lines; everything else exactly, except the stack traces after a
// panic or fatal error, which are compared as the program's part of them
// (engine.SameStderr).
func verify(s *snippet.Snippet, got, want *engine.Result) error {
	if want.Outcome == engine.CompileError {
		if s.Options.Expect.Kind == "compile-error" {
			return nil // yaegi agreed, and the lesson is about it
		}
		// yaegi ran what Go rejects, such as an unused variable.
		return compileError(s, want)
	}
	if got.Outcome != want.Outcome || got.ExitCode != want.ExitCode {
		return disagree(s, fmt.Sprintf("yaegi: the program %s; go run: it %s", describe(got), describe(want)), text(got), text(want))
	}
	if s.Options.Varies {
		return nil
	}
	gotOut, wantOut := got.Stdout(), want.Stdout()
	if s.Check.Unordered {
		gotOut, wantOut = sortLines(gotOut), sortLines(wantOut)
	}
	if gotOut != wantOut {
		return disagree(s, "standard output differs", got.Stdout(), want.Stdout())
	}
	if !engine.SameStderr(got, want) {
		return disagree(s, "standard error differs", got.Stderr(), want.Stderr())
	}
	return nil
}

func disagree(s *snippet.Snippet, what, got, want string) error {
	return s.Errorf(0, "yaegi and go run disagree on this snippet (%s), so its output cannot be trusted:\n%s\n"+
		"if the program is right, add engine=go to the block's info string to run it with the Go toolchain",
		what, diffLabeled(want, got, "go run", "yaegi"))
}

func sortLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
