// Package yaegi runs a lesson's program in process with the yaegi
// interpreter (github.com/traefik/yaegi v0.16.1). It is called inside the
// child process that sets the limits, and is compiled unchanged to
// WebAssembly for the playground: it does no file I/O of its own and links
// neither net nor os/user, so nothing links cgo, because a cgo-linked binary
// never reports "fatal error: all goroutines are asleep - deadlock!".
// (os/exec is linked: yaegi's interp imports it, and so does go/build.)
//
// # The contract
//
// Run interprets one complete program, package main with func main, named
// main.go in positions and traces. What it may import is the allow-list of
// package symbols (symbols.Lesson), plus the opt-in packages the block names
// in allow= (symbols.OptIn: the full os, os/exec, io/fs, path/filepath).
// Any other import, and packages such as net, os/user, syscall or unsafe
// that can never be allowed, is a compile error at the import's position.
// Without allow=os, package os has only the environment (the Env option;
// the real environment is never read or changed), os.Args, the standard
// streams and os.Exit; using anything else, such as os.WriteFile, is a
// compile error naming it.
//
// The program's output goes to the writers of Options, standard input is
// empty, os.Exit and log.Fatal call Options.Exit. A compile error is a
// *CompileError; an unrecovered panic in main's goroutine writes Go's panic
// report to Stderr and returns exit status 2, cut as pages show Go's (see
// engine.CutReport): the first line as the runtime prints it (panic:
// VALUE), then "goroutine 1 [running]:" and the program's own frames, each
// as main.f(...) and a tab-indented main.go:LINE.
//
// # Known differences from Go
//
// Run rewrites the program before yaegi sees it (package
// generator/rewrite), which gives it Go 1.22+ semantics where a rewrite
// can. What yaegi v0.16.1 still gets wrong after the rewrite is one list,
// the cases in testdata/stillwrong: each a program, a one-line
// description, and what it does under yaegi and under go run, checked by
// TestStillWrong so that the case fails when it stops being true, and
// listed in README by TestStillWrongListed. Package hazard recognises each
// of them in a program's source.
//
// Where this package adjusts:
//
//   - Panic reports: yaegi tells which of the program's functions a panic
//     left (a line per function on the interpreter's stderr, which the
//     tracer keeps) but not where each one was. The lines are found in the
//     source (the expressions of the kind that panicked, the calls of the
//     function below); when a function has several on different lines, the
//     program runs a second time, its output discarded and each function
//     instrumented to report the line it is at when a panic leaves it
//     (locate.go). Run-time errors yaegi meets inside package reflect are
//     translated back to Go's messages. Where the report cannot be Go's
//     (the index and length of an index out of range, the [signal ...] line
//     of a nil dereference, a closure outside main.main, which Go names
//     after the function it inlines it into, a second run that ends
//     differently), Options.Unsure says why and the report has only what
//     is known. The frames are those of the program as written: the
//     closures and helper functions that the rewrite adds do not appear.
//   - A deadlock, a fatal error and a panic in a goroutine other than
//     main's are reported by the Go runtime of the process running the
//     interpreter: Finish keeps its first line and drops the interpreter's
//     frames, and engine.Result.Unsure says so.
//   - Recovered panics print nothing: yaegi writes a line to the
//     interpreter's stderr for every interpreted function a panic unwinds,
//     recovered or not; Run keeps those lines to build its report.
//   - os.Stdout, os.Stderr and os.Stdin are the engine's own *os.File, with
//     Write, WriteString, Read, Close, Sync, Name and Fd, over the given
//     writers. With allow=os, os.File is the real type and the streams are
//     io.Writer and io.Reader variables instead.
//   - flag's command line is the run's own: a FlagSet over the run's
//     arguments and stderr; a Parse that fails ends the program with
//     status 2 through Options.Exit.
//   - runtime.NumGoroutine leaves out the goroutines that existed before the
//     program started, so a program alone sees 1, as in Go.
//   - If Options.Exit returns, os.Exit stops every interpreted goroutine at
//     its next step and parks the calling one for good, so deferred calls do
//     not run; that goroutine is never freed.
//   - Goroutines still running when main returns are not stopped (yaegi can
//     stop them only while Run waits), but their output is dropped and
//     os.Exit parks them; a panic in one after Run returned still crashes
//     the process.
//
// # Environment of the host process
//
// interp.New reads YAEGI_AST_DOT, YAEGI_CFG_DOT, YAEGI_DOT_CMD, YAEGI_NO_RUN,
// YAEGI_FAST_CHAN and YAEGI_SPECIAL_STDIO from the real environment; the
// first two make yaegi write graph files and run the dot command, so the
// process running Run should not have them set.
package yaegi
