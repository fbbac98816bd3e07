package yaegi

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"

	"github.com/gonotes/concurrency/generator/engine/yaegi/symbols"
)

// run is the state of one Run: what the program sees of its process.
type run struct {
	opts   Options
	stdout *gate
	stderr *gate
	tracer *tracer
	cancel context.CancelFunc // stops every interpreted goroutine; set before the program starts

	exitOnce sync.Once
	exitCode atomic.Int64 // the code given to os.Exit, plus one; 0 while the program runs
	base     int          // goroutines that existed before the program's main started
	over     atomic.Bool  // Run has returned: the program is over
}

func newRun(opts Options) *run {
	return &run{
		opts:   opts,
		stdout: &gate{w: opts.Stdout},
		stderr: &gate{w: opts.Stderr},
		tracer: &tracer{},
	}
}

// overrides returns the symbols bound to this run: the standard streams,
// os.Exit, the default logger and a goroutine count that leaves out the
// engine's own goroutines.
func (r *run) overrides(exports interp.Exports) interp.Exports {
	stdin := &file{name: "/dev/stdin", fd: 0, r: emptyReader{}}
	stdout := &file{name: "/dev/stdout", fd: 1, w: r.stdout}
	stderr := &file{name: "/dev/stderr", fd: 2, w: r.stderr}
	osSyms := map[string]reflect.Value{"Exit": reflect.ValueOf(r.exit)}
	if _, full := exports["os/os"]["OpenFile"]; full {
		// With the real os, os.File is the real type: the streams become
		// plain io.Writer and io.Reader variables, as yaegi does itself
		// with YAEGI_SPECIAL_STDIO.
		var in io.Reader = stdin
		var out, errOut io.Writer = stdout, stderr
		osSyms["Stdin"] = reflect.ValueOf(&in).Elem()
		osSyms["Stdout"] = reflect.ValueOf(&out).Elem()
		osSyms["Stderr"] = reflect.ValueOf(&errOut).Elem()
	} else {
		osSyms["File"] = reflect.ValueOf((*file)(nil))
		osSyms["Stdin"] = reflect.ValueOf(&stdin).Elem()
		osSyms["Stdout"] = reflect.ValueOf(&stdout).Elem()
		osSyms["Stderr"] = reflect.ValueOf(&stderr).Elem()
	}

	std := &logger{Logger: log.New(stderr, "", log.LstdFlags), exit: r.exit}
	logSyms := map[string]reflect.Value{
		"Default": reflect.ValueOf(func() *logger { return std }),
		"Logger":  reflect.ValueOf((*logger)(nil)),
		"New": reflect.ValueOf(func(out io.Writer, prefix string, flag int) *logger {
			return &logger{Logger: log.New(out, prefix, flag), exit: r.exit}
		}),
		"Fatal":     reflect.ValueOf(std.Fatal),
		"Fatalf":    reflect.ValueOf(std.Fatalf),
		"Fatalln":   reflect.ValueOf(std.Fatalln),
		"Flags":     reflect.ValueOf(std.Flags),
		"Output":    reflect.ValueOf(func(calldepth int, s string) error { return std.Output(calldepth+1, s) }),
		"Panic":     reflect.ValueOf(std.Panic),
		"Panicf":    reflect.ValueOf(std.Panicf),
		"Panicln":   reflect.ValueOf(std.Panicln),
		"Prefix":    reflect.ValueOf(std.Prefix),
		"Print":     reflect.ValueOf(std.Print),
		"Printf":    reflect.ValueOf(std.Printf),
		"Println":   reflect.ValueOf(std.Println),
		"SetFlags":  reflect.ValueOf(std.SetFlags),
		"SetOutput": reflect.ValueOf(std.SetOutput),
		"SetPrefix": reflect.ValueOf(std.SetPrefix),
		"Writer":    reflect.ValueOf(std.Writer),
	}
	// Like fmt.Println, the printing functions of log must see an
	// interpreted value's String method.
	printing := []reflect.Type{reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[fmt.Stringer]()}
	mapTypes := map[reflect.Value][]reflect.Type{}
	for _, name := range []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "Print", "Printf", "Println"} {
		mapTypes[logSyms[name]] = printing
	}

	return interp.Exports{
		"os/os":           osSyms,
		"log/log":         logSyms,
		"flag/flag":       r.flagSymbols(),
		"runtime/runtime": {"NumGoroutine": reflect.ValueOf(func() int { return runtime.NumGoroutine() - r.base })},
		".":               {"MapTypes": reflect.ValueOf(mapTypes)},
	}
}

