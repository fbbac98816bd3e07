package timeline

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestPack(t *testing.T) {
	ms := time.Millisecond
	us := time.Microsecond
	p := func(start, end time.Duration, key int) piece { return piece{start: start, end: end, key: key} }
	tests := []struct {
		name   string
		pieces []piece
		want   string // each bar as key:n, mixed as *:n
	}{
		{"apart", []piece{p(0, ms, 1), p(2*ms, 3*ms, 2)}, "1:1 2:1"},
		{"same key touching", []piece{p(0, ms, 1), p(ms+us, 2*ms, 1)}, "1:2"},
		{"different keys touching", []piece{p(0, ms, 1), p(ms, 2*ms, 2)}, "1:1 2:1"},
		{"slivers of two keys", []piece{p(0, us, 1), p(2*us, 3*us, 2), p(4*us, 5*us, 1)}, "*:3"},
		{"a sliver after a wide bar", []piece{p(0, ms, 1), p(ms, ms+us, 2)}, "1:1 2:1"},
		{"slivers keep merging", []piece{p(0, us, 1), p(us, 2*us, 2), p(2*us, 90*us, 3), p(90*us, 91*us, 1)}, "*:4"},
		{"a gap splits slivers", []piece{p(0, us, 1), p(500*us, 501*us, 2)}, "1:1 2:1"},
	}
	// 10 pixels a millisecond: a microsecond is a sliver, a millisecond is not.
	px := 10.0 / float64(ms)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range pack(tt.pieces, px, 1) {
				k := "*"
				if b.key != mixed {
					k = string(rune('0' + b.key))
				}
				got = append(got, k+":"+string(rune('0'+b.n)))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("bars %s, want %s", g, tt.want)
			}
		})
	}
}

// TestPackManyKeys merges the slivers of many goroutines, more than a bar
// looks through one by one, and some of them twice: the bar lists each
// once, in the order they first ran.
func TestPackManyKeys(t *testing.T) {
	var pieces []piece
	for i := range 3 * manyKeys {
		k := i % (2 * manyKeys)
		pieces = append(pieces, piece{start: time.Duration(i) * time.Microsecond, end: time.Duration(i+1) * time.Microsecond, key: k})
	}
	bars := pack(pieces, 10.0/float64(time.Millisecond), 1)
	if len(bars) != 1 || bars[0].n != len(pieces) || bars[0].key != mixed {
		t.Fatalf("want one mixed bar of %d slivers, got %+v", len(pieces), bars)
	}
	if got := bars[0].keys; len(got) != 2*manyKeys || got[0] != 0 || got[len(got)-1] != 2*manyKeys-1 {
		t.Errorf("keys %v, want 0 to %d once each", got, 2*manyKeys-1)
	}
}

func TestTicks(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{43 * time.Millisecond, "0 5 ms 10 ms 15 ms 20 ms 25 ms 30 ms 35 ms 40 ms"},
		{7390 * time.Microsecond, "0 1 ms 2 ms 3 ms 4 ms 5 ms 6 ms 7 ms"},
		{4070 * time.Microsecond, "0 0.5 ms 1 ms 1.5 ms 2 ms 2.5 ms 3 ms 3.5 ms 4 ms"},
		{1020 * time.Millisecond, "0 0.2 s 0.4 s 0.6 s 0.8 s 1 s"},
		{900 * time.Microsecond, "0 100 µs 200 µs 300 µs 400 µs 500 µs 600 µs 700 µs 800 µs 900 µs"},
		{0, "0"},
	}
	for _, tt := range tests {
		marks, u := ticks(tt.d, 10)
		var got []string
		for _, m := range marks {
			got = append(got, label(m, u))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("ticks(%v) = %s, want %s", tt.d, g, tt.want)
		}
	}
}

func TestDur(t *testing.T) {
	for d, want := range map[time.Duration]string{
		43493697 * time.Nanosecond: "43.5 ms",
		566528 * time.Nanosecond:   "567 µs",
		1022004736:                 "1.02 s",
		2 * time.Millisecond:       "2.00 ms",
		750:                        "750 ns",
		0:                          "0 ns",
	} {
		if got := dur(d); got != want {
			t.Errorf("dur(%d) = %q, want %q", d, got, want)
		}
	}
}

// TestSummary checks the text alternative on a timeline made by hand.
func TestSummary(t *testing.T) {
	ms := time.Millisecond
	main := &Goroutine{ID: 1, Func: "main.main",
		Slices: []Slice{{G: 1, Proc: 0, Start: 0, End: ms}, {G: 1, Proc: 1, Start: 8 * ms, End: 9 * ms}},
		Blocks: []Block{
			{Start: ms, End: 8 * ms, Reason: ChanRecv, At: "main.go:27", Waker: 7},
			{Start: 9 * ms, End: 9*ms + 40*time.Microsecond, Reason: Syscall, At: "main.go:29"},
		}}
	worker := &Goroutine{ID: 7, Func: "main.worker", Slices: []Slice{{G: 7, Proc: 1, Start: ms, End: 8 * ms}}}
	tl := &Timeline{Duration: 10 * ms, Lanes: []int{0, 1}, GOMAXPROCS: []Setting{{N: 2}}, Goroutines: []*Goroutine{main, worker}}
	want := "Recorded run of 10.0 ms on a machine with 4 cores (GOMAXPROCS 2). " +
		"2 goroutines ran on 2 processors: G1 main.main, G7 main.worker. " +
		"Longest block: G1 main.main waited 7.00 ms on chan receive at main.go:27, until G7 woke it."
	if got := Summarize(tl, 4); got != want {
		t.Errorf("summary\n%s\nwant\n%s", got, want)
	}

	tl.Stopped, tl.Incomplete = "every goroutine was blocked for a second", true
	main.Blocks[0].Open, main.Blocks[0].Waker = true, 0
	got := Summarize(tl, 1)
	for _, part := range []string{"machine with 1 core ", "still waiting when the trace ended", "Recording stopped at 10.0 ms: every goroutine was blocked for a second.", "Incomplete:"} {
		if !strings.Contains(got, part) {
			t.Errorf("summary %q lacks %q", got, part)
		}
	}
}

func BenchmarkParseRender(b *testing.B) {
	data, err := os.ReadFile("testdata/pingpong.trace")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		tl, err := Parse(strings.NewReader(string(data)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Render(tl, Options{Cores: 2}); err != nil {
			b.Fatal(err)
		}
	}
}
