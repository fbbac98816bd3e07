package main

import (
	"flag"
	"fmt"
	"slices"
	"testing"
	"time"
)

var measure = flag.Bool("playground.measure", false, "measure the time from Run to output, cold and warm (README's numbers)")

// TestPlaygroundMeasure prints, for a hello world and for the largest
// lesson snippet, the time from the first Run on a page to its output
// (cold: a new browser, nothing cached: download, decompression,
// compilation, the host's start, the run) and for the next Run (warm: the
// spare worker is ready). Each is the median of five browsers.
func TestPlaygroundMeasure(t *testing.T) {
	if !*measure {
		t.Skip("measures; run with -playground.measure -v")
	}
	for _, c := range []struct{ name, page, id string }{
		{"hello world", guidePage, "snippet-95"},
		{"largest lesson snippet (41 lines)", "rwmutex.html", "snippet-75"},
		{"slowest: two million atomic adds", "race-detector.html", "snippet-203"},
	} {
		var cold, warm []float64
		for range 5 {
			t.Run(c.name, func(t *testing.T) {
				b := openBrowser(t)
				b.open(t, c.page)
				cold = append(cold, playEval[playOutput](t, b, 120*time.Second, fmt.Sprintf(`pt.run(%q, 110000)`, c.id)).MS)
				warm = append(warm, playEval[playOutput](t, b, 120*time.Second, fmt.Sprintf(`pt.run(%q, 110000)`, c.id)).MS)
			})
		}
		slices.Sort(cold)
		slices.Sort(warm)
		t.Logf("%s: cold %.0f ms, warm %.0f ms (medians; cold %.0f–%.0f, warm %.0f–%.0f)",
			c.name, cold[len(cold)/2], warm[len(warm)/2], cold[0], cold[len(cold)-1], warm[0], warm[len(warm)-1])
	}
}
