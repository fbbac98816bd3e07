package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// stdGeneric calls helpers instead of generic functions of the standard
// library that yaegi v0.16.1 cannot run. It has neither the Go 1.21 sort
// functions (slices.Sort, slices.Max, ...) nor the Go 1.23 iterator
// functions (maps.Keys, slices.Sorted, ...), its bundled generic sources
// fail on most of the rest ("undefined type for E"), and the generic
// functions of other packages (errors.AsType, sync.OnceValue) cannot be
// extracted into its symbol tables:
//
//	slices.Sorted(maps.Keys(m))  →  _gn_slices_Sorted(_gn_maps_Keys(m))
//	for k := range maps.Keys(m)  →  for _, k := range _gn_maps_Keys(m)
//
// The iterator helpers return slices (maps.All a map), so a range over
// one with a single variable gets a blank index. errors.As is replaced
// only when its target is written &v, which the helper's type parameter
// needs.
func stdGeneric(p *program) {
	skip := map[*ast.SelectorExpr]bool{}
	ast.Inspect(p.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if !p.helperArgs(sel, n) {
				skip[sel] = true
			} else if name, args, ok := p.seqHelper(sel, n); ok {
				skip[sel] = true
				p.use(name)
				p.replace(sel.Pos(), sel.End(), lit(namePrefix+name+"["+args+"]"))
			}
		case *ast.SelectorExpr:
			if name, ok := p.stdHelper(n); ok && !skip[n] {
				p.use(name)
				p.replace(n.Pos(), n.End(), lit(namePrefix+name))
			}
		case *ast.RangeStmt:
			if n.Key != nil && n.Value == nil && p.yieldsOne(n.X) {
				p.open(n.Key.Pos(), n, "_, ")
			}
		}
		return true
	})
}

// stdHelper reports whether sel names a function of the standard library
// that a helper stands in for, and the helper.
func (p *program) stdHelper(sel *ast.SelectorExpr) (string, bool) {
	path := p.importPath(sel)
	if path == "" {
		return "", false
	}
	return stdHelperName(path, sel.Sel.Name)
}

// importPath returns the path of the package sel selects from, or "".
func (p *program) importPath(sel *ast.SelectorExpr) string {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	pkg, ok := p.info.Uses[id].(*types.PkgName)
	if !ok {
		return ""
	}
	return pkg.Imported().Path()
}

// seqHelper returns the helper, and its type arguments, for a call of
// slices.Collect, slices.Sorted or maps.Collect on an iterator function
// (rather than on what another helper returns).
func (p *program) seqHelper(sel *ast.SelectorExpr, call *ast.CallExpr) (name, args string, ok bool) {
	name, ok = p.stdHelper(sel)
	if !ok || len(call.Args) != 1 || (name != "slices_Collect" && name != "slices_Sorted" && name != "maps_Collect") {
		return "", "", false
	}
	sig, ok := typeUnder(p.info.TypeOf(call.Args[0])).(*types.Signature)
	if !ok || sig.Params().Len() != 1 {
		return "", "", false
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok {
		return "", "", false
	}
	var targs []string
	for i := range yield.Params().Len() {
		t, ok := p.typeString(yield.Params().At(i).Type())
		if !ok {
			return "", "", false
		}
		targs = append(targs, t)
	}
	return name + "Seq", strings.Join(targs, ", "), true
}

// helperArgs reports whether the helper for sel can take call's arguments.
func (p *program) helperArgs(sel *ast.SelectorExpr, call *ast.CallExpr) bool {
	if p.importPath(sel) != "errors" || sel.Sel.Name != "As" || len(call.Args) != 2 {
		return true
	}
	addr, ok := ast.Unparen(call.Args[1]).(*ast.UnaryExpr)
	return ok && addr.Op == token.AND
}

// yieldsOne reports whether x calls an iterator function that yields one
// value per iteration.
func (p *program) yieldsOne(x ast.Expr) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	switch name, _ := p.stdHelper(sel); name {
	case "maps_Keys", "maps_Values", "slices_Values", "slices_Chunk":
		return true
	}
	return false
}
