package rewrite

import (
	"go/ast"
	"go/types"
	"strings"
)

// deferArgs makes a defer statement evaluate its arguments when it runs,
// as Go does. yaegi keeps references to the argument variables and reads
// them when the function returns, so
//
//	x := 1
//	defer fmt.Println(x)    // Go prints 1; yaegi prints 2
//	x = 2
//
// The arguments (and a value receiver) are bound to fresh variables first:
//
//	{ _gn_d1 := x; defer fmt.Println(_gn_d1) }
//
// Constants, nil and func literals are left in place. The moved argument
// text keeps its original positions through line directives.
func deferArgs(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		d, ok := n.(*ast.DeferStmt)
		if !ok {
			return true
		}
		var names []string
		var values []part
		bind := func(e ast.Expr, count int) {
			var these []string
			for range count {
				these = append(these, p.fresh("d"))
			}
			names = append(names, these...)
			if len(values) > 0 {
				values = append(values, lit(", "))
			}
			values = append(values, p.copyNode(e))
			p.add(edit{start: p.off(e.Pos()), end: p.off(e.End()), parts: litEdit(strings.Join(these, ", ")), moved: true})
		}
		if fun, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr); ok && p.valueMethod(fun) && !p.constant(fun.X) {
			bind(fun.X, 1)
		}
		for _, arg := range d.Call.Args {
			if p.constant(arg) {
				continue
			}
			count := 1
			if tuple, ok := p.info.TypeOf(arg).(*types.Tuple); ok && len(d.Call.Args) == 1 {
				count = tuple.Len()
			}
			if count > 0 {
				bind(arg, count)
			}
		}
		if len(names) == 0 {
			return true
		}
		p.add(edit{
			start: p.off(d.Pos()), end: p.off(d.Pos()),
			parts: append(append([]part{lit("{ " + strings.Join(names, ", ") + " := ")}, values...), lit("; ")),
			span:  int(d.End() - d.Pos()),
		})
		p.close(d.End(), d, " }")
		return true
	})
}

// valueMethod reports whether sel selects a method with a value receiver
// (so the receiver is copied when the method value is made).
func (p *program) valueMethod(sel *ast.SelectorExpr) bool {
	s := p.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return false
	}
	sig, ok := s.Obj().Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	_, ptr := sig.Recv().Type().Underlying().(*types.Pointer)
	_, iface := sig.Recv().Type().Underlying().(*types.Interface)
	return !ptr && !iface
}
