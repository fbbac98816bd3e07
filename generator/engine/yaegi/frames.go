package yaegi

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// frame is one of the program's functions in a panic report.
type frame struct {
	name string // as Go's tracebacks name it without inlining: main.(*T).m.func1
	line int
	// sure is set when the source tells the line: the function has one
	// place that could have raised the panic, or called the frame below.
	sure  bool
	fn    *function // nil when the position yaegi gave is in no function
	inner *function // the function of the frame below; nil for the first
}

// function is one function of the program.
type function struct {
	name  string         // as Go names it
	ident string         // the declared name of a function or method; "" for a closure
	lit   *ast.FuncLit   // the closure, or nil
	body  *ast.BlockStmt // nil for a function declared without a body
}

// mainFrames returns the program's frames of the panic that ended main's
// goroutine, from the first of seqs whose outermost function is main.main,
// and the compiled function that raised it, if one did.
func mainFrames(seqs [][]unwind, file *ast.File, fset *token.FileSet, kind siteKind) ([]frame, string) {
	for _, seq := range seqs {
		origin := ""
		if len(seq) > 0 {
			origin = seq[0].origin
		}
		if fs := frames(seq, file, fset, kind, origin); len(fs) > 0 && fs[len(fs)-1].name == "main.main" {
			return fs, origin
		}
	}
	return nil, ""
}

// frames turns the unwinds of a panic into the program's frames, innermost
// first. yaegi tells which functions were left but not where they were;
// the lines are found in the source: in the function that panicked, the
// expressions of the kind that raised the panic; in each caller, the
// calls of the function below it. A frame is sure of its line when those
// are all on one line; otherwise its line is the first of them, a guess
// that locate can replace.
func frames(unwinds []unwind, file *ast.File, fset *token.FileSet, kind siteKind, origin string) []frame {
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
		f := frame{name: fn.name, line: u.line, fn: fn, inner: inner}
		var sites []ast.Node
		switch {
		case len(out) == 0:
			sites = panicSites(fn, nil, kind, origin)
		case inner != nil:
			sites = callSites(fn, nil, inner)
		}
		if lines := siteLines(fset, sites); len(lines) > 0 {
			f.line, f.sure = lines[0], len(lines) == 1
		}
		out = append(out, f)
		inner = fn
	}
	return out
}

// relocate sets the lines of frames from those locate found, the lines of
// the statements the functions were at, and marks the frames it is sure
// of. In a statement over several lines, the line is that of the
// expression of the kind that panicked, or of the call of the frame below,
// if the statement has them on one line.
func relocate(frames []frame, lines []int, fset *token.FileSet, kind siteKind, origin string) {
	for i := range frames {
		f := &frames[i]
		if f.fn == nil {
			continue
		}
		stmt := statementAt(f.fn, lines[i], fset)
		if stmt == nil {
			continue
		}
		var sites []ast.Node
		if i == 0 {
			sites = panicSites(f.fn, header(stmt), kind, origin)
		} else {
			sites = callSites(f.fn, header(stmt), f.inner)
		}
		switch got := siteLines(fset, sites); len(got) {
		case 0:
			f.line, f.sure = lines[i], true
		case 1:
			f.line, f.sure = got[0], true
		}
	}
}

// header returns the parts of stmt that run when the function is at its
// line: all of a simple statement, and of a compound one the expressions
// and statements of its first line, not its body.
func header(stmt ast.Stmt) []ast.Node {
	parts := []ast.Node{} // not nil, which would mean the whole function
	add := func(nodes ...ast.Node) {
		for _, n := range nodes {
			if n != nil && !reflect.ValueOf(n).IsNil() {
				parts = append(parts, n)
			}
		}
	}
	switch s := stmt.(type) {
	case *ast.IfStmt:
		add(s.Init, s.Cond)
	case *ast.ForStmt:
		add(s.Init, s.Cond, s.Post)
	case *ast.RangeStmt:
		add(s.X)
	case *ast.SwitchStmt:
		add(s.Init, s.Tag)
	case *ast.TypeSwitchStmt:
		add(s.Init, s.Assign)
	case *ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
		// nothing of its own panics
	default:
		add(stmt)
	}
	return parts
}

// statementAt returns the outermost statement of fn (outside its
// closures) that starts on line.
func statementAt(fn *function, line int, fset *token.FileSet) ast.Stmt {
	var found ast.Stmt
	inspect(fn, nil, func(n ast.Node) {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			n = ls.Stmt
		}
		if s, ok := n.(ast.Stmt); ok && found == nil && n != fn.body && fset.Position(s.Pos()).Line == line {
			found = s
		}
	})
	return found
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
			if d.Type.TypeParams != nil {
				fn.name += "[...]" // as Go names a generic function's frames
			}
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
