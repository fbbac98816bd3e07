package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
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

// selectCaseAssigns moves a select case's assignment into the case's body:
// yaegi v0.16.1 assigns nothing to an element, a field or through a
// pointer there, and fails on a variable ("reflect.Select: invalid Dir").
// The case receives into fresh variables and the body assigns them first,
// which is when Go evaluates the left side:
//
//	case x.a = <-c:   →   case _gn_r1 := <-c: x.a = _gn_r1;
func selectCaseAssigns(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		clause, ok := n.(*ast.CommClause)
		if !ok {
			return true
		}
		as, ok := clause.Comm.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN {
			return true
		}
		var vars []string
		var assign []part
		for i, lhs := range as.Lhs {
			v := p.fresh("r")
			vars = append(vars, v)
			if i > 0 {
				assign = append(assign, lit(", "))
			}
			assign = append(assign, p.copyNode(lhs))
		}
		p.replace(as.Lhs[0].Pos(), as.Rhs[0].Pos(), lit(strings.Join(vars, ", ")+" := "))
		assign = append([]part{lit(" ")}, assign...)
		assign = append(assign, lit(" = "+strings.Join(vars, ", ")+";"))
		p.add(edit{start: p.off(clause.Colon + 1), end: p.off(clause.Colon + 1), parts: assign, span: int(clause.End() - clause.Pos())})
		return true
	})
}

// selectCaseSends gives a constant sent in a select case the channel's
// element type: yaegi v0.16.1 sends it as its default type, which
// reflect.Select refuses ("value of type int is not assignable to type
// int32"):
//
//	case c32 <- 123:   →   case c32 <- int32(123):
func selectCaseSends(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		clause, ok := n.(*ast.CommClause)
		if !ok {
			return true
		}
		send, ok := clause.Comm.(*ast.SendStmt)
		if !ok {
			return true
		}
		tv, ok := p.info.Types[send.Value]
		if !ok || tv.Value == nil {
			return true
		}
		ch, ok := typeUnder(p.info.TypeOf(send.Chan)).(*types.Chan)
		if !ok {
			return true
		}
		if elem, ok := p.typeString(ch.Elem()); ok {
			p.open(send.Value.Pos(), send.Value, elem+"(")
			p.close(send.Value.End(), send.Value, ")")
		}
		return true
	})
}
