package hazard

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// typeErrors turns what the type checker finds into the cases it shows:
// an unused variable, which yaegi does not report; a value whose methods
// have pointer receivers used as an interface, which yaegi accepts; and
// any other error in the program's own code, which yaegi words unlike gc.
// Errors about names of the standard library are the checker's, which
// does not have it, and are left out.
func typeErrors(c *checker) {
	imported := map[string]bool{}
	for _, pkg := range c.pkg.Imports() {
		imported[pkg.Name()] = true
	}
	for _, spec := range c.file.Imports {
		if spec.Name != nil {
			imported[spec.Name.Name] = true
		}
	}
	other := false
	for _, err := range c.typeErrors {
		msg := err.Msg
		switch {
		case strings.Contains(msg, "declared and not used"):
			c.report(err.Pos, "unused-variables", "yaegi does not report an unused variable, which Go refuses to compile: %s", msg)
		case strings.Contains(msg, "has pointer receiver"):
			c.report(err.Pos, "pointer-method-interface", "yaegi accepts a value where Go refuses it: %s", msg)
		case err.Soft && strings.Contains(msg, "imported and not used"):
			// the engine reports unused imports as gc does
		case aboutImports(msg, imported), msg == "missing return":
			// A panic whose argument calls the standard library does not
			// end a function for a checker without it.
		case !other:
			other = true
			c.report(err.Pos, "compile-error-text", "the program does not compile, and yaegi words compile errors unlike gc (go build's are shown): %s", msg)
		}
	}
}

// aboutImports reports whether a type error is about a name of an imported
// package, which the checker cannot see.
func aboutImports(msg string, imported map[string]bool) bool {
	for name := range imported {
		if strings.Contains(msg, name+".") {
			return true
		}
	}
	return false
}

// interfaceEquality finds values of a program's named non-struct type used
// where they meet plain values in an interface: context keys, and ==
// against an interface. yaegi finds key("a") equal to "a" there.
func interfaceEquality(c *checker) {
	named := func(e ast.Expr) *types.Named {
		n := c.declared(c.typeOf(e))
		if n == nil {
			return nil
		}
		if _, isPtr := c.typeOf(e).(*types.Pointer); isPtr {
			return nil
		}
		if _, ok := n.Underlying().(*types.Basic); !ok {
			return nil
		}
		return n
	}
	c.calls(func(call *ast.CallExpr) {
		var key ast.Expr
		switch {
		case c.isStd(call.Fun, "context", "WithValue") && len(call.Args) == 3:
			key = call.Args[1]
		default:
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Value" && len(call.Args) == 1 {
				key = call.Args[0]
			}
		}
		if key != nil && named(key) != nil {
			c.report(key.Pos(), "interface-equality", "in yaegi, a key of type %s equals a plain value of its underlying type: keys collide", named(key).Obj().Name())
		}
	})
	ast.Inspect(c.file, func(n ast.Node) bool {
		be, ok := n.(*ast.BinaryExpr)
		if !ok || (be.Op != token.EQL && be.Op != token.NEQ) {
			return true
		}
		for _, pair := range [][2]ast.Expr{{be.X, be.Y}, {be.Y, be.X}} {
			if t := c.typeOf(pair[1]); t != nil && types.IsInterface(t) && named(pair[0]) != nil {
				c.report(be.Pos(), "interface-equality", "in yaegi, a value of type %s in an interface equals a plain value of its underlying type", named(pair[0]).Obj().Name())
				break
			}
		}
		return true
	})
}

// interfaceCopy finds a struct or array variable stored in an interface
// and changed afterwards: yaegi does not copy it into the interface, so the
// interface sees the change. It looks at declarations of an interface with
// methods, assignments and composite literals with interface elements.
func interfaceCopy(c *checker) {
	changed := c.changed()
	check := func(iface types.Type, e ast.Expr, anyIface bool) {
		if iface == nil || !types.IsInterface(iface) {
			return
		}
		if !anyIface && iface.Underlying().(*types.Interface).NumMethods() == 0 {
			return // var x any = v copies in yaegi
		}
		v := c.variable(e)
		if v == nil || !changed[v] {
			return
		}
		switch v.Type().Underlying().(type) {
		case *types.Struct, *types.Array:
			c.report(e.Pos(), "interface-copy", "yaegi does not copy %s into the interface: changing %s afterwards changes what the interface holds", v.Name(), v.Name())
		}
	}
	ast.Inspect(c.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			if n.Type != nil {
				for _, val := range n.Values {
					check(c.typeOf(n.Type), val, false)
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
				for i, rhs := range n.Rhs {
					check(c.typeOf(n.Lhs[i]), rhs, true)
				}
			}
		case *ast.CompositeLit:
			t := c.typeOf(n)
			if t == nil {
				return true
			}
			var elem types.Type
			switch u := t.Underlying().(type) {
			case *types.Slice:
				elem = u.Elem()
			case *types.Array:
				elem = u.Elem()
			case *types.Map:
				elem = u.Elem()
			}
			for _, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					elt = kv.Value
				}
				check(elem, elt, true)
			}
		}
		return true
	})
}

// changed returns the variables the program changes after declaring them:
// assigns (or a field or element of), increments, takes the address of,
// or calls a method with a pointer receiver on.
func (c *checker) changed() map[*types.Var]bool {
	changed := map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		if v := c.root(e); v != nil {
			changed[v] = true
		}
	}
	ast.Inspect(c.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && c.info.Defs[id] != nil {
					continue
				}
				mark(lhs)
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		case *ast.SelectorExpr:
			if sel := c.info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal && isPointerMethod(sel) && !sel.Indirect() {
				mark(n.X)
			}
		}
		return true
	})
	return changed
}

// assignmentOrder finds a parallel assignment to elements or fields whose
// values after the first call a function or receive: yaegi assigns the
// first before it evaluates the others, where Go evaluates them all first.
func assignmentOrder(c *checker) {
	ast.Inspect(c.file, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		element := false
		for _, lhs := range as.Lhs {
			if _, isID := ast.Unparen(lhs).(*ast.Ident); !isID {
				element = true
			}
		}
		if !element {
			return true
		}
		for _, rhs := range as.Rhs[1:] {
			if c.hasEffects(rhs) {
				c.report(as.Pos(), "assignment-order", "yaegi assigns %s before it evaluates the values after the first; Go evaluates them all first", exprString(as.Lhs[0]))
				break
			}
		}
		return true
	})
}

// hasEffects reports whether e calls a function (not a builtin or a
// conversion) or receives.
func (c *checker) hasEffects(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv := c.info.Types[n.Fun]; !tv.IsType() && !tv.IsBuiltin() {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = true
			}
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// exprString spells a short expression for a message.
func exprString(e ast.Expr) string { return types.ExprString(e) }
