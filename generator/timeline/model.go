package timeline

import (
	"strconv"
	"strings"
	"time"
)

// A Timeline is what the Go scheduler did during one traced run, as the
// execution trace recorded it. Times are offsets from the trace's first
// event.
type Timeline struct {
	// Duration is the time from the trace's first event to its last: the
	// run of main's body, since the recorder starts and stops the trace there.
	Duration time.Duration
	// Lanes are the processors (Ps) that ran any goroutine, in ID order.
	Lanes []int
	// GOMAXPROCS holds each setting of the number of Ps in force, the first
	// at 0; a later one is a call of runtime.GOMAXPROCS during the run.
	GOMAXPROCS []Setting
	// Goroutines are the program's goroutines, in the order they first
	// appear in the trace. The runtime's own are not among them; see Parse.
	Goroutines []*Goroutine
	// Runtime are the stretches the runtime's own goroutines (the garbage
	// collector's workers, the sweeper, ...) held a P.
	Runtime []Slice
	// GC are the garbage collections and stop-the-world pauses.
	GC []Span
	// Tasks are the program's trace.NewTask tasks, Logs its trace.Log entries.
	Tasks []Task
	Logs  []Log
	// Incomplete is set when the trace ends in the middle: the process
	// ended before the deferred stop ran (os.Exit, a fatal error). The
	// timeline then holds the generations the runtime had flushed.
	Incomplete bool
	// Stopped is the recorder's note when it stopped the trace before main
	// returned, because every goroutine was blocked (see Instrument).
	Stopped string
}

// A Setting is a value of GOMAXPROCS from time At on.
type Setting struct {
	At time.Duration
	N  int
}

// A Goroutine is one of the program's goroutines.
type Goroutine struct {
	ID int64
	// Func is the program function it runs: its start function, or for a
	// goroutine started by a library (wg.Go, time.AfterFunc) the outermost
	// function of package main on its stack.
	Func string
	// CreatedAt is where the program started it, "main.go:22", when the
	// trace shows that.
	CreatedAt string
	// Regions are its trace.WithRegion and trace.StartRegion regions.
	Regions []Region
	// Slices are the stretches it ran, Blocks the ones it waited, and Ready
	// the ones it was runnable but had no P (after a wake-up, a preemption
	// or its creation).
	Slices []Slice
	Blocks []Block
	Ready  []Span
}

// Name is what the figure calls g: its first region's name when it has
// regions, otherwise Func when that is the program's, otherwise where it
// was started: a goroutine of wg.Go or time.AfterFunc that never showed a
// stack of its own starts in package sync or time.
func (g *Goroutine) Name() string {
	switch {
	case len(g.Regions) > 0:
		return g.Regions[0].Type
	case isProgram(g.Func) || g.CreatedAt == "":
		return g.Func
	}
	return "started at " + g.CreatedAt
}

// Label is g's ID as the trace gives it, "G21".
func (g *Goroutine) Label() string { return "G" + strconv.FormatInt(g.ID, 10) }

// A Slice is a stretch of time a goroutine ran on processor Proc.
type Slice struct {
	G          int64
	Proc       int
	Start, End time.Duration
}

// A Span is a named stretch of time.
type Span struct {
	Name       string
	Start, End time.Duration
}

// A Region is a trace.WithRegion or trace.StartRegion region.
type Region struct {
	Type, Task string
	Start, End time.Duration
}

// A Task is a trace.NewTask task, from NewTask to End.
type Task struct {
	Type       string
	G          int64
	Start, End time.Duration
}

// A Log is a trace.Log entry.
type Log struct {
	G                 int64
	At                time.Duration
	Category, Message string
}

// A Reason is why a goroutine stopped running, in the runtime's words.
type Reason string

// The reasons a figure tells apart. The runtime reports a sync.Mutex, an
// RWMutex and a WaitGroup alike as Sync; Block.Call says which.
const (
	ChanSend Reason = "chan send"
	ChanRecv Reason = "chan receive"
	Select   Reason = "select"
	Sync     Reason = "sync"
	Cond     Reason = "sync.(*Cond).Wait"
	Sleep    Reason = "sleep"
	Syscall  Reason = "syscall"
	Network  Reason = "network"
	GC       Reason = "GC"
)

// A Block is a stretch of time a goroutine waited.
type Block struct {
	Start, End time.Duration
	Reason     Reason
	// Call is the function the program called that blocked, from the
	// stack: "sync.(*WaitGroup).Wait", "time.Sleep", "runtime.chanrecv1".
	Call string
	// At is where in the program it blocked, "main.go:27", when known.
	At string
	// Waker is the goroutine that made it runnable again, 0 when none did
	// (a timer fired, a system call returned, the trace ended), and WakerAt
	// the place in the program it was at.
	Waker   int64
	WakerAt string
	// Open is set when the goroutine was still waiting when the trace ended.
	Open bool
}

// What says what b waited for, in the words a reader knows: the runtime's
// reason, or for Sync the type and method ("sync.WaitGroup.Wait").
func (b Block) What() string {
	if (b.Reason == Sync || b.Reason == Cond) && strings.HasPrefix(b.Call, "sync.") {
		return strings.NewReplacer("(*", "", ")", "").Replace(b.Call)
	}
	if b.Reason == Cond {
		return "sync.Cond.Wait"
	}
	return string(b.Reason)
}

// Goroutine returns the goroutine with the given ID, or nil.
func (t *Timeline) Goroutine(id int64) *Goroutine {
	for _, g := range t.Goroutines {
		if g.ID == id {
			return g
		}
	}
	return nil
}
