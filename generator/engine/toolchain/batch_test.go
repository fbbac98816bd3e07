package toolchain

import (
	"context"
	"testing"
	"time"
)

// TestBatcherGathersWhileBuilding follows two lessons asking for programs
// while the first one's build is under way: the second is queued for the
// same builder's next build, and a run of its program waits for that
// build instead of building it again.
func TestBatcherGathersWhileBuilding(t *testing.T) {
	var q batcher
	built := map[string]bool{}
	has := func(key string) bool { return built[key] }
	a, b, c := Program{Source: "a"}, Program{Source: "b"}, Program{Source: "c"}
	vet := Program{Source: "v", Vet: true}

	if !q.enqueue([]Program{a, vet}, has) {
		t.Fatal("the first Prepare is not the builder")
	}
	first := q.take(0)
	if len(first) != 1 || first[0].Source != "a" {
		t.Fatalf("first build = %v, want a alone (vet builds nothing)", first)
	}
	// While a builds, another lesson asks for a (under way), b and c.
	if q.enqueue([]Program{a, b, c}, has) {
		t.Error("a second Prepare became a builder while one builds")
	}
	waited := make(chan error)
	go func() { waited <- q.wait(context.Background(), buildKey(b)) }()
	q.finish(first)
	built[buildKey(a)] = true
	next := q.take(0)
	if len(next) != 2 || next[0].Source != "b" || next[1].Source != "c" {
		t.Fatalf("next build = %v, want b and c together", next)
	}
	select {
	case err := <-waited:
		t.Fatalf("a run of b stopped waiting (%v) before b's build was over", err)
	case <-time.After(20 * time.Millisecond):
	}
	q.finish(next)
	if err := <-waited; err != nil {
		t.Fatal(err)
	}
	if rest := q.take(0); len(rest) != 0 {
		t.Fatalf("left in the queue: %v", rest)
	}
	// The builder has stopped: the next Prepare builds, what is built is
	// not asked for again.
	if !q.enqueue([]Program{a, c}, has) {
		t.Error("a Prepare after the builder stopped did not become the builder")
	}
	if got := q.take(0); len(got) != 1 || got[0].Source != "c" {
		t.Errorf("build = %v, want c only (a is built)", got)
	}
}

// TestWaitEndsWithContext: a run that waits for a build stops waiting when
// its context ends.
func TestWaitEndsWithContext(t *testing.T) {
	var q batcher
	q.enqueue([]Program{{Source: "a"}}, func(string) bool { return false })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := q.wait(ctx, buildKey(Program{Source: "a"})); err == nil {
		t.Error("wait returned nil with its context done and the build under way")
	}
	if err := q.wait(context.Background(), buildKey(Program{Source: "other"})); err != nil {
		t.Errorf("wait for a build that is not under way: %v", err)
	}
}
