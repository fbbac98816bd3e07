package main

import (
	"fmt"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/engine/yaegi"
)

// Limits of a run in the browser: those of the build (the snippet's
// timeout, 10 s unless it says otherwise; 1 MiB of output; 512 MiB of
// memory). The page enforces the time limit, the worker the memory limit,
// and a recording the output cap.
const (
	maxOutput = 1 << 20
	maxMemory = 512 << 20
)

// programEnv is the environment a program sees, as in the build's sandbox.
func programEnv() []string { return []string{"PATH=/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp"} }

// A recording is the host's record of one run, fed by the worker with what
// the instance that ran the program wrote: on descriptor 1 the frames of
// yaegi.Serve, on 2 the Go runtime's own report when the program deadlocked
// or a goroutine panicked. It outlives the run instance, which dies with
// the program; when the page killed the whole worker, a new worker's host
// replays the bytes the page kept into a new recording.
type recording struct {
	rec    *engine.Recorder
	frames *yaegi.Decoder
	lim    engine.Limits
	// seen is how many events live has returned, and seenLen how much of
	// the last one's text: the recorder merges output into its last event.
	seen, seenLen int
}

func newRecording(timeout time.Duration) *recording {
	rec := engine.NewRecorder(maxOutput)
	return &recording{
		rec:    rec,
		frames: yaegi.NewDecoder(rec),
		lim:    engine.Limits{Timeout: timeout, MaxOutput: maxOutput, MaxMemory: maxMemory},
	}
}

// write records p, written on descriptor fd, and reports whether the output
// is now over the cap: the worker then kills the run.
func (r *recording) write(fd int, p []byte) (full bool) {
	if fd == 1 {
		r.frames.Write(p)
	} else {
		r.rec.Writer(engine.Stderr).Write(p)
	}
	return r.rec.Full()
}

// live returns the output recorded since its last call, for the page to
// show while the program runs; the output of the Result replaces it.
func (r *recording) live() []engine.Event {
	evs := r.rec.Events()
	out := []engine.Event{} // JSON [], not null
	for i := max(r.seen-1, 0); i < len(evs); i++ {
		text := evs[i].Text
		if i == r.seen-1 {
			text = text[r.seenLen:]
		}
		if text != "" {
			out = append(out, engine.Event{Stream: evs[i].Stream, Text: text})
		}
	}
	if n := len(evs); n > 0 {
		r.seen, r.seenLen = n, len(evs[n-1].Text)
	}
	return out
}

// ending is how the worker saw a run end.
type ending struct {
	// Killed says why the run was stopped from outside: "timeout",
	// "memory" and "output" are the build's limits, "stopped" is the
	// reader's Stop button; empty when the program ended by itself.
	Killed string `json:"killed,omitempty"`
	// Code is the exit status the instance ended with.
	Code int `json:"code"`
	// Elapsed is how long the program ran, in milliseconds, for the note
	// of a stopped run.
	Elapsed float64 `json:"elapsed,omitempty"`
}

// finish makes the run's Result, as the build would have: the
// classification, the cleaning of traces and the notes of a kill are
// yaegi.Finish's.
func (r *recording) finish(e ending) (engine.Result, error) {
	end := engine.Ending{Code: e.Code}
	if e.Code != 0 {
		end.State = fmt.Sprintf("exit status %d", e.Code)
	}
	switch e.Killed {
	case "":
	case "timeout":
		end.Killed = engine.KillTimeout
	case "memory":
		end.Killed = engine.KillMemory
	case "output":
		end.Killed = engine.KillOutput
	case "stopped":
		// Not an outcome of the program: it shows what it printed until
		// the reader stopped it.
		res := r.rec.Result()
		res.Stabilise("")
		res.Note = fmt.Sprintf("stopped after %.1fs", e.Elapsed/1000)
		return res, nil
	default:
		return engine.Result{}, fmt.Errorf("playground: unknown reason %q for killing a run", e.Killed)
	}
	return yaegi.Finish(r.rec, r.frames, end, r.lim)
}
