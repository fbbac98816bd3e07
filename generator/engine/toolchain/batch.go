package toolchain

import (
	"context"
	"slices"
	"sync"
)

// batcher gathers the programs that Prepare is asked for while a build is
// under way, so that the next go build takes all of them: lessons worked on
// at once share builds instead of each starting the go command for its
// own few programs.
type batcher struct {
	mu       sync.Mutex
	queue    []Program
	inflight map[string]chan struct{} // by buildKey; closed when its build is over
	building bool                     // a Prepare is building the queue
}

// enqueue queues the programs of ps that are neither built nor on their
// way, and reports whether the caller is to build the queue: no one else
// is building it.
func (q *batcher) enqueue(ps []Program, built func(key string) bool) (build bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.inflight == nil {
		q.inflight = map[string]chan struct{}{}
	}
	for _, p := range ps {
		key := buildKey(p)
		if p.Vet || q.inflight[key] != nil || built(key) {
			continue
		}
		q.inflight[key] = make(chan struct{})
		q.queue = append(q.queue, p)
	}
	if q.building || len(q.queue) == 0 {
		return false
	}
	q.building = true
	return true
}

// take returns the first n queued programs, or all when n is 0, and
// removes them from the queue; when it is empty already, the caller stops
// building.
func (q *batcher) take(n int) []Program {
	q.mu.Lock()
	defer q.mu.Unlock()
	if n == 0 || n > len(q.queue) {
		n = len(q.queue)
	}
	ps := slices.Clone(q.queue[:n])
	q.queue = q.queue[n:]
	if len(ps) == 0 {
		q.building = false
	}
	return ps
}

// finish marks the builds of ps as over, whether they made a binary or not.
func (q *batcher) finish(ps []Program) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, p := range ps {
		key := buildKey(p)
		if ch := q.inflight[key]; ch != nil {
			close(ch)
			delete(q.inflight, key)
		}
	}
}

// wait waits until no build of key is under way, so that Run does not
// build again what a batch is building.
func (q *batcher) wait(ctx context.Context, key string) error {
	q.mu.Lock()
	ch := q.inflight[key]
	q.mu.Unlock()
	if ch == nil {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
