package rewrite

import "testing"

func TestBuiltins(t *testing.T) {
	conform(t, []conformCase{
		{"min and max", `package main

import (
	"fmt"
	"math"
	"time"
)

type Level int

const top = max(3, 9, 4) // still a constant

var grid [min(2, 5)]int

func main() {
	a, b := 3, 7
	f := 2.5
	var lv Level = 4
	fmt.Println(min(a, b), max(a, b, 5), min(f, 1), max(1, f), min("b", "a", "c"))
	fmt.Println(max(lv, 2)*2, top, len(grid))
	fmt.Println(math.IsNaN(min(f, math.NaN())), max(time.Second, 2*time.Second))
}
`},
		{"clear", `package main

import "fmt"

func main() {
	m := map[string]int{"a": 1, "b": 2}
	clear(m)
	m["c"] = 3
	s := []string{"x", "y"}
	clear(s)
	fmt.Println(len(m), m["c"], len(s), s[0] == "", s[1] == "")
}
`},
	})
}
