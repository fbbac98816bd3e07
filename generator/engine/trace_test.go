package engine

import (
	"slices"
	"testing"
)

// The reports below are what go run printed (Go 1.26), after Stabilise.
func TestCutStderr(t *testing.T) {
	tests := []struct {
		name, stderr, want string
	}{
		{"no report", "a warning\n", "a warning\n"},
		{"frames of the standard library",
			"panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\n" +
				"sync.(*WaitGroup).Add(0x30a1d8406000, 0xffffffffffffffff)\n\t/usr/local/go/src/sync/waitgroup.go:118\n" +
				"sync.(*WaitGroup).Done(...)\n\t/usr/local/go/src/sync/waitgroup.go:156\n" +
				"main.main()\n\tmain.go:9\nexit status 2\n",
			"panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:9\nexit status 2\n"},
		{"a goroutine's panic",
			"panic: worker failed\n\ngoroutine 23 [running]:\nmain.worker(...)\n\tmain.go:7\nmain.main.func1()\n\tmain.go:14\n" +
				"created by main.main in goroutine 1\n\tmain.go:13\nexit status 2\n",
			"panic: worker failed\n\ngoroutine 23 [running]:\nmain.worker(...)\n\tmain.go:7\nmain.main.func1(...)\n\tmain.go:14\n" +
				"created by main.main in goroutine 1\n\tmain.go:13\nexit status 2\n"},
		{"a deadlock, after output",
			"waiting\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [sync.WaitGroup.Wait]:\n" +
				"sync.runtime_SemacquireWaitGroup(0x2?, 0xa0?)\n\t/usr/local/go/src/runtime/sema.go:114\n" +
				"sync.(*WaitGroup).Wait(0x793554800c0)\n\t/usr/local/go/src/sync/waitgroup.go:206\nmain.main()\n\tmain.go:18\n\n" +
				"goroutine 7 [chan send]:\nmain.main.func1()\n\tmain.go:15\ncreated by main.main in goroutine 1\n\tmain.go:12\nexit status 2\n",
			"waiting\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [sync.WaitGroup.Wait]:\nmain.main(...)\n\tmain.go:18\n\n" +
				"goroutine 7 [chan send]:\nmain.main.func1(...)\n\tmain.go:15\ncreated by main.main in goroutine 1\n\tmain.go:12\nexit status 2\n"},
		{"a signal line and a method",
			"panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x49e150]\n\n" +
				"goroutine 1 [running]:\nmain.(*T).get(...)\n\tmain.go:7\nmain.main()\n\tmain.go:11\nexit status 2\n",
			"panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x49e150]\n\n" +
				"goroutine 1 [running]:\nmain.(*T).get(...)\n\tmain.go:7\nmain.main(...)\n\tmain.go:11\nexit status 2\n"},
		{"a generic function and a created-by outside main",
			"panic: boom\n\ngoroutine 8 [running]:\nmain.apply[...](0x5?, {0xc00001, 0x3, 0x3})\n\tmain.go:5\n" +
				"created by time.goFunc\n\t/usr/local/go/src/time/sleep.go:215\n...additional frames elided...\nexit status 2\n",
			"panic: boom\n\ngoroutine 8 [running]:\nmain.apply[...](...)\n\tmain.go:5\nexit status 2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CutStderr(tt.stderr); got != tt.want {
				t.Errorf("CutStderr:\n%s\nwant\n%s", got, tt.want)
			}
			// What the interpreter writes is already cut, and cutting again
			// changes nothing.
			if got := CutStderr(tt.want); got != tt.want {
				t.Errorf("CutStderr of its own output:\n%s", got)
			}
		})
	}
}

func TestSameStderr(t *testing.T) {
	goRun := Result{Events: []Event{{Stderr, "panic: boom\n\ngoroutine 1 [running]:\nmain.f(0x5)\n\tmain.go:4\nmain.main()\n\tmain.go:8\nexit status 2\n"}}}
	tests := []struct {
		name   string
		stderr string
		same   bool
	}{
		{"the same frames", "panic: boom\n\ngoroutine 1 [running]:\nmain.f(...)\n\tmain.go:4\nmain.main(...)\n\tmain.go:8\nexit status 2\n", true},
		{"another line", "panic: boom\n\ngoroutine 1 [running]:\nmain.f(...)\n\tmain.go:5\nmain.main(...)\n\tmain.go:8\nexit status 2\n", false},
		{"a frame missing", "panic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:8\nexit status 2\n", false},
		{"the first line only", "panic: boom\nexit status 2\n", false},
		{"another goroutine", "panic: boom\n\ngoroutine 6 [running]:\nmain.f(...)\n\tmain.go:4\nmain.main(...)\n\tmain.go:8\nexit status 2\n", false},
		{"another message", "panic: bang\n\ngoroutine 1 [running]:\nmain.f(...)\n\tmain.go:4\nmain.main(...)\n\tmain.go:8\nexit status 2\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Result{Events: []Event{{Stderr, tt.stderr}}}
			if same := SameStderr(&got, &goRun); same != tt.same {
				t.Errorf("SameStderr = %v, want %v", same, tt.same)
			}
		})
	}
}

func TestCutTraces(t *testing.T) {
	r := Result{Events: []Event{
		{Stdout, "start\n"},
		{Stderr, "log line\npanic: boom\n\ngoroutine 1 [running]:\n"},
		{Stdout, "late\n"},
		{Stderr, "runtime.f(0x1)\n\t/go/src/runtime/x.go:3\nmain.main()\n\tmain.go:8\nexit status 2\n"},
	}}
	if !r.CutTraces() {
		t.Fatal("CutTraces cut nothing")
	}
	want := []Event{
		{Stdout, "start\n"},
		{Stderr, "log line\npanic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:8\nexit status 2\n"},
		{Stdout, "late\n"},
	}
	if !slices.Equal(r.Events, want) {
		t.Errorf("events:\n%q\nwant\n%q", r.Events, want)
	}
	if r.CutTraces() {
		t.Error("cutting twice changed something")
	}
}
