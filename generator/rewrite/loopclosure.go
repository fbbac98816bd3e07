package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// loopClosures makes a func literal in a loop keep the variables of its
// iteration where yaegi would read the last iteration's. yaegi wraps a
// func literal passed straight to a compiled function (wg.Go, sort.Slice,
// time.AfterFunc), or deferred, around the live frame of the function
// that made it, and looks its variables up there when the literal runs: by
// then later iterations have declared them again, so every call sees the
// last iteration's, even after loopVars' t := t. (go func() {...}() and
// literals stored in a variable, a slice or a map, or passed to the
// program's own functions, keep their iteration's variables and are left
// alone.)
//
// A literal passed to a function the program does not declare is made by
// a call instead, which yaegi binds to the variables the call sees: the
// same variables, so this changes nothing in Go.
//
//	wg.Go(func() { use(t) })  →  wg.Go(func() func() { return func() { use(t) } }())
//
// (Not by a func literal bound to a variable: one made in a function and
// run while that function runs its deferred calls, as with a deferred
// wg.Wait(), deadlocks yaegi.) The type is copied from the literal, so a
// literal whose type spans lines is left as it is.
//
// A deferred literal cannot be made by a call, which yaegi would read
// late too, nor bound to a variable, which stops recover from working in
// it. It takes the variables as arguments instead, which the defer
// statement evaluates at once (bound first, as deferArgs binds arguments):
//
//	defer func() { use(i) }()  →  { _gn_d1 := i; defer func(i int) { use(i) }(_gn_d1) }
//
// That copies the values, which equals sharing the variables only if
// nothing assigns them after the defer statement (see fixedFrom), and needs
// their types written out, which the checker does not know when they come
// from the standard library; otherwise the literal is left as it is. So
// is a deferred literal in a generic function, to keep type parameters out
// of the code the rewrite writes.
func loopClosures(p *program) {
	parents := parentsOf(p.file)
	ast.Inspect(p.file, func(n ast.Node) bool {
		fl, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		deferred, passed := p.literalUse(fl, parents)
		if deferred == nil && !passed {
			return true
		}
		fn, loops, generic := enclosingLoops(fl, parents)
		if fn == nil || len(loops) == 0 {
			return true
		}
		vars := p.iterationVars(fl, loops)
		if len(vars) == 0 {
			return true
		}
		if passed {
			p.makeByCall(fl)
			return true
		}
		if generic {
			return true
		}
		if typeNames, ok := p.bindable(fn, vars, deferred); ok {
			p.bindDeferred(deferred, fl, vars, typeNames)
		}
		return true
	})
}

// literalUse reports how fl is used: as the function of a defer
// statement (which it returns), or as an argument of a call that may reach
// compiled code (passed). Arguments of a deferred call are left out: the
// call evaluates them when it runs.
func (p *program) literalUse(fl *ast.FuncLit, parents map[ast.Node]ast.Node) (deferred *ast.DeferStmt, passed bool) {
	up := parents[fl]
	for {
		paren, ok := up.(*ast.ParenExpr)
		if !ok {
			break
		}
		up = parents[paren]
	}
	call, ok := up.(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	d, isDefer := parents[call].(*ast.DeferStmt)
	if ast.Unparen(call.Fun) == fl {
		if isDefer && d.Call == call {
			return d, false
		}
		return nil, false // called on the spot, or by a go statement: bound correctly
	}
	if isDefer && d.Call == call || p.interpretedCallee(call) {
		return nil, false
	}
	for _, arg := range call.Args {
		if ast.Unparen(arg) == fl {
			return nil, true
		}
	}
	return nil, false
}

// interpretedCallee reports whether call certainly calls a function or
// method the program declares (or a builtin), which yaegi runs itself.
func (p *program) interpretedCallee(call *ast.CallExpr) bool {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	var obj types.Object
	switch f := fun.(type) {
	case *ast.FuncLit:
		return true
	case *ast.Ident:
		obj = p.info.Uses[f]
	case *ast.SelectorExpr:
		if sel := p.info.Selections[f]; sel != nil && sel.Kind() == types.MethodVal && !types.IsInterface(sel.Recv()) {
			obj = sel.Obj()
		}
	}
	switch obj := obj.(type) {
	case *types.Builtin:
		return true
	case *types.Func:
		sig, _ := obj.Type().(*types.Signature)
		return obj.Pkg() == p.pkg && sig != nil && (sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()))
	}
	return false
}

