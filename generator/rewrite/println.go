package rewrite

import "go/ast"

// printBuiltins sends the print and println builtins to standard error
// with the runtime's formatting. yaegi writes them to standard output,
// formatted like fmt.Print, and print adds spaces:
//
//	println("x", 2.5, p)   →  _gn_println("x", 2.5, p)
//
// Go 1.26 prints floats the way strconv.FormatFloat(x, 'g', -1, 64) does
// (the older +2.500000e+000 form is gone), pointers, channels, maps and
// funcs as 0x-addresses, slices as [len/cap]0xaddr and a nil interface as
// (0x0,0x0).
func printBuiltins(p *program) {
	ast.Inspect(p.file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if ok && (p.builtin(id, "print") || p.builtin(id, "println")) {
			p.use(id.Name)
			p.replace(id.Pos(), id.End(), lit(namePrefix+id.Name))
		}
		return true
	})
}
