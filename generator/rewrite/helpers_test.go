package rewrite

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// TestHelperFile checks the embedded helpers: the file type-checks as Go
// (with the real standard library), and every helper's dependencies are
// helpers too.
func TestHelperFile(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "helpers_src.go", helperFile, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("main", fset, []*ast.File{file}, nil); err != nil {
		t.Errorf("helpers_src.go does not type-check: %v", err)
	}
	table := helpers()
	if len(table) < 40 {
		t.Fatalf("only %d helpers", len(table))
	}
	for name, h := range table {
		for _, dep := range h.deps {
			if _, ok := table[dep]; !ok {
				t.Errorf("helper %s uses %s, which is no helper", name, dep)
			}
		}
	}
}

func TestStdGenerics(t *testing.T) {
	conform(t, []conformCase{
		{"errors.AsType and errors.As with the program's error type", `package main

import (
	"errors"
	"fmt"
	"io/fs"
)

type argError struct {
	arg     int
	message string
}

func (e *argError) Error() string { return fmt.Sprintf("%d - %s", e.arg, e.message) }

func main() {
	var inner error = &argError{42, "can't work with it"}
	err := fmt.Errorf("wrapped: %w", inner)
	if ae, ok := errors.AsType[*argError](err); ok {
		fmt.Println(ae.arg, ae.message)
	}
	var ae *argError
	fmt.Println(errors.As(err, &ae), ae.arg)
	var pe *fs.PathError
	fmt.Println(errors.As(err, &pe), pe == nil)
	_, ok := errors.AsType[*fs.PathError](errors.Join(errors.New("x"), &fs.PathError{Op: "open", Path: "p", Err: fs.ErrNotExist}))
	fmt.Println(ok)
}
`},
		{"sync.OnceValue and OnceValues", `package main

import (
	"fmt"
	"sync"
)

func main() {
	calls := 0
	v := sync.OnceValue(func() int { calls++; return 42 })
	fmt.Println(v(), v(), calls)
	vs := sync.OnceValues(func() (string, error) { calls++; return "ok", nil })
	s, err := vs()
	fmt.Println(s, err, calls)
	s, err = vs()
	fmt.Println(s, err, calls)
}
`},
		{"cmp, slices and maps helpers", `package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

func main() {
	fmt.Println(cmp.Or("", "default"), cmp.Or(0, 0, 3))
	fmt.Println(slices.Compare([]int{1, 2}, []int{1, 3}), slices.Compare([]string{"b"}, []string{"a"}))
	s := slices.DeleteFunc([]int{1, 2, 3, 4}, func(x int) bool { return x%2 == 0 })
	fmt.Println(s, slices.Replace([]int{1, 2, 3}, 1, 2, 7, 8), slices.Repeat([]int{1, 2}, 2))
	fmt.Println(slices.CompactFunc([]string{"a", "A", "b"}, strings.EqualFold), len(slices.Clip(make([]int, 2, 9))))
	g := slices.Grow([]int{1}, 10)
	fmt.Println(len(g), cap(g) >= 11)
	for c := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {
		fmt.Println(c)
	}
	m := map[string]int{"a": 1}
	maps.Insert(m, maps.All(map[string]int{"b": 2}))
	fmt.Println(m, maps.EqualFunc(m, map[string]string{"a": "1", "b": "2"}, func(x int, y string) bool { return fmt.Sprint(x) == y }))
}
`},
	})
}
