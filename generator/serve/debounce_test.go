package serve

import (
	"context"
	"slices"
	"testing"
	"time"
)

// fakeClock hands each timer the debouncer starts to the test, which fires
// it when it chooses: no real time passes.
type fakeClock struct {
	timers chan chan time.Time
}

func (c *fakeClock) after(time.Duration) <-chan time.Time {
	t := make(chan time.Time, 1)
	c.timers <- t
	return t
}

func TestDebounce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := &fakeClock{timers: make(chan chan time.Time)}
	in, out := make(chan string), make(chan []string)
	go debounce(ctx, in, out, quiet, clock.after)

	// One save, as an editor does it: several events for a few files.
	var timers []chan time.Time
	for _, p := range []string{"a.md", "a.md", "b.md", "a.md"} {
		in <- p
		timers = append(timers, <-clock.timers)
	}
	// A timer that a later event replaced must not end the batch.
	timers[0] <- time.Time{}
	in <- "c.md"
	last := <-clock.timers
	last <- time.Time{}
	if got, want := <-out, []string{"a.md", "b.md", "c.md"}; !slices.Equal(got, want) {
		t.Errorf("first batch %q, want %q", got, want)
	}

	// The next save starts a new batch.
	in <- "b.md"
	(<-clock.timers) <- time.Time{}
	if got, want := <-out, []string{"b.md"}; !slices.Equal(got, want) {
		t.Errorf("second batch %q, want %q", got, want)
	}
}
