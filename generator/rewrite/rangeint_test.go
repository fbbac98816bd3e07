package rewrite

import "testing"

func TestRangeInt(t *testing.T) {
	conform(t, []conformCase{
		{"constant", `package main

import "fmt"

func main() {
	for i := range 3 {
		fmt.Println(i)
	}
	n := 0
	for range 4 {
		n++
	}
	fmt.Println(n)
}
`},
		{"typed and evaluated once", `package main

import "fmt"

type Count int64

func (c Count) Double() Count { return 2 * c }

func limit() Count { fmt.Println("limit"); return 3 }

func main() {
	for i := range limit() {
		fmt.Println(i.Double()) // i is a Count
	}
	var u uint8 = 2
	for i := range u {
		fmt.Printf("%T %d\n", i, i)
	}
	for i := range len("ab") {
		fmt.Println(i)
	}
}
`},
		{"body assigns and continues", `package main

import "fmt"

func main() {
	for i := range 5 {
		if i == 1 {
			continue
		}
		i += 10 // does not change the iteration
		fmt.Println(i)
	}
outer:
	for i := range 3 {
		for j := range 3 {
			if j > i {
				continue outer
			}
			fmt.Println(i, j)
		}
	}
}
`},
		{"goroutines capture", `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	results := make([]int, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = i * i
		}()
	}
	wg.Wait()
	fmt.Println(results)
}
`},
		{"assign form", `package main

import "fmt"

func main() {
	var i int64 = 99
	for i = range 3 {
		fmt.Println(i)
	}
	fmt.Println(i)
	for i = range 0 {
	}
	fmt.Println(i)
}
`},
	})
}
