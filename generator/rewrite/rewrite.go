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
//     maps.Clone/Copy/Equal fail with "undefined type for E" (stdgeneric.go)
//
// What yaegi still gets wrong after the rewrite:
//
//   - %+v and %#v of a struct with lower-case fields invent names: {Xx:1 Xy:2} for {x:1 y:2}
//   - %T and %#v name a struct type struct { X int; Y int }, not main.Point
//   - String() is not called on values nested in a slice or struct: fmt.Println([]T{t}) prints [{}]
//   - errors.As with an interpreted error type panics; fmt.Errorf("%w", &MyErr{})
//     prints %!w(...) unless the argument has type error
//   - encoding/json marshals unexported fields of a program's struct (as "Xage"), and
//     key("k") == any("k") for type key string, so context keys collide with strings
//   - a deferred func literal in a loop still sees the last iteration's
//     variables when one of them is assigned after the defer statement or
//     has a type from the standard library: for _, f := range files {
//     defer func() { f.Close() }() } closes the last file each time
//   - a closure made by a function hangs if it is called, or returns, while
//     that function runs its deferred calls: f := func() {}; defer f(), or
//     wg.Go(f) with a defer wg.Wait()
//   - os.Exit runs deferred functions (yaegi turns it into a panic; the engine maps it back)
//   - a recovered panic still writes "L:C: panic: main.f(...)" to stderr (the engine filters it)
//   - range over a function (Go 1.23 iterators) and package iter are unsupported:
//     for x := range seq fails, except maps.Keys/Values/All and slices.All/Values
//   - slices.Backward, slices.Chunk, maps.Insert and the other iterator functions are missing
//   - helpers take plain []E and map[K]V, so slices.Clone of a named slice type returns []E
//   - generics beyond simple forms fail: func F[S ~[]E, E any](s S) gives "undefined type for E"
//   - unsafe and syscall are not importable with stdlib.Symbols: import "unsafe" fails
//   - the runtime's print of a non-nil interface shows the value, not (0xitab,0xdata)
//   - `for i = range 10` where i was declared before takes i's type only when the checker knows it
//   - a range over an integer whose type the checker does not know still crashes:
//     for range runtime.NumCPU() panics with "nil type"
//   - a three-clause loop whose captured variable is assigned in the body is left as is
//     when a continue sits where the variable is shadowed
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
