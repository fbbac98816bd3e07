package timeline

// axis writes the time axis under the plot, with its ticks and labels.
func (f *figure) axis() {
	y := f.y
	f.c.line(f.x0, y, f.x1, y, "axis", "")
	marks, u := ticks(f.t.Duration, int((f.x1-f.x0)/70)+1)
	for _, m := range marks {
		x := f.x(m)
		f.c.line(x, y, x, y+5, "axis", "")
		anchor := "middle"
		if x+30 > f.x1 {
			anchor = "end"
		}
		f.c.text(x, y+18, "soft", label(m, u), "text-anchor", anchor)
	}
	f.c.text(margin, y+18, "soft", "time")
	f.y += 30
}

// key writes what the marks on the rows mean.
func (f *figure) key() {
	y, x := f.y, margin
	item := func(w float64, s string) {
		f.c.text(x+w+5, y+4, "soft small", s)
		x += w + 10 + textWidth(s, 10)
	}
	f.c.rect(x, y-4, 14, 8, "run c1", "")
	item(14, "running")
	f.c.line(x, y, x+18, y, "ready c1", "")
	item(18, "runnable, waiting for a P")
	f.c.line(x, y, x+18, y, "wait", "")
	item(18, "blocked")
	f.c.line(x+6, y-6, x+6, y+4, "wake", "", "marker-end", "url(#"+f.opts.ID+"-arrow)")
	item(12, "woken by")
	f.c.rect(x, y-4, 14, 8, "rt", "")
	item(14, "runtime")
	f.c.rect(x, y-4, 14, 8, "mix sparse", "")
	item(14, "too short to tell apart")
	for _, g := range f.t.Goroutines {
		if len(g.Regions) > 0 {
			f.c.rect(x, y+1, 14, 3, "region c1", "")
			item(14, "trace region")
			break
		}
	}
	f.y += 14
}
