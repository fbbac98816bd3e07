package rewrite

import (
	"go/ast"
	"go/token"
)

// selectBranches fixes break, continue and goto inside a select. yaegi
// v0.16.1 wires the last statement of every select case to the end of the
// select, so a continue, goto or labelled break written last in a case
// only ends the select (an endless loop when it was to leave one); and an
// unlabelled break nested in a case (inside an if, say) leaves the loop or
// switch around the select instead of the select. Such a statement last in
// a case goes into a block of its own, and an unlabelled break that leaves
// the select names it, under a label added when it has none (in a block of
// its own, as yaegi knows no label directly in a case clause):
//
//	default:                      default:
//		break LOOP                    { break LOOP }
//	select {                      { _gn_s1: select {
//	case v := <-c:                case v := <-c:
//		if v == 0 {                   if v == 0 {
//			break                         break _gn_s1
func selectBranches(p *program) {
	labels := map[*ast.SelectStmt]string{}
	ast.Inspect(p.file, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			if sel, ok := ls.Stmt.(*ast.SelectStmt); ok {
				labels[sel] = ls.Label.Name
			}
		}
		return true
	})
	ast.Inspect(p.file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectStmt)
		if !ok {
			return true
		}
		var breaks []*ast.BranchStmt
		for _, c := range sel.Body.List {
			clause := c.(*ast.CommClause)
			if k := len(clause.Body); k > 0 {
				if br, ok := clause.Body[k-1].(*ast.BranchStmt); ok && (br.Tok != token.BREAK || br.Label != nil) {
					p.open(br.Pos(), br, "{ ")
					p.close(br.End(), br, " }")
				}
			}
			breaks = append(breaks, selectBreaks(clause)...)
		}
		if len(breaks) == 0 {
			return true
		}
		label, ok := labels[sel]
		if !ok {
			// In a block: yaegi knows no labels directly in a case clause.
			label = p.fresh("s")
			p.open(sel.Pos(), sel, "{ "+label+": ")
			p.close(sel.End(), sel, " }")
		}
		for _, br := range breaks {
			p.open(br.End(), br, " "+label)
		}
		return true
	})
}

// selectBreaks returns the unlabelled break statements of a select case
// that leave the select and that yaegi sends elsewhere: all but one last
// in the case, which yaegi wires to the end of the select anyway.
func selectBreaks(clause *ast.CommClause) []*ast.BranchStmt {
	var breaks []*ast.BranchStmt
	for i, stmt := range clause.Body {
		if br, ok := stmt.(*ast.BranchStmt); ok && i == len(clause.Body)-1 && br.Tok == token.BREAK {
			continue
		}
		ast.Inspect(stmt, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				return false // a break in there is theirs
			case *ast.BranchStmt:
				if n.Tok == token.BREAK && n.Label == nil {
					breaks = append(breaks, n)
				}
			}
			return true
		})
	}
	return breaks
}
