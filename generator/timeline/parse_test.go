package timeline

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// load parses testdata/name.trace.
func load(t testing.TB, name string) *Timeline {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name+".trace"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tl, err := Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tl
}

// at is "main.go:N" for the first line of testdata/programs/name.go that
// contains code.
func at(t *testing.T, name, code string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "programs", name+".go"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, code) {
			return "main.go:" + strconv.Itoa(i+1)
		}
	}
	t.Fatalf("%s.go has no line with %q", name, code)
	return ""
}

// names lists the Func of each goroutine of tl.
func funcs(tl *Timeline) []string {
	var fs []string
	for _, g := range tl.Goroutines {
		fs = append(fs, g.Func)
	}
	return fs
}

// blocksOf returns the blocks, of any goroutine of tl, with the given What.
func blocksOf(tl *Timeline, what string) []Block {
	var bs []Block
	for _, g := range tl.Goroutines {
		for _, b := range g.Blocks {
			if b.What() == what {
				bs = append(bs, b)
			}
		}
	}
	return bs
}

func TestParseBlocks(t *testing.T) {
	tests := []struct {
		trace, what, code string // a block on what at the line with code
		woken             bool   // woken by another of the program's goroutines
		goroutines        int    // how many goroutines the program starts, main's included
		funcs             string // some of their functions, comma-separated
	}{
		{"handoff", "chan receive", "for v := range ch", true, 2, "main.main,main.producer"},
		{"mutex", "sync.Mutex.Lock", "mu.Lock()", true, 4, "main.main"},
		{"waitgroup", "sync.WaitGroup.Wait", "wg.Wait()", true, 4, "main.main"},
		{"sleep", "sleep", "time.Sleep(d)", false, 3, "main.main,main.napper"},
		{"select", "select", "select {", true, 3, "main.main,main.source"},
		{"deadlock", "chan send", "ch <- 2", false, 2, "main.main,main.main.func1"},
		{"parallel1", "sync.WaitGroup.Wait", "wg.Wait()", true, 4, "main.main"},
		{"parallelN", "sync.WaitGroup.Wait", "wg.Wait()", true, 4, "main.main"},
	}
	for _, tt := range tests {
		t.Run(tt.trace, func(t *testing.T) {
			tl := load(t, tt.trace)
			if len(tl.Goroutines) != tt.goroutines {
				t.Errorf("%d goroutines (%v), want %d", len(tl.Goroutines), funcs(tl), tt.goroutines)
			}
			for _, f := range strings.Split(tt.funcs, ",") {
				if !slices.Contains(funcs(tl), f) {
					t.Errorf("no goroutine runs %s: %v", f, funcs(tl))
				}
			}
			want := at(t, tt.trace, tt.code)
			var found []Block
			for _, b := range blocksOf(tl, tt.what) {
				if b.At == want {
					found = append(found, b)
				}
			}
			if len(found) == 0 {
				t.Fatalf("no block on %s at %s", tt.what, want)
			}
			for _, b := range found {
				woken := b.Waker != 0 && tl.Goroutine(b.Waker) != nil
				if woken != tt.woken {
					t.Errorf("block on %s at %s: woken by G%d, want woken by a goroutine of the program: %v", tt.what, want, b.Waker, tt.woken)
				}
				if b.End < b.Start || b.End > tl.Duration {
					t.Errorf("block %v to %v outside the run of %v", b.Start, b.End, tl.Duration)
				}
			}
		})
	}
}

// TestParseHidesRecording checks that no goroutine of the runtime, of the
// tracer or of the recorder passes for the program's, on every trace.
func TestParseHidesRecording(t *testing.T) {
	traces, _ := filepath.Glob("testdata/*.trace")
	for _, p := range traces {
		name := strings.TrimSuffix(filepath.Base(p), ".trace")
		tl := load(t, name)
		for _, g := range tl.Goroutines {
			if !isProgram(g.Func) && g.CreatedAt == "" {
				t.Errorf("%s: G%d runs %s, not the program's", name, g.ID, g.Func)
			}
		}
		if main := tl.Goroutine(1); main == nil || main.Func != "main.main" {
			t.Errorf("%s: the main goroutine is missing or misnamed: %+v", name, main)
		}
		if tl.Incomplete {
			t.Errorf("%s: incomplete", name)
		}
		lanes := map[int]bool{}
		for _, g := range tl.Goroutines {
			for _, s := range g.Slices {
				lanes[s.Proc] = true
			}
		}
		for _, s := range tl.Runtime {
			lanes[s.Proc] = true
		}
		if len(lanes) != len(tl.Lanes) || !slices.IsSorted(tl.Lanes) {
			t.Errorf("%s: lanes %v, but slices ran on %v", name, tl.Lanes, lanes)
		}
	}
}

