package rewrite

import (
	"go/ast"
	"go/token"
)

// selectRecvParens removes the parentheses around a receive that is a
// select case, which yaegi v0.16.1 rejects ("unsupported assign
// expression"). They become spaces, so no column moves:
//
//	case v, ok := (<-c):   →   case v, ok :=  <-c :
func selectRecvParens(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		clause, ok := n.(*ast.CommClause)
		if !ok || clause.Comm == nil {
			return true
		}
		var x ast.Expr
		switch comm := clause.Comm.(type) {
		case *ast.ExprStmt:
			x = comm.X
		case *ast.AssignStmt:
			if len(comm.Rhs) == 1 {
				x = comm.Rhs[0]
			}
		}
		for {
			paren, ok := x.(*ast.ParenExpr)
			if !ok {
				break
			}
			if recv, ok := ast.Unparen(paren).(*ast.UnaryExpr); !ok || recv.Op != token.ARROW {
				break
			}
			p.replace(paren.Lparen, paren.Lparen+1, lit(" "))
			p.replace(paren.Rparen, paren.Rparen+1, lit(" "))
			x = paren.X
		}
		return true
	})
}
