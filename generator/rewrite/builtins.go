package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// builtins replaces the Go 1.21 builtins yaegi lacks ("undefined: min")
// with helpers:
//
//	min(a, b)    →  _gn_min[float64](a, b)    (the type when the checker knows it)
//	min(d, time.Second) → _gn_minAny(d, time.Second)   (when it does not)
//	clear(m)     →  _gn_clear(m)              (reflect.Value.Clear, for maps and slices)
//
// A min or max of constants is a constant in Go (usable in a const
// declaration or an array length), so such a call becomes the argument it
// selects, converted to the call's type if that is typed.
func builtins(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return true
		}
		switch {
		case p.builtin(id, "clear"):
			p.use("clear")
			p.replace(id.Pos(), id.End(), lit(namePrefix+"clear"))
		case p.builtin(id, "min") || p.builtin(id, "max"):
			if p.constMinMax(call) {
				return false
			}
			if typ, ok := p.typeString(p.info.TypeOf(call)); ok {
				p.use(id.Name)
				p.replace(id.Pos(), id.End(), lit(namePrefix+id.Name+"["+typ+"]"))
				return true
			}
			p.use(id.Name + "Any")
			p.replace(id.Pos(), id.End(), lit(namePrefix+id.Name+"Any"))
			p.typedFirst(call)
		}
		return true
	})
}

// typedFirst moves a non-constant argument of call to the front, so that
// the helper's type parameter is inferred from it rather than from an
// untyped constant: max(1, d) becomes _gn_maxAny(d, 1).
func (p *program) typedFirst(call *ast.CallExpr) {
	if len(call.Args) < 2 || !p.constant(call.Args[0]) {
		return
	}
	for i, arg := range call.Args {
		if p.constant(arg) {
			continue
		}
		order := append([]ast.Expr{arg}, call.Args[:i]...)
		order = append(order, call.Args[i+1:]...)
		var parts []part
		for j, a := range order {
			if j > 0 {
				parts = append(parts, lit(", "))
			}
			parts = append(parts, p.copyNode(a))
		}
		p.replace(call.Args[0].Pos(), call.Args[len(call.Args)-1].End(), parts...)
		return
	}
}

// constMinMax replaces a min or max call whose value is a constant with
// the argument that has that value.
func (p *program) constMinMax(call *ast.CallExpr) bool {
	tv, ok := p.info.Types[call]
	if !ok || tv.Value == nil {
		return false
	}
	for _, arg := range call.Args {
		av, ok := p.info.Types[arg]
		if !ok || av.Value == nil || !constant.Compare(av.Value, token.EQL, tv.Value) {
			continue
		}
		open, close := "(", ")"
		if typ, ok := p.typeString(tv.Type); ok && !isUntyped(tv.Type) {
			open = typ + "("
		}
		p.replace(call.Pos(), call.End(), lit(open), p.copyNode(arg), lit(close))
		return true
	}
	return false
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}
