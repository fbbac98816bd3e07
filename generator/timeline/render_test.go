package timeline

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden figures in testdata/")

// goldenTraces are the traces drawn into golden figures: one per kind of
// blocking, the two runs of the concurrency-vs-parallelism demo, a
// program's own annotations, a deadlock and a long run.
var goldenTraces = []string{"handoff", "mutex", "waitgroup", "sleep", "select", "parallel1", "parallelN", "regions", "deadlock", "pingpong"}

// cores is the number of cores the golden figures state: the machine
// that recorded the traces had two.
const cores = 2

func TestRenderGolden(t *testing.T) {
	for _, name := range goldenTraces {
		t.Run(name, func(t *testing.T) {
			fig, err := Render(load(t, name), Options{Cores: cores})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(path, fig.SVG, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (make it with -update)", err)
			}
			if !bytes.Equal(fig.SVG, want) {
				t.Errorf("%s differs from the golden figure; look at both and rewrite it with -update", path)
			}
			checkSVG(t, fig, cores)
		})
	}
}

// checkSVG checks that a figure is well-formed XML under the size limit,
// names every goroutine that has a row and carries its summary.
func checkSVG(t *testing.T, fig Figure, cores int) {
	t.Helper()
	if len(fig.SVG) > 50_000 {
		t.Errorf("%d bytes, over 50 KB", len(fig.SVG))
	}
	d := xml.NewDecoder(bytes.NewReader(fig.SVG))
	var texts, descs []string
	var in []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = append(in, tok.Name.Local)
		case xml.EndElement:
			in = in[:len(in)-1]
		case xml.CharData:
			if len(in) == 0 {
				break
			}
			switch in[len(in)-1] {
			case "text":
				texts = append(texts, string(tok))
			case "desc":
				descs = append(descs, string(tok))
			}
		}
	}
	if len(descs) != 1 || descs[0] != fig.Summary {
		t.Errorf("desc %q, want the summary %q", descs, fig.Summary)
	}
	if !strings.Contains(strings.Join(texts, "\n"), "machine with "+plural(cores, "core")) {
		t.Errorf("the figure does not state the cores: %q", texts)
	}
}

func TestRenderNamesGoroutines(t *testing.T) {
	for _, name := range goldenTraces {
		tl := load(t, name)
		fig, err := Render(tl, Options{Cores: cores})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range tl.Goroutines[:min(len(tl.Goroutines), 12)] {
			label := fit(g.Label()+" "+g.Name(), labelW-margin-20, 12)
			if !bytes.Contains(fig.SVG, []byte(">"+esc(label)+"</text>")) {
				t.Errorf("%s: no row is labelled %q", name, label)
			}
		}
		for _, l := range tl.Lanes {
			if !bytes.Contains(fig.SVG, []byte(fmt.Sprintf(">P%d</text>", l))) {
				t.Errorf("%s: no lane P%d", name, l)
			}
		}
	}
}

func TestRenderOptions(t *testing.T) {
	tl := load(t, "handoff")
	if _, err := Render(tl, Options{}); err == nil {
		t.Error("Render without the number of cores succeeded")
	}
	if _, err := Render(tl, Options{Cores: 1, Width: 100}); err == nil {
		t.Error("Render at 100 pixels succeeded")
	}
	fig, err := Render(tl, Options{Cores: 1, ID: "fig2"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(fig.SVG, []byte(`id="fig2-desc"`)) || bytes.Contains(fig.SVG, []byte(`id="tl-`)) {
		t.Error("the ID option does not prefix the ids")
	}
	if !strings.Contains(fig.Summary, "machine with 1 core ") {
		t.Errorf("summary %q does not say 1 core", fig.Summary)
	}
}

// long is a synthetic timeline far busier than any snippet: goroutines
// taking turns on every P every few microseconds for seconds, each
// blocking and woken in between.
func long(procs, goroutines int, every, d time.Duration) *Timeline {
	tl := &Timeline{Duration: d, GOMAXPROCS: []Setting{{N: procs}}}
	for p := range procs {
		tl.Lanes = append(tl.Lanes, p)
	}
	for i := range goroutines {
		tl.Goroutines = append(tl.Goroutines, &Goroutine{ID: int64(i + 1), Func: fmt.Sprintf("main.worker%d", i)})
	}
	n := 0
	for at := time.Duration(0); at+every <= d; at += every {
		for p := range procs {
			g := tl.Goroutines[(n+p)%goroutines]
			g.Slices = append(g.Slices, Slice{G: g.ID, Proc: p, Start: at, End: at + every/2})
			waker := tl.Goroutines[(n+p+1)%goroutines].ID
			g.Blocks = append(g.Blocks, Block{Start: at + every/2, End: at + every, Reason: ChanRecv, At: "main.go:9", Waker: waker})
			g.Ready = append(g.Ready, Span{Start: at + every*3/4, End: at + every})
		}
		n++
	}
	tl.Logs = append(tl.Logs, Log{G: 1, At: d / 2, Category: "<odd & \"quoted\">", Message: "]]>"})
	return tl
}

func TestRenderSizeBound(t *testing.T) {
	for _, tt := range []struct {
		procs, goroutines int
		every, d          time.Duration
	}{
		{1, 3, 5 * time.Microsecond, time.Second},
		{8, 40, 20 * time.Microsecond, time.Second},
		{2, 3, 200 * time.Microsecond, 2 * time.Second},
		{16, 16, time.Millisecond, time.Minute},
	} {
		tl := long(tt.procs, tt.goroutines, tt.every, tt.d)
		fig, err := Render(tl, Options{Cores: tt.procs})
		if err != nil {
			t.Fatalf("%d Ps, %d goroutines: %v", tt.procs, tt.goroutines, err)
		}
		checkSVG(t, fig, tt.procs)
		t.Logf("%d Ps, %d goroutines, a switch every %v for %v: %d bytes", tt.procs, tt.goroutines, tt.every, tt.d, len(fig.SVG))
	}
}

func TestRenderDeterministic(t *testing.T) {
	a, err := Render(long(4, 7, 30*time.Microsecond, time.Second), Options{Cores: 4})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Render(long(4, 7, 30*time.Microsecond, time.Second), Options{Cores: 4})
	if !bytes.Equal(a.SVG, b.SVG) {
		t.Error("two drawings of the same timeline differ")
	}
}
