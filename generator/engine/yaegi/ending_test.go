package yaegi

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
)

// Traces written by a yaegi child's Go runtime (frames shortened).
const (
	compilePanic = "2026/11/29 02:22:25 nil type\npanic: nil type\n\ngoroutine 1 [running]:\n" +
		"log.Panic({0x223ccc961538?, 0x223ccc961548?, 0x6d44d5?})\n\t/usr/local/go/src/log/log.go:451 +0x6e\n" +
		"github.com/traefik/yaegi/interp.(*scope).add(0x223ccc8e26c0, 0x0)\n\t/root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/scope.go:207 +0x4e\n" +
		"github.com/traefik/yaegi/interp.(*Interpreter).CompileAST(0x223ccca28008, {0xf59088?, 0x223ccc8f0aa0?})\n" +
		"\t/root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/program.go:97 +0x145\n" +
		"main.main()\n\t/work/main/generator/main.go:20 +0x105\n"
	goroutinePanic = "panic: boom [recovered, repanicked]\n\ngoroutine 8 [running]:\n" +
		"github.com/traefik/yaegi/interp.runCfg.func1()\n\t/root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:226 +0x1ae\n" +
		"panic({0xee7b60?, 0x90deb040438?})\n\t/usr/local/go/src/runtime/panic.go:860 +0x13a\n" +
		"github.com/traefik/yaegi/interp._panic.func1(0x90deb056870?)\n\t/root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:931 +0x46\n" +
		"created by github.com/traefik/yaegi/interp.call.func9 in goroutine 1\n\t/root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:1322 +0xf0f\n"
	reflectMisuse = "panic: reflect: call of reflect.Value.Type on zero Value [recovered, repanicked]\n\ngoroutine 1 [running]:\n" +
		"github.com/traefik/yaegi/interp.runCfg.func1()\n\t/root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:226 +0x1ae\n"
	deadlock = engine.DeadlockMsg + "\n\ngoroutine 1 [chan send]:\nreflect.chansend0(0xd928c0?, 0x143c93222700?, 0x54?)\n" +
		"\t/usr/local/go/src/runtime/chan.go:810 +0x1b\ngithub.com/traefik/yaegi/interp.send.func1(0x143c92fe20b0)\n" +
		"\t/root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:3694 +0x69\n\n" +
		"goroutine 5 [select]:\nmain.helper()\n\t/work/main/x.go:1 +0x1\n"
)

func TestInterpreterFault(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want bool
	}{
		{"panic while compiling", compilePanic, true},
		{"program panic in a goroutine", goroutinePanic, false},
		{"reflect misused while running", reflectMisuse, true},
		{"deadlock", deadlock, false},
		{"nothing", "", false},
		{"panic without interpreter frames", "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := interpreterFault(tt.raw); got != tt.want {
				t.Errorf("interpreterFault() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWithoutFrames(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"goroutine panic", goroutinePanic, "panic: boom\n"},
		{"deadlock", deadlock, engine.DeadlockMsg + "\n"},
		{"nested panic", "panic: a [recovered]\n\tpanic: b\n\ngoroutine 1 [running]:\nx()\n", "panic: a [recovered]\n\tpanic: b\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := withoutFrames(tt.raw); got != tt.want {
				t.Errorf("withoutFrames() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestTrimInterpreterFrames(t *testing.T) {
	res := engine.Result{Events: []engine.Event{
		{Stream: engine.Stdout, Text: "started\n"},
		{Stream: engine.Stderr, Text: "7:3: panic: main.main.func(...)\n" + goroutinePanic},
	}}
	trimInterpreterFrames(&res)
	want := []engine.Event{
		{Stream: engine.Stdout, Text: "started\n"},
		{Stream: engine.Stderr, Text: "7:3: panic: main.main.func(...)\npanic: boom\n"},
	}
	if !slices.Equal(res.Events, want) {
		t.Errorf("events %q\nwant   %q", res.Events, want)
	}
}

func TestDecodeReport(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want report
	}{
		{"nothing to report", "", report{}},
		{"diagnostics", `{"diagnostics":[{"line":3,"col":2,"msg":"undefined: x"}]}`,
			report{Diagnostics: []engine.Diagnostic{{Line: 3, Col: 2, Msg: "undefined: x"}}}},
		{"failure", `{"failure":"nil type"}`, report{Failure: "nil type"}},
		{"garbage", `{"fail`, report{Error: "decoding the interpreting process's report: unexpected end of JSON input"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeReport([]byte(tt.in)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decodeReport(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestFinishKilledAfterPanic: a panic ended the program, and the host
// killed the process at its time limit while the engine ran the program
// again to find the lines of the frames. The program ended with the panic;
// only the frames are missing, and the result says so.
func TestFinishKilledAfterPanic(t *testing.T) {
	rec := engine.NewRecorder(1 << 20)
	dec := NewDecoder(rec)
	var stream bytes.Buffer
	sink := &frameSink{w: &stream}
	streamWriter{sink, tagStdout}.Write([]byte("start\n"))
	sink.send(report{Ended: "panic: boom\n"})
	dec.Write(stream.Bytes())
	lim := engine.Limits{Timeout: time.Second}
	res, err := Finish(rec, dec, engine.Ending{Killed: engine.KillTimeout, Code: -1, State: "signal: killed"}, lim)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != engine.Panic || res.ExitCode != 2 || res.Stdout() != "start\n" ||
		res.Stderr() != "panic: boom\nexit status 2\n" || res.Unsure == "" {
		t.Errorf("Finish = %s, exit %d, stdout %q, stderr %q, unsure %q; want a panic with the first line and a reason",
			res.Outcome, res.ExitCode, res.Stdout(), res.Stderr(), res.Unsure)
	}
}
