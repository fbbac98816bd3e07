// Both goroutines wait to send and nobody receives.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() { ch <- 1 }()
	fmt.Println("sending")
	ch <- 2
}
