package hazard

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/gonotes/concurrency/generator/rewrite"
)

// deferInLoop finds a closure deferred in a loop that uses a variable of
// the loop which the rewrite cannot give each iteration: one assigned
// after the defer statement, or one whose type comes from the standard
// library. yaegi's closure sees the variable's last value.
func deferInLoop(c *checker) {
	ast.Inspect(c.file, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch loop := n.(type) {
		case *ast.ForStmt:
			body = loop.Body
		case *ast.RangeStmt:
			body = loop.Body
		default:
			return true
		}
		inLoop := func(v *types.Var) bool { return v.Pos() >= n.Pos() && v.Pos() < n.End() }
		inspectOwn(body, func(m ast.Node) {
			ds, ok := m.(*ast.DeferStmt)
			if !ok {
				return
			}
			lit, ok := ast.Unparen(ds.Call.Fun).(*ast.FuncLit)
			if !ok {
				return
			}
			seen := map[*types.Var]bool{}
			ast.Inspect(lit.Body, func(k ast.Node) bool {
				id, ok := k.(*ast.Ident)
				if !ok {
					return true
				}
				v, ok := c.info.Uses[id].(*types.Var)
				if !ok || seen[v] || !inLoop(v) || v.Pos() >= lit.Pos() && v.Pos() < lit.End() {
					return true
				}
				seen[v] = true
				switch {
				case c.typeOf(id) == nil:
					c.report(id.Pos(), "defer-loop-std-type", "yaegi's deferred closure sees the last iteration's %s: its type comes from the standard library, so the rewrite cannot copy it", v.Name())
				case c.assignedAfter(body, v, ds.End()):
					c.report(id.Pos(), "defer-loop-assigned", "yaegi's deferred closure sees the last iteration's %s: it is assigned after the defer", v.Name())
				}
				return true
			})
		})
		return true
	})
}

// assignedAfter reports whether body assigns v after pos, outside closures.
func (c *checker) assignedAfter(body *ast.BlockStmt, v *types.Var, pos token.Pos) bool {
	found := false
	inspectOwn(body, func(n ast.Node) {
		if n.Pos() < pos {
			return
		}
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs = n.Lhs
		case *ast.IncDecStmt:
			lhs = []ast.Expr{n.X}
		}
		for _, e := range lhs {
			if c.root(e) == v {
				found = true
			}
		}
	})
	return found
}

// root returns the variable whose storage an assignment to e changes.
func (c *checker) root(e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			v, _ := c.info.ObjectOf(x).(*types.Var)
			return v
		default:
			return nil
		}
	}
}

// intFuncs are functions of the standard library that return an int, by
// package, which a program may range over.
var intFuncs = map[string][]string{
	"runtime":      {"NumCPU", "NumGoroutine", "GOMAXPROCS", "NumCgoCall"},
	"math/rand":    {"Intn", "Int", "Int31n", "Int63n"},
	"math/rand/v2": {"IntN", "N", "Int", "Int32N", "Int64N", "UintN"},
	"unicode/utf8": {"RuneCountInString", "RuneCount", "RuneLen"},
	"strings":      {"Count", "Index", "LastIndex", "IndexByte", "IndexRune"},
	"bytes":        {"Count", "Index", "LastIndex", "IndexByte", "IndexRune"},
}

// iterFuncs are functions of the standard library that return an iterator
// (iter.Seq), by package.
var iterFuncs = map[string][]string{
	"strings": {"Lines", "SplitSeq", "SplitAfterSeq", "FieldsSeq", "FieldsFuncSeq"},
	"bytes":   {"Lines", "SplitSeq", "SplitAfterSeq", "FieldsSeq", "FieldsFuncSeq"},
	"slices":  {"All", "Values", "Backward"},
	"maps":    {"All", "Keys", "Values"},
}

