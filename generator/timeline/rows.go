package timeline

import (
	"fmt"
	"strconv"
	"time"
)

// The keys of the pieces on a goroutine's row.
const (
	keyRun = iota
	keyReady
	keyBlock
)

// A wake is a wake-up arrow to draw once every row has its place.
type wake struct {
	at       time.Duration
	from, to int64
	title    string
}

// rows writes a row per goroutine, up to MaxRows, with what it did over
// time, and the wake-up arrows between them.
func (f *figure) rows() {
	gs := f.t.Goroutines
	if len(gs) == 0 {
		return
	}
	f.c.text(margin, f.y+10, "soft small", "GOROUTINES")
	f.y += 16
	shown := gs[:min(len(gs), f.opts.MaxRows)]
	for _, g := range shown {
		f.rowY[g.ID] = f.y + rowH/2
		f.y += rowH
	}
	var wakes []wake
	for i, g := range shown {
		wakes = append(wakes, f.row(i, g)...)
	}
	for _, w := range wakes {
		from, ok := f.rowY[w.from]
		if !ok {
			continue
		}
		to := f.rowY[w.to]
		if from < to {
			to -= 5
		} else {
			to += 5
		}
		f.c.line(f.x(w.at), from, f.x(w.at), to, "wake", w.title, "marker-end", "url(#"+f.opts.ID+"-arrow)")
	}
	if n := len(gs) - len(shown); n > 0 {
		f.c.text(margin, f.y+12, "soft", fmt.Sprintf("%s more drawn only in the lanes above.", plural(n, "goroutine")))
		f.y += 18
	}
	f.y += 8
}

// row writes goroutine g's row and returns the wake-ups to draw onto it.
func (f *figure) row(i int, g *Goroutine) []wake {
	mid := f.rowY[g.ID]
	top := mid - rowH/2
	color := "c" + strconv.Itoa(i%len(palette))
	f.c.rect(margin, mid-5, 10, 10, "run "+color, "")
	f.c.text(margin+15, mid+4, "", fit(g.Label()+" "+g.Name(), labelW-margin-20, 12))

	pieces := f.layers.get("row/"+strconv.Itoa(i), func() (ps []piece) {
		for j, s := range g.Slices {
			ps = append(ps, piece{start: s.Start, end: s.End, key: keyRun, idx: j})
		}
		for j, s := range g.Ready {
			ps = append(ps, piece{start: s.Start, end: s.End, key: keyReady, idx: j})
		}
		for j, b := range g.Blocks {
			ps = append(ps, piece{start: b.Start, end: b.End, key: keyBlock, idx: j})
		}
		return ps
	})
	var wakes []wake
	who := g.Label() + " " + g.Name()
	for _, b := range pack(pieces, f.px, f.minW) {
		x, w := f.x(b.start), f.x(b.end)-f.x(b.start)
		span := dur(b.start) + " to " + dur(b.end)
		switch b.key {
		case keyRun:
			title := fmt.Sprintf("%s running, %s (%s)", who, span, dur(b.end-b.start))
			class := "run " + color
			if b.n > 1 {
				title = fmt.Sprintf("%s: %d slices, running %s of the %s from %s", who, b.n, dur(b.busy), dur(b.end-b.start), span)
				if b.sparse() {
					class += " sparse"
				}
			}
			f.c.rect(x, mid-4, w, 8, class, title)
		case keyReady:
			title := fmt.Sprintf("%s runnable, waiting for a P, %s (%s)", who, span, dur(b.end-b.start))
			if b.n > 1 {
				title = fmt.Sprintf("%s runnable %d times from %s", who, b.n, span)
			}
			f.c.line(x, mid, x+w, mid, "ready "+color, title)
		case keyBlock:
			if b.n > 1 {
				f.c.line(x, mid, x+w, mid, "wait", fmt.Sprintf("%s blocked %d times from %s", who, b.n, span))
				break
			}
			blk := g.Blocks[b.first.idx]
			f.c.line(x, mid, x+w, mid, "wait", f.blockTitle(who, blk))
			if what := blk.What(); textWidth(what, 10) < w {
				f.c.text(x+1, top+8, "soft small", what)
			}
			if blk.Waker != 0 && !blk.Open {
				wakes = append(wakes, wake{at: blk.End, from: blk.Waker, to: g.ID, title: f.wakeTitle(blk, g)})
			}
		default:
			f.c.rect(x, mid-4, w, 8, "mix sparse", fmt.Sprintf("%s: %d short changes between running, runnable and blocked, %s", who, b.n, span))
		}
	}
	regions := f.layers.get("regions/"+strconv.Itoa(i), func() (ps []piece) {
		for j, r := range g.Regions {
			ps = append(ps, piece{start: r.Start, end: r.End, idx: j})
		}
		return ps
	})
	for _, b := range pack(regions, f.px, f.minW) {
		r := g.Regions[b.first.idx]
		title := fmt.Sprintf("region %q, %s to %s", r.Type, dur(r.Start), dur(r.End))
		if r.Task != "" {
			title = fmt.Sprintf("region %q of task %q, %s to %s", r.Type, r.Task, dur(r.Start), dur(r.End))
		}
		if b.n > 1 {
			title = fmt.Sprintf("%d regions from %s to %s", b.n, dur(b.start), dur(b.end))
		}
		f.c.rect(f.x(b.start), mid+6, f.x(b.end)-f.x(b.start), 3, "region "+color, title)
	}
	return wakes
}

// blockTitle describes one block of the goroutine who.
func (f *figure) blockTitle(who string, b Block) string {
	s := fmt.Sprintf("%s blocked on %s", who, b.What())
	if b.At != "" {
		s += " at " + b.At
	}
	s += ", " + dur(b.Start) + " to " + dur(b.End) + " (" + dur(b.End-b.Start) + ")"
	switch {
	case b.Open:
		s += "; still blocked when the trace ended"
	case b.Waker != 0:
		s += "; woken by " + f.goroutineName(b.Waker)
		if b.WakerAt != "" {
			s += " at " + b.WakerAt
		}
	}
	return s
}

// wakeTitle describes the wake-up that ends block b of g.
func (f *figure) wakeTitle(b Block, g *Goroutine) string {
	s := f.goroutineName(b.Waker) + " wakes " + g.Label() + " " + g.Name()
	if b.WakerAt != "" {
		s += " at " + b.WakerAt
	}
	return s + ", " + dur(b.End)
}

// goroutineName names the goroutine with the given ID.
func (f *figure) goroutineName(id int64) string {
	if i, ok := f.color[id]; ok {
		g := f.t.Goroutines[i]
		return g.Label() + " " + g.Name()
	}
	return "G" + strconv.FormatInt(id, 10) + " (the runtime's)"
}
