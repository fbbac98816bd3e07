package runner

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
)

func TestRunCanceled(t *testing.T) {
	for _, e := range both {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(500*time.Millisecond, cancel)
			start := time.Now()
			_, err := testRunner.Run(ctx, Request{Engine: e, Source: prog(`for {}`), Timeout: generous})
			if err == nil || ctx.Err() == nil {
				t.Fatalf("err = %v, want the context's error", err)
			}
			if d := time.Since(start); d > generous/2 {
				t.Errorf("Run took %v after the context was canceled", d)
			}
		})
	}
}

func TestRunRemovesTempDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	r, err := Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range both {
		for _, src := range []string{prog(`fmt.Println("hi")`), prog(`for {}`)} {
			if _, err := r.Run(context.Background(), Request{Engine: e, Source: src, Timeout: time.Second}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range left {
		t.Errorf("left behind in the temporary directory: %s", f.Name())
	}
}

// prog wraps body in a main function with the imports the cases use.
func prog(body string) string {
	return "package main\n\nimport (\n\t\"bytes\"\n\t\"fmt\"\n\t\"os\"\n\t\"time\"\n)\n\n" +
		"var _, _, _, _ = bytes.Repeat, fmt.Print, os.Exit, time.Sleep\n\n" +
		"func main() {\n" + body + "\n}\n"
}

func wantEvents(t *testing.T, res engine.Result, want ...engine.Event) {
	t.Helper()
	if len(res.Events) != len(want) {
		t.Errorf("events = %q\nwant     %q", res.Events, want)
		return
	}
	for i := range want {
		if res.Events[i] != want[i] {
			t.Errorf("events = %q\nwant     %q", res.Events, want)
			return
		}
	}
}

func wantLast(t *testing.T, res engine.Result, text string) {
	t.Helper()
	n := len(res.Events)
	if n == 0 || res.Events[n-1] != (engine.Event{Stream: engine.Stderr, Text: text}) &&
		!(res.Events[n-1].Stream == engine.Stderr && strings.HasSuffix(res.Events[n-1].Text, "\n"+text)) {
		t.Errorf("events = %q, want the last to end with stderr %q", res.Events, text)
	}
}

func wantNote(t *testing.T, res engine.Result, note string) {
	t.Helper()
	if res.Note != note {
		t.Errorf("note = %q, want %q", res.Note, note)
	}
}
