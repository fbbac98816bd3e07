package rewrite

import (
	"bytes"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// compileError compiles src with yaegi, in process (compiling runs no
// snippet code), and returns the error message.
func compileError(t *testing.T, src []byte) string {
	t.Helper()
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Compile(string(src))
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestCompileErrorPositions(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"after edits on the same line", `package main

import "fmt"

func main() {
	for i := range 3 { defer fmt.Println(i, min(i, 2)); undefinedName++ }
}
`, "6:54: undefined: undefinedName"},
		{"lines after a multi-line defer", `package main

import "fmt"

func main() {
	x := 1
	defer fmt.Println(
		x,
		max(x, 2),
	)
	println(x)
	var s string = x
}
`, "12:17: cannot use type int as type string in assignment"},
		{"inside a moved argument", `package main

import "fmt"

func main() {
	x := 1
	defer fmt.Println("x",
		x + "one")
}
`, "8:3: invalid operation: mismatched types int and untyped string"},
		{"in a loop body with a copy back", `package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ { go func() { fmt.Println(i) }(); i++
		if i > 1 { continue }
		undefinedName()
	}
}
`, "8:3: undefined: undefinedName"},
		{"in a closure made by a call", `package main

import "sync"

func main() {
	var wg sync.WaitGroup
	for _, t := range []string{"a"} {
		wg.Go(func() {
			println(t)
			undefinedName()
		})
	}
}
`, "10:4: undefined: undefinedName"},
		{"in a deferred closure given arguments", `package main

func main() {
	for i := 0; i < 2; i++ {
		defer func() { println(i); undefinedName() }()
	}
}
`, "5:30: undefined: undefinedName"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Rewrite("main.go", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(out, []byte(tt.src)) {
				t.Fatal("nothing was rewritten; the case tests nothing")
			}
			got := compileError(t, out)
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("yaegi reports\n%s\nwant\n%s\nrewritten program:\n%s", got, tt.want, out)
			}
		})
	}
}

// TestPanicPositions checks that yaegi's report of a panic names the same
// place after the rewrite as before it, for a program yaegi runs unaided.
func TestPanicPositions(t *testing.T) {
	src := `package main

import "fmt"

func fail(m map[string]int) {
	x := 1
	defer fmt.Println("deferred", x)
	m["k"] = x
}

func main() {
	clear := 0
	fmt.Println("start", clear)
	fail(nil)
}
`
	run := func(src string) string {
		var stderr bytes.Buffer
		i := interp.New(interp.Options{Stdout: &bytes.Buffer{}, Stderr: &stderr})
		if err := i.Use(stdlib.Symbols); err != nil {
			t.Fatal(err)
		}
		_, err := i.Eval(src)
		return stderr.String() + err.Error()
	}
	out, err := Rewrite("main.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want, got := run(src), run(string(out))
	// yaegi names the first statement of each function the panic leaves.
	if !strings.Contains(want, "6:2: panic: main.fail") {
		t.Fatalf("yaegi's report has changed form: %q", want)
	}
	if got != want {
		t.Errorf("after the rewrite yaegi reports\n%s\nbefore it\n%s", got, want)
	}
}
