//go:build js && wasm

// Command playground runs the lessons' programs in the reader's browser: it
// is the second host of the yaegi engine, after the generator's sandboxed
// child (generator/runner). The page's worker (assets/playground-worker.js)
// makes instances of it from one compiled module:
//
//   - "serve", one per run: it interprets the program with yaegi.Serve,
//     exactly as the build's child does, writing frames to the worker.
//     When the program deadlocks or a goroutine panics, the Go runtime of
//     that instance reports it and dies, as the child process does.
//   - "host", one per worker, which outlives the runs: it records a run's
//     frames and the runtime's report (engine.Recorder, yaegi.Decoder),
//     turns how the run ended into an engine.Result (yaegi.Finish), merges
//     an edited program with its hidden lines, and formats code.
//
// The worker detects a deadlock as the Go command's wasm_exec_node.js
// does: when the instance is idle with no timer pending, it asks the
// runtime to check, and the runtime prints "all goroutines are asleep".
package main

import (
	"context"
	"encoding/json"
	"go/format"
	"os"
	"strings"
	"syscall/js"
	"time"

	"github.com/gonotes/concurrency/generator/engine/yaegi"
	"github.com/gonotes/concurrency/generator/engine/yaegi/hazard"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		os.Exit(serve())
	}
	host()
}

// serve runs the program of the request the worker left in
// gonotesRequest, framing its output onto gonotesWrite, and returns its
// exit status. Nothing here may wait on JavaScript: the runtime would not
// see a deadlock.
func serve() int {
	req := js.Global().Get("gonotesRequest").String()
	out := jsWriter{fn: js.Global().Get("gonotesWrite"), array: js.Global().Get("Uint8Array")}
	return yaegi.Serve(context.Background(), strings.NewReader(req), out, programEnv())
}

// jsWriter hands every write to a JavaScript function on descriptor 1,
// which returns false once the output is over the cap: the program is then
// killed, as the build's sandbox kills it, and exiting is how an instance
// dies (the worker has recorded why, so the status is never seen).
type jsWriter struct{ fn, array js.Value }

func (w jsWriter) Write(p []byte) (int, error) {
	b := w.array.New(len(p))
	js.CopyBytesToJS(b, p)
	if !w.fn.Invoke(1, b).Bool() {
		os.Exit(1)
	}
	return len(p), nil
}

// host publishes the host's functions as gonotesHost and waits for calls.
func host() {
	var rec *recording
	api := map[string]any{
		// start(timeoutMillis) begins the recording of a run.
		"start": js.FuncOf(func(_ js.Value, args []js.Value) any {
			rec = newRecording(time.Duration(args[0].Float()) * time.Millisecond)
			return nil
		}),
		// write(fd, bytes) records output; it returns true when the output
		// is over the cap.
		"write": js.FuncOf(func(_ js.Value, args []js.Value) any {
			p := make([]byte, args[1].Length())
			js.CopyBytesToGo(p, args[1])
			return rec.write(args[0].Int(), p)
		}),
		// live() returns, as JSON, the events recorded since its last call.
		"live": js.FuncOf(func(js.Value, []js.Value) any {
			return toJSON(rec.live())
		}),
		// finish(endingJSON) returns the run's engine.Result as JSON, or
		// {"error": ...}.
		"finish": js.FuncOf(func(_ js.Value, args []js.Value) any {
			var e ending
			if err := json.Unmarshal([]byte(args[0].String()), &e); err != nil {
				return errorJSON(err)
			}
			res, err := rec.finish(e)
			if err != nil {
				return errorJSON(err)
			}
			return toJSON(res)
		}),
		// program(source, shownLinesJSON, edited) returns the edited
		// program with its hidden lines.
		"program": js.FuncOf(func(_ js.Value, args []js.Value) any {
			var shown []int
			if err := json.Unmarshal([]byte(args[1].String()), &shown); err != nil {
				return errorJSON(err)
			}
			return program(args[0].String(), shown, args[2].String())
		}),
		// check(source) returns, as JSON, what the static check finds that
		// yaegi runs unlike Go (hazard.Check), to show beside the output.
		"check": js.FuncOf(func(_ js.Value, args []js.Value) any {
			return toJSON(hazard.Check(args[0].String()))
		}),
		// format(code) returns {"source": ...} or {"error": ...}.
		"format": js.FuncOf(func(_ js.Value, args []js.Value) any {
			out, err := format.Source([]byte(args[0].String()))
			if err != nil {
				return errorJSON(err)
			}
			return toJSON(map[string]string{"source": string(out)})
		}),
	}
	js.Global().Set("gonotesHost", js.ValueOf(api))
	select {}
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return errorJSON(err)
	}
	return string(b)
}

func errorJSON(err error) string {
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(b)
}
