package yaegi

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"
)

// yaegi v0.16.1 tells which functions a panic left but not where each one
// was: the line it reports is the function's first. When the source alone
// cannot tell (a function with two calls that could have panicked), Run
// runs the program a second time, its output discarded, instrumented: each
// function of the program keeps the line of the statement it is at in a
// variable, and a deferred call hands that line to the engine when a panic
// leaves the function, and panics on.
//
//	func f() {             func f() { var _gn_at int; defer func() { if _gn_v := recover(); _gn_v != nil { _gn_locate.Left(3, _gn_at); panic(_gn_v) } }()
//		a()                    _gn_at = 6; a()
//		b()                    _gn_at = 7; b()

const (
	locatePkg = "_gn_locate" // the engine's package in an instrumented program
	atVar     = "_gn_at"
)

// maxLocate bounds the second run: a program that took longer to panic
// gets no second run.
const maxLocate = 2 * time.Second

// left is one function a panic left, as the instrumented program reports it.
type left struct {
	g    uint64 // the goroutine
	fn   int    // the function, an index into programFunctions
	line int    // the line of the statement the function was at
}

// recorder keeps what an instrumented program reports.
type recorder struct {
	mu   sync.Mutex
	left []left
}

// record is _gn_locate.Left.
func (rec *recorder) record(fn, line int) {
	g := goroutineID()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.left) < 1<<16 {
		rec.left = append(rec.left, left{g: g, fn: fn, line: line})
	}
}

// locate runs the program again, instrumented, and returns the lines its
// functions were at when the panic that ended main's goroutine left them,
// innermost first, if that panic left the same functions as the first run
// (names, the frames of the first run). It gives up (ok false) when the
// second run ends differently or takes longer than budget.
func locate(ctx context.Context, src string, opts Options, names []string, budget time.Duration) (lines []int, ok bool) {
	opts.Stdout, opts.Stderr = io.Discard, io.Discard
	opts.Exit = func(int) {}
	opts.Unsure, opts.Panicked = nil, nil
	rec := &recorder{}
	opts.locate = rec
	p, err := prepare(src, opts, true)
	if err != nil {
		return nil, false
	}
	defer p.run.close()
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	if _, _, panicked, err := p.execute(ctx); err != nil || !panicked {
		return nil, false
	}
	funcs := programFunctions(p.written)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	// Main's goroutine is the one the panic left main.main in.
	var seq []left
	for i := len(rec.left) - 1; i >= 0 && seq == nil; i-- {
		if l := rec.left[i]; funcs[l.fn].name == "main.main" {
			for _, m := range rec.left[:i+1] {
				if m.g == l.g {
					seq = append(seq, m)
				}
			}
		}
	}
	if len(seq) < len(names) {
		return nil, false
	}
	seq = seq[len(seq)-len(names):] // earlier ones are of panics recovered before
	for i, l := range seq {
		if funcs[l.fn].name != names[i] {
			return nil, false
		}
		lines = append(lines, l.line)
	}
	return lines, true
}

// instrument adds to each function of file, the rewritten program, that is
// one of funcs, those of the program as written, the variable that keeps
// its line and the deferred call that reports it (see locate).
func instrument(file *ast.File, funcs []*function, fset *token.FileSet) {
	index := map[token.Position]int{}
	for i, fn := range funcs {
		if fn.body != nil {
			index[fset.Position(fn.body.Lbrace)] = i
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch f := n.(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		}
		if body == nil {
			return true
		}
		if i, ok := index[fset.Position(body.Lbrace)]; ok {
			trackLines(body, fset)
			body.List = append(prologue(fset, i), body.List...)
		}
		return true
	})
	imp := &ast.ImportSpec{Name: ast.NewIdent(locatePkg), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(locatePkg)}}
	file.Decls = append([]ast.Decl{&ast.GenDecl{Tok: token.IMPORT, Specs: []ast.Spec{imp}}}, file.Decls...)
	file.Imports = append(file.Imports, imp)
}

// prologue returns the statements that start the function with index fn:
// the line variable and the deferred call. They are parsed as a file of
// their own, so that their positions are nowhere in the program.
func prologue(fset *token.FileSet, fn int) []ast.Stmt {
	src := fmt.Sprintf("package p\n\nfunc _() {\n\tvar %[1]s int\n\tdefer func() {\n\t\tif _gn_v := recover(); _gn_v != nil {\n"+
		"\t\t\t%[2]s.Left(%[3]d, %[1]s)\n\t\t\tpanic(_gn_v)\n\t\t}\n\t}()\n}\n", atVar, locatePkg, fn)
	f, err := parser.ParseFile(fset, locatePkg+".go", src, 0)
	if err != nil {
		panic("yaegi: the locating prologue does not parse: " + err.Error()) // a constant program
	}
	return f.Decls[0].(*ast.FuncDecl).Body.List
}

// trackLines puts before each statement of body, outside the closures in
// it, an assignment of the statement's line to the line variable; and at
// the end of a loop's body, one of the loop's line, for a panic in its
// condition or post statement.
func trackLines(body *ast.BlockStmt, fset *token.FileSet) {
	track := func(list []ast.Stmt) []ast.Stmt {
		out := make([]ast.Stmt, 0, 2*len(list))
		for _, s := range list {
			if !isLineAssign(s) {
				out = append(out, lineAssign(s.Pos(), fset))
			}
			out = append(out, s)
		}
		return out
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // instrumented on its own
		case *ast.BlockStmt:
			n.List = track(n.List)
		case *ast.CaseClause:
			n.Body = track(n.Body)
		case *ast.CommClause:
			n.Body = track(n.Body)
		case *ast.ForStmt:
			n.Body.List = append(n.Body.List, lineAssign(n.Pos(), fset))
		}
		return true
	})
}

// lineAssign returns "_gn_at = LINE" for the statement at pos, positioned
// there.
func lineAssign(pos token.Pos, fset *token.FileSet) ast.Stmt {
	return &ast.AssignStmt{
		Lhs:    []ast.Expr{&ast.Ident{NamePos: pos, Name: atVar}},
		TokPos: pos,
		Tok:    token.ASSIGN,
		Rhs:    []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(fset.Position(pos).Line)}},
	}
}

// isLineAssign reports whether s is an assignment lineAssign made.
func isLineAssign(s ast.Stmt) bool {
	a, ok := s.(*ast.AssignStmt)
	if !ok || len(a.Lhs) != 1 {
		return false
	}
	id, ok := a.Lhs[0].(*ast.Ident)
	return ok && id.Name == atVar
}

// frameNames returns the names of frames.
func frameNames(frames []frame) []string {
	var names []string
	for _, f := range frames {
		names = append(names, f.name)
	}
	return slices.Clip(names)
}
