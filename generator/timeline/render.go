package timeline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Options say how to draw a figure.
type Options struct {
	// Cores is the number of logical CPUs of the machine that ran the
	// program (runtime.NumCPU there); the figure states it. Required.
	Cores int
	// ID prefixes the ids of the figure's elements; figures inlined in one
	// page need different ones. Default "tl".
	ID string
	// Width is the figure's width in pixels. Default 760.
	Width int
	// MaxBytes bounds the size of the SVG. Default 50,000.
	MaxBytes int
	// MaxRows is how many goroutines get a row of their own; the rest show
	// only in the lanes. Default 12.
	MaxRows int
}

// A Figure is a drawn timeline.
type Figure struct {
	// SVG is a standalone SVG document; it can also be inlined in a page.
	SVG []byte
	// Summary describes the figure in a few sentences, for a screen reader
	// (it is also the SVG's <desc>) or a caption.
	Summary       string
	Width, Height int
}

// The figure's geometry, in pixels.
const (
	margin   = 12.0
	labelW   = 200.0 // room for the lane and row labels
	laneH    = 24.0
	rowH     = 24.0
	minWidth = 240
)

// Render draws t as an SVG figure.
//
// The figure has a lane per processor (P) that ran anything, with a bar for
// each stretch a goroutine ran, coloured per goroutine and grey for the
// runtime's own goroutines; then a row per goroutine with what it did over
// time: ran (a bar), was runnable with no P (dotted), was blocked (dashed,
// with the reason) and was woken (an arrow from the goroutine that woke
// it). Above the lanes, when there are any: the program's tasks and logs,
// and the collector's phases and pauses. Below: the time axis.
//
// Things too short to tell apart at the figure's width are merged: a bar
// that stands for several slices says so in its tooltip and is drawn pale
// when they fill less than half of it; slivers of different goroutines
// merge into a grey bar that lists them. Render starts at one pixel and
// coarsens until the SVG fits in MaxBytes; it fails only when even
// 64-pixel merging does not (very many lanes).
//
// The output depends only on t and opts: the same trace draws the same
// bytes.
func Render(t *Timeline, opts Options) (Figure, error) {
	if opts.Cores < 1 {
		return Figure{}, errors.New("drawing the timeline: the number of cores is not known")
	}
	if opts.ID == "" {
		opts.ID = "tl"
	}
	if opts.Width == 0 {
		opts.Width = 760
	}
	if opts.Width < minWidth {
		return Figure{}, fmt.Errorf("drawing the timeline: width %d is below %d", opts.Width, minWidth)
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 50_000
	}
	if opts.MaxRows == 0 {
		opts.MaxRows = 12
	}
	summary := Summarize(t, opts.Cores)
	l := layers{}
	for minW := 1.0; ; minW *= 2 {
		svg, height := draw(t, opts, l, summary, minW)
		if len(svg) <= opts.MaxBytes {
			return Figure{SVG: svg, Summary: summary, Width: opts.Width, Height: height}, nil
		}
		if minW >= 64 {
			return Figure{}, fmt.Errorf("drawing the timeline: the figure takes %d bytes, over the limit of %d", len(svg), opts.MaxBytes)
		}
	}
}

// figure is one drawing of a timeline at one merging width.
type figure struct {
	t      *Timeline
	opts   Options
	c      canvas
	y      float64 // where the next part goes
	x0, x1 float64 // the plot's left and right edges
	px     float64 // pixels per nanosecond
	minW   float64
	layers layers
	color  map[int64]int     // goroutine ID to its index in t.Goroutines
	rowY   map[int64]float64 // goroutine ID to the middle of its row
}

func draw(t *Timeline, opts Options, l layers, summary string, minW float64) ([]byte, int) {
	f := &figure{t: t, opts: opts, layers: l, minW: minW, x0: labelW, x1: float64(opts.Width) - margin,
		color: map[int64]int{}, rowY: map[int64]float64{}}
	f.px = (f.x1 - f.x0) / float64(max(t.Duration, 1))
	for i, g := range t.Goroutines {
		f.color[g.ID] = i
	}
	f.y = margin + 16
	f.header()
	f.annotations()
	f.lanes()
	f.rows()
	f.axis()
	f.key()
	height := int(f.y + margin)

	var out canvas
	id := opts.ID
	w, h := strconv.Itoa(opts.Width), strconv.Itoa(height)
	out.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 "+w+" "+h, "width", w, "height", h,
		"class", "tl", "role", "img", "aria-labelledby", id+"-title "+id+"-desc")
	out.WriteString(">\n")
	out.WriteString(`<title id="` + esc(id) + `-title">What the Go scheduler did in this run</title>` + "\n")
	out.WriteString(`<desc id="` + esc(id) + `-desc">` + esc(summary) + "</desc>\n")
	out.WriteString("<style>\n" + style() + "</style>\n")
	out.WriteString(`<defs><marker id="` + esc(id) + `-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L6 3L0 6z" class="head-mark"/></marker></defs>` + "\n")
	out.rect(0.5, 0.5, float64(opts.Width)-1, float64(height)-1, "panel", "")
	out.Write(f.c.Bytes())
	out.WriteString("</svg>\n")
	return out.Bytes(), height
}

// x is where time d is on the plot.
func (f *figure) x(d time.Duration) float64 { return f.x0 + float64(d)*f.px }

// header writes what was recorded: how long, on how many Ps and cores,
// and whether the trace is whole.
func (f *figure) header() {
	f.c.text(margin, f.y, "head", fmt.Sprintf("Recorded run: %s · %s · machine with %s", dur(f.t.Duration), gomaxprocs(f.t), plural(f.opts.Cores, "core")))
	f.y += 20
	for _, note := range notes(f.t) {
		f.c.text(margin, f.y, "warn", note)
		f.y += 18
	}
	f.y += 4
}

// gomaxprocs says how many Ps the run had: "GOMAXPROCS 2", or with the
// changes the program made, "GOMAXPROCS 2, 1 from 90.1 µs".
func gomaxprocs(t *Timeline) string {
	if len(t.GOMAXPROCS) == 0 {
		return plural(len(t.Lanes), "P")
	}
	parts := []string{"GOMAXPROCS " + strconv.Itoa(t.GOMAXPROCS[0].N)}
	for _, s := range t.GOMAXPROCS[1:] {
		parts = append(parts, strconv.Itoa(s.N)+" from "+dur(s.At))
	}
	return strings.Join(parts, ", ")
}

// notes are the warnings about a trace that does not cover all of main.
func notes(t *Timeline) []string {
	var n []string
	if t.Stopped != "" {
		n = append(n, "Recording stopped at "+dur(t.Duration)+": "+t.Stopped+".")
	}
	if t.Incomplete {
		n = append(n, "Incomplete: the program ended before main returned (os.Exit or a crash); this is what the trace had written.")
	}
	return n
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
