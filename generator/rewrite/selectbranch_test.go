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
