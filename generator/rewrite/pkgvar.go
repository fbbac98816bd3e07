package rewrite

import (
	"go/ast"
	"go/types"
)

// pkgVars fixes assignments to variables of the standard library of a
// basic type, which yaegi v0.16.1 takes for constants ("cannot assign to
// 524288 (int constant)"). The assignment goes through a pointer:
//
//	runtime.MemProfileRate = 0   →   *(&runtime.MemProfileRate) = 0
func pkgVars(p *program) {
	wrap := func(e ast.Expr) {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return
		}
		if id, ok := sel.X.(*ast.Ident); !ok || !p.isPackage(id) {
			return
		}
		p.open(sel.Pos(), sel, "*(&")
		p.close(sel.End(), sel, ")")
	}
	ast.Inspect(p.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				wrap(e)
			}
		case *ast.IncDecStmt:
			wrap(n.X)
		}
		return true
	})
}

// isPackage reports whether id names an imported package.
func (p *program) isPackage(id *ast.Ident) bool {
	_, ok := p.info.Uses[id].(*types.PkgName)
	return ok
}
