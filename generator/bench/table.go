package main

import (
	"fmt"
	"math"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// row is one line of the results table.
type row struct {
	what    string
	lessons int
	usage
	page    weight  // average lesson page; zero when there are no pages
	vsHugo  float64 // Hugo's wall time over ours; 0 when not measured
	vsFloor float64 // our wall time over the goldmark floor's; 0 when not measured
}

func (r row) cells() []string {
	secs := r.wall.Seconds()
	c := []string{r.what, fmt.Sprint(r.lessons), figure(secs), figure(float64(r.lessons) / secs), "—", fmt.Sprintf("%s s (%.0f%%)", figure(r.cpu.Seconds()), 100*r.cpu.Seconds()/secs), "—", "—", "—"}
	if r.rss > 0 {
		c[4] = fmt.Sprintf("%.0f MiB", float64(r.rss)/(1<<20))
	}
	if r.page.raw > 0 {
		c[6] = fmt.Sprintf("%.1f KB / %.1f KB", float64(r.page.raw)/1000, float64(r.page.gzip)/1000)
	}
	if r.vsHugo > 0 {
		c[7] = fmt.Sprintf("%.2f×", r.vsHugo)
	}
	if r.vsFloor > 0 {
		c[8] = fmt.Sprintf("%.1f×", r.vsFloor)
	}
	return c
}

// figure prints a number with three significant digits, without exponents.
func figure(x float64) string {
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f", x)
	case x >= 10:
		return fmt.Sprintf("%.1f", x)
	case x >= 1:
		return fmt.Sprintf("%.2f", x)
	}
	return fmt.Sprintf("%.3f", x)
}

// report is the results file: the table, what each row means, and where it ran.
func (b *bench) report() string {
	var s strings.Builder
	s.WriteString("# make bench results\n\n")
	s.WriteString("Written by `make bench` (`go run ./generator/bench`); every figure comes from the one run described here. Do not edit by hand.\n\n")
	fmt.Fprintf(&s, "- when: %s%s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"), commit())
	fmt.Fprintf(&s, "- machine: %s\n", machine())
	if b.load[0] != "" {
		fmt.Fprintf(&s, "- load average (1 minute) when the run started and ended: %s and %s; anything above 0 means other work shared the cores\n", b.load[0], b.load[1])
	}
	fmt.Fprintf(&s, "- Go: %s\n", runtime.Version())
	if b.hugoVer != "" {
		fmt.Fprintf(&s, "- Hugo: %s\n", b.hugoVer)
	}
	s.WriteString("\n| what | lessons | seconds | pages/s | peak RSS | CPU time (of wall) | average page (raw / gzip) | Hugo's time ÷ ours | ours ÷ floor |\n")
	s.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range b.rows {
		s.WriteString("| " + strings.Join(r.cells(), " | ") + " |\n")
	}
	if t := b.targets(); len(t) > 0 {
		s.WriteString("\nThe issue's targets, from the rows above:\n\n")
		for _, line := range t {
			s.WriteString("- " + line + "\n")
		}
	}
	fmt.Fprintf(&s, "\n- This generator and Hugo built each synthetic site %d times, taking turns, each time into a new folder; their rows show the run with the median wall time (CPU time and memory are that run's). The other rows ran once.", b.runs)
	s.WriteString(`
- Synthetic lessons are about 4 KB of Markdown with three distinct 40-line Go blocks marked ` + "`norun`" + `, so a build runs nothing and no cache helps; every build starts with an empty snippet cache.
- Every build writes a new folder, and nothing is deleted until the run ends: on ext4 without a journal, creating files soon after deleting many is several times slower, which would charge one build for another's clean-up.
- *CPU time* is user plus system time, and its share of wall time: 200% keeps both cores of a 2-core machine busy. On a shared machine it varies less than wall time. *Peak RSS* is the child process's, as the kernel counts it.
- *The floor* is the same Markdown through goldmark with the lesson dialect (generator/markdown), files already in memory, HTML dropped: no highlighting, templates or I/O.
- *Average page* is over the lesson pages (not the home page), at most 50 of them spread evenly.
- *Hugo's time ÷ ours* above 1 means we are faster; *ours ÷ floor* is how many floors a build costs.
- The lesson site's cold builds use an empty snippet cache but the machine's Go build cache; warm reuses the verified build's snippet cache.
`)
	for _, n := range b.notes {
		s.WriteString("- " + n + "\n")
	}
	return s.String()
}

// commit names the checked-out commit, if git can say.
func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return ""
	}
	c := ", commit " + strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "status", "--porcelain").Output(); err == nil && len(st) > 0 {
		c += " with uncommitted changes"
	}
	return c
}

// Rows the targets are read from.
const (
	genRow  = "this generator, cold"
	coldRow = "lesson site, cold, verified"
	warmRow = "lesson site, warm (cached)"
)

// targets compares the rows with what issue 12 asks for, one line each,
// saying whether each is met.
func (b *bench) targets() []string {
	var out []string
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "not met"
	}
	var gen []row
	for _, r := range b.rows {
		if r.what == genRow {
			gen = append(gen, r)
		}
	}
	if len(gen) > 0 {
		top := gen[len(gen)-1]
		if top.vsHugo > 0 {
			out = append(out, fmt.Sprintf("at %d lessons, %.1f× faster than Hugo (target 10×): %s", top.lessons, top.vsHugo, met(top.vsHugo >= 10)))
		}
		out = append(out, fmt.Sprintf("at %d lessons, %.1f× the goldmark floor (target 2×): %s", top.lessons, top.vsFloor, met(top.vsFloor <= 2)))
	}
	if len(gen) > 1 {
		var per []string
		lo, hi := math.Inf(1), 0.0
		for _, r := range gen {
			ms := 1000 * r.wall.Seconds() / float64(r.lessons)
			per = append(per, fmt.Sprintf("%.2f ms at %d", ms, r.lessons))
			lo, hi = min(lo, ms), max(hi, ms)
		}
		// ±20% around the middle of the range.
		spread := (hi - lo) / (hi + lo)
		out = append(out, fmt.Sprintf("time per page %s: within ±%.0f%% of each other (target ±20%%): %s", strings.Join(per, ", "), 100*spread, met(spread <= 0.2)))
	}
	var cold, warm *row
	for i := range b.rows {
		switch b.rows[i].what {
		case coldRow:
			cold = &b.rows[i]
		case warmRow:
			warm = &b.rows[i]
		}
	}
	if cold != nil && warm != nil {
		share := warm.wall.Seconds() / cold.wall.Seconds()
		out = append(out, fmt.Sprintf("the unchanged lesson site rebuilds in %.1f%% of its cold time (target under 10%%): %s", 100*share, met(share < 0.1)))
	}
	return out
}
