package rewrite

import (
	"go/ast"
	"go/types"
)

// newExprs gives yaegi Go 1.26's new(expr), a pointer to a new variable
// holding the value of expr, where yaegi v0.16.1 returns a pointer to the
// zero value of expr's type:
//
//	p := new(42)     →   p := (func(v int) *int { return &v })(42)
//	p := new(f())    →   p := _gn_new(f())   (when the checker cannot tell the type)
//
// The function literal, where the type is known, spares yaegi a generic
// call, which it cannot infer from an untyped argument (new(i > 0)) and
// fails to order among package-level variables. new(T) of a type is left
// alone. An argument counts as a value when the
// checker says so, or, where it cannot tell (names from the standard
// library), when it is a call, a conversion, a literal or an operation.
func newExprs(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok || !p.builtin(id, "new") || !p.isValue(call.Args[0]) {
			return true
		}
		if t, ok := p.typeString(types.Default(p.info.TypeOf(call.Args[0]))); ok {
			p.replace(id.Pos(), id.End(), lit("(func(v "+t+") *"+t+" { return &v })"))
			return true
		}
		p.use("new")
		p.replace(id.Pos(), id.End(), lit(namePrefix+"new"))
		return true
	})
}

// isValue reports whether e is certainly an expression with a value
// rather than a type.
func (p *program) isValue(e ast.Expr) bool {
	if tv, ok := p.info.Types[e]; ok && tv.Type != nil && tv.Type != types.Typ[types.Invalid] {
		return tv.IsValue()
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr, *ast.BasicLit, *ast.CompositeLit, *ast.FuncLit, *ast.BinaryExpr, *ast.UnaryExpr:
		return true
	case *ast.Ident:
		_, isVar := p.info.Uses[e].(*types.Var)
		return isVar
	}
	return false
}
