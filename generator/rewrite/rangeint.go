package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// rangeInt turns a range over an integer (Go 1.22), on which yaegi panics
// with "nil type", into a three-clause loop with a hidden counter:
//
//	for i := range n {          for _gn_i1, _gn_n2 := int(0), n; _gn_i1 < _gn_n2; _gn_i1++ { i := _gn_i1; _ = i;
//
// n is evaluated once, as in Go; i is a fresh variable in each iteration
// and assigning to it does not change the iteration count. The edits stay
// on the line of the for keyword.
func rangeInt(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok {
			return true
		}
		typ, ok := p.rangeIntType(rs)
		if !ok {
			return true
		}
		if _, ident := rs.Key.(*ast.Ident); rs.Tok == token.DEFINE && !ident {
			return true // for 0 := range n does not compile; leave it to say so
		}
		counter, limit := p.fresh("i"), p.fresh("n")
		from := rs.Range
		if rs.Key != nil {
			from = rs.Key.Pos()
		}
		p.replace(from, rs.X.Pos(), lit(counter+", "+limit+" := "+typ+"(0), "+typ+"("))
		p.replace(rs.X.End(), rs.Body.Lbrace, lit("); "+counter+" < "+limit+"; "+counter+"++ "))
		if rs.Key == nil || isBlank(rs.Key) {
			return true
		}
		if rs.Tok == token.DEFINE {
			name := rs.Key.(*ast.Ident).Name
			p.open(rs.Body.Lbrace+1, rs.Body, " "+name+" := "+counter+"; _ = "+name+";")
			return true
		}
		p.add(edit{
			start: p.off(rs.Body.Lbrace + 1), end: p.off(rs.Body.Lbrace + 1),
			parts: []part{lit(" "), p.copyNode(rs.Key), lit(" = " + counter + ";")},
			span:  int(rs.Body.End() - rs.Body.Pos()),
		})
		return true
	})
}

// rangeIntType reports whether rs ranges over an integer, and the type of
// the iteration values as the snippet would spell it.
func (p *program) rangeIntType(rs *ast.RangeStmt) (string, bool) {
	if rs.Value != nil {
		return "", false
	}
	t := p.info.TypeOf(rs.X)
	if t == nil || t == types.Typ[types.Invalid] {
		// Without the standard library some expressions have no type;
		// an integer literal or len/cap still tells.
		switch x := ast.Unparen(rs.X).(type) {
		case *ast.BasicLit:
			return "int", x.Kind == token.INT
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok && (p.builtin(id, "len") || p.builtin(id, "cap")) {
				return "int", true
			}
		}
		return "", false
	}
	b, ok := t.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 {
		return "", false
	}
	if b.Info()&types.IsUntyped != 0 && rs.Tok == token.ASSIGN && rs.Key != nil {
		// for i = range 10 counts in the type of i.
		if s, ok := p.typeString(p.info.TypeOf(rs.Key)); ok {
			return s, true
		}
	}
	return p.typeString(t)
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
