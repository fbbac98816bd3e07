package timeline

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/exp/trace"
)

// Parse reads an execution trace written by the Go runtime (runtime/trace,
// Go 1.22 on; Instrument's recorder writes one) and returns its timeline.
//
// Goroutines are sorted into three kinds by the function they start in and
// the functions on the stacks the trace records for them:
//
//   - the program's: shown with their own colour and row;
//   - the runtime's (garbage collector workers, the sweeper and scavenger,
//     the finalizer goroutine): their time on a P is kept in
//     Timeline.Runtime, drawn grey and unnamed, because they are not the
//     program's doing but they do take the processor from it;
//   - the recorder's and the tracer's (the watcher Instrument adds, the
//     goroutines runtime/trace starts to advance the trace and to write it
//     out): left out entirely, since they exist only because the run is
//     being recorded.
//
// A goroutine of the runtime that is seen running a function of package
// main (a finalizer, say) counts as the program's. A goroutine that existed
// before the trace started and never showed a stack is the runtime's.
//
// A trace that ends in the middle, as when the program called os.Exit,
// gives the timeline of the part that was flushed, with Incomplete set; a
// trace with no complete generation at all is an error.
func Parse(r io.Reader) (*Timeline, error) {
	cr := &countingReader{r: r}
	rd, err := trace.NewReader(cr)
	if cr.n == 0 {
		return nil, errors.New("reading the trace: it is empty (did the program exit before the runtime wrote any of it?)")
	}
	if err != nil {
		return nil, fmt.Errorf("reading the trace: %w", err)
	}
	p := reader{gs: map[trace.GoID]*gstate{}, ranges: map[string]time.Duration{}, tasks: map[trace.TaskID]int{}}
	for {
		ev, err := rd.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if !p.started {
				return nil, fmt.Errorf("reading the trace: %w", err)
			}
			p.tl.Incomplete = true
			break
		}
		p.event(ev)
	}
	if !p.started {
		return nil, errors.New("reading the trace: it has no events (did the program exit before the runtime flushed any?)")
	}
	tl := p.finish()
	if p.recorded && !p.ended {
		tl.Incomplete = true
	}
	return tl, nil
}

// gstate is what the parser knows of a goroutine while reading.
type gstate struct {
	g       Goroutine
	start   string // start function, "" when it existed before the trace
	outer   string // outermost program function seen on its stacks
	state   trace.GoState
	runFrom time.Duration
	runOn   int
	ready   time.Duration // runnable since, or -1
	block   *Block        // the open block while waiting
	// regions holds the open regions, indexes into g.Regions, by type:
	// an end closes the innermost open one of its type, in constant time
	// however many a hostile program leaves open.
	regions map[string][]int
}

type reader struct {
	tl      Timeline
	started bool
	ended   bool // the recorder's stop entry was seen
	// recorded is set when the recorder's watcher is in the trace: the
	// trace then is complete only with the recorder's stop entry.
	recorded bool
	t0       trace.Time
	now      time.Duration
	gs       map[trace.GoID]*gstate
	order    []*gstate
	ranges   map[string]time.Duration // open global ranges by name
	tasks    map[trace.TaskID]int     // index into tl.Tasks
}

func (p *reader) event(ev trace.Event) {
	if ev.Kind() == trace.EventSync {
		return // generation boundaries: nothing the figure shows
	}
	if !p.started {
		p.started, p.t0 = true, ev.Time()
	}
	p.now = max(p.now, ev.Time().Sub(p.t0))
	switch ev.Kind() {
	case trace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind == trace.ResourceGoroutine {
			p.transition(ev, st)
		}
	case trace.EventMetric:
		m := ev.Metric()
		if m.Name == "/sched/gomaxprocs:threads" && m.Value.Kind() == trace.ValueUint64 {
			n := int(m.Value.Uint64())
			if s := p.tl.GOMAXPROCS; len(s) == 0 || s[len(s)-1].N != n {
				p.tl.GOMAXPROCS = append(p.tl.GOMAXPROCS, Setting{At: p.now, N: n})
			}
		}
	case trace.EventRangeBegin, trace.EventRangeActive:
		if name := ev.Range().Name; isGC(name) && !p.byRecording(ev, name) {
			if _, open := p.ranges[name]; !open {
				p.ranges[name] = p.now
			}
		}
	case trace.EventRangeEnd:
		if name := ev.Range().Name; isGC(name) {
			if from, open := p.ranges[name]; open {
				p.tl.GC = append(p.tl.GC, Span{Name: name, Start: from, End: p.now})
				delete(p.ranges, name)
			}
		}
	case trace.EventTaskBegin:
		t := ev.Task()
		p.tasks[t.ID] = len(p.tl.Tasks)
		p.tl.Tasks = append(p.tl.Tasks, Task{Type: t.Type, G: int64(ev.Goroutine()), Start: p.now, End: -1})
	case trace.EventTaskEnd:
		if i, ok := p.tasks[ev.Task().ID]; ok {
			p.tl.Tasks[i].End = p.now
		}
	case trace.EventRegionBegin, trace.EventRegionEnd:
		p.region(ev)
	case trace.EventLog:
		l := ev.Log()
		if l.Category == StopCategory {
			p.ended = true
			if l.Message != mainEnded {
				p.tl.Stopped = l.Message
			}
			break
		}
		p.tl.Logs = append(p.tl.Logs, Log{G: int64(ev.Goroutine()), At: p.now, Category: l.Category, Message: l.Message})
	}
}

