// Three goroutines queue on one lock. Each holds it across a short sleep,
// so the others reach Lock while it is held, even on one processor.
package main

import (
	"fmt"
	"sync"
	"time"
)

func worker(mu *sync.Mutex, total *int) {
	for range 2 {
		mu.Lock()
		time.Sleep(time.Millisecond)
		*total++
		mu.Unlock()
	}
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for range 3 {
		wg.Go(func() { worker(&mu, &total) })
	}
	wg.Wait()
	fmt.Println("total", total)
}
