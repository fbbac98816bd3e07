package runner

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/gonotes/concurrency/generator/engine"
)

// deadlockMsg is how the Go runtime reports that every goroutine is blocked.
// A binary linked with cgo never prints it (the runtime cannot know that C
// code will not wake a goroutine), which is why children are built without.
const deadlockMsg = "fatal error: all goroutines are asleep - deadlock!"

// finish sets res's Outcome, ExitCode and Note from how the child ended, and
// adds the line go run prints after a non-zero exit.
func finish(res *engine.Result, why ending, state *os.ProcessState, req Request) {
	if (why == timedOut || why == overMemory) && state.Exited() {
		why = exited // it finished on its own before the kill landed
	}
	switch why {
	case timedOut:
		res.Outcome, res.ExitCode = engine.Timeout, -1
		res.Note = fmt.Sprintf("killed after %v: the program never finished", req.Timeout)
		return
	case overMemory:
		res.Outcome, res.ExitCode = engine.Memory, -1
		res.Note = fmt.Sprintf("killed: the program used more than %s of memory", size(req.MaxMemory))
		return
	case overOutput:
		res.Outcome, res.ExitCode = engine.OutputLimit, -1
		res.Note = fmt.Sprintf("output cut at %s: the program kept printing", size(int64(req.MaxOutput)))
		return
	}
	res.ExitCode = state.ExitCode()
	stderr := res.Stderr()
	switch {
	case res.ExitCode == 0 && state.Success():
		res.Outcome = engine.OK
		return
	case strings.Contains(stderr, deadlockMsg):
		res.Outcome = engine.Deadlock
	case res.ExitCode == 2 && hasPanicLine(stderr):
		res.Outcome = engine.Panic
	default:
		res.Outcome = engine.Exit
	}
	// "exit status 3", or "signal: killed" when a signal ended it.
	res.Append(engine.Stderr, state.String()+"\n")
}

// hasPanicLine reports whether s has a line starting "panic: ", as the Go
// runtime writes for an unrecovered panic.
func hasPanicLine(s string) bool {
	return strings.HasPrefix(s, "panic: ") || strings.Contains(s, "\npanic: ")
}

// pcOffset matches the " +0x1d" after a file:line in a stack trace or race
// report. The offsets change with every Go release, so they are removed to
// keep pages stable.
var pcOffset = regexp.MustCompile(`(?m)^(\s+\S+:\d+) \+0x[0-9a-f]+`)

// stabilise rewrites the events of a run so they do not depend on the
// temporary directory it ran in or on the Go release's code layout.
func stabilise(res *engine.Result, dir string) {
	for i, e := range res.Events {
		t := strings.ReplaceAll(e.Text, dir+"/", "")
		t = strings.ReplaceAll(t, dir, ".")
		res.Events[i].Text = pcOffset.ReplaceAllString(t, "$1")
	}
}

// toolMessages turns the output of go build or go vet in the temporary
// module into the text to show, in the form "main.go:12:2: message", and the
// diagnostics in it. The "# snippet" headers are dropped.
func toolMessages(out, dir string) (string, []engine.Diagnostic) {
	var (
		b     strings.Builder
		diags []engine.Diagnostic
	)
	for _, line := range strings.SplitAfter(out, "\n") {
		if h := strings.TrimRight(line, "\n"); line == "" || h == "# snippet" || h == "# [snippet]" {
			continue
		}
		line = strings.ReplaceAll(line, dir+"/", "")
		prefix, rest := "", line
		if r, ok := strings.CutPrefix(line, "vet: "); ok {
			prefix, rest = "vet: ", r
		}
		rest = strings.TrimPrefix(rest, "./")
		if d, ok := parseDiagnostic(strings.TrimRight(rest, "\n")); ok {
			diags = append(diags, d)
		} else if strings.HasPrefix(rest, "\t") && len(diags) > 0 {
			// A continuation such as "\thave (int)\n\twant (string)".
			diags[len(diags)-1].Msg += "\n" + strings.TrimRight(rest, "\n")
		}
		b.WriteString(prefix + rest)
	}
	text, _ := clean([]byte(b.String()), true)
	return text, diags
}

// parseDiagnostic parses "main.go:LINE:COL: message" or "main.go:LINE: message".
func parseDiagnostic(s string) (engine.Diagnostic, bool) {
	rest, ok := strings.CutPrefix(s, "main.go:")
	if !ok {
		return engine.Diagnostic{}, false
	}
	var nums []int
	for len(nums) < 2 {
		field, after, found := strings.Cut(rest, ":")
		n, err := strconv.Atoi(field)
		if !found || err != nil {
			break
		}
		nums, rest = append(nums, n), after
	}
	msg, spaced := strings.CutPrefix(rest, " ")
	if len(nums) == 0 || !spaced {
		return engine.Diagnostic{}, false
	}
	d := engine.Diagnostic{Line: nums[0], Msg: msg}
	if len(nums) == 2 {
		d.Col = nums[1]
	}
	return d, true
}
