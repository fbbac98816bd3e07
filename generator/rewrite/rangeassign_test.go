package rewrite

import "testing"

func TestRangeAssign(t *testing.T) {
	conform(t, []conformCase{
		{"variable keeps the last value", `package main

import "fmt"

func main() {
	i := -1
	for i = range []string{"a", "b", "c"} {
	}
	fmt.Println(i)
	var k string
	for k = range map[string]bool{"key": true} {
	}
	fmt.Println(k)
	var r rune
	var at int
	for at, r = range "héllo" {
	}
	fmt.Println(at, string(r))
	ch := make(chan int, 2)
	ch <- 4
	ch <- 5
	close(ch)
	var v int
	for v = range ch {
	}
	fmt.Println(v)
}
`},
		{"parallel assignment to an index", `package main

import "fmt"

func main() {
	x := []int{10, 20}
	y := []int{99}
	i := 1
	for i, x[i] = range y {
		break
	}
	fmt.Println(i, x)
}
`},
	})
}
