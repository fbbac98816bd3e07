package rewrite

import "testing"

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
