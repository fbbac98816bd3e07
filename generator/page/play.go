package page

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gonotes/concurrency/generator/snippet"
)

// defaultTimeout is the build's time limit of a run, which the browser's
// playground applies too.
const defaultTimeout = 10 * time.Second

// playData is what the browser's playground needs to run a snippet: the
// whole program, hidden lines included, and which of its lines are shown.
type playData struct {
	Source  string
	Shown   string // 1-based lines of Source shown, comma-separated; empty when all are
	Allow   string // allow= of the snippet, comma-separated
	Timeout int64  // in milliseconds
	// Unordered is set when only the set of lines printed is fixed (an
	// "Unordered output:" comment): a run may print them in another order.
	Unordered bool
}

// play returns the playground's data for a snippet that can run in a
// browser (a program run with yaegi), or nil.
func play(s *snippet.Snippet) *playData {
	if !s.Runs() || s.EngineOrDefault() != snippet.Yaegi {
		return nil
	}
	d := &playData{
		Source:    s.Source,
		Allow:     strings.Join(s.Options.Allow, ","),
		Timeout:   defaultTimeout.Milliseconds(),
		Unordered: s.Check.Present && s.Check.Unordered,
	}
	if s.Options.Timeout > 0 {
		d.Timeout = s.Options.Timeout.Milliseconds()
	}
	if len(s.ShownLines) != strings.Count(s.Source, "\n") {
		lines := make([]string, len(s.ShownLines))
		for i, n := range s.ShownLines {
			lines[i] = strconv.Itoa(n)
		}
		d.Shown = strings.Join(lines, ",")
	}
	return d
}

// noPlay says why a snippet that runs when the site is built cannot run in
// the reader's browser, or "" when it can or does not run at all.
func noPlay(s *snippet.Snippet) string {
	if !s.Runs() || s.EngineOrDefault() != snippet.Go {
		return ""
	}
	const cannot = " It cannot run in your browser."
	switch {
	case s.Options.Vet:
		return "This is go vet's report, which needs the Go toolchain." + cannot
	case slices.Contains(s.Options.Flags, "-race"):
		return "This program runs under the race detector, which needs the Go toolchain." + cannot
	}
	return "This program runs with the Go toolchain (engine=go): it shows what only compiled Go does, such as its timings, its memory or its own runtime errors." + cannot
}
