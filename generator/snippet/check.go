package snippet

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// Check is the expected output written at the end of main, as in Go's
// testable examples:
//
//	// Output:
//	// hello
//
// or "// Unordered output:" when only the set of lines is fixed.
type Check struct {
	Present   bool
	Unordered bool
	Want      string
	Line      int // line of the "Output:" comment in Source, 1-based
}

// findCheck returns the output comment that ends func main, if there is one.
func findCheck(src string) Check {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return Check{}
	}
	var body *ast.BlockStmt
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "main" && fn.Body != nil {
			body = fn.Body
		}
	}
	if body == nil {
		return Check{}
	}
	// The last comment group inside main's body, as go/doc does for examples.
	var last *ast.CommentGroup
	for _, cg := range f.Comments {
		if cg.Pos() > body.Lbrace && cg.End() < body.Rbrace {
			last = cg
		}
	}
	if last == nil {
		return Check{}
	}
	text := strings.TrimLeft(last.Text(), " \t\n")
	for _, prefix := range []struct {
		p         string
		unordered bool
	}{{"output:", false}, {"unordered output:", true}} {
		if len(text) >= len(prefix.p) && strings.EqualFold(text[:len(prefix.p)], prefix.p) {
			want := strings.TrimSpace(text[len(prefix.p):])
			return Check{Present: true, Unordered: prefix.unordered, Want: want, Line: fset.Position(last.Pos()).Line}
		}
	}
	return Check{}
}

// Matches reports whether got, the program's standard output, satisfies the
// check, comparing as go test does: surrounding space is ignored, and an
// unordered check compares sorted lines.
func (c Check) Matches(got string) bool {
	got = strings.TrimSpace(got)
	if !c.Unordered {
		return got == c.Want
	}
	return slices.Equal(sortedLines(got), sortedLines(c.Want))
}

func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return lines
}