// byRecording reports whether the range that ev begins is the recording's
// doing: the pauses that start and stop the trace, and the watcher's looks
// at the goroutines' stacks.
func (p *reader) byRecording(ev trace.Event, name string) bool {
	if name == "stop-the-world (start trace)" || name == "stop-the-world (stop trace)" {
		return true
	}
	s, ok := p.gs[ev.Goroutine()]
	return ok && strings.HasPrefix(s.start, recorderPrefix)
}

// isGC reports whether a global range is the collector's or a pause.
func isGC(name string) bool {
	return strings.HasPrefix(name, "GC ") || strings.HasPrefix(name, "stop-the-world")
}

func (p *reader) goroutine(id trace.GoID) *gstate {
	s, ok := p.gs[id]
	if !ok {
		s = &gstate{g: Goroutine{ID: int64(id)}, state: trace.GoUndetermined, ready: -1}
		p.gs[id] = s
		p.order = append(p.order, s)
	}
	return s
}

func (p *reader) region(ev trace.Event) {
	if ev.Goroutine() == trace.NoGoroutine {
		return
	}
	s, r := p.goroutine(ev.Goroutine()), ev.Region()
	if ev.Kind() == trace.EventRegionBegin {
		task := ""
		if i, ok := p.tasks[r.Task]; ok {
			task = p.tl.Tasks[i].Type
		}
		if s.regions == nil {
			s.regions = map[string][]int{}
		}
		s.regions[r.Type] = append(s.regions[r.Type], len(s.g.Regions))
		s.g.Regions = append(s.g.Regions, Region{Type: r.Type, Task: task, Start: p.now, End: -1})
		return
	}
	if open := s.regions[r.Type]; len(open) > 0 {
		s.g.Regions[open[len(open)-1]].End = p.now
		s.regions[r.Type] = open[:len(open)-1]
	}
}

func (p *reader) transition(ev trace.Event, st trace.StateTransition) {
	s := p.goroutine(st.Resource.Goroutine())
	from, to := st.Goroutine()
	noteStack(s, st.Stack)
	if ev.Goroutine() == st.Resource.Goroutine() {
		noteStack(s, ev.Stack())
	}
	if from == to || from == trace.GoUndetermined && to == s.state {
		return // a new generation restating what is known
	}
	if from == trace.GoNotExist {
		s.start = topFunc(st.Stack)
		s.g.CreatedAt, _ = programFrame(ev.Stack())
		p.recorded = p.recorded || strings.HasPrefix(s.start, recorderPrefix)
	}
	now := p.now
	// Leaving the old state.
	switch s.state {
	case trace.GoRunning:
		s.g.Slices = append(s.g.Slices, Slice{G: s.g.ID, Proc: s.runOn, Start: s.runFrom, End: now})
	case trace.GoWaiting, trace.GoSyscall:
		if s.block != nil {
			s.block.End = now
			if w := ev.Goroutine(); to == trace.GoRunnable && w != trace.NoGoroutine && w != st.Resource.Goroutine() {
				s.block.Waker = int64(w)
				s.block.WakerAt, _ = programFrame(ev.Stack())
			}
			s.g.Blocks = append(s.g.Blocks, *s.block)
			s.block = nil
		}
	case trace.GoRunnable:
		if s.ready >= 0 && to != trace.GoRunnable {
			s.g.Ready = append(s.g.Ready, Span{Start: s.ready, End: now})
			s.ready = -1
		}
	}
	// Entering the new one.
	switch to {
	case trace.GoRunning:
		s.runFrom, s.runOn = now, int(ev.Proc())
	case trace.GoWaiting, trace.GoSyscall:
		if from == trace.GoUndetermined {
			break // waiting since before the trace: when and why is unknown
		}
		reason := blockReason(st.Reason)
		if to == trace.GoSyscall {
			reason = Syscall
		}
		at, call := programFrame(st.Stack)
		s.block = &Block{Start: now, Reason: reason, Call: call, At: at}
	case trace.GoRunnable:
		if s.ready < 0 {
			s.ready = now
		}
	}
	s.state = to
}

// blockReason maps the runtime's reason for a wait to a Reason.
func blockReason(r string) Reason {
	switch {
	case strings.HasPrefix(r, "GC ") || r == "wait until GC ends":
		return GC
	case r == "":
		return "unspecified"
	}
	return Reason(r)
}
