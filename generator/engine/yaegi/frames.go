package yaegi

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// frame is one of the program's functions in a panic report.
type frame struct {
	name string // as Go's tracebacks name it without inlining: main.(*T).m.func1
	line int
}

// function is one function of the program.
type function struct {
	name  string         // as Go names it
	ident string         // the declared name of a function or method; "" for a closure
	lit   *ast.FuncLit   // the closure, or nil
	body  *ast.BlockStmt // nil for a function declared without a body
}

// mainFrames returns the program's frames of the panic that ended main's
// goroutine: the first of seqs whose outermost function is main.main.
func mainFrames(seqs [][]unwind, file *ast.File, fset *token.FileSet, kind siteKind) []frame {
	for _, seq := range seqs {
		if fs := frames(seq, file, fset, kind); len(fs) > 0 && fs[len(fs)-1].name == "main.main" {
			return fs
		}
	}
	return nil
}

// frames turns the unwinds of a panic into the program's frames, innermost
// first. yaegi tells which functions were left but not where they were;
// the lines are found in the source: in the function that panicked, the
// first expression of the kind that raised the panic; in each caller, the
// first call of the function below it. When a function makes several such
// calls, Go's line may be a later one.
func frames(unwinds []unwind, file *ast.File, fset *token.FileSet, kind siteKind) []frame {
	funcs := programFunctions(file)
	tf := fset.File(file.Pos())
	var out []frame
	var inner *function
	for _, u := range unwinds {
		if !strings.HasPrefix(u.name, "main.") || strings.HasPrefix(u.name, "main._gn_") {
			// A function of a package yaegi compiled from source, or a
			// helper that generator/rewrite added for a standard library
			// function: Go's report would show library frames there.
			continue
		}
		fn := enclosing(funcs, position(tf, u.line, u.col))
		if fn == nil {
			out = append(out, frame{name: u.name, line: u.line})
			inner = nil
			continue
		}
		line := u.line
		var site ast.Node
		if inner == nil && len(out) == 0 {
			site = panicSite(fn, kind)
		} else if inner != nil {
			site = callSite(fn, inner)
		}
		if site != nil {
			pos := site.Pos()
			if call, ok := site.(*ast.CallExpr); ok {
				pos = call.Lparen // where Go puts a call: func() { ... }() is on its last line
			}
			line = fset.Position(pos).Line
		}
		out = append(out, frame{name: fn.name, line: line})
		inner = fn
	}
	return out
}

// position converts a 1-based line and column into a token.Pos of tf.
func position(tf *token.File, line, col int) token.Pos {
	if tf == nil || line < 1 || line > tf.LineCount() || col < 1 {
		return token.NoPos
	}
	return tf.LineStart(line) + token.Pos(col-1)
}

// enclosing returns the innermost function whose body holds pos.
func enclosing(funcs []*function, pos token.Pos) *function {
	var best *function
	for _, fn := range funcs {
		if fn.body == nil || pos < fn.body.Lbrace || pos > fn.body.Rbrace {
			continue
		}
		if best == nil || fn.body.Lbrace > best.body.Lbrace {
			best = fn
		}
	}
	return best
}

// programFunctions lists the functions and closures of file with Go's names.
func programFunctions(file *ast.File) []*function {
	var funcs []*function
	initClosures := 0
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			fn := &function{name: "main." + receiver(d) + d.Name.Name, ident: d.Name.Name, body: d.Body}
			funcs = append(funcs, fn)
			if d.Body != nil {
				n := 0
				funcs = closures(d.Body, fn.name+".func", &n, funcs)
			}
		case *ast.GenDecl:
			// Closures in package-level initializers belong to main.init.
			funcs = closures(d, "main.init.func", &initClosures, funcs)
		}
	}
	return funcs
}

// closures appends the closures directly inside n, named prefix1,
// prefix2..., and theirs, named after them: main.main.func1.1.
func closures(n ast.Node, prefix string, count *int, funcs []*function) []*function {
	ast.Inspect(n, func(m ast.Node) bool {
		lit, ok := m.(*ast.FuncLit)
		if !ok {
			return true
		}
		*count++
		fn := &function{name: prefix + strconv.Itoa(*count), lit: lit, body: lit.Body}
		funcs = append(funcs, fn)
		nested := 0
		funcs = closures(lit.Body, fn.name+".", &nested, funcs)
		return false
	})
	return funcs
}

// receiver returns the receiver part of a method's name: "(*T)." or "T.".
func receiver(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return ""
	}
	t := d.Recv.List[0].Type
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		t, star = s.X, true
	}
	name := "?"
	switch t := t.(type) {
	case *ast.Ident:
		name = t.Name
	case *ast.IndexExpr:
		name = typeName(t.X) + "[...]"
	case *ast.IndexListExpr:
		name = typeName(t.X) + "[...]"
	}
	if star {
		return "(*" + name + ")."
	}
	return name + "."
}

func typeName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}
