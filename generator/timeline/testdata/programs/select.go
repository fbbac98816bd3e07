// select waits on two channels at once and takes whichever is ready.
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

func source(d time.Duration, out chan<- string, name string) {
	spin(d)
	out <- name
}

func main() {
	fast, slow := make(chan string), make(chan string)
	go source(time.Millisecond, fast, "fast")
	go source(3*time.Millisecond, slow, "slow")
	for range 2 {
		select {
		case s := <-fast:
			fmt.Println(s)
		case s := <-slow:
			fmt.Println(s)
		}
	}
}
