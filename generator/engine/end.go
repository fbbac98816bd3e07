package engine

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Kill says why the host stopped a run before it ended by itself.
type Kill int

// The reasons a host kills a run.
const (
	NotKilled   Kill = iota
	KillTimeout      // at the wall-clock limit
	KillMemory       // at the memory limit
	KillTasks        // at the limit on processes and threads
	KillOutput       // at the output limit
)

// Ending is how a run stopped, as the host that ran it saw it.
type Ending struct {
	Killed Kill
	// Code is the exit status, or -1 when a signal ended the program.
	Code int
	// State says so as the go command does: "exit status 3", "signal: killed".
	State string
}

// Limits are what a run was allowed, for the notes that explain a kill.
type Limits struct {
	Timeout   time.Duration
	MaxOutput int
	MaxMemory int64
	MaxTasks  int
}

// DeadlockMsg is how the Go runtime reports that every goroutine is
// blocked. A binary linked with cgo never prints it (the runtime cannot know
// that C code will not wake a goroutine), which is why programs are built
// without.
const DeadlockMsg = "fatal error: all goroutines are asleep - deadlock!"

// End sets the Outcome, ExitCode and Note of a run's output from how it
// ended, and adds the line go run prints after a non-zero exit.
func (r *Result) End(e Ending, lim Limits) {
	switch e.Killed {
	case KillTimeout:
		r.Outcome, r.ExitCode = Timeout, -1
		r.Note = fmt.Sprintf("killed after %v: the program never finished", lim.Timeout)
		return
	case KillMemory:
		r.Outcome, r.ExitCode = Memory, -1
		r.Note = fmt.Sprintf("killed: the program used more than %s of memory", Size(lim.MaxMemory))
		return
	case KillTasks:
		r.Outcome, r.ExitCode = Tasks, -1
		r.Note = fmt.Sprintf("killed: the program ran more than %d processes and threads", lim.MaxTasks)
		return
	case KillOutput:
		r.Outcome, r.ExitCode = OutputLimit, -1
		r.Note = fmt.Sprintf("output cut at %s: the program kept printing", Size(int64(lim.MaxOutput)))
		return
	}
	r.ExitCode = e.Code
	stderr := r.Stderr()
	switch {
	case e.Code == 0:
		r.Outcome = OK
		return
	case strings.Contains(stderr, DeadlockMsg):
		r.Outcome = Deadlock
	case e.Code == 2 && hasPanicLine(stderr):
		r.Outcome = Panic
	default:
		r.Outcome = Exit
	}
	r.Append(Stderr, e.State+"\n")
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

// Stabilise rewrites the events of a run so they do not depend on the
// folder the program was built in or on the Go release's code layout:
// paths in dir lose it (/tmp/x/main.go:12 becomes main.go:12) and program
// counter offsets go.
func (r *Result) Stabilise(dir string) {
	for i, e := range r.Events {
		t := e.Text
		if dir != "" {
			t = strings.ReplaceAll(t, dir+"/", "")
			t = strings.ReplaceAll(t, dir, ".")
		}
		r.Events[i].Text = pcOffset.ReplaceAllString(t, "$1")
	}
}

// Size formats a byte count for a note: "512 MiB", "1 GiB", "4 KiB".
func Size(n int64) string {
	for _, u := range []struct {
		unit string
		n    int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.n && n%u.n == 0 {
			return fmt.Sprintf("%d %s", n/u.n, u.unit)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
