package rewrite

import "testing"

func TestSelectBranches(t *testing.T) {
	conform(t, []conformCase{
		{"labelled break last in a case", `package main

import "fmt"

func main() {
	b := make(chan int, 1)
	n := 0
LOOP:
	for {
		select {
		case b <- 1:
			n++
		default:
			break LOOP
		}
		n += 10
	}
	fmt.Println(n)
}
`},
		{"continue last in a case", `package main

import "fmt"

func main() {
	m := 0
L:
	for i := 0; i < 3; i++ {
		select {
		default:
			m++
			continue L
		}
		m += 100
	}
	c := make(chan int, 3)
	for i := 0; i < 3; i++ {
		c <- i
		select {
		case v := <-c:
			if v == 1 {
				m += 1000
			}
			continue
		}
		m += 100
	}
	fmt.Println(m)
}
`},
		{"unlabelled break nested in a case", `package main

import "fmt"

func main() {
	b := make(chan int, 1)
	for i := 0; i < 5; i++ {
		select {
		case b <- 1:
			fmt.Println(i, "sent")
		default:
			if i == 3 {
				fmt.Println(i, "break")
				break
			}
			fmt.Println(i, "default")
		}
		fmt.Println(i, "after")
	}
	switch {
	default:
		select {
		default:
			if true {
				break
			}
			fmt.Println("not reached")
		}
		fmt.Println("after the select, in the switch")
	}
}
`},
		{"labelled select and nested loops", `package main

import "fmt"

func main() {
	n := 0
	for i := 0; i < 3; i++ {
	S:
		select {
		default:
			for {
				break S
			}
		}
		n++
	}
	c := make(chan int, 1)
OUTER:
	for i := 0; i < 4; i++ {
		select {
		case c <- i:
			select {
			case v := <-c:
				if v == 2 {
					break OUTER
				}
				n += 10
			}
		}
		n += 100
	}
	fmt.Println(n)
}
`},
	})
}

func TestSelectRecvParens(t *testing.T) {
	conform(t, []conformCase{
		{"parenthesised receives", `package main

import "fmt"

func main() {
	c := make(chan int, 2)
	c <- 7
	c <- 8
	select {
	case x, ok := (<-c):
		fmt.Println(x, ok)
	}
	select {
	case ((<-c)):
		fmt.Println("received")
	}
	close(c)
	var y int
	var ok bool
	select {
	case y, ok = (<-c):
		fmt.Println(y, ok)
	}
}
`},
	})
}

func TestSelectCaseSends(t *testing.T) {
	conform(t, []conformCase{
		{"a constant sent in a select case", `package main

import "fmt"

func main() {
	c32 := make(chan int32, 1)
	cs := make(chan string, 1)
	select {
	case c32 <- 123:
	}
	select {
	case cs <- "hello":
	}
	fmt.Println(<-c32, <-cs)
	var v int32
	c32 <- 5
	select {
	case v = <-c32:
	}
	var ok bool
	c32 <- 6
	select {
	case v, ok = <-c32:
		fmt.Println("got", v, ok)
	}
	fmt.Println(v, ok)
}
`},
	})
}

func TestSelectCaseVars(t *testing.T) {
	conform(t, []conformCase{
		{"a case's variable in each run", `package main

import "fmt"

func main() {
	c := make(chan int, 1)
	var p [3]*int
	var fs []func() int
	for i := 0; i < 3; i++ {
		c <- i * 10
		select {
		case req := <-c:
			p[i] = &req
			fs = append(fs, func() int { return req })
		}
	}
	fmt.Println(*p[0], *p[1], *p[2], fs[0](), fs[2]())
}
`},
	})
}

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

func TestNewExprs(t *testing.T) {
	conform(t, []conformCase{
		{"new of a value", `package main

import (
	"fmt"
	"strings"
	"time"
)

type point struct{ x, y int }

func main() {
	p, q, r := new(42), new(int64(14)), new(3.5)
	fmt.Println(*p, *q, *r)
	s := new(point{1, 2})
	fmt.Println(*s, *new(strings.ToUpper("go")), *new(2*time.Second))
	x := 5
	px := new(x)
	*px = 6
	fmt.Println(x, *px, *new(point), *new([]int) == nil)
}
`},
	})
}

func TestRangeStrings(t *testing.T) {
	conform(t, []conformCase{
		{"invalid UTF-8", `package main

import "fmt"

func main() {
	s := "a\xffb\xc0\xafé"
	for i, r := range s {
		fmt.Println(i, r)
	}
	for i := range s {
		i := i * 2
		fmt.Print(i, " ")
	}
	fmt.Println()
	var i int
	var r rune
	for i, r = range s + "!" {
	}
	fmt.Println(i, r)
	var fs []func() int
	for i := range "\xff\xfe" {
		fs = append(fs, func() int { return i })
	}
	fmt.Println(fs[0](), fs[1]())
	for i, r := range "héllo" {
		fmt.Print(i, string(r))
	}
	fmt.Println()
}
`},
	})
}

func TestPkgVars(t *testing.T) {
	conform(t, []conformCase{
		{"assigning a variable of the standard library", `package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.MemProfileRate = 0
	fmt.Println(runtime.MemProfileRate)
	runtime.MemProfileRate += 7
	runtime.MemProfileRate++
	fmt.Println(runtime.MemProfileRate)
}
`},
	})
}

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
