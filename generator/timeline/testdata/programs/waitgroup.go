// main waits in wg.Wait until the last worker calls Done.
package main

import (
	"fmt"
	"sync"
	"time"
)

// spin keeps the CPU busy for about d, so the work shows on the timeline.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func worker(n int) {
	spin(time.Duration(n) * time.Millisecond)
}

func main() {
	var wg sync.WaitGroup
	for n := 1; n <= 3; n++ {
		wg.Go(func() { worker(n) })
	}
	wg.Wait()
	fmt.Println("all done")
}
