package timeline

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// TraceFile is the file, in the working directory of the run, that an
// instrumented program writes its execution trace to.
const TraceFile = "trace.out"

// RecorderFile is the name of the file Instrument adds to the module.
const RecorderFile = "timeline_trace.go"

// goMod is the go.mod of the module Instrument returns; the runner's own
// go snippets are built in a module of the same name and Go version.
const goMod = "module snippet\n\ngo 1.26\n"

// startName is the recorder's function in package main; Instrument picks
// another when the program already declares this name.
const startName = "startTimelineTrace"

// Instrument returns the files of a module that builds src (the main.go of
// a complete program) into one that behaves like it and also records a
// runtime/trace execution trace to TraceFile: "go.mod", "main.go" and
// RecorderFile.
//
// main.go is src with one statement spliced in right after the opening brace
// of func main, on the same line: `defer startTimelineTrace()();`. Every
// line keeps its number, so compile errors and stack traces point at the
// program's own lines; only the columns after that brace move. Tracing starts
// before the first statement of main's body and stops, flushing the trace,
// when main returns or panics. What does not stop it:
//
//   - os.Exit, log.Fatal or a fatal runtime error ends the process before the
//     deferred stop runs: TraceFile then holds only the generations the
//     runtime had already flushed (about one a second) and Parse reports the
//     trace as incomplete; see Timeline.Incomplete.
//   - A deadlock. While tracing, the runtime keeps a timer to start each new
//     trace generation, so it never finds "all goroutines are asleep" and the
//     program would hang. The recorder therefore watches the program: when
//     every goroutine has stayed blocked on a channel, select, lock or
//     WaitGroup for a second, it stops the trace and lets go, and the runtime
//     then reports the deadlock as it would untraced, one second later. A
//     goroutine blocked on a timer (time.After in a select) looks the same
//     from outside, so a program whose every goroutine waits over a second on
//     timers has its recording stopped there; the trace then ends with a log
//     entry (category StopCategory) that Parse turns into Timeline.Stopped.
//
// Other visible differences: goroutine IDs in the program's output are
// higher (the tracer starts goroutines of its own), and a runtime report that
// lists every goroutine also lists the recorder's. A program that calls
// trace.Start itself is rejected; one that only uses trace.NewTask,
// trace.WithRegion, trace.StartRegion or trace.Log works unchanged, and
// Parse names goroutines after its regions.
func Instrument(src string) (map[string]string, error) {
	return instrument(src, `os.Create("`+TraceFile+`")`)
}

// InstrumentFD is Instrument for a run that keeps none of its files, such
// as one in a sandbox with a private /tmp: the program writes its trace to
// its open file descriptor fd (3 or more) instead of TraceFile, as the
// runtime hands it over, and closes fd when it stops the trace. The caller
// reads the trace from the other end of a pipe, and can bound its size by
// refusing to read more, which stops the program. With fd not open, the
// program runs as it would and the trace is lost.
func InstrumentFD(src string, fd int) (map[string]string, error) {
	if fd < 3 {
		return nil, fmt.Errorf("instrumenting for a trace: file descriptor %d is one of the standard streams", fd)
	}
	return instrument(src, `os.NewFile(`+strconv.Itoa(fd)+`, "trace"), error(nil)`)
}

// instrument is Instrument with the trace's file opened by open (see
// recorder).
func instrument(src, open string) (map[string]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("instrumenting for a trace: %w", err)
	}
	if f.Name.Name != "main" {
		return nil, fmt.Errorf("instrumenting for a trace: package %s is not package main", f.Name.Name)
	}
	var body *ast.BlockStmt
	taken := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				continue
			}
			taken[d.Name.Name] = true
			if d.Name.Name == "main" && d.Body != nil {
				body = d.Body
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					for _, n := range s.Names {
						taken[n.Name] = true
					}
				case *ast.TypeSpec:
					taken[s.Name.Name] = true
				}
			}
		}
	}
	if body == nil {
		return nil, errors.New("instrumenting for a trace: no func main")
	}
	if line, ok := startsTrace(fset, f); ok {
		return nil, fmt.Errorf("main.go:%d: instrumenting for a trace: the program calls trace.Start itself", line)
	}
	name := startName
	for i := 2; clashes(name, taken); i++ {
		name = startName + strconv.Itoa(i)
	}
	at := fset.Position(body.Lbrace).Offset + 1
	main := src[:at] + "defer " + name + "()();" + src[at:]
	return map[string]string{
		"go.mod":     goMod,
		"main.go":    main,
		RecorderFile: strings.ReplaceAll(recorder(open), startName, name),
	}, nil
}

// startsTrace reports the line of a call of runtime/trace's Start in f.
func startsTrace(fset *token.FileSet, f *ast.File) (line int, ok bool) {
	pkg := ""
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "runtime/trace" {
			pkg = "trace"
			if imp.Name != nil {
				pkg = imp.Name.Name
			}
		}
	}
	if pkg == "" || pkg == "_" {
		return 0, false
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !isCall || ok {
			return !ok
		}
		switch fun := call.Fun.(type) {
		case *ast.SelectorExpr:
			x, isIdent := fun.X.(*ast.Ident)
			ok = isIdent && x.Name == pkg && fun.Sel.Name == "Start"
		case *ast.Ident:
			ok = pkg == "." && fun.Name == "Start"
		}
		if ok {
			line = fset.Position(call.Pos()).Line
		}
		return !ok
	})
	return line, ok
}

// clashes reports whether a name in taken starts with prefix, the name every
// top-level name of the recorder starts with.
func clashes(prefix string, taken map[string]bool) bool {
	for name := range taken {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}
