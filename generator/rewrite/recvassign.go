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
// op-assignments such as += were right already. A select case is left as
// it is: with parentheses it would be no receive for yaegi's select.
func recvAssigns(p *program) {
	comms := map[ast.Stmt]bool{} // a select case's receive must stay one
	ast.Inspect(p.file, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok && cc.Comm != nil {
			comms[cc.Comm] = true
		}
		return true
	})
	ast.Inspect(p.file, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) || comms[as] {
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
