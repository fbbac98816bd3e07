package hazard

import (
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"
	"strings"
)

// printfFuncs are the functions with a format, by package, and the index
// of the format argument.
var printfFuncs = map[string]map[string]int{
	"fmt": {"Printf": 0, "Sprintf": 0, "Errorf": 0, "Fprintf": 1, "Appendf": 1},
	"log": {"Printf": 0, "Fatalf": 0, "Panicf": 0},
}

// printFuncs are the functions that print their arguments as %v, and the
// index of the first one printed.
var printFuncs = map[string]map[string]int{
	"fmt": {"Print": 0, "Println": 0, "Sprint": 0, "Sprintln": 0, "Fprint": 1, "Fprintln": 1, "Append": 1, "Appendln": 1},
	"log": {"Print": 0, "Println": 0, "Fatal": 0, "Fatalln": 0, "Panic": 0, "Panicln": 0},
}

// verb is one verb of a format and the argument it formats.
type verb struct {
	flags string
	verb  byte
	arg   ast.Expr
}

// formatted returns the verbs of call's format with their arguments, when
// call is a printf-like function with a constant format; methods named
// like them (a *log.Logger's) count too.
func (c *checker) formatted(call *ast.CallExpr) ([]verb, bool) {
	at := -1
	if path, name, ok := c.stdFunc(call.Fun); ok {
		if i, ok := printfFuncs[path][name]; ok {
			at = i
		}
	} else if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if i, ok := printfFuncs["log"][sel.Sel.Name]; ok {
			at = i
		}
	}
	if at < 0 || at >= len(call.Args) {
		return nil, false
	}
	tv, ok := c.info.Types[call.Args[at]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil, false
	}
	return parseVerbs(constant.StringVal(tv.Value), call.Args[at+1:]), true
}

// parseVerbs pairs the verbs of format with args, in order; it stops at an
// explicit argument index, which it does not follow.
func parseVerbs(format string, args []ast.Expr) []verb {
	var verbs []verb
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0", format[j]) >= 0 {
			j++
		}
		flags := format[i+1 : j]
		for j < len(format) && (format[j] >= '0' && format[j] <= '9' || format[j] == '.' || format[j] == '*') {
			if format[j] == '*' {
				n++
			}
			j++
		}
		if j >= len(format) || format[j] == '[' {
			return verbs
		}
		if format[j] == '%' {
			i = j
			continue
		}
		var arg ast.Expr
		if n < len(args) {
			arg = args[n]
		}
		verbs = append(verbs, verb{flags: flags, verb: format[j], arg: arg})
		n++
		i = j
	}
	return verbs
}

// printed returns the arguments call prints as %v, when it is a print-like
// function, or a printf-like one's arguments of %v and %s.
func (c *checker) printed(call *ast.CallExpr) []ast.Expr {
	if path, name, ok := c.stdFunc(call.Fun); ok {
		if i, ok := printFuncs[path][name]; ok && i <= len(call.Args) {
			return call.Args[i:]
		}
	}
	var args []ast.Expr
	if verbs, ok := c.formatted(call); ok {
		for _, v := range verbs {
			if v.arg != nil && (v.verb == 'v' || v.verb == 's') {
				args = append(args, v.arg)
			}
		}
	}
	return args
}

// fmtVerbs finds %+v and %#v of the program's struct types, whose field
// names yaegi invents, and %T of the program's types, which it names by
// their underlying type.
func fmtVerbs(c *checker) {
	c.calls(func(call *ast.CallExpr) {
		verbs, _ := c.formatted(call)
		for _, v := range verbs {
			if v.arg == nil {
				continue
			}
			n := c.declared(c.typeOf(v.arg))
			switch {
			case n == nil:
			case v.verb == 'T':
				c.report(v.arg.Pos(), "fmt-type-names", "yaegi prints %%T of %s, a type the program declares, as its underlying type", n.Obj().Name())
			case v.verb == 'v' && strings.ContainsAny(v.flags, "+#"):
				if _, ok := n.Underlying().(*types.Struct); ok {
					c.report(v.arg.Pos(), "fmt-field-names", "yaegi prints %%%sv of %s with invented field names and without the type's name", v.flags, n.Obj().Name())
				}
			}
		}
	})
}

// errorfWrap finds fmt.Errorf's %w of a value of the program's type (not
// of type error), which yaegi does not wrap.
func errorfWrap(c *checker) {
	c.calls(func(call *ast.CallExpr) {
		if !c.isStd(call.Fun, "fmt", "Errorf") {
			return
		}
		verbs, _ := c.formatted(call)
		for _, v := range verbs {
			if v.verb != 'w' || v.arg == nil {
				continue
			}
			conv := false
			if inner, ok := ast.Unparen(v.arg).(*ast.CallExpr); ok && len(inner.Args) == 1 {
				conv = c.info.Types[inner.Fun].IsType()
			}
			if c.declared(c.typeOf(v.arg)) != nil || conv {
				c.report(v.arg.Pos(), "errorf-wrap", "yaegi does not wrap with %%w a value of the program's error type passed as itself; pass it in a variable of type error")
			}
		}
	})
}

