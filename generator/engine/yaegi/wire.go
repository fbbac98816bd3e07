package yaegi

import (
	"encoding/binary"
	"encoding/json"
	"io"
	"sync"

	"github.com/gonotes/concurrency/generator/engine"
)

// A process that interprets a program for a host (see Serve) sends the
// program's output as frames on one stream: a tag byte, a 4-byte
// big-endian length and the data. Run routes everything the program writes,
// os.Stdout and os.Stderr included, to the two writers it is given;
// framing both onto one stream keeps the order of the program's writes
// exact, which two pipes read by poll cannot promise.
const (
	tagStdout = byte(engine.Stdout)
	tagStderr = byte(engine.Stderr)
	tagReport = 3 // a report, as JSON; the last one counts

	frameHeader = 5
	frameChunk  = 64 << 10 // a longer write is sent as several frames
	maxFrame    = 1 << 20  // a larger length means the stream carries no frames
)

// Request is what a host sends the process that interprets a program.
type Request struct {
	Source    string   `json:"source"`
	Allow     []string `json:"allow,omitempty"`
	NoRewrite bool     `json:"no_rewrite,omitempty"`
}

// report is what the interpreting process tells its host besides the
// program's output, in a frame of its own: why it did not run the program,
// or something about how the program ended. It sends at most two: one when
// a panic has ended the program but the engine works on (Ended), and one
// last.
type report struct {
	// Diagnostics are the compile errors, when the program did not compile.
	Diagnostics []engine.Diagnostic `json:"diagnostics,omitempty"`
	// Refused is set when the diagnostics are the sandbox's refusals.
	Refused bool `json:"refused,omitempty"`
	// Failure is an error of the interpreter that is not a compile error.
	Failure string `json:"failure,omitempty"`
	// Error is a failure of the serving machinery itself.
	Error string `json:"error,omitempty"`
	// Unsure is engine.Result.Unsure: why the report of a panic written to
	// stderr is not all Go would print.
	Unsure string `json:"unsure,omitempty"`
	// Ended is set when a panic has ended the program, with the first
	// lines of its report, while the engine goes on to find the lines of
	// its frames: if the host kills the process at its time limit then, the
	// program did not run into the limit.
	Ended string `json:"ended,omitempty"`
}

// frameSink writes frames. Its writers may be used from many goroutines:
// a frame is written whole under the lock.
type frameSink struct {
	mu sync.Mutex
	w  io.Writer
}

// streamWriter is the io.Writer for one of the program's streams.
type streamWriter struct {
	sink *frameSink
	tag  byte
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.sink.mu.Lock()
	defer w.sink.mu.Unlock()
	for done := 0; done < len(p); {
		n := min(len(p)-done, frameChunk)
		if err := w.sink.frame(w.tag, p[done:done+n]); err != nil {
			return done, err
		}
		done += n
	}
	return len(p), nil
}

// send writes r as the report frame; errors are ignored, as nobody is left
// to tell when the host has gone.
func (s *frameSink) send(r report) {
	b, err := json.Marshal(r)
	if err != nil || len(b) > maxFrame {
		b, _ = json.Marshal(report{Error: "the interpreting process could not encode its report"})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.frame(tagReport, b)
}

// frame writes one frame whole; the caller holds s.mu.
func (s *frameSink) frame(tag byte, data []byte) error {
	buf := make([]byte, frameHeader+len(data))
	buf[0] = tag
	binary.BigEndian.PutUint32(buf[1:], uint32(len(data)))
	copy(buf[frameHeader:], data)
	_, err := s.w.Write(buf)
	return err
}

// Decoder turns a stream of frames back into output on a Recorder and the
// interpreting process's report. It is the io.Writer a host gives the
// stream's reader.
type Decoder struct {
	rec    *engine.Recorder
	buf    []byte
	report []byte // the data of the report frame, if one came
	// broken is set when the stream carried something that is not a frame
	// (the program wrote to the descriptor itself); the rest is then
	// recorded as standard output rather than lost.
	broken bool
}

// NewDecoder returns a Decoder that records output on rec.
func NewDecoder(rec *engine.Recorder) *Decoder { return &Decoder{rec: rec} }

// Write decodes p, recording complete frames. It fails with engine.ErrFull
// once the recorder is full.
func (d *Decoder) Write(p []byte) (int, error) {
	d.feed(p)
	if d.rec.Full() {
		return len(p), engine.ErrFull
	}
	return len(p), nil
}

func (d *Decoder) feed(p []byte) {
	if d.broken {
		d.rec.Write(engine.Stdout, p)
		return
	}
	d.buf = append(d.buf, p...)
	off := 0
	for len(d.buf)-off >= frameHeader {
		tag := d.buf[off]
		n := int(binary.BigEndian.Uint32(d.buf[off+1:]))
		if n > maxFrame || tag < tagStdout || tag > tagReport {
			d.broken = true
			d.rec.Write(engine.Stdout, d.buf[off:])
			d.buf = nil
			return
		}
		if len(d.buf)-off < frameHeader+n {
			break
		}
		data := d.buf[off+frameHeader : off+frameHeader+n]
		if tag == tagReport {
			d.report = append([]byte(nil), data...)
		} else {
			d.rec.Write(engine.Stream(tag), data)
		}
		off += frameHeader + n
	}
	d.buf = d.buf[:copy(d.buf, d.buf[off:])]
}

// decodeReport decodes the data of a report frame; none means there was
// nothing to report.
func decodeReport(b []byte) report {
	var r report
	if len(b) == 0 {
		return r
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return report{Error: "decoding the interpreting process's report: " + err.Error()}
	}
	return r
}
