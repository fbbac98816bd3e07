package rewrite

import (
	"go/ast"
	"go/token"
)

// recvAssigns puts parentheses around a receive assigned with =, which
// yaegi v0.16.1 drops when what it is assigned to is not a variable
// (an element, a field, *p) or when it is one of several values:
//
//	xs[i] = <-c        →   xs[i] = (<-c)
//	a, b = <-c, 0      →   a, b = (<-c), 0
//
// With the parentheses it assigns them; the comma-ok form v, ok = <-c and
// op-assignments such as += were right already.
func recvAssigns(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for _, e := range as.Rhs {
			if recv, ok := e.(*ast.UnaryExpr); ok && recv.Op == token.ARROW {
				p.open(recv.Pos(), recv, "(")
				p.close(recv.End(), recv, ")")
			}
		}
		return true
	})
}
