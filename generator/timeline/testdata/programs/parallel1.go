// Three CPU-bound tasks on one processor: they take turns.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

// countPrimes counts the primes in [lo, hi) by trial division: pure CPU work.
func countPrimes(lo, hi int) int {
	n := 0
	for i := max(lo, 2); i < hi; i++ {
		prime := true
		for d := 2; d*d <= i; d++ {
			if i%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			n++
		}
	}
	return n
}

func main() {
	runtime.GOMAXPROCS(1)
	const limit, parts = 600_000, 3
	counts := make([]int, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { counts[p] = countPrimes(p*limit/parts, (p+1)*limit/parts) })
	}
	wg.Wait()
	fmt.Println(counts[0] + counts[1] + counts[2])
}
