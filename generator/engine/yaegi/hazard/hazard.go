// Package hazard reads a program's source and names, at their lines, the
// constructs the yaegi engine still runs unlike Go: one check per case of
// the engine's list (generator/engine/yaegi/testdata/stillwrong, whose file
// names are the cases). The build uses it to explain why yaegi and go run
// disagree on a snippet, and the browser playground to warn before it runs
// a program it cannot verify.
//
// It works on the source alone, with go/types and no standard library
// (packages resolve to empty ones, as in generator/rewrite): it knows the
// types the program declares, and the standard library's only by name. It
// does no file I/O, so it builds for GOOS=js GOARCH=wasm. A finding means
// the program contains a construct yaegi gets wrong, which is not always
// a difference in what it prints (a %T of the program's type prints
// yaegi's name only if it runs); a construct of the list that it does not
// find is a bug in a check.
package hazard

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"path"
	"slices"
	"strings"
)

// Finding is a construct the engine runs unlike Go.
type Finding struct {
	Line, Col int    // where it is in main.go, 1-based
	Msg       string // what yaegi does there, as a sentence
	Case      string // the case of the engine's list: "fmt-type-names"
}

func (f Finding) String() string { return fmt.Sprintf("main.go:%d: %s", f.Line, f.Msg) }

// Check returns the findings in the program src (main.go), in the order of
// their positions. A program that does not parse gets one finding, since
// yaegi words compile errors unlike gc.
func Check(src string) []Finding {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "main.go", src, parser.SkipObjectResolution)
	if err != nil {
		var line, col int
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			line, col = list[0].Pos.Line, list[0].Pos.Column
		}
		return []Finding{{Line: line, Col: col, Case: "compile-error-text",
			Msg: "the program does not compile, and yaegi words compile errors unlike gc (go build's are shown)"}}
	}
	c := &checker{fset: fset, file: file}
	c.typeCheck()
	for _, rule := range rules {
		rule(c)
	}
	slices.SortStableFunc(c.findings, func(a, b Finding) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return slices.CompactFunc(c.findings, func(a, b Finding) bool { return a == b })
}

// rules are the checks, one or more per case.
var rules = []func(*checker){
	typeErrors,
	fmtVerbs,
	errorfWrap,
	stringerNested,
	jsonUnexported,
	logShortfile,
	printlnInterface,
	panicTypeName,
	recoverError,
	indexOutOfRange,
	nilDereference,
	goroutinePanic,
	deadlock,
	closureHang,
	deferInLoop,
	rangeStatements,
	iteratorFunctions,
	namedSliceTypes,
	genericConstraints,
	interfaceEquality,
	interfaceCopy,
	assignmentOrder,
}

// checker is one program being checked.
type checker struct {
	fset       *token.FileSet
	file       *ast.File
	pkg        *types.Package
	info       *types.Info
	typeErrors []types.Error
	findings   []Finding
}

// typeCheck learns what it can without the standard library.
func (c *checker) typeCheck() {
	c.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{
		Importer:    emptyImporter{},
		Error:       func(err error) { c.typeErrors = append(c.typeErrors, err.(types.Error)) },
		FakeImportC: true,
	}
	c.pkg, _ = conf.Check("main", c.fset, []*ast.File{c.file}, c.info)
}

// emptyImporter imports every path as an empty, complete package.
type emptyImporter struct{}

func (emptyImporter) Import(importPath string) (*types.Package, error) {
	name := path.Base(importPath)
	if i := strings.IndexAny(name, ".-"); i > 0 {
		name = name[:i]
	}
	if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = path.Base(path.Dir(importPath)) // math/rand/v2
	}
	pkg := types.NewPackage(importPath, name)
	pkg.MarkComplete()
	return pkg, nil
}

// report records a finding at pos.
func (c *checker) report(pos token.Pos, kase, format string, args ...any) {
	p := c.fset.Position(pos)
	c.findings = append(c.findings, Finding{Line: p.Line, Col: p.Column, Msg: fmt.Sprintf(format, args...), Case: kase})
}

// typeOf returns the type of e, or nil when the checker does not know it.
func (c *checker) typeOf(e ast.Expr) types.Type {
	t := c.info.TypeOf(e)
	if t == nil || t == types.Typ[types.Invalid] {
		return nil
	}
	return t
}

// declared returns the named type the program declares that t is, or
// points to; nil for any other type.
func (c *checker) declared(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() != c.pkg {
		return nil
	}
	return n
}

// stdFunc reports the package path and name that e (pkg.Name) selects
// from an imported package; ok is false for anything else.
func (c *checker) stdFunc(e ast.Expr) (path, name string, ok bool) {
	sel, isSel := ast.Unparen(e).(*ast.SelectorExpr)
	if !isSel {
		return "", "", false
	}
	id, isID := sel.X.(*ast.Ident)
	if !isID {
		return "", "", false
	}
	pkg, isPkg := c.info.Uses[id].(*types.PkgName)
	if !isPkg {
		return "", "", false
	}
	return pkg.Imported().Path(), sel.Sel.Name, true
}

// isStd reports whether e selects one of names from the package at path.
func (c *checker) isStd(e ast.Expr, path string, names ...string) bool {
	p, n, ok := c.stdFunc(e)
	return ok && p == path && slices.Contains(names, n)
}

// builtin reports whether call calls the predeclared function name.
func (c *checker) builtin(call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != name {
		return false
	}
	_, ok = c.info.Uses[id].(*types.Builtin)
	return ok
}

// calls visits every call of the program.
func (c *checker) calls(visit func(*ast.CallExpr)) {
	ast.Inspect(c.file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			visit(call)
		}
		return true
	})
}

// variable returns the variable e names, or nil.
func (c *checker) variable(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.info.ObjectOf(id).(*types.Var)
	return v
}
