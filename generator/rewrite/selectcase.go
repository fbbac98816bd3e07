package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
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

// selectCaseVars gives each run of a select case its own variables, as
// Go does: yaegi v0.16.1 keeps one variable for a case's v := <-c across
// every run of the select, so in a loop, &v or a closure over v sees the
// last value received. A variable that is captured is shadowed at the top
// of the case, in a block (the case's own statements are in the scope of
// v):
//
//	case v := <-c:   →   case v := <-c: { v := v; ... }
func selectCaseVars(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		clause, ok := n.(*ast.CommClause)
		if !ok {
			return true
		}
		assign, ok := clause.Comm.(*ast.AssignStmt)
		if !ok || assign.Tok != token.DEFINE {
			return true
		}
		body := &ast.BlockStmt{List: clause.Body}
		var shadow strings.Builder
		for _, e := range assign.Lhs {
			if v := p.loopVar(e); v != nil && p.usage(body, v).captured {
				shadow.WriteString(" " + v.Name() + " := " + v.Name() + ";")
			}
		}
		if shadow.Len() > 0 && len(clause.Body) > 0 {
			p.open(clause.Colon+1, clause, " {"+shadow.String())
			p.close(clause.End(), clause, " }")
		}
		return true
	})
}
