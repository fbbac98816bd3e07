package yaegi_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

// testRunner runs programs natively, as the build does: engine go builds
// them with the installed toolchain, engine yaegi interprets them in a copy
// of this test binary.
var testRunner *runner.Runner

func TestMain(m *testing.M) {
	runner.MaybeChild()
	var err error
	if testRunner, err = runner.Start(context.Background()); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// TestTraces runs programs that panic, fail or deadlock under go run and
// under yaegi, and checks what a page can show: yaegi's standard error has
// the lines Go prints for the program's frames (engine.SameStderr), or
// yaegi says why not (Result.Unsure), and then the page shows Go's.
func TestTraces(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	tests := []struct {
		name string
		src  string
		// exact is set when yaegi must print Go's lines itself.
		exact bool
	}{
		{"panic in main's goroutine", `package main

import "fmt"

func check(n int) {
	if n > 2 {
		panic(fmt.Sprint("too many: ", n))
	}
}

func main() {
	for i := range 5 {
		check(i)
	}
}
`, true},
		{"negative WaitGroup counter", `package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Done()
	wg.Done() // one Done too many
}
`, true},
		{"nil map write, through a method", `package main

type store struct{ m map[string]int }

func (s *store) put(k string) {
	s.m[k]++
}

func main() {
	s := &store{}
	func() {
		s.put("a")
	}()
}
`, true},
		{"a closure in a method, which Go names after where it is inlined", `package main

import "fmt"

type T struct{}

func (t *T) m(k int) {
	func() {
		s := []int{1, 2}
		fmt.Println(s[k])
	}()
}

func main() {
	fmt.Println("start")
	(&T{}).m(5)
}
`, false},
		{"a closure called by Go code", `package main

import "sort"

func main() {
	s := []int{3, 1, 2}
	sort.Slice(s, func(i, j int) bool {
		if s[i] == 1 {
			panic("in less")
		}
		return s[i] < s[j]
	})
}
`, true},
		{"a closure in a loop, which the rewrite makes by a call", `package main

import (
	"fmt"
	"sort"
)

func main() {
	for _, n := range []int{3} {
		s := []int{2, 1}
		sort.Slice(s, func(a, b int) bool {
			var m map[int]int
			m[n] = 1
			return s[a] < s[b]
		})
		fmt.Println(s)
	}
}
`, true},
		{"through a helper of the rewrite", `package main

import (
	"fmt"
	"slices"
)

type point struct{ x int }

func (p point) get() int { return p.x }

func main() {
	get := point{1}.get
	s := []int{2, 1}
	slices.SortFunc(s, func(a, b int) int {
		var m map[int]int
		m[a] = get()
		return a - b
	})
	fmt.Println(s)
}
`, true},
		{"division by zero on a second line", `package main

import "fmt"

func div(a, b int) int {
	q := a / 1
	return a /
		b + q
}

func main() {
	fmt.Println(div(4, 2))
	fmt.Println(div(4, 0))
}
`, true},
		{"close of a closed channel", `package main

func main() {
	c := make(chan int)
	close(c)
	close(c)
}
`, true},
		{"send on a closed channel", `package main

func main() {
	bites := make(chan int, 1)
	close(bites)
	bites <- 1 // send on a closed channel
}
`, true},
		{"after a recovered panic", `package main

import "fmt"

func safe(f func()) {
	defer func() { fmt.Println("recovered:", recover()) }()
	f()
}

func deep(n int) {
	if n == 0 {
		panic("bottom")
	}
	deep(n - 1)
}

func main() {
	safe(func() { deep(3) })
	deep(2)
}
`, true},
		{"index out of range", `package main

import "fmt"

func at(s []int, i int) int {
	return s[i]
}

func main() {
	s := []int{1, 2, 3}
	fmt.Println(at(s, 5))
}
`, false},
		{"nil pointer dereference", `package main

import "fmt"

type T struct{ a int }

func (t *T) get() int { return t.a }

func main() {
	var p *T
	fmt.Println(p.get())
}
`, false},
		{"panic in another goroutine", `package main

import "time"

func worker(n int) {
	if n == 2 {
		panic("worker failed")
	}
}

func main() {
	for i := 0; i < 3; i++ {
		go func() {
			worker(i)
		}()
	}
	time.Sleep(time.Second)
}
`, false},
		{"unlock of an unlocked mutex", `package main

import "sync"

func main() {
	var mu sync.Mutex
	mu.Unlock()
}
`, false},
		{"deadlock", `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		ch <- 1
		ch <- 2
	}()
	fmt.Println(<-ch)
	wg.Wait()
}
`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := run(t, snippet.Go, tt.src)
			got := run(t, snippet.Yaegi, tt.src)
			if got.Outcome != want.Outcome || got.ExitCode != want.ExitCode || got.Stdout() != want.Stdout() {
				t.Fatalf("yaegi: %s, exit %d, stdout %q; go run: %s, exit %d, stdout %q",
					got.Outcome, got.ExitCode, got.Stdout(), want.Outcome, want.ExitCode, want.Stdout())
			}
			same := engine.SameStderr(&got, &want)
			switch {
			case tt.exact && (!same || got.Unsure != ""):
				t.Errorf("yaegi's trace (unsure: %q):\n%s\ngo run's, cut:\n%s", got.Unsure, got.Stderr(), engine.CutStderr(want.Stderr()))
			case !same && got.Unsure == "":
				t.Errorf("yaegi's trace differs from Go's and it does not say so:\n%s\ngo run's, cut:\n%s", got.Stderr(), engine.CutStderr(want.Stderr()))
			case !tt.exact && same:
				t.Logf("yaegi now prints Go's trace; make the case exact")
			}
		})
	}
}

// run runs src on eng with a time limit of 3s, long enough for every case.
func run(t *testing.T, eng snippet.Engine, src string) engine.Result {
	t.Helper()
	return runFor(t, eng, src, 3*time.Second)
}
