package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPageWeight(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"index.html": 5000, "404.html": 5000, "a.html": 100, "b.html": 300, "style.css": 9000} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat("x", size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := pageWeight(dir, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	if w.raw != 200 {
		t.Errorf("average page is %d bytes, want 200 (a.html and b.html only)", w.raw)
	}
	if w.gzip <= 0 || w.gzip >= w.raw {
		t.Errorf("gzipped %d bytes of repeated x's from %d", w.gzip, w.raw)
	}
	if _, err := pageWeight(t.TempDir(), "*.html"); err == nil {
		t.Error("no pages gave no error")
	}
}

func TestRunMeasuresTheChild(t *testing.T) {
	u, err := run(context.Background(), ".", nil, "go", "version")
	if err != nil {
		t.Fatal(err)
	}
	if u.wall <= 0 || u.rss < 1<<20 {
		t.Errorf("go version took %v and at most %d bytes of memory", u.wall, u.rss)
	}
	if _, err := run(context.Background(), ".", nil, "go", "no-such-command"); err == nil || !strings.Contains(err.Error(), "no-such-command") {
		t.Errorf("a failing command gave %v", err)
	}
}

func TestFigure(t *testing.T) {
	for x, want := range map[float64]string{1234.5: "1234", 42.42: "42.4", 4.2424: "4.24", 0.04242: "0.042"} {
		if got := figure(x); got != want {
			t.Errorf("figure(%v) = %q, want %q", x, got, want)
		}
	}
}

// TestTargets reads the targets from rows as a reader of the
// results file would check them by hand.
func TestTargets(t *testing.T) {
	gen := func(n int, secs, vsHugo, vsFloor float64) row {
		return row{what: genRow, lessons: n, usage: usage{wall: time.Duration(secs * float64(time.Second))}, vsHugo: vsHugo, vsFloor: vsFloor}
	}
	site := func(what string, secs float64) row {
		return row{what: what, lessons: 9, usage: usage{wall: time.Duration(secs * float64(time.Second))}}
	}
	for _, tc := range []struct {
		name string
		rows []row
		want []string
	}{
		{"all met", []row{gen(100, 0.1, 3, 9), gen(1000, 1.1, 8, 3), gen(10000, 10.5, 10.2, 1.9), site(coldRow, 10), site(warmRow, 0.5)}, []string{
			"at 10000 lessons, 10.2× faster than Hugo (target 10×): met",
			"at 10000 lessons, 1.9× the goldmark floor (target 2×): met",
			"time per page 1.00 ms at 100, 1.10 ms at 1000, 1.05 ms at 10000: within ±5% of each other (target ±20%): met",
			"the unchanged lesson site rebuilds in 5.0% of its cold time (target under 10%): met",
		}},
		{"none met, no Hugo", []row{gen(100, 0.3, 0, 30), gen(10000, 10, 0, 14), site(coldRow, 10), site(warmRow, 1.5)}, []string{
			"at 10000 lessons, 14.0× the goldmark floor (target 2×): not met",
			"time per page 3.00 ms at 100, 1.00 ms at 10000: within ±50% of each other (target ±20%): not met",
			"the unchanged lesson site rebuilds in 15.0% of its cold time (target under 10%): not met",
		}},
	} {
		b := &bench{rows: tc.rows}
		if got := b.targets(); !slices.Equal(got, tc.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestMedian(t *testing.T) {
	var runs []usage
	for _, w := range []time.Duration{5, 1, 9, 3, 7} {
		runs = append(runs, usage{wall: w, cpu: 10 * w})
	}
	if u := median(runs); u.wall != 5 || u.cpu != 50 {
		t.Errorf("median is %v (cpu %v); want 5 and that run's cpu 50", u.wall, u.cpu)
	}
	if u := median(runs[:1]); u.wall != 5 {
		t.Errorf("median of one run is %v", u.wall)
	}
}
