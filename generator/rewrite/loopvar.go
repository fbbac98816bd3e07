package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// loopVars gives loops per-iteration variables (Go 1.22). yaegi shares one
// variable across all iterations, so goroutines, closures and pointers
// made in a loop all see its last value. Only loops whose variables are
// captured (by a func literal, a go or defer statement, &v, or a method
// call that may take &v) are rewritten; the others behave the same either
// way.
//
// A range loop, or a three-clause loop whose body does not assign the
// variable, shadows it at the top of the body:
//
//	for i := 0; i < 3; i++ { i := i;
//
// A three-clause loop whose body assigns it copies the iteration's value
// back before the post statement runs, at the end of the body and before
// each continue that targets the loop:
//
//	for i := 0; i < 9; i++ { _gn_p1 := &i; i := i; ... { *_gn_p1 = i; continue } ... *_gn_p1 = i; }
func loopVars(p *program) {
	labels := loopLabels(p.file)
	ast.Inspect(p.file, func(n ast.Node) bool {
		switch loop := n.(type) {
		case *ast.RangeStmt:
			if loop.Tok != token.DEFINE {
				return true
			}
			if _, isInt := p.rangeIntType(loop); isInt || p.rangeStringFix(loop) || p.rangeFuncFix(loop) {
				return true // rangeInt, rangeStrings and rangeFuncs declare fresh variables per iteration
			}
			var shadow strings.Builder
			for _, e := range []ast.Expr{loop.Key, loop.Value} {
				if v := p.loopVar(e); v != nil && p.usage(loop.Body, v).captured {
					shadow.WriteString(" " + v.Name() + " := " + v.Name() + ";")
				}
			}
			if shadow.Len() > 0 {
				p.open(loop.Body.Lbrace+1, loop.Body, shadow.String())
			}
		case *ast.ForStmt:
			p.forVars(loop, labels[loop])
		}
		return true
	})
}

func (p *program) forVars(loop *ast.ForStmt, label string) {
	init, ok := loop.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return
	}
	var vars []*types.Var
	mutated := false
	for _, e := range init.Lhs {
		v := p.loopVar(e)
		if v == nil {
			continue
		}
		if u := p.usage(loop.Body, v); u.captured {
			vars = append(vars, v)
			mutated = mutated || u.mutated
		}
	}
	if len(vars) == 0 {
		return
	}
	if !mutated {
		var shadow strings.Builder
		for _, v := range vars {
			shadow.WriteString(" " + v.Name() + " := " + v.Name() + ";")
		}
		p.open(loop.Body.Lbrace+1, loop.Body, shadow.String())
		return
	}
	continues := continuesOf(loop, label)
	// The copies back name the variables; give up if something in the
	// body hides them there.
	for _, v := range vars {
		if p.lookup(v.Name(), loop.Body.Rbrace) != v {
			return
		}
		for _, c := range continues {
			if p.lookup(v.Name(), c.Pos()) != v {
				return
			}
		}
	}
	var head, back strings.Builder
	for _, v := range vars {
		ptr := p.fresh("p")
		head.WriteString(" " + ptr + " := &" + v.Name() + "; " + v.Name() + " := " + v.Name() + ";")
		back.WriteString(" *" + ptr + " = " + v.Name() + ";")
	}
	p.open(loop.Body.Lbrace+1, loop.Body, head.String())
	p.close(loop.Body.Rbrace, loop.Body, back.String()+" ")
	for _, c := range continues {
		p.open(c.Pos(), c, "{"+back.String()+" ")
		p.close(c.End(), c, " }")
	}
}

// loopVar returns the variable a loop header declares with e, or nil.
func (p *program) loopVar(e ast.Expr) *types.Var {
	id, ok := e.(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, _ := p.info.Defs[id].(*types.Var)
	return v
}

type varUsage struct {
	captured bool // outlives or escapes the iteration
	mutated  bool // may be assigned in the body
}

// usage reports how body uses v.
func (p *program) usage(body *ast.BlockStmt, v *types.Var) varUsage {
	var u varUsage
	refers := func(e ast.Expr) bool {
		id, ok := root(e).(*ast.Ident)
		return ok && p.info.Uses[id] == v
	}
	var visit func(n ast.Node, inClosure bool) bool
	visit = func(n ast.Node, inClosure bool) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if inClosure && p.info.Uses[n] == v {
				u.captured = true
			}
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			if !inClosure {
				ast.Inspect(n, func(m ast.Node) bool { return visit(m, true) })
				return false
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && refers(n.X) {
				u.captured, u.mutated = true, true
			}
		case *ast.SliceExpr:
			if refers(n.X) {
				u.captured, u.mutated = true, true
			}
		case *ast.SelectorExpr:
			if refers(n.X) && p.takesAddress(n) {
				u.captured, u.mutated = true, true
			}
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				if refers(e) {
					u.mutated = true
				}
			}
		case *ast.IncDecStmt:
			if refers(n.X) {
				u.mutated = true
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN && (n.Key != nil && refers(n.Key) || n.Value != nil && refers(n.Value)) {
				u.mutated = true
			}
		}
		return true
	}
	ast.Inspect(body, func(n ast.Node) bool { return visit(n, false) })
	return u
}

// takesAddress reports whether selecting sel may take the address of its
// operand: a pointer method called on an addressable value does.
func (p *program) takesAddress(sel *ast.SelectorExpr) bool {
	s := p.info.Selections[sel]
	if s == nil {
		return true // unknown: assume the worst
	}
	if s.Kind() != types.MethodVal {
		return false
	}
	sig, ok := s.Obj().Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return true
	}
	_, ptrRecv := sig.Recv().Type().(*types.Pointer)
	_, ptrOperand := s.Recv().Underlying().(*types.Pointer)
	return ptrRecv && !ptrOperand
}

// root returns the variable an lvalue expression such as v.f[i] is part of.
func root(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		default:
			return e
		}
	}
}

// loopLabels maps each labeled loop to its label.
func loopLabels(f *ast.File) map[ast.Stmt]string {
	labels := map[ast.Stmt]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			labels[ls.Stmt] = ls.Label.Name
		}
		return true
	})
	return labels
}

// continuesOf returns the continue statements that start loop's next
// iteration: unlabeled ones outside nested loops, and those naming label.
func continuesOf(loop *ast.ForStmt, label string) []*ast.BranchStmt {
	var found []*ast.BranchStmt
	var visit func(n ast.Node, nested bool) bool
	visit = func(n ast.Node, nested bool) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			if !nested {
				ast.Inspect(n, func(m ast.Node) bool {
					if m == n {
						return true
					}
					return visit(m, true)
				})
				return false
			}
		case *ast.BranchStmt:
			if n.Tok == token.CONTINUE && (n.Label == nil && !nested || n.Label != nil && n.Label.Name == label) {
				found = append(found, n)
			}
		}
		return true
	}
	ast.Inspect(loop.Body, func(n ast.Node) bool { return visit(n, false) })
	return found
}
