package execute

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/snippet"
)

// variesRuns is how many times Go runs a program whose output varies, to
// see whether yaegi's output is one Go could print.
const variesRuns = 5

// reference is Go's runs of a snippet, made when first needed: the
// toolchain builds the program once and runs the binary again for more.
type reference struct {
	run  func() (engine.Result, error)
	runs []engine.Result
}

// first returns Go's first run.
func (r *reference) first() (engine.Result, error) { return r.nth(0) }

// nth returns Go's run i (from 0), running Go as often as needed.
func (r *reference) nth(i int) (engine.Result, error) {
	for len(r.runs) <= i {
		res, err := r.run()
		if err != nil {
			return res, err
		}
		r.runs = append(r.runs, res)
	}
	return r.runs[i], nil
}

// verify compares what yaegi printed (got) with what Go prints. It returns
// what the page is to show when that is Go's output rather than yaegi's,
// with the reason (empty when yaegi's output stands, verified), or an error
// when the two disagree in a way only the author can settle.
//
// Exactly compared: how the run ended, standard output (by sorted lines for
// an // Unordered output: check) and standard error. Output that varies is
// yaegi's if Go printed the same in one of variesRuns runs, else Go's
// first. Standard error is compared with the runtime's reports cut to the
// program's part (engine.SameStderr); where yaegi says it could not write
// Go's report (Result.Unsure), or only the reports differ, the page shows
// Go's, cut the same way.
func verify(s *snippet.Snippet, got *engine.Result, ref *reference) (engine.Result, string, error) {
	want, err := ref.first()
	if err != nil {
		return want, "", &internalError{fmt.Errorf("%s:%d: verifying with go run: %w", s.File, s.Line, err)}
	}
	if want.Outcome == engine.CompileError {
		// yaegi ran what Go rejects, such as an unused variable.
		return want, "", compileError(s, &want)
	}
	if got.Outcome != want.Outcome || got.ExitCode != want.ExitCode {
		return want, "", disagree(s, fmt.Sprintf("yaegi: the program %s; go run: it %s", describe(got), describe(&want)), text(got), text(&want))
	}
	if s.Options.Varies {
		for i := range variesRuns {
			w, err := ref.nth(i)
			if err != nil {
				return w, "", &internalError{fmt.Errorf("%s:%d: verifying with go run: %w", s.File, s.Line, err)}
			}
			if sameRun(s, got, &w) {
				return *got, "", nil
			}
		}
		want.CutTraces()
		return want, fmt.Sprintf("yaegi printed what none of %d runs of go run did, so this is go run's first", variesRuns), nil
	}
	gotOut, wantOut := got.Stdout(), want.Stdout()
	if s.Check.Unordered {
		gotOut, wantOut = sortLines(gotOut), sortLines(wantOut)
	}
	if gotOut != wantOut {
		return want, "", disagree(s, "standard output differs", got.Stdout(), want.Stdout())
	}
	switch {
	case engine.SameStderr(got, &want):
		return *got, "", nil
	case got.Unsure != "":
		want.CutTraces()
		return want, got.Unsure + ", so this is go run's report", nil
	case engine.SameBeforeReports(got, &want):
		want.CutTraces()
		return want, "yaegi's report of this panic differs from Go's, so this is go run's", nil
	}
	return want, "", disagree(s, "standard error differs", got.Stderr(), want.Stderr())
}

// sameRun reports whether two runs printed the same: exactly, or by sorted
// lines where the lesson says the order varies.
func sameRun(s *snippet.Snippet, got, want *engine.Result) bool {
	if got.Outcome != want.Outcome || got.ExitCode != want.ExitCode || got.Stderr() != want.Stderr() {
		return false
	}
	if s.Check.Unordered {
		return sortLines(got.Stdout()) == sortLines(want.Stdout())
	}
	return got.Stdout() == want.Stdout()
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
