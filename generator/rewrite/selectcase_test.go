package rewrite

import "testing"

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
