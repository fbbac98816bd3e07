// Goroutines that sleep give their processor away while they wait.
package main

import (
	"fmt"
	"sync"
	"time"
)

func napper(d time.Duration, wg *sync.WaitGroup) {
	defer wg.Done()
	time.Sleep(d)
}

func main() {
	var wg sync.WaitGroup
	for _, d := range []time.Duration{2 * time.Millisecond, 4 * time.Millisecond} {
		wg.Add(1)
		go napper(d, &wg)
	}
	time.Sleep(time.Millisecond)
	wg.Wait()
	fmt.Println("awake")
}
