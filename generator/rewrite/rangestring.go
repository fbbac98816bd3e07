package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"unicode/utf8"
)

// rangeStrings fixes the offsets of a range over a string that holds
// invalid UTF-8: yaegi v0.16.1 yields U+FFFD for an invalid byte, as Go
// does, but moves on by the three bytes of U+FFFD instead of one. The loop
// ranges over the offsets and runes a helper decodes, and declares (or
// assigns) the loop's variables at the top of the body, around a block
// that keeps the body's scope its own:
//
//	for i, r := range s {   →   for _, _gn_r1 := range _gn_runes(s) { i, r := _gn_r1.i, _gn_r1.r; {
//
// Only loops that use the offset are rewritten, over strings the checker
// knows to be strings and does not know to be valid UTF-8.
func rangeStrings(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok || !p.rangeStringFix(rs) {
			return true
		}
		pos := p.fresh("r")
		p.use("runes")
		p.replace(rs.Key.Pos(), rs.X.Pos(), lit("_, "+pos+" := range "+namePrefix+"runes("))
		p.replace(rs.X.End(), rs.Body.Lbrace, lit(") "))
		lhs := []part{lit(" "), p.copyNode(rs.Key)}
		rhs := pos + ".i"
		if rs.Value != nil && !isBlank(rs.Value) {
			lhs = append(lhs, lit(", "), p.copyNode(rs.Value))
			rhs += ", " + pos + ".r"
		}
		p.add(edit{
			start: p.off(rs.Body.Lbrace + 1), end: p.off(rs.Body.Lbrace + 1),
			parts: append(lhs, lit(" "+rs.Tok.String()+" "+rhs+"; {")),
			span:  int(rs.Body.End() - rs.Body.Pos()),
		})
		// The body is a scope of its own, inside the loop variables'.
		p.close(rs.Body.Rbrace, rs.Body, "} ")
		return true
	})
}

// rangeStringFix reports whether rangeStrings rewrites rs: a range over a
// string that uses the offset, where the string may hold invalid UTF-8.
// The other passes leave such a loop alone.
func (p *program) rangeStringFix(rs *ast.RangeStmt) bool {
	if rs.Key == nil || isBlank(rs.Key) {
		return false
	}
	tv, ok := p.info.Types[rs.X]
	if !ok || tv.Type == nil {
		return false
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsString == 0 {
		return false
	}
	if tv.Value != nil && tv.Value.Kind() == constant.String && utf8.ValidString(constant.StringVal(tv.Value)) {
		return false
	}
	return rs.Tok == token.DEFINE || rs.Tok == token.ASSIGN
}