// overlap is how long two of the program's goroutines ran at once after
// time from.
func overlap(tl *Timeline, from time.Duration) time.Duration {
	var all []Slice
	for _, g := range tl.Goroutines {
		all = append(all, g.Slices...)
	}
	var total time.Duration
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.G == b.G {
				continue
			}
			if d := min(a.End, b.End) - max(a.Start, b.Start, from); d > 0 {
				total += d
			}
		}
	}
	return total
}

func TestParseParallelism(t *testing.T) {
	one := load(t, "parallel1")
	last := one.GOMAXPROCS[len(one.GOMAXPROCS)-1]
	if last.N != 1 {
		t.Fatalf("GOMAXPROCS settings %v, want the last to be 1", one.GOMAXPROCS)
	}
	if d := overlap(one, last.At); d != 0 {
		t.Errorf("at GOMAXPROCS(1), goroutines ran at the same time for %v", d)
	}
	all := load(t, "parallelN")
	if all.GOMAXPROCS[0].N < 2 {
		t.Skipf("recorded with GOMAXPROCS %d: nothing can run in parallel", all.GOMAXPROCS[0].N)
	}
	if len(all.Lanes) < 2 || overlap(all, 0) == 0 {
		t.Errorf("with every core (%v), goroutines never ran at the same time on lanes %v", all.GOMAXPROCS, all.Lanes)
	}
}

func TestParseAnnotations(t *testing.T) {
	tl := load(t, "regions")
	var names []string
	for _, g := range tl.Goroutines {
		names = append(names, g.Name())
	}
	slices.Sort(names)
	if want := []string{"boil water", "steep", "warm cups"}; !slices.Equal(names, want) {
		t.Errorf("goroutines named %v, want %v", names, want)
	}
	if len(tl.Tasks) != 1 || tl.Tasks[0].Type != "make tea" || tl.Tasks[0].End <= tl.Tasks[0].Start {
		t.Errorf("tasks %+v, want make tea", tl.Tasks)
	}
	if len(tl.Logs) != 1 || tl.Logs[0].Category != "cups" || tl.Logs[0].Message != "2 warm" {
		t.Errorf("logs %+v, want cups: 2 warm", tl.Logs)
	}
	for _, g := range tl.Goroutines {
		for _, r := range g.Regions {
			if r.Task != "make tea" {
				t.Errorf("region %q in task %q, want make tea", r.Type, r.Task)
			}
		}
	}
}

func TestParseStopped(t *testing.T) {
	tl := load(t, "deadlock")
	if tl.Stopped == "" {
		t.Fatal("the recorder's early stop is not reported")
	}
	for _, g := range tl.Goroutines {
		if n := len(g.Blocks); n == 0 || !g.Blocks[n-1].Open {
			t.Errorf("G%d is not still blocked at the end: %+v", g.ID, g.Blocks)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "go 1.26 trace\x00\x00\x00", "not a trace at all"} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("Parse(%q) succeeded", in)
		}
	}
}

// TestParseTruncated cuts the deadlock trace, which spans two
// generations (the runtime starts one a second), inside its second: as
// when a program calls os.Exit after running for over a second.
func TestParseTruncated(t *testing.T) {
	data, err := os.ReadFile("testdata/deadlock.trace")
	if err != nil {
		t.Fatal(err)
	}
	whole := load(t, "deadlock")
	tl, err := Parse(strings.NewReader(string(data[:len(data)-100])))
	if err != nil {
		t.Fatalf("a trace cut in its second generation: %v", err)
	}
	if !tl.Incomplete {
		t.Error("a trace cut short is not reported incomplete")
	}
	if tl.Duration >= whole.Duration || len(tl.Goroutines) != len(whole.Goroutines) {
		t.Errorf("cut trace: %v with %d goroutines; whole: %v with %d", tl.Duration, len(tl.Goroutines), whole.Duration, len(whole.Goroutines))
	}
}
