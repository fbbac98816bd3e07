package engine

import (
	"regexp"
	"strings"
)

// What the Go runtime prints when a panic or a fatal error ends a program
// is a report: its message (the panic: or fatal error: line, and the lines
// that continue it, such as [signal SIGSEGV ...]), then, after a blank line,
// the trace of each goroutine it shows (the one that panicked; every one
// after a fatal error such as a deadlock): a header, "goroutine 1 [running]:",
// and its frames, innermost first, each a function line and a tab-indented
// file:line, the last one often "created by main.main in goroutine 1".
//
// Pages show, and the build compares, a report cut to what belongs to the
// program: the message as Go prints it; each goroutine's header; the frames
// of package main, with their file and line as Go prints them and their
// arguments written (...), Go's own notation for arguments not shown;
// and nothing of the frames of the runtime and the standard library, whose
// paths name the Go installation that built the program and whose arguments
// are addresses that change from run to run. An interpreter can produce
// the cut report of a program; it cannot produce the rest.

var (
	// goroutineHeader matches the first line of a goroutine's trace:
	// "goroutine 1 [running]:", "goroutine 7 [chan send, 2 minutes]:".
	goroutineHeader = regexp.MustCompile(`^goroutine \d+ \[[^\]]*\]:$`)
	// frameFile matches the line after a frame's function: a tab, the
	// file and the line, and after Stabilise nothing else.
	frameFile = regexp.MustCompile(`^\t\S+:\d+(?: \+0x[0-9a-f]+)?$`)
	// frameArgs matches the argument list of a frame's function line.
	frameArgs = regexp.MustCompile(`\((?:[^()]|\([^()]*\))*\)$`)
)

// reportStart returns the offset in stderr of the line that starts the
// runtime's report, the first "panic: " or "fatal error: " at the start of
// a line, or -1.
func reportStart(stderr string) int {
	start := -1
	for _, prefix := range []string{"panic: ", "fatal error: "} {
		i := -1
		switch {
		case strings.HasPrefix(stderr, prefix):
			i = 0
		default:
			if j := strings.Index(stderr, "\n"+prefix); j >= 0 {
				i = j + 1
			}
		}
		if i >= 0 && (start < 0 || i < start) {
			start = i
		}
	}
	return start
}

// CutReport returns report, the runtime's report from its first line on
// (and whatever follows it, such as go run's "exit status 2"), cut to the
// program's part: the frames of functions outside package main go, with
// "...additional frames elided...", and every frame's arguments become
// "(...)". Lines that are neither frames nor goroutine headers stay as they
// are.
func CutReport(report string) string {
	lines := strings.SplitAfter(report, "\n")
	var b strings.Builder
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		body := strings.TrimSuffix(line, "\n")
		if body == "...additional frames elided..." {
			continue
		}
		if i+1 < len(lines) && isFrame(body, strings.TrimSuffix(lines[i+1], "\n")) {
			if inMain(body) {
				b.WriteString(frameFunc(body) + "\n")
				b.WriteString(lines[i+1])
			}
			i++
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

// isFrame reports whether fn and file are the two lines of a frame.
func isFrame(fn, file string) bool {
	if fn == "" || strings.HasPrefix(fn, "\t") || strings.HasPrefix(fn, " ") || !frameFile.MatchString(file) {
		return false
	}
	return strings.HasPrefix(fn, "created by ") || frameArgs.MatchString(fn)
}

// inMain reports whether the frame whose function line is fn belongs to
// package main.
func inMain(fn string) bool {
	return strings.HasPrefix(strings.TrimPrefix(fn, "created by "), "main.")
}

// frameFunc writes a frame's function line with its arguments as (...).
func frameFunc(fn string) string {
	if strings.HasPrefix(fn, "created by ") {
		return fn
	}
	return frameArgs.ReplaceAllString(fn, "(...)")
}

// CutStderr returns stderr with the runtime's report, if there is one, cut
// to the program's part (see CutReport).
func CutStderr(stderr string) string {
	start := reportStart(stderr)
	if start < 0 {
		return stderr
	}
	return stderr[:start] + CutReport(stderr[start:])
}

// HasReport reports whether standard error holds a report of the runtime,
// a panic or a fatal error, which pages show cut to the program's part.
func (r *Result) HasReport() bool { return reportStart(r.Stderr()) >= 0 }

// SameBeforeReports reports whether two runs wrote the same standard error
// up to the runtime's report, if any: when they did, and only the reports
// differ, a page can show Go's report in place of the engine's.
func SameBeforeReports(got, want *Result) bool {
	before := func(r *Result) string {
		s := r.Stderr()
		if i := reportStart(s); i >= 0 {
			return s[:i]
		}
		return s
	}
	return before(got) == before(want)
}

// SameStderr reports whether two runs of a program wrote the same standard
// error once each report is cut to the program's part: the same text
// before it, the same message, and for each goroutine Go shows, in the
// same order, the same header and the same frames of package main, with
// the same function names and lines. It is the one definition of agreeing
// on standard error, used by the build's verification and by conformance.
func SameStderr(got, want *Result) bool {
	return CutStderr(got.Stderr()) == CutStderr(want.Stderr())
}

// CutTraces cuts the runtime's report in standard error to the program's
// part (see CutReport), in place, keeping the order of the events, and
// reports whether it changed anything. A page that shows Go's own output of
// a program that panicked calls it, and says that frames of the runtime and
// the standard library are left out.
func (r *Result) CutTraces() bool {
	var before strings.Builder // stderr up to the event being looked at
	for i, e := range r.Events {
		if e.Stream != Stderr {
			continue
		}
		start := reportStart(before.String() + e.Text)
		if start < 0 || start >= before.Len()+len(e.Text) {
			before.WriteString(e.Text)
			continue
		}
		// The report starts in this event: the rest of stderr, in this
		// event and the later ones, is replaced by its cut.
		at := max(start-before.Len(), 0)
		rest := e.Text[at:]
		var events []Event
		for _, later := range r.Events[i+1:] {
			if later.Stream == Stderr {
				rest += later.Text
			} else {
				events = append(events, later)
			}
		}
		cut := CutReport(rest)
		if cut == rest {
			return false
		}
		r.Events = append(r.Events[:i], Event{Stream: Stderr, Text: e.Text[:at] + cut})
		r.Events = append(r.Events, events...)
		return true
	}
	return false
}
