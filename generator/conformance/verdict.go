package conformance

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gonotes/concurrency/generator/engine"
)

// Verdict is how a yaegi run of a program compares with go run's.
type Verdict string

// The verdicts, in the order the reports list them.
const (
	// Same: the same outcome, exit status and standard output, and the same
	// standard error once stack traces are cut to the program's frames
	// (engine.SameStderr), which is what verification of a snippet accepts.
	Same Verdict = "same"
	// SilentlyDifferent: both exited 0 and printed different things; the
	// interpreter gave no sign that anything went wrong.
	SilentlyDifferent Verdict = "silently different"
	// Failed: any other difference, such as yaegi crashing, rejecting the
	// program, panicking or exiting with another status.
	Failed Verdict = "crash or compile error"
	// Timeout: the yaegi run was killed at the time limit.
	Timeout Verdict = "timeout"
	// Sandbox: the engine refused to run the program at all, only because of
	// imports outside its allow-list (unsafe, syscall, packages it has no
	// table for), so the interpreter was never asked.
	Sandbox Verdict = "sandbox-refused"
)

// verdicts lists every verdict in report order.
func verdicts() []Verdict { return []Verdict{Same, SilentlyDifferent, Failed, Timeout, Sandbox} }

// Judgement is the verdict on one yaegi run and what a person needs to see why.
type Judgement struct {
	Verdict Verdict
	// Detail is "" for Same; otherwise the first differing line, how each
	// run ended, or the imports refused.
	Detail string
	// Refused are the imports the sandbox refused, for Verdict Sandbox.
	Refused []string
}

// refusal matches the yaegi engine's diagnostics for imports and uses of os
// outside its allow-list (see the engine's checkImports).
var refusal = regexp.MustCompile(`^(?:import "([^"]+)" (?:cannot be allowed|is not available|is not allowed)|(\w+)\.\w+ is not allowed in lessons)`)

// Classify judges the yaegi run got against the go run want of the same program.
func Classify(got, want engine.Result) Judgement {
	if refused, ok := sandboxRefused(got); ok {
		return Judgement{Verdict: Sandbox, Detail: "refused " + strings.Join(refused, ", "), Refused: refused}
	}
	switch {
	case got.Outcome == want.Outcome && got.ExitCode == want.ExitCode &&
		got.Stdout() == want.Stdout() && engine.SameStderr(&got, &want):
		return Judgement{Verdict: Same}
	case got.Outcome == engine.Timeout:
		return Judgement{Verdict: Timeout, Detail: fmt.Sprintf("yaegi: %s; go run: %s", ending(got), ending(want))}
	case got.Outcome == engine.OK && want.Outcome == engine.OK:
		return Judgement{Verdict: SilentlyDifferent, Detail: firstDifference(got, want)}
	case got.Outcome == want.Outcome && got.ExitCode == want.ExitCode && got.Stdout() == want.Stdout() &&
		explanation(got) == explanation(want):
		// The same failure, its trace told differently.
		detail := "trace: " + firstDifference(got, want)
		if got.Unsure != "" {
			detail += " (" + got.Unsure + ")"
		}
		return Judgement{Verdict: Failed, Detail: detail}
	}
	return Judgement{Verdict: Failed, Detail: fmt.Sprintf("yaegi: %s; go run: %s", ending(got), ending(want))}
}

// sandboxRefused returns what the engine refused, when the sandbox refused
// the program.
func sandboxRefused(res engine.Result) ([]string, bool) {
	if res.Outcome != engine.Refused {
		return nil, false
	}
	var refused []string
	for _, d := range res.Diagnostics {
		m := refusal.FindStringSubmatch(d.Msg)
		switch {
		case m == nil:
			refused = append(refused, d.Msg)
		case m[1] == "":
			refused = append(refused, m[2]+" (beyond the safe subset)")
		default:
			refused = append(refused, m[1])
		}
	}
	return refused, true
}

// ending says how a run ended, with the first line that explains it.
func ending(res engine.Result) string {
	s := fmt.Sprintf("%s, exit %d", res.Outcome, res.ExitCode)
	if why := explanation(res); why != "" {
		s += ": " + why
	}
	return s
}

// explanation picks the line that best says why a run failed: the first
// diagnostic, panic or fatal error, else the first line of standard error.
func explanation(res engine.Result) string {
	if len(res.Diagnostics) > 0 {
		d := res.Diagnostics[0]
		return shorten(fmt.Sprintf("main.go:%d:%d: %s", d.Line, d.Col, d.Msg))
	}
	lines := strings.Split(res.Stderr(), "\n")
	for _, line := range lines {
		if strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") {
			return shorten(line)
		}
	}
	if res.Outcome == engine.OK {
		return ""
	}
	return shorten(lines[0])
}

// firstDifference describes the first line where the two runs' output
// differs, standard output first.
func firstDifference(got, want engine.Result) string {
	for _, s := range []struct {
		name      string
		got, want string
	}{
		{"stdout", got.Stdout(), want.Stdout()},
		{"stderr", engine.CutStderr(got.Stderr()), engine.CutStderr(want.Stderr())},
	} {
		if s.got == s.want {
			continue
		}
		g, w := strings.SplitAfter(s.got, "\n"), strings.SplitAfter(s.want, "\n")
		for i := range max(len(g), len(w)) {
			if gl, wl := lineAt(g, i), lineAt(w, i); gl != wl {
				return fmt.Sprintf("%s line %d: go run %s, yaegi %s", s.name, i+1, show(wl), show(gl))
			}
		}
	}
	return "no difference" // unreachable: Classify found the outputs different
}

// lineAt returns line i with its newline, or "" past the end.
func lineAt(lines []string, i int) string {
	if i >= len(lines) {
		return ""
	}
	return lines[i]
}

// show quotes a line for a report, or says the output ended before it.
func show(line string) string {
	if line == "" {
		return "<end of output>"
	}
	return shorten(strconv.Quote(line))
}

// shorten keeps a line readable in a report.
func shorten(s string) string {
	const limit = 160
	if r := []rune(s); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return s
}
