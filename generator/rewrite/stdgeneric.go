package rewrite

import (
	"go/ast"
	"go/types"
)

// stdGeneric calls helpers instead of the functions of the slices and
// maps packages. yaegi v0.16.1 has neither the Go 1.21 sort functions
// (slices.Sort, slices.Max, ...) nor the Go 1.23 iterator functions
// (maps.Keys, slices.Sorted, ...), and its bundled generic sources fail
// on most of the rest ("undefined type for E"):
//
//	slices.Sorted(maps.Keys(m))  →  _gn_slices_Sorted(_gn_maps_Keys(m))
//	for k := range maps.Keys(m)  →  for _, k := range _gn_maps_Keys(m)
//
// The iterator helpers return slices (maps.All a map), so a range over
// one with a single variable gets a blank index.
func stdGeneric(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if name, ok := p.stdFunc(n); ok {
				if _, ok := stdHelper(name); ok {
					p.use(name)
					p.replace(n.Pos(), n.End(), lit(namePrefix+p.stdPath(n)+"_"+n.Sel.Name))
				}
			}
		case *ast.RangeStmt:
			if n.Key != nil && n.Value == nil && p.yieldsOne(n.X) {
				p.open(n.Key.Pos(), n, "_, ")
			}
		}
		return true
	})
}

// stdFunc reports whether sel names a function of slices or maps, and
// which ("slices.Sort").
func (p *program) stdFunc(sel *ast.SelectorExpr) (string, bool) {
	path := p.stdPath(sel)
	if path == "" {
		return "", false
	}
	return path + "." + sel.Sel.Name, true
}

func (p *program) stdPath(sel *ast.SelectorExpr) string {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	pkg, ok := p.info.Uses[id].(*types.PkgName)
	if !ok {
		return ""
	}
	if path := pkg.Imported().Path(); path == "slices" || path == "maps" {
		return path
	}
	return ""
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
	name, _ := p.stdFunc(sel)
	return name == "maps.Keys" || name == "maps.Values" || name == "slices.Values"
}
