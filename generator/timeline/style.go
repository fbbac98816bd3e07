package timeline

import (
	"strconv"
	"strings"
)

// The figure's colours are custom properties on its root (class tl), light
// by default and dark in two cases, as the site's own stylesheet decides:
// when the reader's system prefers dark and the page is not switched to
// light (or the SVG is the document itself: opened alone or through <img>,
// where it is :root), and when the page is switched to dark with
// data-theme="dark" on <html>. The toggle reaches the figure only when the
// SVG is inline in the page, so pages should inline it; through <img> it
// follows the system's preference, like assets/concurrency-vs-parallelism.svg.
// Every selector starts with .tl, so the rules, which an inline SVG's
// <style> applies to the whole page, touch nothing else and can repeat.

// palette holds the goroutine colours, light and dark; goroutine i gets
// palette[i%len(palette)], and its ID names it wherever colour alone would.
var palette = [...][2]string{
	{"#2e7d32", "#81c784"}, // green
	{"#1565c0", "#6cb8f6"}, // blue
	{"#b93d0c", "#ffb366"}, // orange
	{"#6a1b9a", "#ce93d8"}, // purple
	{"#00838f", "#4dd0e1"}, // teal
	{"#ad1457", "#f48fb1"}, // pink
	{"#5d4037", "#bcaaa4"}, // brown
	{"#827717", "#dce775"}, // olive
	{"#283593", "#9fa8da"}, // indigo
	{"#c62828", "#ef9a9a"}, // red
}

// theme holds the other colours, light and dark, by custom property.
var theme = [...][3]string{
	{"bg", "#ffffff", "#161b22"},
	{"fg", "#1f2328", "#e6edf3"},
	{"soft", "#59636e", "#9198a1"},
	{"line", "#d1d9e0", "#30363d"},
	{"track", "#f3f5f7", "#1f252d"},
	{"accent", "#00758d", "#4cc3d9"},
	{"rt", "#9aa4af", "#59616b"},
	{"mix", "#7c8693", "#7f8995"},
	{"warn", "#8a5300", "#f2cc60"},
	{"in", "#ffffff", "#12151a"},
}

// style returns the figure's <style> sheet.
func style() string {
	vars := func(dark int) string {
		var b strings.Builder
		for _, t := range theme {
			b.WriteString("--tl-" + t[0] + ":" + t[1+dark] + ";")
		}
		for i, c := range palette {
			b.WriteString("--tl-c" + strconv.Itoa(i) + ":" + c[dark] + ";")
		}
		return b.String()
	}
	var b strings.Builder
	b.WriteString(".tl{" + vars(0) + "}\n")
	b.WriteString("@media (prefers-color-scheme:dark){.tl:root,:root:not([data-theme=light]) .tl{" + vars(1) + "}}\n")
	b.WriteString(":root[data-theme=dark] .tl{" + vars(1) + "}\n")
	for i := range palette {
		n := strconv.Itoa(i)
		b.WriteString(".tl .c" + n + "{fill:var(--tl-c" + n + ");stroke:var(--tl-c" + n + ")}\n")
	}
	b.WriteString(`.tl text{font:12px system-ui,sans-serif;fill:var(--tl-fg);stroke:none}
.tl .panel{fill:var(--tl-bg);stroke:var(--tl-line)}
.tl .head{font-size:14px;font-weight:600}
.tl .soft{fill:var(--tl-soft)}
.tl .small{font-size:10px}
.tl .warn{fill:var(--tl-warn);font-weight:600}
.tl .in{fill:var(--tl-in);font-size:11px}
.tl .track{fill:var(--tl-track)}
.tl .rt{fill:var(--tl-rt)}
.tl .mix{fill:var(--tl-mix)}
.tl .sparse{fill-opacity:.45}
.tl .run{stroke:none}
.tl .ready{fill:none;stroke-width:1.5;stroke-dasharray:1 3}
.tl .wait{fill:none;stroke:var(--tl-soft);stroke-width:2;stroke-dasharray:5 3}
.tl .wake{fill:none;stroke:var(--tl-accent);stroke-width:1.2}
.tl .head-mark{fill:var(--tl-accent)}
.tl .gc{fill:var(--tl-rt)}
.tl .task{fill:none;stroke:var(--tl-accent);stroke-width:1.5}
.tl .log{fill:var(--tl-accent)}
.tl .region{stroke:none;fill-opacity:.35}
.tl .axis{stroke:var(--tl-soft);fill:none}
`)
	return b.String()
}
