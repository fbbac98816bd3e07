package rewrite

import "testing"

func TestRecvAssigns(t *testing.T) {
	conform(t, []conformCase{
		{"a receive assigned to an element, a field or through a pointer", `package main

import "fmt"

type box struct{ v int }

func main() {
	c := make(chan int, 1)
	xs := make([]int, 3)
	c <- 7
	xs[0] = <-c
	c <- 8
	xs[1], _ = <-c, 0
	var b box
	c <- 9
	b.v = <-c
	p := &xs[2]
	c <- 6
	*p = <-c
	var ok bool
	c <- 5
	xs[1], ok = <-c
	fmt.Println(xs, b, ok)
	c <- 4
	select {
	case b.v = <-c:
		fmt.Println("received", b.v)
	}
}
`},
	})
}
