package hazard

import (
	"go/ast"
	"go/token"
	"go/types"
)

// goroutines returns the functions the program starts as goroutines: the
// literals and the functions it names in go statements.
func (c *checker) goroutines() []*ast.BlockStmt {
	var bodies []*ast.BlockStmt
	decls := map[types.Object]*ast.FuncDecl{}
	for _, d := range c.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Body != nil {
			decls[c.info.Defs[fd.Name]] = fd
		}
	}
	ast.Inspect(c.file, func(n ast.Node) bool {
		gs, ok := n.(*ast.GoStmt)
		if !ok {
			return true
		}
		switch f := ast.Unparen(gs.Call.Fun).(type) {
		case *ast.FuncLit:
			bodies = append(bodies, f.Body)
		case *ast.Ident:
			if fd := decls[c.info.Uses[f]]; fd != nil {
				bodies = append(bodies, fd.Body)
			}
		}
		return true
	})
	return bodies
}

// goroutinePanic finds panic in a function the program starts as a
// goroutine: yaegi's report of it has only its first line.
func goroutinePanic(c *checker) {
	for _, body := range c.goroutines() {
		inspectOwn(body, func(n ast.Node) {
			if call, ok := n.(*ast.CallExpr); ok && c.builtin(call, "panic") {
				c.report(call.Pos(), "goroutine-panic", "a panic in a goroutine other than main's: yaegi reports its first line only (and a value other than a string wrongly)")
			}
		})
	}
}

// deadlock finds a program that can only deadlock: it starts no goroutine
// and sends to or receives from a channel without a buffer. Go reports
// where each goroutine was blocked; yaegi only the first line.
func deadlock(c *checker) {
	starts := false
	ast.Inspect(c.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			starts = true
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Go" || sel.Sel.Name == "AfterFunc") {
				starts = true
			}
		}
		return !starts
	})
	if starts {
		return
	}
	f := c.facts()
	unbuffered := func(e ast.Expr) bool {
		v := c.variable(e)
		if v == nil || f.written[v] {
			return false
		}
		init, ok := f.init[v]
		if !ok {
			return false
		}
		if init == nil {
			_, isChan := v.Type().Underlying().(*types.Chan)
			return isChan // nil
		}
		call, ok := ast.Unparen(init).(*ast.CallExpr)
		if !ok || !c.builtin(call, "make") {
			return false
		}
		if len(call.Args) == 1 {
			return true
		}
		size, known := c.constInt(call.Args[1], f)
		return known && size == 0
	}
	inSelect := map[ast.Node]bool{}
	ast.Inspect(c.file, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok && cc.Comm != nil {
			inSelect[cc.Comm] = true
			ast.Inspect(cc.Comm, func(m ast.Node) bool { inSelect[m] = true; return true })
		}
		return true
	})
	ast.Inspect(c.file, func(n ast.Node) bool {
		var ch ast.Expr
		switch n := n.(type) {
		case *ast.SendStmt:
			ch = n.Chan
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ch = n.X
			}
		case *ast.SelectStmt:
			if len(n.Body.List) == 0 {
				c.report(n.Pos(), "deadlock-trace", "the program deadlocks here: yaegi reports only the first line of Go's report, not where each goroutine was blocked")
			}
		}
		if ch != nil && !inSelect[n] && unbuffered(ch) {
			c.report(n.Pos(), "deadlock-trace", "the program deadlocks here: yaegi reports only the first line of Go's report, not where each goroutine was blocked")
			return false
		}
		return true
	})
}

// closureHang finds a closure that runs while the function that made it
// runs its deferred calls, which never returns in yaegi: a deferred call
// of a variable holding a closure, and wg.Go(f) in a function that defers
// wg.Wait().
func closureHang(c *checker) {
	f := c.facts()
	ast.Inspect(c.file, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch fn := n.(type) {
		case *ast.FuncDecl:
			body = fn.Body
		case *ast.FuncLit:
			body = fn.Body
		}
		if body == nil {
			return true
		}
		waits := map[string]bool{} // receivers of deferred Wait calls
		inspectOwn(body, func(m ast.Node) {
			ds, ok := m.(*ast.DeferStmt)
			if !ok {
				return
			}
			if v := c.variable(ds.Call.Fun); v != nil {
				if _, isLit := f.init[v].(*ast.FuncLit); isLit {
					c.report(ds.Pos(), "closure-hang", "yaegi never returns from a closure called while the function that made it runs its deferred calls")
				}
			}
			if sel, ok := ast.Unparen(ds.Call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" {
				if id, ok := sel.X.(*ast.Ident); ok {
					waits[id.Name] = true
				}
			}
		})
		inspectOwn(body, func(m ast.Node) {
			call, ok := m.(*ast.CallExpr)
			if !ok {
				return
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Go" {
				if id, ok := sel.X.(*ast.Ident); ok && waits[id.Name] {
					c.report(call.Pos(), "closure-hang", "yaegi never returns from a closure called while the function that made it runs its deferred calls (here the deferred %s.Wait)", id.Name)
				}
			}
		})
		return true
	})
}

// inspectOwn visits body without entering the closures in it.
func inspectOwn(body ast.Node, visit func(ast.Node)) {
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		visit(n)
		_, lit := n.(*ast.FuncLit)
		return !lit || n == body
	})
}
