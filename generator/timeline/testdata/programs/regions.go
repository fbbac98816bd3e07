// A program that labels its own work with runtime/trace tasks, regions and
// log messages.
package main

import (
	"context"
	"fmt"
	"runtime/trace"
	"sync"
	"time"
)

// spin keeps the CPU busy for about d, so the work shows on the timeline.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func main() {
	ctx, task := trace.NewTask(context.Background(), "make tea")
	var wg sync.WaitGroup
	wg.Go(func() {
		trace.WithRegion(ctx, "boil water", func() { spin(3 * time.Millisecond) })
	})
	wg.Go(func() {
		trace.WithRegion(ctx, "warm cups", func() { spin(time.Millisecond) })
		trace.Log(ctx, "cups", "2 warm")
	})
	wg.Wait()
	trace.WithRegion(ctx, "steep", func() { spin(2 * time.Millisecond) })
	task.End()
	fmt.Println("tea is ready")
}