// enclosingLoops returns the body of the function that fl is written in,
// the loops of that function around fl, innermost first, and whether fl
// is in a generic function.
func enclosingLoops(fl *ast.FuncLit, parents map[ast.Node]ast.Node) (body *ast.BlockStmt, loops []ast.Stmt, generic bool) {
	for n := parents[fl]; n != nil; n = parents[n] {
		switch n := n.(type) {
		case *ast.ForStmt:
			if body == nil {
				loops = append(loops, n)
			}
		case *ast.RangeStmt:
			if body == nil {
				loops = append(loops, n)
			}
		case *ast.FuncLit:
			if body == nil {
				body = n.Body
			}
		case *ast.FuncDecl:
			if body == nil {
				body = n.Body
			}
			generic = n.Type.TypeParams != nil || n.Recv != nil && len(n.Recv.List) > 0 && isGenericRecv(n.Recv.List[0].Type)
		}
	}
	return body, loops, generic
}

func isGenericRecv(t ast.Expr) bool {
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// iterationVars returns the variables fl reads that are declared inside
// one of loops (in a loop header or body), so that each iteration has its
// own, in the order fl first uses them.
func (p *program) iterationVars(fl *ast.FuncLit, loops []ast.Stmt) []*types.Var {
	var vars []*types.Var
	seen := map[*types.Var]bool{}
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := p.info.Uses[id].(*types.Var)
		if !ok || v.IsField() || seen[v] || within(fl, v.Pos()) {
			return true
		}
		for _, loop := range loops {
			if within(loop, v.Pos()) {
				seen[v] = true
				vars = append(vars, v)
				break
			}
		}
		return true
	})
	return vars
}

// bindable returns how to spell the types of vars, if every one of them
// can be written at at and keeps its value from at on.
func (p *program) bindable(fn *ast.BlockStmt, vars []*types.Var, at ast.Node) ([]string, bool) {
	var spelled []string
	for _, v := range vars {
		s, ok := p.typeAt(v.Type(), at.Pos())
		if !ok || !p.fixedFrom(fn, v, at) {
			return nil, false
		}
		spelled = append(spelled, s)
	}
	return spelled, true
}

// makeByCall has fl made by a call: func() <fl's type> { return <fl> }().
func (p *program) makeByCall(fl *ast.FuncLit) {
	if p.fset.Position(fl.Type.Pos()).Line != p.fset.Position(fl.Type.End()).Line {
		return // copying the type would add a line
	}
	p.add(edit{
		start: p.off(fl.Pos()), end: p.off(fl.Pos()),
		parts: []part{lit("func() "), p.copyNode(fl.Type), lit(" { return ")},
		span:  int(fl.End() - fl.Pos()),
	})
	p.close(fl.End(), fl, " }()")
}

// bindDeferred makes fl, deferred by d, take vars as its first
// parameters, given values bound just before d.
func (p *program) bindDeferred(d *ast.DeferStmt, fl *ast.FuncLit, vars []*types.Var, typeNames []string) {
	taken := map[string]bool{}
	for _, fields := range []*ast.FieldList{fl.Type.Params, fl.Type.Results} {
		if fields == nil {
			continue
		}
		for _, f := range fields.List {
			for _, name := range f.Names {
				taken[name.Name] = true
			}
		}
	}
	var params, names, bound []string
	for i, v := range vars {
		if taken[v.Name()] {
			return
		}
		params = append(params, v.Name()+" "+typeNames[i])
		names = append(names, v.Name())
		bound = append(bound, p.fresh("d"))
	}
	paramText, argText := strings.Join(params, ", "), strings.Join(bound, ", ")
	p.open(d.Pos(), d, "{ "+argText+" := "+strings.Join(names, ", ")+"; ")
	if len(fl.Type.Params.List) > 0 {
		paramText += ", "
	}
	if len(d.Call.Args) > 0 {
		argText += ", "
	}
	p.open(fl.Type.Params.Opening+1, fl.Type.Params, paramText)
	p.open(d.Call.Lparen+1, d.Call, argText)
	p.close(d.End(), d, " }")
}

// within reports whether pos lies in n.
func within(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

// parentsOf maps every node of f to the node that contains it.
func parentsOf(f *ast.File) map[ast.Node]ast.Node {
	parents := map[ast.Node]ast.Node{}
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if len(stack) > 0 {
			parents[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		return true
	})
	return parents
}
