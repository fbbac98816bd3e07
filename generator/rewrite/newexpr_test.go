package rewrite

import "testing"

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
