package rewrite

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzRewrite checks the rewrite's two promises on any input: a program
// that parses still parses afterwards, with every line where it was (the
// helpers come after the last line), and a program with nothing to rewrite
// comes back byte for byte. The seeds are the test programs; the kept
// corpus is in testdata/fuzz/FuzzRewrite.
func FuzzRewrite(f *testing.F) {
	f.Add([]byte("package main\n\nfunc main() {\n\tfor i := range 3 {\n\t\tprintln(i, min(i, 2))\n\t}\n}\n"))
	f.Add([]byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n"))
	f.Add([]byte("package main\n\nimport \"slices\"\n\nfunc main() {\n\ts := []int{3, 1}\n\tslices.Sort(s)\n\tdefer println(s[0])\n}\n"))
	if seeds, err := filepath.Glob("testdata/*.go"); err == nil {
		for _, p := range seeds {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "main.go", src, parser.SkipObjectResolution)
		if err != nil {
			return
		}
		out, err := Rewrite("main.go", src)
		if err != nil {
			t.Fatalf("Rewrite failed on a program that parses: %v\n%s", err, src)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "main.go", out, parser.SkipObjectResolution); err != nil {
			t.Fatalf("the rewritten program does not parse: %v\n--- in\n%s\n--- out\n%s", err, src, out)
		}
		body, _, _ := bytes.Cut(out, []byte(helperMark))
		if got, want := bytes.Count(bytes.TrimRight(body, "\n"), []byte("\n")), bytes.Count(bytes.TrimRight(src, "\n"), []byte("\n")); got != want {
			t.Fatalf("lines moved: %d newlines in the rewritten program, %d in the program\n--- in\n%s\n--- out\n%s", got, want, src, out)
		}
		if nothingToRewrite(file) && !bytes.Equal(out, src) {
			t.Fatalf("a program with nothing to rewrite changed\n--- in\n%s\n--- out\n%s", src, out)
		}
	})
}

// helperMark starts what Rewrite appends after the program.
const helperMark = "\n\n// Added by generator/rewrite for the yaegi interpreter."

// nothingToRewrite reports whether a program has none of the constructs
// the rewrite changes: loops, defer and go statements, the builtins it
// supplies or redirects, slices and maps, and selectors used other than
// as the function of a call (method values).
func nothingToRewrite(file *ast.File) bool {
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == "slices" || p == "maps" {
			return false
		}
	}
	called := map[ast.Expr]bool{}
	clean := true
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.DeferStmt, *ast.GoStmt:
			clean = false
		case *ast.CallExpr:
			called[n.Fun] = true
		case *ast.Ident:
			switch n.Name {
			case "min", "max", "clear", "print", "println":
				clean = false
			}
		case *ast.SelectorExpr:
			if !called[n] {
				if _, pkg := n.X.(*ast.Ident); !pkg {
					clean = false
				}
			}
		}
		return clean
	})
	return clean
}
