package rewrite

import (
	"strings"
	"testing"
)

// TestDeferredBinding checks when a deferred closure in a loop gets the
// variables it reads as arguments: only when nothing can assign them after
// the defer statement (fixedFrom) and their types can be written.
func TestDeferredBinding(t *testing.T) {
	tests := []struct {
		name  string
		body  string // the loop body; the deferred closure uses x
		bound bool
	}{
		{"assigned before the defer", "x := i; x *= 2; defer func() { use(x) }()", true},
		{"assigned after the defer", "x := i; defer func() { use(x) }(); x *= 2", false},
		{"assigned by a loop before the defer", "x := 0; for j := range i { x += j }; defer func() { use(x) }()", true},
		{"assigned by a loop around the defer", "x := 0; for j := range 2 { x += j; defer func() { use(x) }() }", false},
		{"assigned in the closure", "x := i; defer func() { x++; use(x) }()", false},
		{"assigned in another closure", "x := i; f := func() { x++ }; f(); defer func() { use(x) }()", false},
		{"address taken", "x := i; p := &x; use(p); defer func() { use(x) }()", false},
		{"pointer method", "x := counter{i}; x.inc(); defer func() { use(x) }()", false},
		{"value method", "x := counter{i}; x.get(); defer func() { use(x) }()", true},
		{"array element set after", "x := [1]int{i}; defer func() { use(x) }(); x[0] = 9", false},
		{"slice element set after", "x := []int{i}; defer func() { use(x) }(); x[0] = 9", true},
		{"field set through a pointer after", "x := &counter{i}; defer func() { use(x) }(); x.n = 9", true},
		{"goto", "x := i; defer func() { use(x) }(); goto end; end:", false},
		{"type from the standard library", "x := time.Duration(i); defer func() { use(x) }()", false},
		{"type declared in the loop", "type pair struct{ a, b int }; x := pair{i, i}; defer func() { use(x) }()", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "package main\n\nimport \"time\"\n\nvar _ time.Duration\n\n" +
				"type counter struct{ n int }\n\nfunc (c *counter) inc() { c.n++ }\n\nfunc (c counter) get() int { return c.n }\n\n" +
				"func use(...any) {}\n\nfunc main() {\n\tfor i := 0; i < 2; i++ {\n\t\t" + tt.body + "\n\t}\n}\n"
			out, err := Rewrite("main.go", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if bound := strings.Contains(string(out), "defer func(x "); bound != tt.bound {
				t.Errorf("bound = %v, want %v; rewritten:\n%s", bound, tt.bound, out)
			}
		})
	}
}
