package yaegi

import (
	"bytes"
	"slices"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
)

func TestFrames(t *testing.T) {
	var stream bytes.Buffer
	sink := &frameSink{w: &stream}
	streamWriter{sink, tagStdout}.Write([]byte("out 1\n"))
	streamWriter{sink, tagStderr}.Write([]byte("err 1\n"))
	streamWriter{sink, tagStdout}.Write(nil)
	streamWriter{sink, tagStdout}.Write([]byte("out 2\n"))
	sink.send(report{Failure: "boom"})
	want := []engine.Event{{Stream: engine.Stdout, Text: "out 1\n"}, {Stream: engine.Stderr, Text: "err 1\n"},
		{Stream: engine.Stdout, Text: "out 2\n"}}
	b := stream.Bytes()
	// Every way of cutting the stream in two must decode the same.
	for cut := 0; cut <= len(b); cut++ {
		rec := engine.NewRecorder(1 << 20)
		d := NewDecoder(rec)
		d.Write(b[:cut])
		d.Write(b[cut:])
		res := rec.Result()
		if rep := decodeReport(d.report); !slices.Equal(res.Events, want) || rep.Failure != "boom" || d.broken {
			t.Fatalf("cut at %d: events %q, report %+v, broken %v", cut, res.Events, rep, d.broken)
		}
	}
}

func TestFramesBroken(t *testing.T) {
	rec := engine.NewRecorder(1 << 20)
	d := NewDecoder(rec)
	d.Write([]byte{tagStdout, 0, 0, 0, 2, 'o', 'k'})
	d.Write([]byte("not a frame at all"))
	d.Write([]byte(", still"))
	want := []engine.Event{{Stream: engine.Stdout, Text: "oknot a frame at all, still"}}
	if res := rec.Result(); !slices.Equal(res.Events, want) || !d.broken {
		t.Errorf("events %q, broken %v; want %q, broken", res.Events, d.broken, want)
	}
}
