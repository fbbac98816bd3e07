package rewrite

import "testing"

func TestLoopVars(t *testing.T) {
	conform(t, []conformCase{
		{"waitgroup workers", `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var started []string
	for i := 1; i <= 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			started = append(started, fmt.Sprintf("Worker %d starting", i))
		}()
	}
	wg.Wait()
	sort.Strings(started)
	for _, s := range started {
		fmt.Println(s)
	}
}
`},
		{"closures over range values", `package main

import "fmt"

func main() {
	var prints []func()
	for i, s := range []string{"a", "b", "c"} {
		prints = append(prints, func() { fmt.Println(i, s) })
	}
	for k, v := range map[string]int{"only": 1} {
		prints = append(prints, func() { fmt.Println(k, v) })
	}
	for _, f := range prints {
		f()
	}
}
`},
		{"pointers to the variable", `package main

import "fmt"

func main() {
	var ptrs []*int
	for i := 0; i < 3; i++ {
		ptrs = append(ptrs, &i)
	}
	for _, v := range []int{7, 8} {
		ptrs = append(ptrs, &v)
	}
	for _, p := range ptrs {
		fmt.Print(*p, " ")
	}
	fmt.Println()
}
`},
		{"body assigns the variable", `package main

import "fmt"

func main() {
	var fs []func() int
	for i := 0; i < 10; i++ {
		if i%3 == 1 {
			i++ // skips the next value, in every Go version
			continue
		}
		fs = append(fs, func() int { return i })
		if i == 6 {
			i += 2
		}
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
`},
		{"labeled continue from an inner loop", `package main

import "fmt"

func main() {
	var fs []func()
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				i++
				continue outer
			}
			fs = append(fs, func() { fmt.Println(i, j) })
		}
	}
	for _, f := range fs {
		f()
	}
}
`},
		{"defer in a loop", `package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("arg", i)
	}
	for _, s := range []string{"x", "y"} {
		defer fmt.Println("arg", s)
	}
}
`},
		{"goroutines over a channel", `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	jobs := make(chan int, 3)
	for j := 1; j <= 3; j++ {
		jobs <- j
	}
	close(jobs)
	var mu sync.Mutex
	var wg sync.WaitGroup
	var done []int
	for j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			done = append(done, j*10)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Ints(done)
	fmt.Println(done)
}
`},
	})
}
