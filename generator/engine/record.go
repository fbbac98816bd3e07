package engine

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// Recorder collects what a program prints, in arrival order, as clean
// text: the bytes are kept exactly except that terminal escape sequences
// are removed and invalid UTF-8 becomes U+FFFD. A rune or escape sequence
// split across two writes is held back until the rest of it arrives on the
// same stream, so the cut between reads never shows. Its methods are not
// safe for concurrent use.
type Recorder struct {
	res   Result
	limit int  // raw bytes kept, over both streams
	n     int  // raw bytes kept so far
	full  bool // the limit was reached; later bytes are dropped
	// cut is the stream whose bytes were cut at the limit; its held-back
	// tail is a fragment the program never finished, so it is dropped.
	cut     Stream
	pending [3][]byte // indexed by Stream
}

// NewRecorder returns a Recorder that keeps at most limit bytes of output.
func NewRecorder(limit int) *Recorder { return &Recorder{limit: limit} }

// ErrFull is what a Recorder's writers return once the output limit is
// reached: the program printed more than the page will show.
var ErrFull = errors.New("output limit reached")

// Writer returns an io.Writer for stream s, which fails with ErrFull when
// the limit is reached.
func (o *Recorder) Writer(s Stream) io.Writer { return streamWriter{o, s} }

type streamWriter struct {
	o *Recorder
	s Stream
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.o.Write(w.s, p)
	if w.o.full {
		return len(p), ErrFull
	}
	return len(p), nil
}

// Events returns the output recorded so far, without the bytes held back
// for the rest of a rune or an escape sequence, for a host that shows it
// while the program runs. The slice is the Recorder's: it is valid until
// the next Write, and must not be changed.
func (o *Recorder) Events() []Event { return o.res.Events }

// Full reports whether output was dropped at the limit.
func (o *Recorder) Full() bool { return o.full }

// take returns the part of p that fits under the limit, marking the output
// full when something had to be dropped.
func (o *Recorder) take(s Stream, p []byte) []byte {
	if o.full {
		return nil
	}
	if room := o.limit - o.n; len(p) > room {
		p = p[:room]
		o.full = true
		o.cut = s
	}
	o.n += len(p)
	return p
}

// Write records bytes the program wrote to stream s.
func (o *Recorder) Write(s Stream, p []byte) {
	p = o.take(s, p)
	if len(p) == 0 {
		return
	}
	data := append(o.pending[s], p...)
	text, rest := clean(data, false)
	o.pending[s] = append([]byte(nil), rest...)
	o.res.Append(s, text)
}

// Result records whatever is still held back and returns the output so far.
func (o *Recorder) Result() Result {
	for _, s := range []Stream{Stdout, Stderr} {
		if o.full && s == o.cut {
			// Complete runes and escapes were written; what is left is the
			// start of one the limit cut in two.
			o.pending[s] = nil
			continue
		}
		text, _ := clean(o.pending[s], true)
		o.res.Append(s, text)
		o.pending[s] = nil
	}
	return o.res
}

// maxEscape bounds an unfinished escape sequence; a longer one is not a
// sequence a terminal would honour, so its ESC is dropped and the rest shown.
const maxEscape = 4096

// clean converts program output to text: it removes terminal escape
// sequences (CSI, OSC and the other ESC forms) and replaces invalid UTF-8 with
// U+FFFD. Unless final is set, an unfinished rune or escape sequence at the
// end is returned as rest instead of being converted.
func clean(p []byte, final bool) (text string, rest []byte) {
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == 0x1b:
			end, ok := escapeEnd(p, i)
			if !ok {
				if !final && len(p)-i <= maxEscape {
					return b.String(), p[i:]
				}
				end = i + 1 // not a sequence after all: drop the ESC alone
			}
			i = end
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size == 1 {
				if !final && !utf8.FullRune(p[i:]) {
					return b.String(), p[i:]
				}
				b.WriteRune(utf8.RuneError)
				i++
				continue
			}
			b.Write(p[i : i+size])
			i += size
		}
	}
	return b.String(), nil
}

// escapeEnd returns the index just past the escape sequence starting at
// p[i] == ESC, following ECMA-48; ok is false when p ends before the
// sequence does.
func escapeEnd(p []byte, i int) (end int, ok bool) {
	if i+1 >= len(p) {
		return 0, false
	}
	switch c := p[i+1]; {
	case c == '[': // CSI: parameters, intermediates, one final byte
		j := i + 2
		for j < len(p) && p[j] >= 0x30 && p[j] <= 0x3f {
			j++
		}
		for j < len(p) && p[j] >= 0x20 && p[j] <= 0x2f {
			j++
		}
		if j >= len(p) {
			return 0, false
		}
		if p[j] >= 0x40 && p[j] <= 0x7e {
			return j + 1, true
		}
		return j, true // malformed: drop what was read, keep the odd byte
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		// OSC and the other string sequences end at BEL or ST (ESC \).
		for j := i + 2; j < len(p); j++ {
			if p[j] == 0x07 {
				return j + 1, true
			}
			if p[j] == 0x1b {
				if j+1 >= len(p) {
					return 0, false
				}
				if p[j+1] == '\\' {
					return j + 2, true
				}
			}
		}
		return 0, false
	case c >= 0x20 && c <= 0x2f: // intermediates, then a final byte
		j := i + 1
		for j < len(p) && p[j] >= 0x20 && p[j] <= 0x2f {
			j++
		}
		if j >= len(p) {
			return 0, false
		}
		if p[j] >= 0x30 && p[j] <= 0x7e {
			return j + 1, true
		}
		return j, true
	case c >= 0x30 && c <= 0x7e: // two-byte sequences such as ESC c, ESC 7
		return i + 2, true
	default:
		return i + 1, true
	}
}
