package rewrite

import "testing"

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
