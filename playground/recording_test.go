package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/engine/yaegi"
)

// serveFrames interprets src as the run instance does, and returns the frames it
// wrote and its exit status.
func serveFrames(t *testing.T, src string) ([]byte, int) {
	t.Helper()
	req, err := json.Marshal(yaegi.Request{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	var frames bytes.Buffer
	code := yaegi.Serve(context.Background(), bytes.NewReader(req), &frames, programEnv())
	return frames.Bytes(), code
}

// replay feeds a recording with the frames in pieces of n bytes, as the
// worker hands them over.
func replay(r *recording, frames []byte, n int) (full bool) {
	for len(frames) > 0 {
		k := min(n, len(frames))
		full = r.write(1, frames[:k]) || full
		frames = frames[k:]
	}
	return full
}

func TestRecordingFinish(t *testing.T) {
	hello := "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfmt.Println(\"héllo\")\n\tfmt.Fprintln(os.Stderr, \"to stderr\")\n}\n"
	broken := "package main\n\nfunc main() {\n\tundefinedName()\n}\n"
	tests := []struct {
		name       string
		src        string
		killed     string
		elapsed    float64
		outcome    engine.Outcome
		out, note  string
		exitStatus int
	}{
		{name: "ok", src: hello, outcome: engine.OK, out: "héllo\nto stderr\n"},
		{name: "compile error", src: broken, outcome: engine.CompileError, exitStatus: 1,
			out: "main.go:4:2: undefined: undefinedName\n"},
		{name: "timeout", src: hello, killed: "timeout", outcome: engine.Timeout, exitStatus: -1,
			out: "héllo\nto stderr\n", note: "killed after 2s: the program never finished"},
		{name: "memory", src: hello, killed: "memory", outcome: engine.Memory, exitStatus: -1,
			out: "héllo\nto stderr\n", note: "killed: the program used more than 512 MiB of memory"},
		{name: "stopped by the reader", src: hello, killed: "stopped", elapsed: 1530, out: "héllo\nto stderr\n", note: "stopped after 1.5s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frames, code := serveFrames(t, tt.src)
			r := newRecording(2 * time.Second)
			if replay(r, frames, 3) {
				t.Fatal("the output is full")
			}
			res, err := r.finish(ending{Killed: tt.killed, Code: code, Elapsed: tt.elapsed})
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			for _, e := range res.Events {
				out.WriteString(e.Text)
			}
			if res.Outcome != tt.outcome || out.String() != tt.out || res.Note != tt.note || res.ExitCode != tt.exitStatus {
				t.Errorf("finish() = %s, exit %d, %q, note %q; want %s, exit %d, %q, note %q",
					res.Outcome, res.ExitCode, out.String(), res.Note, tt.outcome, tt.exitStatus, tt.out, tt.note)
			}
		})
	}
}

// TestRecordingFull: the recording says when the output passes the build's
// cap, and the Result says it was cut.
func TestRecordingFull(t *testing.T) {
	frames, code := serveFrames(t, "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() {\n\tfor range 600 {\n\t\tfmt.Println(strings.Repeat(\"x\", 2047))\n\t}\n}\n")
	r := newRecording(time.Second)
	if !replay(r, frames, 64<<10) {
		t.Fatal("1.2 MiB of output did not fill the recording")
	}
	res, err := r.finish(ending{Killed: "output", Code: code})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != engine.OutputLimit || len(res.Stdout()) != maxOutput || res.Note != "output cut at 1 MiB: the program kept printing" {
		t.Errorf("finish() = %s, %d bytes, note %q", res.Outcome, len(res.Stdout()), res.Note)
	}
}

// TestRecordingLive: live returns each piece of output once, in order,
// whatever the recorder merged.
func TestRecordingLive(t *testing.T) {
	r := newRecording(time.Second)
	r.write(2, []byte("err 1\n"))
	r.write(2, []byte("err 2\xe2\x82")) // a rune cut in two is held back
	var got []engine.Event
	got = append(got, r.live()...)
	r.write(2, []byte("\xac\n"))
	got = append(got, r.live()...)
	got = append(got, r.live()...) // nothing new
	want := []engine.Event{{Stream: engine.Stderr, Text: "err 1\nerr 2"}, {Stream: engine.Stderr, Text: "€\n"}}
	if len(got) != len(want) {
		t.Fatalf("live() gave %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("live() event %d = %q, want %q", i, got[i], want[i])
		}
	}
}
