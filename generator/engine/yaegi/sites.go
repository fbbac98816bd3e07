package yaegi

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

// siteKind says which expression raised a panic, to find its line.
type siteKind int

const (
	siteCall siteKind = iota // a call to panic, or a call into Go code that panicked
	siteIndex
	siteSlice
	siteMapAssign
	siteDivide
	siteAssert
	siteClose
	siteSend
	siteMake
)

// inspect visits within, parts of fn's body (all of it when nil), without
// entering the closures in them.
func inspect(fn *function, within []ast.Node, visit func(ast.Node)) {
	if within == nil {
		within = []ast.Node{fn.body}
	}
	for _, n := range within {
		ast.Inspect(n, func(n ast.Node) bool {
			if n == nil {
				return false
			}
			visit(n)
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
	}
}

// siteLines returns the lines of sites, sorted, each once: where Go puts
// a call is its opening parenthesis (func() { ... }() is on its last line).
func siteLines(fset *token.FileSet, sites []ast.Node) []int {
	var lines []int
	for _, s := range sites {
		pos := s.Pos()
		if call, ok := s.(*ast.CallExpr); ok {
			pos = call.Lparen
		}
		lines = append(lines, fset.Position(pos).Line)
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

// panicSites returns the expressions in within (parts of fn's body, all of
// it when nil) of the kind that raised the panic: the calls of the compiled
// function origin when one raised it, else the calls of panic for a call
// site; when there are none, every call, since a call into Go code may
// have panicked.
func panicSites(fn *function, within []ast.Node, kind siteKind, origin string) []ast.Node {
	originName := origin[strings.LastIndexAny(origin, ".)")+1:]
	var sites, calls []ast.Node
	inspect(fn, within, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.CallExpr:
			calls = append(calls, n)
			name := calledName(n)
			switch {
			case kind == siteCall && origin != "" && name == originName,
				kind == siteCall && origin == "" && name == "panic",
				kind == siteClose && name == "close",
				kind == siteMake && name == "make":
				sites = append(sites, n)
			}
		case *ast.IndexExpr:
			if kind == siteIndex {
				sites = append(sites, n)
			}
		case *ast.SliceExpr:
			if kind == siteSlice {
				sites = append(sites, n)
			}
		case *ast.AssignStmt:
			if kind == siteMapAssign && isIndex(n.Lhs...) ||
				kind == siteDivide && (n.Tok == token.QUO_ASSIGN || n.Tok == token.REM_ASSIGN) {
				sites = append(sites, n)
			}
		case *ast.IncDecStmt:
			if kind == siteMapAssign && isIndex(n.X) {
				sites = append(sites, n)
			}
		case *ast.BinaryExpr:
			if kind == siteDivide && (n.Op == token.QUO || n.Op == token.REM) {
				sites = append(sites, n)
			}
		case *ast.TypeAssertExpr:
			if kind == siteAssert && n.Type != nil {
				sites = append(sites, n)
			}
		case *ast.SendStmt:
			if kind == siteSend {
				sites = append(sites, n)
			}
		}
	})
	if len(sites) > 0 {
		return sites
	}
	return calls // a call into Go code that panicked
}

// calledName returns the name a call calls: f for f(), m for x.m().
func calledName(call *ast.CallExpr) string {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.IndexExpr: // a generic function instantiated
		if id, ok := f.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}

func isIndex(exprs ...ast.Expr) bool {
	for _, e := range exprs {
		if _, ok := e.(*ast.IndexExpr); ok {
			return true
		}
	}
	return false
}

// callSites returns the calls in within (parts of fn's body, all of it
// when nil) that may have called inner: by its name, by calling or passing the closure
// itself, or, when there are none of those, any call of a function value.
func callSites(fn *function, within []ast.Node, inner *function) []ast.Node {
	var named, value []ast.Node
	inspect(fn, within, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		switch f := ast.Unparen(call.Fun).(type) {
		case *ast.FuncLit:
			if f == inner.lit {
				named = append(named, call)
			}
		case *ast.Ident:
			if inner.ident != "" && f.Name == inner.ident {
				named = append(named, call)
			} else if !predeclared(f.Name) {
				value = append(value, call)
			}
		case *ast.SelectorExpr:
			if inner.ident != "" && f.Sel.Name == inner.ident {
				named = append(named, call)
			}
		}
		for _, arg := range call.Args {
			if lit, ok := arg.(*ast.FuncLit); ok && lit == inner.lit {
				named = append(named, call)
			}
		}
	})
	if len(named) > 0 {
		return named
	}
	return value
}

// predeclared reports whether name is a builtin function or a basic type,
// which a call cannot be into the program's code.
func predeclared(name string) bool {
	switch name {
	case "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min",
		"new", "panic", "print", "println", "real", "recover",
		"bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16",
		"int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any":
		return true
	}
	return false
}
