// Package rewrite edits a Go program, source to source, so that the yaegi
// interpreter (github.com/traefik/yaegi v0.16.1, which predates Go 1.22)
// runs it the way go run with Go 1.26 does.
//
// Rewrite edits the source text at AST positions (like golang.org/x/tools'
// edits), so untouched code is byte-identical and no line moves; where an
// edit shifts or moves text on a line, a /*line :L:C*/ directive restores
// the original line and column, which yaegi honours in compile errors and
// panic reports. Helper functions go after the last line. Type
// information comes from go/types with an importer that returns empty
// packages: the snippet's own declarations are known, anything from the
// standard library is not, and rewrites that need a type skip (or take a
// type-free path) where it is unknown.
//
// What the rewrite fixes (each in its own file):
//
//   - range over an integer: for i := range 5 panics with "nil type" (rangeint.go)
//   - range over a function (Go 1.23 iterators) crashes too, and package
//     iter is missing (rangefunc.go)
//   - per-iteration loop variables: go func() { use(i) }() in a loop sees
//     the last i; so do closures and &i (loopvar.go)
//   - closures in a loop passed to compiled code or deferred: wg.Go(func() {
//     use(t) }) and defer func() { use(t) }() see the last t even after
//     t := t (loopclosure.go)
//   - for i = range xs leaves i unchanged after the loop (rangeassign.go)
//   - defer arguments: x := 1; defer fmt.Println(x); x = 2 prints 2 (deferargs.go)
//   - method values: f := s.Get; s.n = 2; f() sees the new n (methodvalue.go)
//   - min, max, clear: "undefined: min" (builtins.go)
//   - print, println: written to stdout, formatted like fmt (println.go)
//   - slices and maps: slices.Sort, slices.Max, maps.Keys and the rest are
//     missing, and the bundled slices.Reverse/Equal/Clone/Insert/Delete,
//     maps.Clone/Copy/Equal fail with "undefined type for E"; the generic
//     functions of other packages, such as errors.AsType and sync.OnceValue,
//     cannot be extracted into yaegi's tables; errors.As cannot see the
//     program's error types (stdgeneric.go, with the helpers of
//     helpers_src.go)
//   - new(expr) of Go 1.26 gives a pointer to the zero value (newexpr.go)
//   - break, continue and goto last in a select case end only the select,
//     and an unlabelled break nested in a case leaves the loop around the
//     select (selectbranch.go)
//   - case v, ok := (<-c) does not compile; case v := <-c shares v across
//     the select's runs; case x.f = <-c assigns nothing; case c32 <- 1
//     sends an int (selectcase.go)
//   - xs[i] = <-c assigns nothing (recvassign.go)
//   - range over a string with invalid UTF-8 gets the offsets wrong
//     (rangestring.go)
//   - runtime.MemProfileRate = 0 does not compile: a variable of the
//     standard library of a basic type is taken for a constant (pkgvar.go)
//
// What yaegi still gets wrong after the rewrite is listed once, as the
// cases of generator/engine/yaegi/testdata/stillwrong (README shows their
// descriptions).
package rewrite

import (
	"fmt"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// Rewrite returns src, a Go program in the file filename, edited so that
// yaegi runs it with Go 1.22+ semantics wherever a rewrite can give them.
//
// Untouched code is byte-identical, no line is added or removed, and
// /*line*/ directives give every original byte its original line and
// column, so compile errors and panics point at the source the author
// wrote. Helper functions the edits call are appended after the last line.
// A program that does not parse is returned unchanged, for the interpreter
// to report the syntax error. Rewrite needs no file system and no go
// command, so it also runs in the browser.
func Rewrite(filename string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return src, nil
	}
	p := &program{
		fset:    fset,
		tf:      fset.File(file.Pos()),
		file:    file,
		src:     src,
		helpers: map[string]bool{},
	}
	p.check()
	for _, pass := range []func(*program){
		rangeFuncs,
		rangeInt,
		rangeStrings,
		rangeAssign,
		loopVars,
		loopClosures,
		deferArgs,
		methodValues,
		builtins,
		printBuiltins,
		stdGeneric,
		newExprs,
		selectBranches,
		selectRecvParens,
		selectCaseVars,
		selectCaseAssigns,
		selectCaseSends,
		recvAssigns,
		pkgVars,
	} {
		pass(p)
	}
	if len(p.edits) == 0 {
		return src, nil
	}
	helpers, imports := closure(p.helpers)
	if len(imports) > 0 {
		var decl strings.Builder
		decl.WriteString("; import (")
		for i, path := range imports {
			if i > 0 {
				decl.WriteString("; ")
			}
			fmt.Fprintf(&decl, "%s%s %q", namePrefix, importName(path), path)
		}
		decl.WriteString(")")
		p.open(file.Name.End(), file, decl.String())
	}
	out, err := apply(p.tf, src, p.edits)
	if err != nil {
		return nil, fmt.Errorf("rewriting %s: %w", filename, err)
	}
	if len(helpers) > 0 {
		out = append(out, "\n\n// Added by generator/rewrite for the yaegi interpreter.\n"...)
		for _, h := range helpers {
			out = append(out, '\n')
			out = append(out, h...)
		}
	}
	return out, nil
}

// closure returns the sources of the named helpers and of those they call,
// and the import paths they need, in a stable order.
func closure(names map[string]bool) (sources, imports []string) {
	seen := map[string]bool{}
	paths := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		h := lookupHelper(name)
		for _, d := range h.deps {
			visit(d)
		}
		for _, path := range h.imports {
			paths[path] = true
		}
	}
	for name := range names {
		visit(name)
	}
	for _, name := range sortedKeys(seen) {
		sources = append(sources, lookupHelper(name).src)
	}
	return sources, sortedKeys(paths)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// importName is the name a helper uses, after namePrefix, for the package
// at path: "math/rand" is _gn_rand.
func importName(path string) string {
	return path[strings.LastIndex(path, "/")+1:]
}
