package timeline

import (
	"fmt"
	"strconv"
	"strings"
)

// runtimeKey is the key of the runtime's own goroutines' pieces.
const runtimeKey = -2

// annotations writes the rows above the lanes: the program's tasks and
// trace.Log entries, and the garbage collector's phases and pauses.
func (f *figure) annotations() {
	if len(f.t.Tasks) > 0 || len(f.t.Logs) > 0 {
		f.c.text(margin, f.y+12, "soft", "tasks and logs")
		tasks := f.layers.get("tasks", func() (ps []piece) {
			for i, tk := range f.t.Tasks {
				ps = append(ps, piece{start: tk.Start, end: tk.End, idx: i})
			}
			return ps
		})
		for _, b := range pack(tasks, f.px, f.minW) {
			x, w := f.x(b.start), f.x(b.end)-f.x(b.start)
			tk := f.t.Tasks[b.first.idx]
			title := fmt.Sprintf("task %s (G%d): %s to %s", tk.Type, tk.G, dur(b.start), dur(b.end))
			if b.n > 1 {
				title = fmt.Sprintf("%d tasks between %s and %s", b.n, dur(b.start), dur(b.end))
			}
			f.c.rect(x, f.y+2, w, 14, "task", title)
			if b.n == 1 && textWidth(tk.Type, 11) < w-6 {
				f.c.text(x+3, f.y+13, "small", tk.Type)
			}
		}
		logs := f.layers.get("logs", func() (ps []piece) {
			for i, l := range f.t.Logs {
				ps = append(ps, piece{start: l.At, end: l.At, idx: i})
			}
			return ps
		})
		bars := pack(logs, f.px, f.minW)
		for i, b := range bars {
			l := f.t.Logs[b.first.idx]
			what := l.Category + ": " + l.Message
			title := fmt.Sprintf("log %s (G%d) at %s", what, l.G, dur(l.At))
			if b.n > 1 {
				title = fmt.Sprintf("%d log entries between %s and %s", b.n, dur(b.start), dur(b.end))
			}
			x, y := f.x(b.start), f.y+24
			f.c.elem("path", title, "d", "M"+num(x)+" "+num(y-5)+"l4 5l-4 5l-4-5z", "class", "log")
			room := f.x1 - x
			if i+1 < len(bars) {
				room = f.x(bars[i+1].start) - x
			}
			if b.n == 1 && textWidth(what, 10) < room-10 {
				f.c.text(x+6, f.y+28, "small", what)
			}
		}
		f.y += 36
	}
	if len(f.t.GC) > 0 {
		f.c.text(margin, f.y+10, "soft", "GC and pauses")
		spans := f.layers.get("gc", func() (ps []piece) {
			for i, s := range f.t.GC {
				ps = append(ps, piece{start: s.Start, end: s.End, idx: i})
			}
			return ps
		})
		for _, b := range pack(spans, f.px, f.minW) {
			title := f.t.GC[b.first.idx].Name + ": " + dur(b.start) + " to " + dur(b.end)
			if b.n > 1 {
				title = fmt.Sprintf("%d collections or pauses between %s and %s", b.n, dur(b.start), dur(b.end))
			}
			f.c.rect(f.x(b.start), f.y+2, f.x(b.end)-f.x(b.start), 10, "gc", title)
		}
		f.y += 24
	}
}

// lanes writes a lane per processor with the bars of what ran on it.
func (f *figure) lanes() {
	f.c.text(margin, f.y+10, "soft small", "PROCESSORS (Ps)")
	f.y += 16
	for _, p := range f.t.Lanes {
		f.c.text(margin, f.y+16, "", "P"+strconv.Itoa(p))
		f.c.rect(f.x0, f.y, f.x1-f.x0, laneH, "track", "")
		lane := f.lane(p)
		for _, b := range pack(lane, f.px, f.minW) {
			f.laneBar(p, b)
		}
		f.y += laneH + 4
	}
	f.y += 8
}

// lane returns the pieces of lane p: the slices that ran on P p.
func (f *figure) lane(p int) []piece {
	if _, ok := f.layers["lanes"]; !ok {
		byProc := map[int][]piece{}
		for i, g := range f.t.Goroutines {
			for _, s := range g.Slices {
				byProc[s.Proc] = append(byProc[s.Proc], piece{start: s.Start, end: s.End, key: i})
			}
		}
		for _, s := range f.t.Runtime {
			byProc[s.Proc] = append(byProc[s.Proc], piece{start: s.Start, end: s.End, key: runtimeKey})
		}
		for q, ps := range byProc {
			f.layers.get("lane/"+strconv.Itoa(q), func() []piece { return ps })
		}
		f.layers["lanes"] = nil
	}
	return f.layers["lane/"+strconv.Itoa(p)]
}

// laneBar writes one bar of lane p.
func (f *figure) laneBar(p int, b bar) {
	x, w := f.x(b.start), f.x(b.end)-f.x(b.start)
	span := dur(b.start) + " to " + dur(b.end)
	var class, title, label string
	switch b.key {
	case mixed:
		var names []string
		for _, k := range b.keys {
			if k == runtimeKey {
				names = append(names, "the runtime")
			} else {
				names = append(names, f.t.Goroutines[k].Label())
			}
		}
		class = "mix"
		title = fmt.Sprintf("P%d: %d short slices of %s, %s", p, b.n, list(names), span)
	case runtimeKey:
		class = "rt"
		title = fmt.Sprintf("P%d: the runtime's own goroutines (garbage collector, ...), %s", p, span)
	default:
		g := f.t.Goroutines[b.key]
		class = "run c" + strconv.Itoa(b.key%len(palette))
		title = fmt.Sprintf("%s %s on P%d: %s (%s)", g.Label(), g.Name(), p, span, dur(b.end-b.start))
		if b.n > 1 {
			title = fmt.Sprintf("%s %s on P%d: %d slices, running %s of the %s from %s", g.Label(), g.Name(), p, b.n, dur(b.busy), dur(b.end-b.start), span)
		}
		for _, l := range []string{g.Label() + " " + g.Name(), g.Label()} {
			if textWidth(l, 11) < w-6 {
				label = l
				break
			}
		}
	}
	if b.sparse() {
		class += " sparse"
	}
	f.c.rect(x, f.y+2, w, laneH-4, class, title)
	if label != "" {
		f.c.text(x+3, f.y+16, "in", label)
	}
}

// list joins names, naming at most four.
func list(names []string) string {
	if len(names) > 4 {
		return strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d more", len(names)-3)
	}
	return strings.Join(names, ", ")
}
