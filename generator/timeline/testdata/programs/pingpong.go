// Two goroutines hand a ball back and forth many times: a long trace.
package main

import "fmt"

func player(in <-chan int, out chan<- int, done chan<- int) {
	for n := range in {
		if n == 0 {
			done <- n
			return
		}
		out <- n - 1
	}
}

func main() {
	ping, pong, done := make(chan int), make(chan int), make(chan int)
	go player(ping, pong, done)
	go player(pong, ping, done)
	ping <- 3_000
	fmt.Println("rallies left:", <-done)
}
