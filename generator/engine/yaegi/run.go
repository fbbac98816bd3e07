package yaegi

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io"
	"io/fs"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/gonotes/concurrency/generator/engine/yaegi/symbols"
	"github.com/gonotes/concurrency/generator/rewrite"
)

// Options say where a program's output goes and what it may use.
type Options struct {
	// Stdout and Stderr receive the program's standard output and error,
	// including its os.Stdout and os.Stderr; nil discards. Nothing is
	// written to them after Run returns.
	Stdout, Stderr io.Writer
	// Allow lists the packages outside the allow-list the block opted into
	// (allow= in its info string); see symbols.OptIn.
	Allow []string
	// Args is the program's os.Args; nil means []string{"main"}.
	Args []string
	// Env is the program's environment as KEY=VALUE; the real one is never
	// read or changed.
	Env []string
	// Exit is called for os.Exit and log.Fatal; nil means os.Exit. If it
	// returns, Run stops the program and returns the code.
	Exit func(code int)
	// NoRewrite runs the program as raw yaegi sees it, without the rewrite
	// to Go 1.22+ semantics; it exists only to measure what the rewrite
	// does (see package conformance).
	NoRewrite bool
	// Unsure, if set, is called when the report of a panic written to
	// Stderr is not all Go would print there, with the reason (see
	// engine.Result.Unsure).
	Unsure func(why string)
	// Panicked, if set, is called when a panic has ended the program but
	// Run goes on to find the lines of its frames (which means running the
	// program again), with the report's first lines: a host that must stop
	// Run before it returns knows then how the program ended.
	Panicked func(message string)

	locate *recorder // set for the second run that finds lines
}

// sourceName is what positions and panic traces call the program.
const sourceName = "main.go"

// Run interprets src as the program main.go and returns its exit status:
// 0 when main returns, 2 after an unrecovered panic in main's goroutine (the
// panic report is written to Stderr first), or the code given to os.Exit
// when Options.Exit returns.
//
// A program that does not compile yields a *CompileError and exit status 1,
// as go run would; any other error means the engine failed, such as yaegi
// crashing on a program Go accepts.
//
// Canceling ctx stops every interpreted goroutine at its next step; Run then
// returns the context's error.
func Run(ctx context.Context, src string, opts Options) (exitCode int, err error) {
	opts = opts.withDefaults()
	p, err := prepare(src, opts, false)
	if err != nil {
		return 1, err
	}
	defer p.run.close()
	start := time.Now()
	code, v, panicked, err := p.execute(ctx)
	if err != nil || !panicked {
		return code, err
	}
	p.report(ctx, src, v, time.Since(start))
	return 2, nil
}

// prepared is a program compiled and ready to run.
type prepared struct {
	run     *run
	interp  *interp.Interpreter
	prog    *interp.Program
	written *ast.File // the program as written, before the rewrite
	fset    *token.FileSet
}

// prepare checks the program against the allow-list, rewrites it and
// compiles it. With locating set, every function of the program records,
// when a panic leaves it, the line it was at (see locate).
func prepare(src string, opts Options, locating bool) (*prepared, error) {
	if diags := checkAllow(opts.Allow); len(diags) > 0 {
		return nil, &RefusalError{Diagnostics: diags}
	}
	exports, err := symbols.Load(opts.Allow)
	if err != nil {
		return nil, err
	}
	r := newRun(opts)
	overrides := r.overrides(exports)
	i := interp.New(interp.Options{
		GoPath:               "",
		SourcecodeFilesystem: emptyFS{},
		Stdin:                strings.NewReader(""),
		Stdout:               r.stdout,
		// yaegi writes a line here for every interpreted function a panic
		// unwinds, even when the panic is recovered later; the tracer
		// keeps them to build the report of an unrecovered panic.
		Stderr:       r.tracer,
		Args:         opts.Args,
		Env:          opts.Env,
		Unrestricted: false,
	})

	// The program is parsed here, into the interpreter's file set, so that
	// yaegi's positions in it say main.go, while those in the generic
	// sources yaegi compiles itself say nothing. The mode is yaegi's; without
	// AllErrors the parser reports one error per line, as go build does.
	fset := i.FileSet()
	file, err := parser.ParseFile(fset, sourceName, src, parser.DeclarationErrors)
	if err != nil {
		return nil, fromScanner(err)
	}
	refused, unusedImports := checkImports(fset, file, opts.Allow, limitedNames(exports, overrides, opts.Allow))
	if len(refused) > 0 {
		return nil, &RefusalError{Diagnostics: refused}
	}
	if diags := append(checkMain(fset, file), unusedImports...); len(diags) > 0 {
		return nil, &CompileError{Diagnostics: diags}
	}
	// What yaegi runs is the program rewritten to Go 1.22+ semantics; the
	// rewrite keeps every line where it was, so positions stay the program's,
	// and panic reports describe the program as written, not the closures
	// and calls the rewrite added.
	written := file
	if !opts.NoRewrite {
		rewritten, err := rewrite.Rewrite(sourceName, []byte(src))
		if err != nil {
			return nil, fmt.Errorf("yaegi: rewriting the program: %w", err)
		}
		if file, err = parser.ParseFile(fset, sourceName, rewritten, parser.DeclarationErrors); err != nil {
			return nil, fmt.Errorf("yaegi: the rewritten program does not parse: %w", err)
		}
		if err := useHelperPackages(exports, file); err != nil {
			return nil, err
		}
	}
	if locating {
		instrument(file, programFunctions(written), fset)
		overrides[locatePkg+"/"+locatePkg] = map[string]reflect.Value{"Left": reflect.ValueOf(opts.locate.record)}
	}
	if err := use(i, exports, overrides, imports(file, "slices")); err != nil {
		return nil, err
	}
	prog, err := compile(i, fset, file)
	if err != nil {
		return nil, err
	}
	return &prepared{run: r, interp: i, prog: prog, written: written, fset: fset}, nil
}

