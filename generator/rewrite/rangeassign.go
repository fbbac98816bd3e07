package rewrite

import (
	"go/ast"
	"go/token"
)

// rangeAssign fixes range loops that assign to variables declared before
// the loop. yaegi keeps such variables apart from the ones the loop body
// sees, so after the loop they still hold their old values:
//
//	i := 0
//	for i = range xs {}      // Go: i == len(xs)-1; yaegi: i == 0
//
// The loop ranges into fresh variables instead and assigns them at the top
// of each iteration, which is what the Go spec describes:
//
//	for _gn_k1, _gn_v2 := range xs { i, x[i] = _gn_k1, _gn_v2;
func rangeAssign(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok || rs.Tok != token.ASSIGN || rs.Key == nil {
			return true
		}
		if _, isInt := p.rangeIntType(rs); isInt || p.rangeStringFix(rs) || p.rangeFuncFix(rs) {
			return true // rangeInt, rangeStrings and rangeFuncs assign the variables themselves
		}
		key := p.fresh("k")
		vars := key
		lhs := []part{lit(" "), p.copyNode(rs.Key)}
		rhs := key
		if rs.Value != nil {
			val := p.fresh("v")
			vars += ", " + val
			lhs = append(lhs, lit(", "), p.copyNode(rs.Value))
			rhs += ", " + val
		}
		p.replace(rs.Key.Pos(), rs.Range, lit(vars+" := "))
		p.add(edit{
			start: p.off(rs.Body.Lbrace + 1), end: p.off(rs.Body.Lbrace + 1),
			parts: append(lhs, lit(" = "+rhs+";")),
			span:  int(rs.Body.End() - rs.Body.Pos()),
		})
		return true
	})
}