// stdResult reports whether e calls a function of table, or is a variable
// set once to such a call.
func (c *checker) stdResult(e ast.Expr, table map[string][]string, f facts) bool {
	if v := c.variable(e); v != nil && !f.written[v] && f.init[v] != nil {
		e = f.init[v]
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	path, name, ok := c.stdFunc(call.Fun)
	return ok && slices.Contains(table[path], name) && !rewrite.Supplies(path, name)
}

// rangeStatements finds the ranges yaegi cannot run: over a function (an
// iterator) that the rewrite leaves as a loop, over an integer whose type comes from the standard library,
// and for x = range n with x of such a type.
func rangeStatements(c *checker) {
	f := c.facts()
	iterators := c.iteratorFuncs()
	ast.Inspect(c.file, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok {
			return true
		}
		t := c.typeOf(rs.X)
		isInt := t != nil && isInteger(t)
		switch {
		case c.stdResult(rs.X, iterFuncs, f):
			c.report(rs.X.Pos(), "range-func", "yaegi crashes on a range over an iterator of the standard library")
		case (t != nil && isFunc(t) || c.callsIterator(rs.X, iterators)) && !rewrite.PlainBody(rs.Body):
			c.report(rs.X.Pos(), "range-func", "yaegi crashes on a range over a function (an iterator) whose body returns, defers or jumps with a label: the rewrite turns only other loops into calls")
		case t == nil && c.stdResult(rs.X, intFuncs, f):
			c.report(rs.X.Pos(), "range-int-std-type", "yaegi crashes on a range over an integer whose type comes from the standard library")
		case rs.Tok == token.ASSIGN && rs.Key != nil && c.typeOf(rs.Key) == nil && (isInt || c.stdResult(rs.X, intFuncs, f)):
			c.report(rs.Key.Pos(), "range-assign-std-type", "yaegi does not compile for x = range n when x has a type from the standard library")
		}
		return true
	})
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// iteratorFuncs returns the program's functions and methods that return
// an iter.Seq or iter.Seq2, which the checker cannot see as functions.
func (c *checker) iteratorFuncs() map[types.Object]bool {
	funcs := map[types.Object]bool{}
	for _, d := range c.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Type.Results == nil || len(fd.Type.Results.List) != 1 {
			continue
		}
		res := fd.Type.Results.List[0].Type
		if ix, ok := res.(*ast.IndexExpr); ok {
			res = ix.X
		} else if ix, ok := res.(*ast.IndexListExpr); ok {
			res = ix.X
		}
		if c.isStd(res, "iter", "Seq", "Seq2") {
			funcs[c.info.Defs[fd.Name]] = true
		}
	}
	return funcs
}

// callsIterator reports whether e calls one of funcs.
func (c *checker) callsIterator(e ast.Expr, funcs map[types.Object]bool) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	var id *ast.Ident
	switch fn := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fn
	case *ast.SelectorExpr:
		id = fn.Sel
	case *ast.IndexExpr:
		id, _ = fn.X.(*ast.Ident)
	}
	return id != nil && funcs[c.info.Uses[id]]
}

// iteratorFunctions finds the Go 1.23 functions of slices and maps that
// neither yaegi's copies of the packages nor the rewrite's helpers have.
func iteratorFunctions(c *checker) {
	go123 := map[string][]string{
		"slices": {"Backward", "AppendSeq", "SortedFunc", "SortedStableFunc"},
		"maps":   {},
	}
	ast.Inspect(c.file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if path, name, ok := c.stdFunc(sel); ok && slices.Contains(go123[path], name) && !rewrite.Supplies(path, name) {
				c.report(sel.Pos(), "iterator-functions", "%s.%s is not defined in yaegi", sel.X.(*ast.Ident).Name, name)
			}
		}
		return true
	})
}

// sliceResults are the functions of slices and maps that return their
// argument's type, which the rewrite's helpers return as []E or map[K]V.
var sliceResults = map[string][]string{
	"slices": {"Clone", "Compact", "CompactFunc", "Delete", "DeleteFunc", "Insert", "Replace", "Grow", "Clip", "Repeat", "Concat"},
	"maps":   {"Clone"},
}

// namedSliceTypes finds those functions called on a program's named slice
// or map type: the result has lost the type, and its methods.
func namedSliceTypes(c *checker) {
	c.calls(func(call *ast.CallExpr) {
		path, name, ok := c.stdFunc(call.Fun)
		if !ok || !slices.Contains(sliceResults[path], name) || !rewrite.Supplies(path, name) || len(call.Args) == 0 {
			return
		}
		t := c.typeOf(call.Args[0])
		n, isNamed := t.(*types.Named)
		if !isNamed || n.Obj().Pkg() != c.pkg {
			return
		}
		switch n.Underlying().(type) {
		case *types.Slice, *types.Map:
			c.report(call.Pos(), "named-slice-types", "in yaegi, %s.%s returns a plain %s, not a %s: the methods of %s are lost",
				path, name, n.Underlying(), n.Obj().Name(), n.Obj().Name())
		}
	})
}

// genericConstraints finds a type parameter constrained by another one
// (S ~[]E), which yaegi cannot compile.
func genericConstraints(c *checker) {
	ast.Inspect(c.file, func(n ast.Node) bool {
		var params *ast.FieldList
		switch d := n.(type) {
		case *ast.FuncDecl:
			params = d.Type.TypeParams
		case *ast.TypeSpec:
			params = d.TypeParams
		}
		if params == nil {
			return true
		}
		for _, field := range params.List {
			ast.Inspect(field.Type, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok {
					if tn, ok := c.info.Uses[id].(*types.TypeName); ok {
						if _, isParam := tn.Type().(*types.TypeParam); isParam {
							c.report(field.Pos(), "generic-constraints", "yaegi cannot compile a type parameter constrained by another one")
							return false
						}
					}
				}
				return true
			})
		}
		return true
	})
}
