package timeline

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that a trace, which comes from a program a lesson's
// author wrote, cannot make Parse or Render panic, and that whatever Parse
// accepts draws a well-formed figure within the size limit. The seeds are
// the recorded traces in testdata/; the kept corpus is in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	traces, err := filepath.Glob(filepath.Join("testdata", "*.trace"))
	if err != nil || len(traces) == 0 {
		f.Fatalf("no traces to seed with: %v", err)
	}
	for _, p := range traces {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) <= 16<<10 { // the long pingpong trace slows every mutation down
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tl, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		if tl.Duration < 0 {
			t.Fatalf("negative duration %v", tl.Duration)
		}
		for _, g := range tl.Goroutines {
			for _, s := range g.Slices {
				if s.End < s.Start || s.Start < 0 || s.End > tl.Duration {
					t.Fatalf("%s: slice %v to %v outside the run of %v", g.Label(), s.Start, s.End, tl.Duration)
				}
			}
		}
		fig, err := Render(tl, Options{Cores: 2, MaxBytes: 20_000})
		if err != nil {
			return // too many lanes to draw: an error, not a panic
		}
		if len(fig.SVG) > 20_000 {
			t.Fatalf("figure of %d bytes, over the limit", len(fig.SVG))
		}
		d := xml.NewDecoder(bytes.NewReader(fig.SVG))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("figure is not well-formed XML: %v", err)
			}
		}
	})
}
