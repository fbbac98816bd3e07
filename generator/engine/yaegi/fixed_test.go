package yaegi

import (
	"testing"
	"time"
)

// TestFixedByRewrite checks programs that raw yaegi v0.16.1 gets wrong
// and Run, which rewrites them first (package rewrite), runs as go run
// does.
func TestFixedByRewrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string // what raw yaegi gets wrong
		src  string
	}{
		{"loop variables are shared between iterations", `package main

import "fmt"

func main() {
	var fs []func()
	for i := 0; i < 3; i++ {
		fs = append(fs, func() { fmt.Print(i) })
	}
	for _, s := range []string{"a", "b"} {
		fs = append(fs, func() { fmt.Print(s) })
	}
	for _, f := range fs {
		f()
	}
	fmt.Println()
}
`},
		{"closures in a loop passed to Go code or deferred see the last iteration", `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done []string
	)
	for _, t := range []string{"a", "b", "c"} {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			done = append(done, t)
		})
	}
	wg.Wait()
	sort.Strings(done)
	fmt.Println(done)
	for i := range 3 {
		defer func() { fmt.Print(i) }()
	}
}
`},
		{"range over an integer crashes the compiler", `package main

import "fmt"

func main() {
	for i := range 3 {
		fmt.Print(i)
	}
	fmt.Println()
}
`},
		{"min, max and clear are undefined", `package main

import "fmt"

func main() {
	m := map[string]int{"a": 1}
	clear(m)
	fmt.Println(min(3, 1, 2), max(1.5, 2), len(m))
}
`},
		{"print and println write to stdout, formatted like fmt", `package main

func main() {
	var err error
	println("p", 1, true, 2.5, err)
	print("no", "space", 3, "\n")
}
`},
		{"maps.Keys and slices.Sorted are missing", `package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	m := map[string]int{"b": 2, "a": 1}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Print(k, m[k], " ")
	}
	fmt.Println(slices.Clone([]int{1, 2}), slices.Equal([]int{1}, []int{1}))
}
`},
		{"defer reads its arguments when the function returns", `package main

import "fmt"

func main() {
	x := 1
	defer fmt.Println("deferred x:", x)
	x = 2
}
`},
		{"a method value sees later changes to its receiver", `package main

import "fmt"

type counter struct{ n int }

func (c counter) get() int { return c.n }

func main() {
	c := counter{1}
	get := c.get
	c.n = 2
	fmt.Println(get(), c.get())
}
`},
		{"for i = range xs leaves i unchanged", `package main

import "fmt"

func main() {
	i := -1
	for i = range []string{"a", "b"} {
	}
	fmt.Println(i)
}
`},
	}
	srcs := make([]string, len(tests))
	for i, tt := range tests {
		srcs[i] = tt.src
	}
	goOuts := goOutcomes(t, srcs)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got, want := normalize(yaegiOutcome(tt.src, 5*time.Second)), normalize(goOuts[i]); got != want {
				t.Errorf("yaegi:\n%v\ngo run:\n%v", got, want)
			}
		})
	}
}
