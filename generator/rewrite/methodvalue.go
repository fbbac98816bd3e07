package rewrite

import (
	"go/ast"
	"go/types"
)

// methodValues binds a method value with a value receiver to a copy of the
// receiver, as Go does. yaegi binds it to the variable, so
//
//	f := s.Get
//	s.n = 2
//	f()          // Go: the old n; yaegi: 2
//
// becomes
//
//	f := func(_gn_r1 S) func() int { return _gn_r1.Get }(s)
//
// Only method values whose types the checker knows are rewritten; calls
// (s.Get()) are not method values and stay as they are.
func methodValues(p *program) {
	called := map[ast.Expr]bool{}
	ast.Inspect(p.file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			called[ast.Unparen(call.Fun)] = true
		}
		return true
	})
	ast.Inspect(p.file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || called[sel] || !p.valueMethod(sel) || p.constant(sel.X) {
			return true
		}
		if _, fresh := ast.Unparen(sel.X).(*ast.CallExpr); fresh {
			return true // a call result is a copy already
		}
		recv := p.info.TypeOf(sel.X)
		deref := ""
		if ptr, ok := recv.(*types.Pointer); ok {
			recv, deref = ptr.Elem(), "*"
		}
		recvType, ok1 := p.typeString(recv)
		sigType, ok2 := p.typeString(p.info.TypeOf(sel))
		if !ok1 || !ok2 {
			return true
		}
		r := p.fresh("r")
		p.replace(sel.Pos(), sel.End(),
			lit("func("+r+" "+recvType+") "+sigType+" { return "+r+"."+sel.Sel.Name+" }("+deref),
			p.copyNode(sel.X),
			lit(")"))
		return true
	})
}
