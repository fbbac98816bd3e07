package yaegi

import (
	"bytes"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// unwindLine matches what yaegi writes to the interpreter's stderr for each
// interpreted function a panic leaves: the position of the first node the
// function ran (not of the panic) and a name for the function, such as
// "main.go:12:2: panic: main.main.func(...)". The name is unreliable:
// closures are all "func", methods lose their receiver, and a function whose
// first node is a closure literal takes the closure's name. frames finds the
// function from the position instead, which is always in its body.
var unwindLine = regexp.MustCompile(`^(?:[^\s:]*\.go:)?(\d+):(\d+): panic: (.*)\(\.\.\.\)\n?$`)

// deferredUnwind is the function yaegi runs, deferred, at the end of every
// interpreted call; while a panic unwinds, each interpreted function
// re-panics from it, so their number on the stack counts the functions left.
const deferredUnwind = "github.com/traefik/yaegi/interp.runCfg.func1"

// maxTraced bounds how many goroutines' unwinds the tracer remembers.
const maxTraced = 1024

// unwind is one interpreted function a panic left.
type unwind struct {
	line, col int    // where the function's first statement is
	name      string // yaegi's name for the function
	level     int    // 1 for the function that panicked, 2 for its caller...
	// origin is, for the function that panicked, the compiled function it
	// called that raised the panic ("sync.(*WaitGroup).Done"), or "" when
	// the panic was the program's own (a call to panic, a run-time error).
	origin string
}

// tracer receives the lines yaegi writes while panics unwind interpreted
// functions, and keeps, per goroutine, those of the latest panic. A panic
// that is recovered leaves its lines behind until the next one replaces
// them, so nothing reaches the program's stderr.
type tracer struct {
	mu    sync.Mutex
	byG   map[uint64][]unwind
	lastG uint64 // the goroutine that wrote last
}

func (t *tracer) Write(p []byte) (int, error) {
	m := unwindLine.FindSubmatch(p)
	if m == nil {
		return len(p), nil
	}
	line, _ := strconv.Atoi(string(m[1]))
	col, _ := strconv.Atoi(string(m[2]))
	u := unwind{line: line, col: col, name: string(m[3]), level: unwindLevel()}
	if u.level == 1 {
		u.origin = panicOrigin()
	}
	g := goroutineID()

	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byG == nil || len(t.byG) >= maxTraced {
		t.byG = map[uint64][]unwind{g: t.byG[g]}
	}
	seq := t.byG[g]
	if n := len(seq); n == 0 || seq[n-1].level != u.level-1 {
		seq = seq[:0] // a new panic: the previous one was recovered
	}
	t.byG[g] = append(seq, u)
	t.lastG = g
	return len(p), nil
}

// sequences returns, innermost first, the functions the latest panic of
// each goroutine unwound, the goroutine that wrote last first: when a panic
// ends main's goroutine, that is usually main's.
func (t *tracer) sequences() [][]unwind {
	t.mu.Lock()
	defer t.mu.Unlock()
	var seqs [][]unwind
	if seq, ok := t.byG[t.lastG]; ok {
		seqs = append(seqs, slices.Clone(seq))
	}
	for g, seq := range t.byG {
		if g != t.lastG {
			seqs = append(seqs, slices.Clone(seq))
		}
	}
	return seqs
}

// unwindLevel counts the interpreted functions the current panic has left,
// including the one being left now.
func unwindLevel() int {
	pcs := make([]uintptr, 256)
	for {
		n := runtime.Callers(2, pcs)
		if n < len(pcs) {
			pcs = pcs[:n]
			break
		}
		pcs = make([]uintptr, 2*len(pcs))
	}
	level := 0
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		if f.Function == deferredUnwind {
			level++
		}
		if !more {
			return level
		}
	}
}

// panicOrigin returns the compiled function the interpreted program called
// that raised the panic being unwound, or "". Called while yaegi unwinds
// the function that panicked, the stack still holds the panic's origin:
// runtime.gopanic, the library's functions, then reflect's call and the
// interpreter's.
func panicOrigin() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	origin, inPanic := "", false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			inPanic = true
		case !inPanic || strings.HasPrefix(f.Function, "runtime."):
		case strings.HasPrefix(f.Function, "reflect.") || strings.HasPrefix(f.Function, "github.com/traefik/yaegi/"):
			return origin
		default:
			origin = f.Function
		}
		if !more {
			return ""
		}
	}
}

// goroutineID returns the id of the calling goroutine, read from the header
// of its stack trace: "goroutine 18 [running]:".
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}
