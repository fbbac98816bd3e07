package engine

import (
	"slices"
	"testing"
	"time"
)

func TestStabilise(t *testing.T) {
	res := Result{Events: []Event{
		{Stream: Stdout, Text: "cwd /tmp/snippet9\n"},
		{Stream: Stderr, Text: "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/tmp/snippet9/main.go:12 +0x1d\n" +
			"sync.(*WaitGroup).Add(0x1, 0xffffffffffffffff)\n\t/usr/local/go/src/sync/waitgroup.go:118 +0x23a\n" +
			"      /tmp/snippet9/main.go:15 +0x44\nfmt.Println(\"+0x1\")\n"},
	}}
	res.Stabilise("/tmp/snippet9")
	want := []Event{
		{Stream: Stdout, Text: "cwd .\n"},
		{Stream: Stderr, Text: "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:12\n" +
			"sync.(*WaitGroup).Add(0x1, 0xffffffffffffffff)\n\t/usr/local/go/src/sync/waitgroup.go:118\n" +
			"      main.go:15\nfmt.Println(\"+0x1\")\n"},
	}
	if !slices.Equal(res.Events, want) {
		t.Errorf("Stabilise:\n%q\nwant\n%q", res.Events, want)
	}
}

func TestEnd(t *testing.T) {
	lim := Limits{Timeout: 2 * time.Second, MaxOutput: 4096, MaxMemory: 64 << 20, MaxTasks: 100}
	tests := []struct {
		name    string
		stderr  string
		end     Ending
		outcome Outcome
		exit    int
		note    string
		last    string
	}{
		{"ok", "", Ending{Code: 0, State: "exit status 0"}, OK, 0, "", ""},
		{"exit", "", Ending{Code: 3, State: "exit status 3"}, Exit, 3, "", "exit status 3\n"},
		{"panic", "panic: boom\n\ngoroutine 1 [running]:\n", Ending{Code: 2, State: "exit status 2"}, Panic, 2, "", "exit status 2\n"},
		{"deadlock", DeadlockMsg + "\n", Ending{Code: 2, State: "exit status 2"}, Deadlock, 2, "", "exit status 2\n"},
		{"exit 2 without a panic", "usage\n", Ending{Code: 2, State: "exit status 2"}, Exit, 2, "", "exit status 2\n"},
		{"signal", "", Ending{Code: -1, State: "signal: killed"}, Exit, -1, "", "signal: killed\n"},
		{"timeout", "", Ending{Killed: KillTimeout, Code: -1}, Timeout, -1, "killed after 2s: the program never finished", ""},
		{"memory", "", Ending{Killed: KillMemory, Code: -1}, Memory, -1, "killed: the program used more than 64 MiB of memory", ""},
		{"tasks", "", Ending{Killed: KillTasks, Code: -1}, Tasks, -1, "killed: the program ran more than 100 processes and threads", ""},
		{"output", "", Ending{Killed: KillOutput, Code: -1}, OutputLimit, -1, "output cut at 4 KiB: the program kept printing", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Result
			r.Append(Stderr, tt.stderr)
			r.End(tt.end, lim)
			if r.Outcome != tt.outcome || r.ExitCode != tt.exit || r.Note != tt.note {
				t.Errorf("outcome %s, exit %d, note %q; want %s, %d, %q", r.Outcome, r.ExitCode, r.Note, tt.outcome, tt.exit, tt.note)
			}
			if got := r.Stderr(); got != tt.stderr+tt.last {
				t.Errorf("stderr %q, want %q", got, tt.stderr+tt.last)
			}
		})
	}
}

func TestSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{{512 << 20, "512 MiB"}, {1 << 30, "1 GiB"}, {4096, "4 KiB"}, {1000, "1000 bytes"}, {1536 << 20, "1536 MiB"}}
	for _, tt := range tests {
		if got := Size(tt.n); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
