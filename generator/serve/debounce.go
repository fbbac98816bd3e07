package serve

import (
	"context"
	"slices"
	"time"
)

// quiet is how long the sources must stay unchanged before a build starts.
// One save is often several events (vim writes a test file, renames the
// old one, writes the new, sets its mode), all within a few milliseconds.
const quiet = 100 * time.Millisecond

// debounce gathers the paths arriving on in into batches, each sent on out
// once no new path came for the quiet period, in order of first arrival
// and without repeats. after is time.After, or a fake clock in tests.
func debounce(ctx context.Context, in <-chan string, out chan<- []string, wait time.Duration, after func(time.Duration) <-chan time.Time) {
	var batch []string
	var timer <-chan time.Time // nil, so never ready, while nothing is waiting
	for {
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				return
			}
			if !slices.Contains(batch, p) {
				batch = append(batch, p)
			}
			timer = after(wait)
		case <-timer:
			select {
			case out <- batch:
			case <-ctx.Done():
				return
			}
			batch, timer = nil, nil
		}
	}
}
