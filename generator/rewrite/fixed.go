package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// fixedFrom reports whether v, a variable declared in a loop of the
// function body fn, certainly keeps the value it has when at runs until
// its iteration's scope ends: so a copy of it made at at reads the same as
// the variable would, later. Every assignment to v must come before at in
// the same iteration: textually before it and not in a loop (nested in
// v's) that would run it again after at. An assignment in a closure, and
// an address that could be kept (&v, v[:] of an array, a pointer method
// call on v), might come any time; so might anything after a goto.
func (p *program) fixedFrom(fn *ast.BlockStmt, v *types.Var, at ast.Node) bool {
	fixed := true
	var loops []ast.Node
	var visit func(n ast.Node, inClosure bool) bool
	visit = func(n ast.Node, inClosure bool) bool {
		if !fixed {
			return false
		}
		var assigned []ast.Expr // expressions n assigns to
		addressed := false
		switch n := n.(type) {
		case *ast.FuncLit:
			if !inClosure {
				ast.Inspect(n.Body, func(m ast.Node) bool { return visit(m, true) })
				return false
			}
		case *ast.ForStmt, *ast.RangeStmt:
			if !inClosure {
				loops = append(loops, n)
			}
		case *ast.BranchStmt:
			if n.Tok == token.GOTO {
				fixed = false
			}
		case *ast.AssignStmt:
			assigned = n.Lhs
		case *ast.IncDecStmt:
			assigned = []ast.Expr{n.X}
		case *ast.UnaryExpr:
			addressed = n.Op == token.AND && p.rootVar(n.X) == v
		case *ast.SliceExpr:
			addressed = isArray(p.info.TypeOf(n.X)) && p.rootVar(n.X) == v
		case *ast.SelectorExpr:
			addressed = p.takesAddress(n) && p.rootVar(n.X) == v
		}
		if rs, ok := n.(*ast.RangeStmt); ok && rs.Tok == token.ASSIGN {
			assigned = []ast.Expr{rs.Key, rs.Value}
		}
		for _, e := range assigned {
			if e == nil || p.rootVar(e) != v {
				continue
			}
			if inClosure || e.Pos() >= at.Pos() || p.repeatedAfter(loops, e.Pos(), at.Pos(), v) {
				fixed = false
			}
		}
		if addressed {
			fixed = false
		}
		return fixed
	}
	// Loops are collected on the way down, so those around an assignment
	// are known when it is met.
	ast.Inspect(fn, func(n ast.Node) bool { return visit(n, false) })
	return fixed
}

// repeatedAfter reports whether a loop that holds both an assignment at
// pos and at, but not v's declaration, may run the assignment again after
// at.
func (p *program) repeatedAfter(loops []ast.Node, pos, at token.Pos, v *types.Var) bool {
	for _, loop := range loops {
		if within(loop, pos) && within(loop, at) && !within(loop, v.Pos()) {
			return true
		}
	}
	return false
}

// rootVar returns the variable whose storage assigning to e changes: v for
// v, v.f and v[i] of an array; nil through a pointer, slice or map.
func (p *program) rootVar(e ast.Expr) *types.Var {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			if sel := p.info.Selections[x]; sel != nil && sel.Indirect() {
				return nil
			}
			if _, ptr := typeUnder(p.info.TypeOf(x.X)).(*types.Pointer); ptr {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			switch typeUnder(p.info.TypeOf(x.X)).(type) {
			case *types.Slice, *types.Map, *types.Pointer:
				return nil
			}
			e = x.X
		case *ast.Ident:
			v, _ := p.info.Uses[x].(*types.Var)
			return v
		default:
			return nil
		}
	}
}

// isArray reports whether t may be an array type: slicing a variable of
// it takes the variable's address. An unknown type may be.
func isArray(t types.Type) bool {
	switch u := typeUnder(t).(type) {
	case *types.Slice, *types.Pointer:
		return false
	case *types.Basic:
		return u.Kind() == types.Invalid
	}
	return true
}

// typeUnder returns t's underlying type, or nil.
func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}
