package execute

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/snippet"
)

// blame is called when yaegi's run did not end as the lesson expects, or
// yaegi could not run the program at all: Go's run decides whose fault it
// is. It returns Go's result when Go did as the lesson expects and that is
// a compile error (a lesson about one shows Go's words); otherwise an
// error that says which engine did what.
func blame(s *snippet.Snippet, yres *engine.Result, ref *reference) (engine.Result, error) {
	want, err := ref.first()
	if err != nil {
		return want, &internalError{fmt.Errorf("%s:%d: running the program with go to check yaegi: %w", s.File, s.Line, err)}
	}
	switch {
	case want.Outcome == engine.CompileError && s.Options.Expect.Kind == "compile-error":
		return want, nil
	case want.Outcome == engine.CompileError:
		return want, compileError(s, &want)
	case meets(&want, s.Options.Expect):
		return want, s.Errorf(0, "Go %s here, as the lesson expects, but yaegi %s: a limitation of the interpreter, not a mistake in the lesson:\n%s\n"+
			"add engine=go to the block's info string to run it with the Go toolchain", describeGo(&want), describeYaegi(yres), indent(inMarkdown(s, text(yres))))
	}
	// Go agrees that something is wrong: the author's to fix, in Go's words.
	return want, s.Errorf(0, "the program %s under Go, but the lesson expects it to %s%s\ngo run's output:\n%s",
		describe(&want), expectation(s), hint(s, &want), indent(text(&want)))
}

// describeGo says how Go's run ended, to follow "Go".
func describeGo(r *engine.Result) string {
	if r.Outcome == engine.OK {
		return "runs this to completion"
	}
	return describe(r)
}

// describeYaegi says what yaegi did with a program, to follow "yaegi".
func describeYaegi(r *engine.Result) string {
	switch r.Outcome {
	case engine.Crash:
		return "crashes on it"
	case engine.CompileError:
		return "cannot compile it"
	case engine.Panic:
		return "panics"
	case engine.Deadlock:
		return "deadlocks"
	case engine.Timeout:
		return "never finishes (" + r.Note + ")"
	case engine.Exit:
		return fmt.Sprintf("exits with status %d", r.ExitCode)
	case engine.OK:
		return "runs it to completion"
	}
	return describe(r)
}

// refusal reports what the sandbox refused, at its lines in the Markdown.
func refusal(s *snippet.Snippet, r *engine.Result) error {
	var msgs []string
	for _, d := range r.Diagnostics {
		at := s.Line
		if d.Line > 0 {
			at = s.MarkdownLine(d.Line)
		}
		msgs = append(msgs, fmt.Sprintf("%s:%d: the yaegi sandbox refuses this program: %s", s.File, at, d.Msg))
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

// compileError reports a compile error at its line in the Markdown file.
func compileError(s *snippet.Snippet, r *engine.Result) error {
	if len(r.Diagnostics) == 0 {
		return s.Errorf(0, "the program does not compile:\n%s", indent(inMarkdown(s, r.Stderr())))
	}
	var msgs []string
	for _, d := range r.Diagnostics {
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", s.File, s.MarkdownLine(d.Line), d.Col, d.Msg))
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

// programLine matches a position in the program as engines print it.
var programLine = regexp.MustCompile(`\bmain\.go:(\d+)`)

// inMarkdown rewrites the positions in a message about the program
// (main.go:12) to positions in the lesson (content/x.md:40), for errors
// shown to the author; pages keep Go's own words.
func inMarkdown(s *snippet.Snippet, msg string) string {
	return programLine.ReplaceAllStringFunc(msg, func(m string) string {
		n, err := strconv.Atoi(strings.TrimPrefix(m, "main.go:"))
		if err != nil || n < 1 {
			return m
		}
		return fmt.Sprintf("%s:%d", s.File, s.MarkdownLine(n))
	})
}
