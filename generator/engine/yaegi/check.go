package yaegi

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/gonotes/concurrency/generator/engine/yaegi/symbols"
)

// checkImports reports the imports a lesson may not use and uses of a
// package it has only part of (limited: os, path/filepath) beyond that part,
// and, as the Go compiler would, imports never used (unused).
func checkImports(fset *token.FileSet, file *ast.File, allow []string, limited map[string][]string) (refused, unusedImports []Diagnostic) {
	var diags []Diagnostic
	lesson := symbols.Lesson()
	names := map[string]string{} // local name → path, of the limited packages imported
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue // the parser has reported it
		}
		pos := fset.Position(spec.Path.Pos())
		if msg := importProblem(path, lesson, allow); msg != "" {
			diags = append(diags, Diagnostic{Line: pos.Line, Col: pos.Column, Msg: msg})
			continue
		}
		if msg := unused(file, spec, path); msg != "" {
			// Like gc, at the name the package is imported as, if any.
			at := fset.Position(spec.Pos())
			unusedImports = append(unusedImports, Diagnostic{Line: at.Line, Col: at.Column, Msg: msg})
		}
		if _, ok := limited[path]; ok {
			name := packageName(path)
			if spec.Name != nil {
				name = spec.Name.Name
			}
			if name != "_" && name != "." {
				names[name] = path
			}
		}
	}
	if len(names) == 0 {
		return diags, unusedImports
	}
	ast.Inspect(file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok || names[x.Name] == "" || slices.Contains(limited[names[x.Name]], sel.Sel.Name) {
			return true
		}
		path := names[x.Name]
		pos := fset.Position(sel.Pos())
		diags = append(diags, Diagnostic{Line: pos.Line, Col: pos.Column, Msg: fmt.Sprintf(
			"%s.%s is not allowed in lessons: %s; add allow=%s to the block's info string to opt in",
			packageName(path), sel.Sel.Name, limitedWhy(path), path)})
		return true
	})
	return diags, unusedImports
}

// limitedWhy says what part of a limited package a lesson has.
func limitedWhy(path string) string {
	if path == "os" {
		return "without allow=os, package os has only the environment, arguments, standard streams and Exit"
	}
	return fmt.Sprintf("without allow=%s, package %s has only what works on the names of paths, not the file system", path, packageName(path))
}

// checkMain reports a program that is not package main with a func main,
// which yaegi would compile and run without a word.
func checkMain(fset *token.FileSet, file *ast.File) []Diagnostic {
	if name := file.Name.Name; name != "main" {
		pos := fset.Position(file.Name.Pos())
		return []Diagnostic{{Line: pos.Line, Col: pos.Column, Msg: fmt.Sprintf("package %s is not a main package", name)}}
	}
	for _, decl := range file.Decls {
		if f, ok := decl.(*ast.FuncDecl); ok && f.Recv == nil && f.Name.Name == "main" {
			return nil
		}
	}
	return []Diagnostic{{Msg: "function main is undeclared in the main package"}}
}

// unused reports, as the Go compiler does, an import that file never uses;
// yaegi does not check.
func unused(file *ast.File, spec *ast.ImportSpec, path string) string {
	name := packageName(path)
	as := ""
	if spec.Name != nil {
		if spec.Name.Name == "_" || spec.Name.Name == "." {
			return ""
		}
		name, as = spec.Name.Name, " as "+spec.Name.Name
	}
	used := false
	ast.Inspect(file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == name {
				used = true
			}
		}
		return !used
	})
	if used {
		return ""
	}
	return fmt.Sprintf("%q imported%s and not used", path, as)
}

// packageName returns the name a package is imported under by default: the
// last element of its path, or the one before a major version (math/rand/v2).
func packageName(path string) string {
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	if len(parts) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = parts[len(parts)-2]
	}
	return name
}

// importProblem explains why path may not be imported, or returns "".
func importProblem(path string, lesson, allow []string) string {
	if slices.Contains(lesson, path) || slices.Contains(allow, path) && slices.Contains(symbols.OptIn(), path) {
		return ""
	}
	if why := cannotAllow(path); why != "" {
		return fmt.Sprintf("import %q %s", path, why)
	}
	if slices.Contains(symbols.OptIn(), path) {
		return fmt.Sprintf("import %q is not allowed in lessons (allowed: %s); add allow=%s to the block's info string to opt in",
			path, strings.Join(lesson, ", "), path)
	}
	return fmt.Sprintf("import %q is not available in the yaegi engine (allowed: %s; opt-in: %s); use engine=go",
		path, strings.Join(lesson, ", "), strings.Join(symbols.OptIn(), ", "))
}

// cannotAllow explains why path can never be opted into, or returns "".
// Packages that link cgo are the main case: in a cgo-linked binary the
// runtime never reports "all goroutines are asleep - deadlock!", which
// lessons rely on.
func cannotAllow(path string) string {
	linked := ""
	switch {
	case path == "net" || strings.HasPrefix(path, "net/") && path != "net/url" && path != "net/netip":
		linked = "net"
	case path == "os/user":
		linked = "os/user"
	case path == "C" || path == "plugin" || path == "runtime/cgo":
		linked = "runtime/cgo"
	case path == "unsafe" || path == "syscall" || strings.HasPrefix(path, "syscall/"):
		return "cannot be allowed in the yaegi engine: it escapes the sandbox; use engine=go"
	default:
		return ""
	}
	return fmt.Sprintf("cannot be allowed in the yaegi engine: it links %s, and a binary linking cgo never "+
		"reports \"all goroutines are asleep - deadlock!\"; use engine=go", linked)
}

// checkAllow reports the entries of allow no block may opt into.
func checkAllow(allow []string) []Diagnostic {
	var bad []Diagnostic
	for _, path := range allow {
		if why := cannotAllow(path); why != "" {
			bad = append(bad, Diagnostic{Msg: fmt.Sprintf("allow=%s: package %q %s", path, path, why)})
		} else if !slices.Contains(symbols.OptIn(), path) && !slices.Contains(symbols.Lesson(), path) {
			bad = append(bad, Diagnostic{Msg: fmt.Sprintf("allow=%s: package %q is not available in the yaegi engine (opt-in: %s); use engine=go",
				path, path, strings.Join(symbols.OptIn(), ", "))})
		}
	}
	return bad
}
