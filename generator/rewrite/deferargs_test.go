package rewrite

import "testing"

func TestDeferArgs(t *testing.T) {
	conform(t, []conformCase{
		{"arguments evaluated at the defer statement", `package main

import (
	"fmt"
	"strings"
)

type counter struct{ n int }

func (c counter) report(label string) { fmt.Println(label, c.n) }

func main() {
	x := 1
	defer fmt.Println("x was", x)
	x = 2
	words := []string{"a", "b"}
	defer fmt.Println(strings.Join(words, "+"), len(words))
	words = append(words, "c")
	c := counter{1}
	defer c.report("value receiver")
	c.n = 5
	defer fmt.Println("constant", 3, nil)
	fmt.Println("body done", x, words, c.n)
}
`},
		{"multi-line defer keeps going", `package main

import "fmt"

func pair() (int, string) { return 7, "seven" }

func show(n int, s string) { fmt.Println(n, s) }

func main() {
	n := 10
	defer fmt.Printf("%d %s\n",
		n,
		"ten")
	n = 11
	defer show(pair())
	fmt.Println("end")
}
`},
	})
}
