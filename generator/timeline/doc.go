// Package timeline draws what the Go scheduler did during one run of a
// program: which goroutine ran on which processor (P), when each blocked,
// why, and who woke it. The drawing is made from an execution trace that
// the program itself recorded with runtime/trace, so every bar is
// something the runtime reported.
//
// The contract, in the order a caller uses it:
//
//   - Instrument(src) takes a complete program (the main.go of package
//     main) and returns the files of a module (go.mod, main.go and
//     RecorderFile) that behave like it and also write an execution trace
//     to TraceFile in the working directory, from the start of main's body
//     until main returns. The caller builds and runs that module as it
//     would the program; Instrument's doc says what differs. InstrumentFD
//     writes the trace to an open file descriptor instead, for a run whose
//     files vanish with it (a sandbox's private /tmp): the caller reads it
//     from a pipe and bounds it there.
//   - Parse(r) reads the trace into a Timeline: lanes per P, the program's
//     goroutines with the stretches they ran, blocked (with the reason) and
//     were runnable, wake-ups, the program's tasks, regions and logs, and
//     the garbage collector's phases. The runtime's goroutines and the
//     recording's own are kept apart (see Parse).
//   - Render(t, opts) draws a Timeline as an SVG Figure of bounded size,
//     with a text summary for screen readers; Summarize gives that text
//     alone. The SVG follows the reader's light or dark preference on its
//     own; pages should inline it (not load it with <img>) so that the
//     site's theme toggle, data-theme on <html>, reaches it too, and give
//     each figure on a page its own Options.ID.
//
// The package does no file or process work of its own: it takes source
// text and trace bytes and returns files and bytes, so it can run under a
// sandboxed runner.
package timeline
