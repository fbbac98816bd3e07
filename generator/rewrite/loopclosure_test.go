package rewrite

import "testing"

func TestLoopClosures(t *testing.T) {
	conform(t, []conformCase{
		{"wg.Go over range values", `package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	tasks := []string{"open the notification", "turn on the AC", "eat the rice"}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done []string
	)
	record := func(s string) { mu.Lock(); done = append(done, s); mu.Unlock() }
	for i, t := range tasks {
		short := strings.Fields(t)[0]
		wg.Go(func() { record(fmt.Sprint("done: ", i, " ", t, " (", short, ")")) })
		wg.Add(1)
		time.AfterFunc(time.Millisecond, func() { defer wg.Done(); record("later: " + short) })
	}
	wg.Wait()
	sort.Strings(done)
	fmt.Println(strings.Join(done, "\n"))
}
`},
		{"wg.Go over range 1000", `package main

import (
	"fmt"
	"sync"
)

func main() {
	var (
		mu    sync.Mutex
		total int
	)
	var wg sync.WaitGroup
	for n := range 1000 {
		wg.Go(func() {
			mu.Lock()
			total += n
			mu.Unlock()
		})
	}
	wg.Wait()
	fmt.Println("total:", total)
}
`},
		{"senders closed by a deferred Wait", `package main

import (
	"fmt"
	"strings"
	"sync"
)

func count(tasks []string) (n int) {
	results := make(chan string)
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Go(func() {
			for _, word := range strings.Fields(t) {
				results <- word
			}
		})
	}
	go func() {
		defer close(results)
		defer wg.Wait()
	}()
	for range results {
		n++
	}
	return n
}

func main() {
	var wg sync.WaitGroup
	defer fmt.Println("main: done")
	defer wg.Wait() // the goroutines' closures finish while main runs its defers
	for i := 0; i < 3; i++ {
		wg.Go(func() { _ = count([]string{strings.Repeat("w ", i)}) })
	}
	fmt.Println("words:", count([]string{"eat the rice", "open the notification", "turn on the AC"}))
}
`},
		{"defer in a loop", `package main

import (
	"fmt"
	"strings"
)

type point struct{ x, y int }

func main() {
	for i := 0; i < 3; i++ {
		defer func() { fmt.Println("three-clause", i) }()
	}
	for k, v := range map[string]point{"p": {1, 2}} {
		defer func() { fmt.Println("range", k, v) }()
	}
	for _, s := range []string{"a", "b"} {
		label := "<" + s + ">"
		if s == "b" {
			label += "!" // before the defer: still bound
		}
		defer func(prefix string) {
			fmt.Println(prefix, label, s)
		}(strings.Repeat("-", len(label)))
	}
	for i := range 2 {
		n := i * 10
		defer func() (int, error) { fmt.Println("results", n); return n, nil }()
	}
}
`},
		{"sort.Slice with a closure in a loop", `package main

import (
	"fmt"
	"sort"
)

type person struct {
	name string
	age  int
}

func main() {
	people := []person{{"Ann", 31}, {"Bob", 25}, {"Cid", 40}}
	for _, desc := range []bool{false, true} {
		sorted := append([]person(nil), people...)
		sort.Slice(sorted, func(i, j int) bool {
			if desc {
				return sorted[i].age > sorted[j].age
			}
			return sorted[i].age < sorted[j].age
		})
		fmt.Println(desc, sorted)
	}
	for i := range 3 {
		keys := []int{3, 1, 2}
		fmt.Println(sort.Search(len(keys), func(k int) bool { return k >= i }))
	}
}
`},
		{"nested loops and variables of the body", `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		got []string
	)
	for _, s := range []string{"a", "b"} {
		greet := func() string { return "hi " + s }
		for j := 0; j < 2; j++ {
			if j == 1 {
				key := fmt.Sprint(s, j)
				wg.Go(func() { mu.Lock(); got = append(got, key+" "+greet()); mu.Unlock() })
				continue
			}
			wg.Go(func() { mu.Lock(); got = append(got, fmt.Sprint(s, j)); mu.Unlock() })
		}
	}
	wg.Wait()
	sort.Strings(got)
	fmt.Println(got)
}
`},
		{"in a generic function", `package main

import (
	"fmt"
	"sort"
	"sync"
)

func each[T any](xs []T, f func(T) string) []string {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out []string
	)
	for _, x := range xs {
		wg.Go(func() {
			s := f(x)
			mu.Lock()
			out = append(out, s)
			mu.Unlock()
		})
	}
	wg.Wait()
	sort.Strings(out)
	return out
}

func main() {
	fmt.Println(each([]int{1, 2, 3}, func(i int) string { return fmt.Sprint(i * 10) }))
}
`},
		{"closures that assign the variables", `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	for _, s := range [][]int{{3, 1, 2}, {2, 1}} {
		calls := 0
		sort.Slice(s, func(i, j int) bool { calls++; return s[i] < s[j] })
		fmt.Println(s, calls > 0)
	}
	for i := range 3 {
		x := i
		var wg sync.WaitGroup
		wg.Go(func() { x *= 10 })
		wg.Wait()
		x++
		fmt.Println(x)
	}
}
`},
	})
}
