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
// report to Stderr and returns exit status 2: the first line as the runtime
// prints it (panic: VALUE), then "goroutine 1 [running]:" and the program's
// own frames, each as main.f(...) and a tab-indented main.go:LINE.
//
// # Known differences from Go
//
// Where yaegi v0.16.1 itself differs, which a source rewrite may fix:
//
//   - Loop variables are shared between iterations, as before Go 1.22.
//   - for range over an integer or a function crashes yaegi's compiler (Run
//     returns an error, and yaegi prints "nil type" through the standard
//     library's global logger).
//   - The builtins min, max and clear are undefined.
//   - Unused variables are not reported (unused imports are, by Run).
//   - println and print write to Stdout, not Stderr, and format their
//     arguments as fmt's %v does.
//   - recover() returns an interpreted panic's value as a reflect.Value:
//     printing it works, but r.(error) is false even for
//     panic(errors.New("x")), and type switches on it fail. Run-time errors
//     (nil map, division by zero) recover as their Go values.
//   - Types the program declares lose their name at run time: %T prints
//     their underlying type ("struct { Xa int }"), errors.As into one panics,
//     and panicking with one prints its underlying value, not its Error or
//     String method, unless it is carried in an error variable.
//   - Some generic code fails to compile, in the program ("cannot use type
//     func(int) string as type func(int) int" for a Map[T, U]) and in yaegi's
//     own Go 1.22 copies of cmp, maps and slices: of those, cmp.Compare,
//     cmp.Less, maps.DeleteFunc, slices.Index, IndexFunc, Contains,
//     ContainsFunc, EqualFunc and CompareFunc work; cmp.Or, the rest of maps
//     and slices.Equal, Compare, Insert, Delete, DeleteFunc, Replace, Clone,
//     Compact, CompactFunc, Grow, Clip, Reverse and Concat do not (Run
//     returns an error naming yaegi's source). This package adds slices.Sort,
//     SortFunc, SortStableFunc, IsSorted, IsSortedFunc, Min, MinFunc, Max,
//     MaxFunc, BinarySearch and BinarySearchFunc, taking []E: a named slice
//     type must be converted. Nothing ranges over iterators, so maps.Keys,
//     maps.Values, slices.Sorted and package iter are unavailable.
//   - runtime.Stack, runtime.Caller, debug.Stack and the file:line of
//     log.Lshortfile describe the interpreter, not the program.
//   - A panic in a goroutine other than main's crashes the process as Go's
//     would, but the runtime prints "panic: VALUE [recovered, repanicked]",
//     VALUE being a string as is and anything else as "<int Value>", followed
//     by the interpreter's frames; exit status 2.
//   - Compile errors come from go/parser and yaegi, worded unlike gc's.
//
// Where this package adjusts:
//
//   - Panic reports: run-time errors yaegi meets inside package reflect
//     are translated back to Go's messages, but without the index and
//     length Go adds ("index out of range", not "index out of range [5]
//     with length 3"); a nil pointer dereference prints no [signal ...] line.
//     Frame lines are found in the source (yaegi does not tell them): the
//     first call of the function below, the first expression of the kind
//     that panicked; Go's line differs when a function has several.
//   - Recovered panics print nothing: yaegi writes a line to the
//     interpreter's stderr for every interpreted function a panic unwinds,
//     recovered or not; Run keeps those lines to build its report.
//   - os.Stdout, os.Stderr and os.Stdin are the engine's own *os.File, with
//     Write, WriteString, Read, Close, Sync, Name and Fd, over the given
//     writers. With allow=os, os.File is the real type and the streams are
//     io.Writer and io.Reader variables instead.
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
