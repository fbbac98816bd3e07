package runner

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/snippet"
	"github.com/gonotes/concurrency/generator/timeline"
)

// handoff passes one value from a goroutine to main over an unbuffered
// channel.
const handoff = `package main

import "fmt"

func main() {
	ch := make(chan string)
	go func() { ch <- "hello" }()
	fmt.Println(<-ch)
}
`

// TestTrace runs a program traced, in the sandbox, and reads the trace
// that came out of it through the pipe: the program printed what it
// prints untraced, and the trace shows its two goroutines.
func TestTrace(t *testing.T) {
	ctx := context.Background()
	plain, err := testRunner.Run(ctx, Request{Engine: snippet.Go, Source: handoff, Timeout: generous})
	if err != nil {
		t.Fatal(err)
	}
	traced, err := testRunner.Run(ctx, Request{Engine: snippet.Go, Source: handoff, Timeout: generous, Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	if traced.Outcome != engine.OK || traced.Stdout() != plain.Stdout() || traced.Stderr() != plain.Stderr() {
		t.Errorf("traced: %s, %q, %q; untraced: %s, %q, %q", traced.Outcome, traced.Stdout(), traced.Stderr(),
			plain.Outcome, plain.Stdout(), plain.Stderr())
	}
	if plain.Trace != nil {
		t.Errorf("an untraced run has a trace of %d bytes", len(plain.Trace))
	}
	tl, err := timeline.Parse(bytes.NewReader(traced.Trace))
	if err != nil {
		t.Fatalf("the trace (%d bytes) does not parse: %v", len(traced.Trace), err)
	}
	if len(tl.Goroutines) != 2 || tl.Incomplete || tl.Stopped != "" {
		t.Errorf("want a whole trace of main and its goroutine; got %d goroutines, incomplete %v, stopped %q",
			len(tl.Goroutines), tl.Incomplete, tl.Stopped)
	}
}

// TestTraceLimit runs a program whose trace grows without end: it is
// stopped at the limit, and the note says why.
func TestTraceLimit(t *testing.T) {
	src := "package main\n\nfunc main() {\n\tfor {\n\t\tdone := make(chan bool)\n\t\tgo func() { done <- true }()\n\t\t<-done\n\t}\n}\n"
	res, err := testRunner.Run(context.Background(), Request{Engine: snippet.Go, Source: src, Timeout: generous, Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != engine.OutputLimit || !strings.Contains(res.Note, "execution trace passed 8 MiB") {
		t.Errorf("outcome %s, note %q; want output-limit, saying the trace passed 8 MiB", res.Outcome, res.Note)
	}
	if len(res.Trace) > 8<<20 {
		t.Errorf("kept %d bytes of trace, over the limit", len(res.Trace))
	}
}

// TestTraceRefused checks the programs that cannot be traced: one that
// starts its own trace is the builder's error, one that does not compile
// is a compile error in Go's words, and yaegi has no trace to give.
func TestTraceRefused(t *testing.T) {
	ctx := context.Background()
	own := "package main\n\nimport (\n\t\"os\"\n\t\"runtime/trace\"\n)\n\nfunc main() {\n\ttrace.Start(os.Stderr)\n}\n"
	if _, err := testRunner.Run(ctx, Request{Engine: snippet.Go, Source: own, Timeout: generous, Trace: true}); err == nil || !strings.Contains(err.Error(), "trace.Start") {
		t.Errorf("a program calling trace.Start: err %v, want one naming trace.Start", err)
	}
	broken := "package main\n\nfunc main() {\n\tx :=\n}\n"
	res, err := testRunner.Run(ctx, Request{Engine: snippet.Go, Source: broken, Timeout: generous, Trace: true})
	if err != nil || res.Outcome != engine.CompileError || len(res.Diagnostics) == 0 || res.Diagnostics[0].Line != 5 {
		t.Errorf("a program that does not parse: %v, %s, %+v; want Go's compile error at line 5", err, res.Outcome, res.Diagnostics)
	}
	if _, err := testRunner.Run(ctx, Request{Engine: snippet.Yaegi, Source: handoff, Trace: true}); err == nil {
		t.Error("yaegi accepted a request for a trace")
	}
}
