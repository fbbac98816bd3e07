package runner

import (
	"encoding/binary"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/gonotes/concurrency/generator/engine"
)

// A yaegi child sends the interpreted program's output to its parent on one
// pipe, as frames: a tag byte, a 4-byte big-endian length and the data. The
// yaegi engine routes everything the program writes, os.Stdout and
// os.Stderr included, to the two writers it is given; framing both onto one
// pipe keeps the order of the program's writes exact, which two pipes read
// by poll cannot promise.
const (
	tagStdout = byte(engine.Stdout)
	tagStderr = byte(engine.Stderr)
	tagReport = 3 // a childReport, as JSON, sent at most once, last

	frameHeader = 5
	frameChunk  = 64 << 10 // a longer write is sent as several frames
	maxFrame    = 1 << 20  // a larger length means the pipe carries no frames
)

// frameSink writes frames to a file descriptor. Its writers may be used from
// many goroutines: a frame is written whole under the lock.
type frameSink struct {
	mu sync.Mutex
	fd int
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

// send writes one frame whole; errors are ignored, as nobody is left to
// tell when the parent has gone.
func (s *frameSink) send(tag byte, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.frame(tag, data)
}

// frame writes one frame; the caller holds s.mu. The descriptor is
// blocking, so a full pipe waits for the parent to read.
func (s *frameSink) frame(tag byte, data []byte) error {
	buf := make([]byte, frameHeader+len(data))
	buf[0] = tag
	binary.BigEndian.PutUint32(buf[1:], uint32(len(data)))
	copy(buf[frameHeader:], data)
	for len(buf) > 0 {
		n, err := unix.Write(s.fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		buf = buf[n:]
	}
	return nil
}

// frameDecoder turns the bytes of a frame pipe back into output and a report.
type frameDecoder struct {
	buf    []byte
	report []byte // the data of the report frame, if one came
	// broken is set when the pipe carried something that is not a frame
	// (the program wrote to the descriptor itself); the rest is then
	// recorded as standard output rather than lost.
	broken bool
}

// feed decodes p, recording complete frames into out.
func (d *frameDecoder) feed(p []byte, out *output) {
	if d.broken {
		out.write(engine.Stdout, p)
		return
	}
	d.buf = append(d.buf, p...)
	off := 0
	for len(d.buf)-off >= frameHeader {
		tag := d.buf[off]
		n := int(binary.BigEndian.Uint32(d.buf[off+1:]))
		if n > maxFrame || tag < tagStdout || tag > tagReport {
			d.broken = true
			out.write(engine.Stdout, d.buf[off:])
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
			out.write(engine.Stream(tag), data)
		}
		off += frameHeader + n
	}
	d.buf = d.buf[:copy(d.buf, d.buf[off:])]
}
