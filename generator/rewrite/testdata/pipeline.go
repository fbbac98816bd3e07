// A 100-line program in the style of the lessons, using every construct
// the rewrite handles; BenchmarkRewrite rewrites it and TestPipeline runs
// it.
package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

type job struct {
	id   int
	text string
}

type result struct {
	job   job
	words int
}

type stats struct{ done, failed int }

func (s stats) String() string { return fmt.Sprintf("%d done, %d failed", s.done, s.failed) }

var errEmpty = errors.New("empty text")

func count(j job) (result, error) {
	if strings.TrimSpace(j.text) == "" {
		return result{}, fmt.Errorf("job %d: %w", j.id, errEmpty)
	}
	return result{job: j, words: len(strings.Fields(j.text))}, nil
}

func worker(ctx context.Context, id int, jobs <-chan job, out chan<- result, errs chan<- error, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		select {
		case <-ctx.Done():
			return
		default:
		}
		r, err := count(j)
		if err != nil {
			errs <- err
			continue
		}
		out <- r
	}
	_ = id
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	texts := []string{"a b c", "", "go is fun", "one", "  ", "x y"}
	jobs := make(chan job, len(texts))
	out := make(chan result, len(texts))
	errs := make(chan error, len(texts))
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go worker(ctx, w, jobs, out, errs, &wg)
	}
	for i, t := range texts {
		jobs <- job{id: i, text: t}
	}
	close(jobs)
	wg.Wait()
	close(out)
	close(errs)

	byID := map[int]int{}
	for r := range out {
		byID[r.job.id] = r.words
	}
	var st stats
	report := st.String
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		fmt.Printf("job %d: %d words\n", id, byID[id])
		st.done++
	}
	var msgs []string
	for err := range errs {
		msgs = append(msgs, err.Error())
		st.failed++
	}
	slices.Sort(msgs)
	fmt.Println(strings.Join(msgs, "; "))
	defer fmt.Println("final:", st)
	fmt.Println("before:", report(), "after:", st.String())
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * max(i, 1) })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	println("to stderr", len(fs))
}
