package rewrite

import "testing"

func TestRangeFuncs(t *testing.T) {
	conform(t, []conformCase{
		{"iterators", `package main

import (
	"fmt"
	"iter"
	"slices"
)

type List[T any] struct{ vals []T }

func (l *List[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, v := range l.vals {
			if !yield(v) {
				return
			}
		}
	}
}

func pairs() iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, s := range []string{"a", "b", "c"} {
			if !yield(i, s) {
				return
			}
		}
	}
}

func fib(yield func(int) bool) {
	a, b := 0, 1
	for {
		if !yield(a) {
			return
		}
		a, b = b, a+b
	}
}

func main() {
	l := &List[int]{[]int{10, 13, 23}}
	for e := range l.All() {
		fmt.Println(e)
	}
	fmt.Println("all:", slices.Collect(l.All()))
	for n := range fib {
		if n >= 10 {
			break
		}
		if n%2 == 0 {
			continue
		}
		fmt.Println(n)
	}
	var last string
	for i, s := range pairs() {
		switch {
		case i == 1:
			continue
		}
		last = s
		fmt.Println(i, s)
	}
	n := 0
	for range pairs() {
		n++
	}
	var k int
	for k = range pairs() {
	}
	fmt.Println(last, n, k)
}
`},
	})
}