// exit ends the program with code, as os.Exit does: it calls the exit hook,
// and if that returns, stops every interpreted goroutine and parks the
// calling one for good, so that none of the program's deferred calls run.
// A goroutine still running after main returned only parks: in Go, it
// would have ended with main.
func (r *run) exit(code int) {
	if !r.over.Load() {
		r.exitOnce.Do(func() { r.exitCode.Store(int64(code) + 1) })
		r.opts.Exit(code)
		r.cancel()
	}
	select {}
}

// exited reports the code given to os.Exit, if the program called it.
func (r *run) exited() (int, bool) {
	c := r.exitCode.Load()
	return int(c - 1), c != 0
}

// close ends the program for its goroutines still running after main
// returned: what they write is dropped, and os.Exit does nothing.
func (r *run) close() {
	r.over.Store(true)
	r.stdout.close()
	r.stderr.close()
}

// gate passes writes through until it is closed.
type gate struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

func (g *gate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return len(p), nil
	}
	return g.w.Write(p)
}

func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// file stands in for *os.File in lessons: os.Stdin, os.Stdout and os.Stderr
// are files over the run's streams, so they keep their Go type and methods
// whatever writers the caller passed.
type file struct {
	name   string
	fd     uintptr
	r      io.Reader
	w      io.Writer
	closed atomic.Bool
}

func (f *file) Write(p []byte) (int, error) {
	if f.closed.Load() || f.w == nil {
		return 0, f.err("write")
	}
	return f.w.Write(p)
}

func (f *file) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

func (f *file) Read(p []byte) (int, error) {
	if f.closed.Load() || f.r == nil {
		return 0, f.err("read")
	}
	return f.r.Read(p)
}

func (f *file) Close() error {
	if f.closed.Swap(true) {
		return f.err("close")
	}
	return nil
}

func (f *file) Sync() error  { return nil }
func (f *file) Name() string { return f.name }
func (f *file) Fd() uintptr  { return f.fd }

func (f *file) err(op string) error {
	if f.closed.Load() {
		return &fs.PathError{Op: op, Path: f.name, Err: fs.ErrClosed}
	}
	return &fs.PathError{Op: op, Path: f.name, Err: fs.ErrInvalid}
}

// emptyReader is standard input: the program gets no input.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, io.EOF }

// logger is log.Logger for lessons: Fatal calls the run's exit hook.
type logger struct {
	*log.Logger
	exit func(int)
}

func (l *logger) Fatal(v ...any) {
	l.Output(2, fmt.Sprint(v...))
	l.exit(1)
}

func (l *logger) Fatalf(format string, v ...any) {
	l.Output(2, fmt.Sprintf(format, v...))
	l.exit(1)
}

func (l *logger) Fatalln(v ...any) {
	l.Output(2, fmt.Sprintln(v...))
	l.exit(1)
}

// limitedNames returns, for each package a lesson has only part of without
// allow= (os, path/filepath), the names it may use, unless the block opted
// into the whole package.
func limitedNames(exports, overrides interp.Exports, allow []string) map[string][]string {
	limited := map[string][]string{}
	for _, path := range symbols.OptIn() {
		key, _, _ := symbols.OptInTable(path)
		lessonSyms, ok := symbols.LessonTable(path)
		if !ok || slices.Contains(allow, path) {
			continue
		}
		var names []string
		for name := range lessonSyms {
			names = append(names, name)
		}
		for name := range overrides[key] {
			names = append(names, name)
		}
		slices.Sort(names)
		limited[path] = slices.Compact(names)
	}
	return limited
}
