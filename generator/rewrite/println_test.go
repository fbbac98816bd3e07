package rewrite

import "testing"

func TestPrintBuiltins(t *testing.T) {
	conform(t, []conformCase{
		{"println and print go to stderr", `package main

import "fmt"

type celsius float64

func main() {
	var f32 float32 = 1.5
	var p *int
	var s []int
	var e error
	println("hi", 1, -2, 2.5, 1e100, 1.0/3, f32, true, 'x', uint8(3), complex(1, 2), celsius(-0.5))
	println(p, s, e)
	print("a", "b", 1, 2, "\n")
	println()
	fmt.Println("stdout")
}
`},
	})
}