// stringerNested finds printing a slice, map, array or struct that holds
// values of a program's type with a String method: yaegi does not call
// the method on them.
func stringerNested(c *checker) {
	c.calls(func(call *ast.CallExpr) {
		for _, arg := range c.printed(call) {
			t := c.typeOf(arg)
			if t == nil || c.stringer(t) {
				continue
			}
			if n := c.nestedStringer(t, 0); n != nil {
				c.report(arg.Pos(), "stringer-nested", "yaegi does not call the String method of the %s values inside what is printed here", n.Obj().Name())
			}
		}
	})
}

// stringer reports whether values of t have a String method.
func (c *checker) stringer(t types.Type) bool {
	for _, typ := range []types.Type{t, types.NewPointer(t)} {
		if sel := types.NewMethodSet(typ).Lookup(c.pkg, "String"); sel != nil {
			return true
		}
	}
	return false
}

// nestedStringer returns a program type with a String method that values
// of t hold, below the top level.
func (c *checker) nestedStringer(t types.Type, depth int) *types.Named {
	if depth > 4 {
		return nil
	}
	var inner []types.Type
	switch u := t.Underlying().(type) {
	case *types.Slice:
		inner = append(inner, u.Elem())
	case *types.Array:
		inner = append(inner, u.Elem())
	case *types.Map:
		inner = append(inner, u.Key(), u.Elem())
	case *types.Pointer:
		if depth == 0 {
			return c.nestedStringer(u.Elem(), depth)
		}
	case *types.Struct:
		for i := range u.NumFields() {
			inner = append(inner, u.Field(i).Type())
		}
	}
	for _, e := range inner {
		if n := c.declared(e); n != nil && c.stringer(e) {
			return n
		}
		if n := c.nestedStringer(e, depth+1); n != nil {
			return n
		}
	}
	return nil
}

// jsonUnexported finds encoding/json marshalling a program's struct with
// unexported fields, which yaegi marshals too.
func jsonUnexported(c *checker) {
	encoders := map[*types.Var]bool{}
	ast.Inspect(c.file, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for i, rhs := range as.Rhs {
				if call, ok := rhs.(*ast.CallExpr); ok && c.isStd(call.Fun, "encoding/json", "NewEncoder") {
					if v := c.variable(as.Lhs[i]); v != nil {
						encoders[v] = true
					}
				}
			}
		}
		return true
	})
	c.calls(func(call *ast.CallExpr) {
		var arg ast.Expr
		switch {
		case c.isStd(call.Fun, "encoding/json", "Marshal", "MarshalIndent") && len(call.Args) > 0:
			arg = call.Args[0]
		default:
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Encode" || len(call.Args) != 1 {
				return
			}
			inner, isCall := ast.Unparen(sel.X).(*ast.CallExpr)
			if isCall && c.isStd(inner.Fun, "encoding/json", "NewEncoder") || encoders[c.variable(sel.X)] {
				arg = call.Args[0]
			}
		}
		if arg == nil {
			return
		}
		if t := c.typeOf(arg); t != nil {
			if n := c.unexportedFields(t, 0); n != nil {
				c.report(arg.Pos(), "json-unexported", "yaegi's encoding/json marshals the unexported fields of %s", n.Obj().Name())
			}
		}
	})
}

// unexportedFields returns a program struct type reachable from t that has
// an unexported field encoding/json would skip.
func (c *checker) unexportedFields(t types.Type, depth int) *types.Named {
	if depth > 4 || t == nil {
		return nil
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return c.unexportedFields(u.Elem(), depth+1)
	case *types.Slice:
		return c.unexportedFields(u.Elem(), depth+1)
	case *types.Array:
		return c.unexportedFields(u.Elem(), depth+1)
	case *types.Map:
		return c.unexportedFields(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			f := u.Field(i)
			if !f.Exported() && reflect.StructTag(u.Tag(i)).Get("json") != "-" {
				if n := c.declared(t); n != nil {
					return n
				}
			}
			if n := c.unexportedFields(f.Type(), depth+1); n != nil {
				return n
			}
		}
	}
	return nil
}

// logShortfile finds what reports the caller's file and line or the
// stack, which yaegi gives as the interpreter's.
func logShortfile(c *checker) {
	ast.Inspect(c.file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		switch path, name, _ := c.stdFunc(sel); {
		case path == "log" && (name == "Lshortfile" || name == "Llongfile"),
			path == "runtime" && (name == "Caller" || name == "Callers" || name == "Stack" || name == "FuncForPC"),
			path == "runtime/debug" && (name == "Stack" || name == "PrintStack"):
			c.report(sel.Pos(), "log-shortfile", "yaegi's %s.%s describes the interpreter, not the program", sel.X.(*ast.Ident).Name, name)
		}
		return true
	})
}

// printlnInterface finds println and print of an interface, which yaegi
// prints as its value, not (0xitab,0xdata).
func printlnInterface(c *checker) {
	c.calls(func(call *ast.CallExpr) {
		if !c.builtin(call, "println") && !c.builtin(call, "print") {
			return
		}
		for _, arg := range call.Args {
			if t := c.typeOf(arg); t != nil && types.IsInterface(t) {
				c.report(arg.Pos(), "println-interface", "yaegi's %s prints an interface's value, not (0xitab,0xdata) as Go does", ast.Unparen(call.Fun).(*ast.Ident).Name)
			}
		}
	})
}
