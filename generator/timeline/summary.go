package timeline

import (
	"fmt"
	"strings"
)

// Summarize describes t in a few sentences, as a text alternative to its
// figure: how long the run took on how many cores, which goroutines ran on
// how many processors, and the longest time one of them was blocked.
func Summarize(t *Timeline, cores int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Recorded run of %s on a machine with %s (%s).", dur(t.Duration), plural(cores, "core"), gomaxprocs(t))
	procs := map[int]bool{}
	var names []string
	for _, g := range t.Goroutines {
		for _, s := range g.Slices {
			procs[s.Proc] = true
		}
		if len(names) < 4 {
			names = append(names, g.Label()+" "+g.Name())
		}
	}
	if n := len(t.Goroutines) - len(names); n > 0 {
		names = append(names, fmt.Sprintf("%d more", n))
	}
	fmt.Fprintf(&b, " %s ran on %s", plural(len(t.Goroutines), "goroutine"), plural(len(procs), "processor"))
	if len(names) > 0 {
		b.WriteString(": " + strings.Join(names, ", "))
	}
	b.WriteString(".")
	if g, blk, ok := longestBlock(t); ok {
		fmt.Fprintf(&b, " Longest block: %s %s waited %s on %s", g.Label(), g.Name(), dur(blk.End-blk.Start), blk.What())
		if blk.At != "" {
			b.WriteString(" at " + blk.At)
		}
		switch {
		case blk.Open:
			b.WriteString(", still waiting when the trace ended")
		case blk.Waker != 0:
			b.WriteString(", until G" + fmt.Sprint(blk.Waker) + " woke it")
		}
		b.WriteString(".")
	}
	for _, n := range notes(t) {
		b.WriteString(" " + n)
	}
	return b.String()
}

// longestBlock finds the longest block of any goroutine, the first of
// equals.
func longestBlock(t *Timeline) (*Goroutine, Block, bool) {
	var best *Goroutine
	var blk Block
	for _, g := range t.Goroutines {
		for _, b := range g.Blocks {
			if best == nil || b.End-b.Start > blk.End-blk.Start {
				best, blk = g, b
			}
		}
	}
	return best, blk, best != nil
}
