package rewrite

import "testing"

func TestMethodValues(t *testing.T) {
	conform(t, []conformCase{
		{"bound to a copy of a value receiver", `package main

import "fmt"

type S struct{ n int }

func (s S) Get() int   { return s.n }
func (s *S) Ptr() int  { return s.n }
func apply(f func() int) int { return f() }

func main() {
	s := S{1}
	get, ptr := s.Get, s.Ptr
	p := &S{10}
	pget := p.Get
	s.n, p.n = 2, 20
	fmt.Println(get(), ptr(), pget(), apply(s.Get), s.Get())
}
`},
	})
}
