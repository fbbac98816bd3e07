package yaegi

import (
	"go/ast"
	"go/token"
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

// inspectBody visits fn's body without entering its closures.
func inspectBody(fn *function, visit func(ast.Node)) {
	ast.Inspect(fn.body, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		visit(n)
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
}

// panicSite returns the first expression in fn of the kind that panicked.
func panicSite(fn *function, kind siteKind) ast.Node {
	var anyCall, site ast.Node
	inspectBody(fn, func(n ast.Node) {
		if site != nil {
			return
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if anyCall == nil {
				anyCall = n
			}
			if id, ok := n.Fun.(*ast.Ident); ok &&
				(kind == siteCall && id.Name == "panic" || kind == siteClose && id.Name == "close" || kind == siteMake && id.Name == "make") {
				site = n
			}
		case *ast.IndexExpr:
			if kind == siteIndex {
				site = n
			}
		case *ast.SliceExpr:
			if kind == siteSlice {
				site = n
			}
		case *ast.AssignStmt:
			if kind == siteMapAssign && isIndex(n.Lhs...) ||
				kind == siteDivide && (n.Tok == token.QUO_ASSIGN || n.Tok == token.REM_ASSIGN) {
				site = n
			}
		case *ast.IncDecStmt:
			if kind == siteMapAssign && isIndex(n.X) {
				site = n
			}
		case *ast.BinaryExpr:
			if kind == siteDivide && (n.Op == token.QUO || n.Op == token.REM) {
				site = n
			}
		case *ast.TypeAssertExpr:
			if kind == siteAssert && n.Type != nil {
				site = n
			}
		case *ast.SendStmt:
			if kind == siteSend {
				site = n
			}
		}
	})
	if site != nil {
		return site
	}
	return anyCall // a call into Go code that panicked
}

func isIndex(exprs ...ast.Expr) bool {
	for _, e := range exprs {
		if _, ok := e.(*ast.IndexExpr); ok {
			return true
		}
	}
	return false
}

// callSite returns the first call in fn that may have called inner: by its
// name, by calling or passing the closure itself, or else any call of a
// function value.
func callSite(fn, inner *function) ast.Node {
	var named, value ast.Node
	inspectBody(fn, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok || named != nil {
			return
		}
		switch f := call.Fun.(type) {
		case *ast.FuncLit:
			if f == inner.lit {
				named = call
			}
		case *ast.Ident:
			if inner.ident != "" && f.Name == inner.ident {
				named = call
			} else if value == nil && !predeclared(f.Name) {
				value = call
			}
		case *ast.SelectorExpr:
			if inner.ident != "" && f.Sel.Name == inner.ident {
				named = call
			}
		}
		for _, arg := range call.Args {
			if lit, ok := arg.(*ast.FuncLit); ok && lit == inner.lit && named == nil {
				named = call
			}
		}
	})
	if named != nil {
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
