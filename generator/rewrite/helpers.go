package rewrite

import (
	_ "embed"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// helperFile holds every helper, as Go source (see its package comment).
//
//go:embed helpers_src.go
var helperFile string

// A helper is a declaration the rewritten program calls in place of a
// builtin or a standard library function that yaegi lacks. Its source is
// appended after the program's last line, so it moves no line.
type helper struct {
	src     string
	imports []string // paths, imported as namePrefix + last element
	deps    []string // other helpers it uses
}

// helpers returns the helpers of helperFile by name: "min", "slices_Sort".
// The file is parsed once; the table is never changed after.
var helpers = sync.OnceValue(func() map[string]helper {
	table, err := parseHelpers(helperFile)
	if err != nil {
		panic("rewrite: the embedded helpers do not parse: " + err.Error()) // TestHelperFile catches it
	}
	return table
})

// lookupHelper returns the named helper; the names are those the passes
// pass to program.use.
func lookupHelper(name string) helper {
	h, ok := helpers()[name]
	if !ok {
		panic("rewrite: no helper " + name) // a pass names only helpers that exist
	}
	return h
}

// Supplies reports whether the rewrite stands in for function name of the
// standard library package at path with a helper of its own, which yaegi
// then runs instead ("slices", "Sort").
func Supplies(path, name string) bool {
	_, ok := stdHelperName(path, name)
	return ok
}

// stdHelperName returns the name of the helper standing in for function
// name of the package at path, and whether there is one.
func stdHelperName(path, name string) (string, bool) {
	h := strings.ReplaceAll(path, "/", "_") + "_" + name
	_, ok := helpers()[h]
	return h, ok
}

// parseHelpers splits a Go file into its top-level declarations, each with
// its doc comment, and works out what each imports and which others it
// uses.
func parseHelpers(src string) (map[string]helper, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "helpers_src.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	imports := map[string]string{} // local name → path
	for _, spec := range file.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		imports[spec.Name.Name] = path
	}
	table := map[string]helper{}
	for _, decl := range file.Decls {
		name, doc := declName(decl)
		if name == "" {
			continue
		}
		start := decl.Pos()
		if doc != nil {
			start = doc.Pos()
		}
		h := helper{src: src[fset.Position(start).Offset:fset.Position(decl.End()).Offset] + "\n"}
		ast.Inspect(decl, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || !strings.HasPrefix(id.Name, namePrefix) || id.Name == namePrefix+name {
				return true
			}
			if path, ok := imports[id.Name]; ok {
				h.imports = appendNew(h.imports, path)
			} else {
				h.deps = appendNew(h.deps, strings.TrimPrefix(id.Name, namePrefix))
			}
			return true
		})
		table[name] = h
	}
	return table, nil
}

// declName returns the helper name of a function or type declaration and
// its doc comment; "" for the imports.
func declName(decl ast.Decl) (string, *ast.CommentGroup) {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		return strings.TrimPrefix(d.Name.Name, namePrefix), d.Doc
	case *ast.GenDecl:
		if ts, ok := d.Specs[0].(*ast.TypeSpec); ok && d.Tok == token.TYPE {
			return strings.TrimPrefix(ts.Name.Name, namePrefix), d.Doc
		}
	}
	return "", nil
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
