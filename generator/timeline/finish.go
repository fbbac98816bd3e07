package timeline

import (
	"cmp"
	"io"
	"slices"
	"strings"

	"golang.org/x/exp/trace"
)

// finish closes what is still open at the trace's end and sorts the
// goroutines into the program's and the runtime's.
func (p *reader) finish() *Timeline {
	end := p.now
	tl := &p.tl
	tl.Duration = end
	lanes := map[int]bool{}
	for _, s := range p.order {
		switch s.state {
		case trace.GoRunning:
			s.g.Slices = append(s.g.Slices, Slice{G: s.g.ID, Proc: s.runOn, Start: s.runFrom, End: end})
		case trace.GoWaiting, trace.GoSyscall:
			if s.block != nil {
				s.block.End, s.block.Open = end, true
				s.g.Blocks = append(s.g.Blocks, *s.block)
			}
		case trace.GoRunnable:
			if s.ready >= 0 {
				s.g.Ready = append(s.g.Ready, Span{Start: s.ready, End: end})
			}
		}
		for _, open := range s.regions {
			for _, i := range open {
				s.g.Regions[i].End = end
			}
		}
		switch kindOf(s) {
		case program:
			s.g.Func = cmp.Or(s.outer, s.start)
			if isProgram(s.start) {
				s.g.Func = s.start
			}
			tl.Goroutines = append(tl.Goroutines, &s.g)
		case runtimeOwn:
			tl.Runtime = append(tl.Runtime, s.g.Slices...)
		default:
			continue
		}
		for _, sl := range s.g.Slices {
			lanes[sl.Proc] = true
		}
	}
	for i := range tl.Tasks {
		if tl.Tasks[i].End < 0 {
			tl.Tasks[i].End = end
		}
	}
	for name, from := range p.ranges {
		tl.GC = append(tl.GC, Span{Name: name, Start: from, End: end})
	}
	slices.SortFunc(tl.GC, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.Name, b.Name)) })
	slices.SortFunc(tl.Runtime, func(a, b Slice) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.Proc, b.Proc)) })
	for l := range lanes {
		tl.Lanes = append(tl.Lanes, l)
	}
	slices.Sort(tl.Lanes)
	if len(tl.GOMAXPROCS) > 0 {
		tl.GOMAXPROCS[0].At = 0
	}
	return tl
}

type gkind int

const (
	program gkind = iota
	runtimeOwn
	recording
)

// kindOf tells the program's goroutines from the runtime's and from those
// that exist only because the run is traced (see Parse).
func kindOf(s *gstate) gkind {
	switch {
	case strings.HasPrefix(s.start, recorderPrefix),
		strings.HasPrefix(s.start, "runtime/trace."),
		strings.HasPrefix(s.start, "runtime.") && strings.Contains(s.start, "trace"):
		return recording
	case s.outer != "":
		return program
	case s.start == "" || strings.HasPrefix(s.start, "runtime."):
		return runtimeOwn
	}
	return program
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}
