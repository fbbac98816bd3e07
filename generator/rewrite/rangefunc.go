package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// iterSource declares package iter's types, for the checker: with them it
// knows what a range over an iter.Seq yields.
const iterSource = `package iter

type Seq[V any] func(yield func(V) bool)

type Seq2[K, V any] func(yield func(K, V) bool)
`

// iterPackage type-checks iterSource.
func iterPackage() *types.Package {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "iter.go", iterSource, 0)
	if err != nil {
		panic("rewrite: iterSource does not parse: " + err.Error()) // a constant
	}
	pkg, err := (&types.Config{}).Check("iter", fset, []*ast.File{f}, nil)
	if err != nil {
		panic("rewrite: iterSource does not type-check: " + err.Error())
	}
	return pkg
}

// rangeFuncs gives yaegi v0.16.1 the range over a function of Go 1.23,
// which crashes its compiler ("nil type"), and package iter, which it does
// not have. The loop becomes a call of the function with the loop's body
// as the yield function; continue in the body returns true from it, and
// break false. iter.Seq and iter.Seq2 become the function types they
// stand for, and the import of iter a blank one of fmt:
//
//	for x := range seq {         seq(func(x int) bool {
//		if x > 9 { break }           if x > 9 { return false }
//		fmt.Println(x)               fmt.Println(x)
//	}                             return true })
//
// A loop whose body returns, has a label, jumps with goto, defers, or
// breaks or continues an outer loop is left as it is, as is one over a
// function whose type the checker does not know.
func rangeFuncs(p *program) {
	for _, spec := range p.file.Imports {
		if spec.Path.Value == `"iter"` {
			p.replace(spec.Pos(), spec.End(), lit(`_ "fmt"`))
		}
	}
	ast.Inspect(p.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			p.iterType(n, n.X, []ast.Expr{n.Index})
		case *ast.IndexListExpr:
			p.iterType(n, n.X, n.Indices)
		case *ast.RangeStmt:
			p.rangeFunc(n)
		}
		return true
	})
}

// iterType replaces iter.Seq[V] or iter.Seq2[K, V] with its function type.
func (p *program) iterType(n, x ast.Expr, args []ast.Expr) {
	sel, ok := x.(*ast.SelectorExpr)
	if !ok || p.importPath(sel) != "iter" {
		return
	}
	if sel.Sel.Name == "Seq" && len(args) == 1 || sel.Sel.Name == "Seq2" && len(args) == 2 {
		parts := []part{lit("func(yield func(")}
		for i, a := range args {
			if i > 0 {
				parts = append(parts, lit(", "))
			}
			parts = append(parts, p.copyNode(a))
		}
		parts = append(parts, lit(") bool)"))
		p.replace(n.Pos(), n.End(), parts...)
	}
}

// rangeFuncFix reports whether rangeFuncs rewrites rs; the other passes
// leave such a loop alone.
func (p *program) rangeFuncFix(rs *ast.RangeStmt) bool {
	_, ok := p.yields(rs)
	return ok && PlainBody(rs.Body)
}

// yields returns the types of what the function rs ranges over yields,
// when it ranges over a function.
func (p *program) yields(rs *ast.RangeStmt) ([]types.Type, bool) {
	t := p.info.TypeOf(rs.X)
	if t == nil {
		return nil, false
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 {
		return nil, false
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok {
		return nil, false
	}
	var yields []types.Type
	for i := range yield.Params().Len() {
		yields = append(yields, yield.Params().At(i).Type())
	}
	return yields, true
}

func (p *program) rangeFunc(rs *ast.RangeStmt) {
	yields, ok := p.yields(rs)
	if !ok || !PlainBody(rs.Body) {
		return
	}
	vars := []ast.Expr{rs.Key, rs.Value}
	var params []string
	var assign []part
	for i, t := range yields {
		ts, ok := p.typeString(t)
		if !ok {
			return
		}
		v := vars[min(i, 1)]
		if i > 1 {
			v = nil
		}
		switch {
		case v == nil || isBlank(v):
			params = append(params, "_ "+ts)
		case rs.Tok == token.DEFINE:
			params = append(params, v.(*ast.Ident).Name+" "+ts)
		default:
			name := p.fresh("y")
			params = append(params, name+" "+ts)
			assign = append(assign, lit(" "), p.copyNode(v), lit(" = "+name+";"))
		}
	}
	p.replace(rs.For, rs.X.Pos(), lit(""))
	p.replace(rs.X.End(), rs.Body.Lbrace+1, append([]part{lit("(func(" + strings.Join(params, ", ") + ") bool {")}, assign...)...)
	p.replace(rs.Body.Rbrace, rs.Body.Rbrace+1, lit("return true })"))
	for _, br := range loopBranches(rs.Body) {
		if br.Tok == token.BREAK {
			p.replace(br.Pos(), br.End(), lit("return false"))
		} else {
			p.replace(br.Pos(), br.End(), lit("return true"))
		}
	}
}

// PlainBody reports whether a range loop's body can become the yield
// function of a range over a function: no return, goto, fallthrough,
// defer or label, and no break or continue with a label. The hazard check
// asks it too, to tell which loops the rewrite leaves for yaegi.
func PlainBody(body *ast.BlockStmt) bool {
	plain := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
			plain = false
		case *ast.BranchStmt:
			if n.Label != nil || n.Tok == token.GOTO || n.Tok == token.FALLTHROUGH {
				plain = false
			}
		}
		return plain
	})
	return plain
}

// loopBranches returns the unlabelled break and continue statements of a
// loop's body that belong to the loop.
func loopBranches(body *ast.BlockStmt) []*ast.BranchStmt {
	var out []*ast.BranchStmt
	var visit func(n ast.Node, breakable, continuable bool) bool
	visit = func(n ast.Node, breakable, continuable bool) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			ast.Inspect(n, func(m ast.Node) bool { return m == n || visit(m, false, false) })
			return false
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			ast.Inspect(n, func(m ast.Node) bool { return m == n || visit(m, false, continuable) })
			return false
		case *ast.BranchStmt:
			if n.Tok == token.BREAK && breakable || n.Tok == token.CONTINUE && continuable {
				out = append(out, n)
			}
		}
		return true
	}
	ast.Inspect(body, func(n ast.Node) bool { return visit(n, true, true) })
	return out
}
