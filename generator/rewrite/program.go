package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path"
	"strings"
)

// namePrefix starts every name the rewrite introduces. Go code written by
// hand does not use it, so the names cannot collide.
const namePrefix = "_gn_"

// program is one snippet being rewritten: its syntax, what the type
// checker could learn about it without the standard library, and the
// edits collected so far.
type program struct {
	fset    *token.FileSet
	tf      *token.File
	file    *ast.File
	src     []byte
	pkg     *types.Package
	info    *types.Info
	edits   []edit
	helpers map[string]bool // helper functions the edits call
	names   int             // counter for fresh names
}

// check type-checks the file as well as it can. Imports resolve to empty
// packages, so anything reached through them has an invalid type; the rest
// (the snippet's own types, variables, constants, builtins) is known. This
// needs no file system, so it also works in the browser.
func (p *program) check() {
	p.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	conf := types.Config{
		Importer:    emptyImporter{},
		Error:       func(error) {}, // keep going: partial information is the point
		FakeImportC: true,
	}
	p.pkg, _ = conf.Check(p.file.Name.Name, p.fset, []*ast.File{p.file}, p.info)
}

// emptyImporter imports every path as an empty, complete package, except
// iter.
type emptyImporter struct{}

func (emptyImporter) Import(importPath string) (*types.Package, error) {
	if importPath == "iter" {
		return iterPackage(), nil // so that a range over an iter.Seq has its types
	}
	name := path.Base(importPath)
	if i := strings.IndexAny(name, ".-"); i > 0 {
		name = name[:i] // gopkg.in/yaml.v3 and the like
	}
	pkg := types.NewPackage(importPath, name)
	pkg.MarkComplete()
	return pkg, nil
}

func (p *program) off(pos token.Pos) int { return p.tf.Offset(pos) }

// fresh returns a new name for a variable the rewrite introduces.
func (p *program) fresh(base string) string {
	p.names++
	return fmt.Sprintf("%s%s%d", namePrefix, base, p.names)
}

// replace replaces the source between from and to.
func (p *program) replace(from, to token.Pos, parts ...part) {
	p.add(edit{start: p.off(from), end: p.off(to), parts: parts})
}

// open inserts text at pos, opening a construct that spans node (the
// text comes before that of constructs nested inside node).
func (p *program) open(pos token.Pos, node ast.Node, text string) {
	p.add(edit{start: p.off(pos), end: p.off(pos), parts: litEdit(text), span: int(node.End() - node.Pos())})
}

// close inserts text at pos, closing a construct that spans node (the
// text comes after that of constructs nested inside node).
func (p *program) close(pos token.Pos, node ast.Node, text string) {
	p.add(edit{start: p.off(pos), end: p.off(pos), parts: litEdit(text), atEnd: true, span: int(node.End() - node.Pos())})
}

func (p *program) add(e edit) {
	e.seq = len(p.edits)
	p.edits = append(p.edits, e)
}

// copyNode is a part that copies the source of n.
func (p *program) copyNode(n ast.Node) part { return copyOf(p.off(n.Pos()), p.off(n.End())) }

// use records that the output needs the named helper.
func (p *program) use(helper string) { p.helpers[helper] = true }

// builtin reports whether id names the predeclared function name, not
// something the snippet declared with the same name.
func (p *program) builtin(id *ast.Ident, name string) bool {
	if id.Name != name {
		return false
	}
	if obj, ok := p.info.Uses[id]; ok {
		_, isBuiltin := obj.(*types.Builtin)
		return isBuiltin
	}
	return false
}

// typeString spells t as the snippet can write it at a place where the
// snippet's package-level names are in scope. It reports false for types
// the checker could not work out.
func (p *program) typeString(t types.Type) (string, bool) {
	if t == nil {
		return "", false
	}
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		t = types.Default(t)
	}
	s := types.TypeString(t, func(other *types.Package) string {
		if other == p.pkg {
			return ""
		}
		return other.Name()
	})
	if strings.Contains(s, "invalid type") {
		return "", false
	}
	return s, true
}

// constant reports whether the checker knows e to be a constant (or nil),
// so that evaluating it later gives the same value.
func (p *program) constant(e ast.Expr) bool {
	switch ast.Unparen(e).(type) {
	case *ast.BasicLit, *ast.FuncLit:
		return true // a closure shares its variables with or without the rewrite
	}
	tv, ok := p.info.Types[e]
	return ok && (tv.Value != nil || tv.IsNil() || tv.IsType())
}

// lookup reports which object name denotes at pos, or nil.
func (p *program) lookup(name string, pos token.Pos) types.Object {
	scope := p.info.Scopes[p.file]
	if scope == nil {
		return nil
	}
	inner := scope.Innermost(pos)
	if inner == nil {
		return nil
	}
	_, obj := inner.LookupParent(name, pos)
	return obj
}

// typeAt spells t as code at pos can write it: as typeString does, and
// only if every type name in it denotes, at pos, the type it stands for.
func (p *program) typeAt(t types.Type, pos token.Pos) (string, bool) {
	s, ok := p.typeString(t)
	if !ok || !p.namesVisible(t, pos) {
		return "", false
	}
	return s, true
}

// namesVisible reports whether the names that spell t are in scope at pos
// and denote its types there, not something declared closer.
func (p *program) namesVisible(t types.Type, pos token.Pos) bool {
	switch t := t.(type) {
	case *types.Basic:
		return t.Kind() != types.Invalid && t.Kind() != types.UnsafePointer && p.lookup(t.Name(), pos) == types.Universe.Lookup(t.Name())
	case interface {
		Obj() *types.TypeName
		TypeArgs() *types.TypeList
	}: // *types.Named, *types.Alias
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg() != p.pkg || p.lookup(obj.Name(), pos) != obj {
			return false
		}
		for i := range t.TypeArgs().Len() {
			if !p.namesVisible(t.TypeArgs().At(i), pos) {
				return false
			}
		}
		return true
	case *types.Pointer:
		return p.namesVisible(t.Elem(), pos)
	case *types.Slice:
		return p.namesVisible(t.Elem(), pos)
	case *types.Array:
		return p.namesVisible(t.Elem(), pos)
	case *types.Chan:
		return p.namesVisible(t.Elem(), pos)
	case *types.Map:
		return p.namesVisible(t.Key(), pos) && p.namesVisible(t.Elem(), pos)
	case *types.Signature:
		return p.namesVisible(t.Params(), pos) && p.namesVisible(t.Results(), pos)
	case *types.Tuple:
		for i := range t.Len() {
			if !p.namesVisible(t.At(i).Type(), pos) {
				return false
			}
		}
		return true
	case *types.Struct:
		for i := range t.NumFields() {
			if !p.namesVisible(t.Field(i).Type(), pos) {
				return false
			}
		}
		return true
	case *types.Interface:
		for i := range t.NumExplicitMethods() {
			if !p.namesVisible(t.ExplicitMethod(i).Type(), pos) {
				return false
			}
		}
		for i := range t.NumEmbeddeds() {
			if !p.namesVisible(t.EmbeddedType(i), pos) {
				return false
			}
		}
		return true
	}
	return false // type parameters and the like
}
