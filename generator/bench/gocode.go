package main

import (
	"fmt"
	"strings"
)

// The three Go programs of a lesson, 40 lines each. Every placeholder is the
// lesson's number or something derived from it, so no two blocks in a
// corpus are the same and no cache (the generator's or chroma's) can reuse
// work. Between them they use every kind of token a lexer sees: keywords,
// builtins, calls, strings, raw strings, runes, numbers of several forms,
// line and block comments, operators.
var goBlocks = [3]string{
	`package main

import (
	"fmt"
	"sync"
)

// worker%[1]d squares the jobs it receives until jobs is closed.
func worker%[1]d(id int, jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- j * j %% %[2]d
	}
}

func main() {
	const workers = %[3]d
	jobs := make(chan int, %[4]d)
	results := make(chan int, %[4]d)
	var wg sync.WaitGroup
	for w := 1; w <= workers; w++ {
		wg.Add(1)
		go worker%[1]d(w, jobs, results, &wg)
	}
	for j := 0; j < %[4]d; j++ {
		jobs <- j + %[1]d
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for r := range results {
		sum += r
	}
	/* The order of the results varies from run to run;
	   their sum does not. */
	fmt.Printf("lesson %[1]d: sum of squares = %%d\n", sum)
}`,
	`package main

import (
	"context"
	"fmt"
	"time"
)

type stage%[1]d struct {
	name  string
	delay time.Duration
	ratio float64
}

func (s stage%[1]d) run(ctx context.Context, in <-chan float64) <-chan float64 {
	out := make(chan float64)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v * s.ratio:
			case <-time.After(s.delay):
				fmt.Printf("%%s: stage %[1]d took longer than %%v\n", s.name, s.delay)
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), %[5]d*time.Millisecond)
	defer cancel()
	src := make(chan float64, 1)
	src <- %[1]d.5e-1 + 'x'/2.0
	close(src)
	fmt.Println(<-stage%[1]d{"scale", time.Second, 0x%[6]x}.run(ctx, src))
}`,
	"package main\n\n" +
		`import (
	"fmt"
	"strings"
	"sync"
)

// counter%[1]d is safe for concurrent use: every method takes mu first.
type counter%[1]d struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *counter%[1]d) add(word string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[strings.ToLower(word)] += n
}

func main() {
	c := counter%[1]d{counts: map[string]int{}}
	text := ` + "`" + `Go %[1]d: share memory by communicating, don't communicate by sharing memory` + "`" + `
	var wg sync.WaitGroup
	for i, word := range strings.Fields(text) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if word[0] == '%[7]c' || i%%%[2]d == 0 {
				c.add(word, i<<1|1)
			}
		}()
	}
	wg.Wait()
	keys := make([]string, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	fmt.Println(len(keys), "distinct words;", 1_000+%[1]d, "is not one of them")
}`,
}

// goBlock returns block k (0, 1 or 2) of lesson n.
func goBlock(n, k int) string {
	return fmt.Sprintf(goBlocks[k],
		n,              // 1: names and values
		n%7+2,          // 2: a modulus
		n%4+2,          // 3: workers
		n%50+10,        // 4: jobs
		n%900+100,      // 5: milliseconds
		n%4095+1,       // 6: a hex constant
		rune('a'+n%26), // 7: a letter
	)
}

// blockLines is how many lines every block has.
func blockLines(code string) int { return strings.Count(code, "\n") + 1 }