func (o Options) withDefaults() Options {
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	if o.Args == nil {
		o.Args = []string{"main"}
	}
	if o.Exit == nil {
		o.Exit = os.Exit
	}
	return o
}

// use loads the tables, then the per-run symbols, then, if the program
// imports slices, the engine's additions to it. The first two must be two
// calls: interp.Use rebinds fmt, log and os to the interpreter's streams
// (and compiles its generic sources) whenever the tables it gets include fmt.
func use(i *interp.Interpreter, exports, overrides interp.Exports, slices bool) error {
	if err := i.Use(exports); err != nil {
		return fmt.Errorf("yaegi: loading symbols: %w", err)
	}
	if err := i.Use(overrides); err != nil {
		return fmt.Errorf("yaegi: loading per-run symbols: %w", err)
	}
	if !slices {
		return nil
	}
	for _, src := range symbols.Sources() {
		if _, err := i.Compile(src); err != nil {
			return fmt.Errorf("yaegi: compiling the engine's own sources: %w", err)
		}
	}
	return nil
}

// useHelperPackages adds the tables of packages that only the rewrite's
// helpers import (named _gn_...), such as reflect; the program itself was
// checked against the allow-list before it was rewritten.
func useHelperPackages(exports interp.Exports, file *ast.File) error {
	lesson := symbols.Lesson()
	for _, spec := range file.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		if spec.Name == nil || !strings.HasPrefix(spec.Name.Name, "_gn_") || slices.Contains(lesson, path) {
			continue
		}
		key, syms, ok := symbols.OptInTable(path)
		if !ok {
			return fmt.Errorf("yaegi: the rewrite's helpers import %q, which has no table", path)
		}
		exports[key] = syms
	}
	return nil
}

// imports reports whether file imports path.
func imports(file *ast.File, path string) bool {
	for _, spec := range file.Imports {
		if spec.Path.Value == strconv.Quote(path) {
			return true
		}
	}
	return false
}

// compile compiles the program. yaegi panics on some programs it cannot
// handle, and fails on some generic functions of its own sources; both are
// engine failures rather than compile errors, since Go accepts the program.
func compile(i *interp.Interpreter, fset *token.FileSet, file *ast.File) (prog *interp.Program, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("yaegi crashed compiling the program: %v%s", v, crashHint(v, fset, file))
		}
	}()
	prog, err = i.CompileAST(file)
	if err != nil {
		return nil, fromYaegi(err)
	}
	return prog, nil
}

// crashHint guesses why yaegi crashed: its compiler panics with "nil type"
// on a range over an integer or a function.
func crashHint(v any, fset *token.FileSet, file *ast.File) string {
	if v != "nil type" {
		return ""
	}
	hint := ""
	ast.Inspect(file, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok && hint == "" {
			hint = fmt.Sprintf(" (yaegi v0.16.1 cannot range over an integer or a function, as Go 1.22 and 1.23 can; "+
				"is it the range at line %d?)", fset.Position(r.For).Line)
		}
		return hint == ""
	})
	return hint
}

// execute runs the compiled program and turns how it ended into an exit
// status; after an unrecovered panic in main's goroutine, it returns the
// panic's value instead, with panicked set.
func (p *prepared) execute(parent context.Context) (code int, v any, panicked bool, err error) {
	r := p.run
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	r.cancel = cancel
	r.base = runtime.NumGoroutine()
	// With a context, yaegi can stop every interpreted goroutine, which
	// os.Exit needs when the exit hook returns.
	_, err = p.interp.ExecuteWithContext(ctx, p.prog)
	if code, ok := r.exited(); ok {
		return code, nil, false, nil
	}
	var pv interp.Panic
	switch {
	case parent.Err() != nil:
		return 1, nil, false, parent.Err()
	case err == nil:
		return 0, nil, false, nil
	case errors.As(err, &pv):
		return 2, pv.Value, true, nil
	default:
		// yaegi finds some errors only when it generates code.
		return 1, nil, false, fromYaegi(err)
	}
}

// fromScanner converts the parser's errors into a *CompileError.
func fromScanner(err error) error {
	var list scanner.ErrorList
	if !errors.As(err, &list) {
		return fromYaegi(err)
	}
	ce := &CompileError{}
	for _, e := range list {
		ce.Diagnostics = append(ce.Diagnostics, Diagnostic{Line: e.Pos.Line, Col: e.Pos.Column, Msg: e.Msg})
	}
	return ce
}

// emptyFS is a file system with no files, so the interpreter never resolves
// an import from disk.
type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
