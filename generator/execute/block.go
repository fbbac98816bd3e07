package execute

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

// entry is what the cache keeps for a snippet: the key it was stored
// under, so an entry copied or edited into another's place is noticed.
type entry struct {
	Key        string            `json:"key"`
	Result     engine.Result     `json:"result"`
	Provenance engine.Provenance `json:"provenance"`
}

// runBlock runs one snippet (or takes it from the cache), checks the outcome
// against what the lesson expects, and verifies yaegi against go run.
func runBlock(ctx context.Context, b *lesson.Block, cfg Config) error {
	s := b.Snippet
	key := cacheKey(s, cfg.Versions)
	if e, ok := cfg.Cache.get(key, cfg.Fresh); ok && usable(s, e, cfg) {
		b.Result, b.Provenance = &e.Result, e.Provenance
		return nil
	}
	eng := s.EngineOrDefault()
	res, err := cfg.Run(ctx, request(s, eng))
	if err != nil {
		return &internalError{fmt.Errorf("%s:%d: running the snippet: %w", s.File, s.Line, err)}
	}
	prov := engine.Provenance{Engine: string(eng), GoVersion: cfg.Versions.Host}
	if eng == snippet.Go {
		prov.GoVersion = cfg.Versions.Go
	}
	if res.Outcome == engine.Refused {
		// Final: a program the sandbox refuses never runs anywhere else.
		return refusal(s, &res)
	}
	// Both blaming a failure and verifying need go run; it runs at most once.
	goRun := sync.OnceValues(func() (engine.Result, error) { return cfg.Run(ctx, request(s, snippet.Go)) })
	if eng == snippet.Yaegi && (res.Outcome == engine.Crash || res.Outcome == engine.CompileError) {
		if err := blame(s, &res, goRun); err != nil {
			return err
		}
	}
	if err := checkOutcome(s, &res); err != nil {
		return err
	}
	if eng == snippet.Yaegi && cfg.Verify {
		want, err := goRun()
		if err != nil {
			return &internalError{fmt.Errorf("%s:%d: verifying with go run: %w", s.File, s.Line, err)}
		}
		if err := verify(s, &res, &want); err != nil {
			return err
		}
		if want.Outcome == engine.CompileError {
			// A lesson about a compile error shows Go's own words.
			res, prov = want, engine.Provenance{Engine: string(snippet.Go), GoVersion: cfg.Versions.Go}
		} else {
			prov.Verified = true
		}
	}
	b.Result, b.Provenance = &res, prov
	return cfg.Cache.put(key, entry{Key: key, Result: res, Provenance: prov})
}

// usable reports whether a cached entry may stand for a run: it was stored
// under this key, verified if this build verifies, and it still passes the
// snippet's checks (an entry is a file anyone can edit). Otherwise the
// snippet runs again and the entry is replaced.
func usable(s *snippet.Snippet, e entry, cfg Config) bool {
	if !e.Provenance.Verified && cfg.Verify && e.Provenance.Engine != string(snippet.Go) {
		return false
	}
	return checkOutcome(s, &e.Result) == nil
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

// blame decides whose fault it is when yaegi cannot run a program the
// sandbox allows: the author's when Go rejects it too, the interpreter's
// when Go accepts it. Go's run is as isolated as any other.
func blame(s *snippet.Snippet, yres *engine.Result, goRun func() (engine.Result, error)) error {
	gres, err := goRun()
	if err != nil {
		return &internalError{fmt.Errorf("%s:%d: checking the program with go build: %w", s.File, s.Line, err)}
	}
	if gres.Outcome == engine.CompileError {
		if s.Options.Expect.Kind == "compile-error" {
			return nil
		}
		return compileError(s, &gres)
	}
	return s.Errorf(0, "the interpreter (yaegi) cannot run this program, which Go compiles: a limitation of yaegi, not a mistake in the program:\n%s\n"+
		"add engine=go to the block's info string to run it with the Go toolchain", indent(yres.Stderr()))
}

func request(s *snippet.Snippet, eng snippet.Engine) runner.Request {
	return runner.Request{
		Engine:  eng,
		Source:  s.Source,
		Timeout: s.Options.Timeout,
		Flags:   s.Options.Flags,
		Vet:     s.Options.Vet,
		Allow:   s.Options.Allow,
	}
}

// checkOutcome compares how the run ended with what the lesson expects, and
// the output with its // Output: comment.
func checkOutcome(s *snippet.Snippet, r *engine.Result) error {
	exp := s.Options.Expect
	if r.Outcome == engine.CompileError && exp.Kind != "compile-error" {
		return compileError(s, r)
	}
	if !meets(r, s.Options.Expect) {
		return s.Errorf(0, "the program %s, but the lesson expects it to %s%s\noutput:\n%s", describe(r), expectation(s), hint(s, r), indent(text(r)))
	}
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

// compileError reports a compile error at its line in the Markdown file.
func compileError(s *snippet.Snippet, r *engine.Result) error {
	if len(r.Diagnostics) == 0 {
		return s.Errorf(0, "the program does not compile:\n%s", indent(r.Stderr()))
	}
	var msgs []string
	for _, d := range r.Diagnostics {
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", s.File, s.MarkdownLine(d.Line), d.Col, d.Msg))
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
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
