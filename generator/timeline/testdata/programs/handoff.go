// An unbuffered channel: each send waits for the receiver, so sender and
// receiver meet at every value.
package main

import (
	"fmt"
	"time"
)

// spin keeps the CPU busy for about d, so the work shows on the timeline.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func producer(ch chan<- int) {
	for i := range 3 {
		spin(2 * time.Millisecond)
		ch <- i
	}
	close(ch)
}

func main() {
	ch := make(chan int)
	go producer(ch)
	for v := range ch {
		spin(time.Millisecond)
		fmt.Println("received", v)
	}
}
