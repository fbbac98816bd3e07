package hazard

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// panicTypeName finds panic with a value of the program's type, which
// yaegi names by its underlying type.
func panicTypeName(c *checker) {
	c.calls(func(call *ast.CallExpr) {
		if !c.builtin(call, "panic") || len(call.Args) != 1 {
			return
		}
		if n := c.declared(c.typeOf(call.Args[0])); n != nil {
			c.report(call.Args[0].Pos(), "panic-type-name", "yaegi reports a panic with a value of %s under its underlying type", n.Obj().Name())
		}
	})
}

// recoverError finds recover's value tested for a type (r.(error)),
// which fails in yaegi: the value it returns is not the one panicked with.
func recoverError(c *checker) {
	recovered := map[*types.Var]bool{}
	isRecover := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && c.builtin(call, "recover")
	}
	ast.Inspect(c.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, rhs := range n.Rhs {
					if v := c.variable(n.Lhs[i]); v != nil && isRecover(rhs) {
						recovered[v] = true
					}
				}
			}
		case *ast.ValueSpec:
			for i, rhs := range n.Values {
				if i < len(n.Names) && isRecover(rhs) {
					if v, ok := c.info.Defs[n.Names[i]].(*types.Var); ok {
						recovered[v] = true
					}
				}
			}
		}
		return true
	})
	ast.Inspect(c.file, func(n ast.Node) bool {
		if ta, ok := n.(*ast.TypeAssertExpr); ok && (isRecover(ta.X) || recovered[c.variable(ta.X)]) {
			c.report(ta.Pos(), "recover-error", "in yaegi, the value recover returns is not the panic's own: a type assertion or switch on it fails")
		}
		return true
	})
}

// facts are what the checker knows of the program's variables: those
// assigned once, by their declaration, and with what.
type facts struct {
	init    map[*types.Var]ast.Expr // the initial value of a variable declared with one
	written map[*types.Var]bool     // assigned after its declaration, or its address taken
}

func (c *checker) facts() facts {
	f := facts{init: map[*types.Var]ast.Expr{}, written: map[*types.Var]bool{}}
	write := func(e ast.Expr) {
		if v := c.variable(e); v != nil {
			f.written[v] = true
		}
	}
	ast.Inspect(c.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok {
					continue
				}
				if v, def := c.info.Defs[id].(*types.Var); def && len(n.Lhs) == len(n.Rhs) {
					f.init[v] = n.Rhs[i]
				} else {
					write(lhs)
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if v, ok := c.info.Defs[name].(*types.Var); ok {
					if i < len(n.Values) {
						f.init[v] = n.Values[i]
					} else if len(n.Values) == 0 {
						f.init[v] = nil // the zero value
					}
				}
			}
		case *ast.IncDecStmt:
			write(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				write(n.Key)
				write(n.Value)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				write(n.X)
			}
		case *ast.FuncDecl:
			if n.Recv != nil { // a method may change its receiver
				for _, field := range n.Recv.List {
					for _, name := range field.Names {
						write(name)
					}
				}
			}
		}
		return true
	})
	return f
}

// constInt returns the value of e when the program always has it there: a
// constant, or a variable set once to one.
func (c *checker) constInt(e ast.Expr, f facts) (int64, bool) {
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		return constant.Int64Val(constant.ToInt(tv.Value))
	}
	if v := c.variable(e); v != nil && !f.written[v] {
		if init, ok := f.init[v]; ok && init != nil {
			if tv, ok := c.info.Types[init]; ok && tv.Value != nil {
				return constant.Int64Val(constant.ToInt(tv.Value))
			}
		}
	}
	return 0, false
}

// length returns the length of e when the program always has it: an
// array's, or a slice variable set once to a literal.
func (c *checker) length(e ast.Expr, f facts) (int64, bool) {
	if t := c.typeOf(e); t != nil {
		if a, ok := t.Underlying().(*types.Array); ok {
			return a.Len(), true
		}
	}
	v := c.variable(e)
	if v == nil || f.written[v] {
		return 0, false
	}
	lit, ok := f.init[v].(*ast.CompositeLit)
	if !ok {
		return 0, false
	}
	if _, isSlice := c.typeOf(lit).Underlying().(*types.Slice); !isSlice {
		return 0, false
	}
	for _, elt := range lit.Elts {
		if _, keyed := elt.(*ast.KeyValueExpr); keyed {
			return 0, false
		}
	}
	return int64(len(lit.Elts)), true
}

// indexOutOfRange finds indexes the program always makes out of range:
// yaegi's report of the panic leaves out the index and the length.
func indexOutOfRange(c *checker) {
	f := c.facts()
	ast.Inspect(c.file, func(n ast.Node) bool {
		ix, ok := n.(*ast.IndexExpr)
		if !ok {
			return true
		}
		i, known := c.constInt(ix.Index, f)
		length, hasLen := c.length(ix.X, f)
		if known && hasLen && (i < 0 || i >= length) {
			c.report(ix.Pos(), "index-panic-text", "this index is out of range: yaegi's report of the panic leaves out the index and the length")
		}
		return true
	})
}

// nilDereference finds a pointer the program never sets, dereferenced:
// yaegi's report of the panic has no [signal SIGSEGV ...] line.
func nilDereference(c *checker) {
	f := c.facts()
	isNil := func(e ast.Expr) bool {
		v := c.variable(e)
		if v == nil || f.written[v] {
			return false
		}
		if _, ok := v.Type().Underlying().(*types.Pointer); !ok {
			return false
		}
		init, declared := f.init[v]
		if !declared {
			return false // a parameter
		}
		return init == nil || c.info.Types[init].IsNil()
	}
	ast.Inspect(c.file, func(n ast.Node) bool {
		var x ast.Expr
		switch n := n.(type) {
		case *ast.StarExpr:
			if tv := c.info.Types[n]; tv.IsValue() {
				x = n.X
			}
		case *ast.SelectorExpr:
			if sel := c.info.Selections[n]; sel != nil && sel.Indirect() &&
				(sel.Kind() == types.FieldVal || !isPointerMethod(sel)) {
				x = n.X
			}
		}
		if x != nil && isNil(x) {
			c.report(n.Pos(), "nil-pointer-signal", "this dereferences a nil pointer: yaegi's report of the panic has no [signal SIGSEGV ...] line")
		}
		return true
	})
}

// isPointerMethod reports whether the method sel selects has a pointer
// receiver, which can be called on nil.
func isPointerMethod(sel *types.Selection) bool {
	fn, ok := sel.Obj().(*types.Func)
	if !ok {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	_, ptr := recv.Type().(*types.Pointer)
	return ptr
}
