package execute

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/runner"
)

// recorded is a trace the timeline package's tests recorded: a producer
// handing values to main over an unbuffered channel.
func recorded(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "timeline", "testdata", "handoff.trace"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tracing answers a go run with output and the given trace, and counts
// the runs that asked for a trace.
type tracing struct {
	trace  []byte
	res    engine.Result
	traced atomic.Int32
	fake
}

func newTracing(res engine.Result, trace []byte) *tracing {
	tr := &tracing{trace: trace, res: res}
	tr.golang = func(req runner.Request) engine.Result {
		r := tr.res
		if req.Trace {
			tr.traced.Add(1)
			r.Trace = tr.trace
		}
		return r
	}
	return tr
}

var traceVersions = Versions{Go: "go1.26.8", Host: "go1.26.8", Generator: "test", Platform: "linux/amd64", Cores: 2}

const traceInfo = "go engine=go trace"

func TestTraceDrawsTheFigureAndCachesTheTrace(t *testing.T) {
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tr := newTracing(out("hi\n"), recorded(t))
	cfg := Config{Jobs: 1, Verify: true, Run: tr.run, Cache: cache, Versions: traceVersions}
	build := func(cfg Config, line int) *lesson.Block {
		t.Helper()
		b := block(t, line, traceInfo, program("\tfmt.Println(\"hi\")\n"))
		if err := All(context.Background(), []*lesson.Block{b}, cfg); err != nil {
			t.Fatal(err)
		}
		return b
	}
	b := build(cfg, 10)
	if n := tr.traced.Swap(0); n != 1 || tr.runs.Swap(0) != 1 {
		t.Fatalf("first build: %d traced runs, want 1 and no other", n)
	}
	if b.Timeline == nil || !strings.Contains(string(b.Timeline.SVG), `id="snippet-10-trace-title"`) {
		t.Fatalf("no figure with the snippet's id: %+v", b.Timeline)
	}
	if !strings.Contains(b.Timeline.Summary, "2 goroutines") || b.Result.Trace != nil {
		t.Errorf("summary %q, trace kept %d bytes", b.Timeline.Summary, len(b.Result.Trace))
	}
	again := build(cfg, 10)
	if n := tr.runs.Swap(0); n != 0 {
		t.Errorf("unchanged rebuild: %d runs, want 0", n)
	}
	if again.Timeline == nil || string(again.Timeline.SVG) != string(b.Timeline.SVG) || again.Timeline.Summary != b.Timeline.Summary {
		t.Errorf("the cached figure is not the one drawn")
	}
	// The figure's id follows the snippet's line, without a run.
	if moved := build(cfg, 12); tr.runs.Swap(0) != 0 || !strings.Contains(string(moved.Timeline.SVG), `id="snippet-12-trace-title"`) {
		t.Errorf("a moved snippet ran again, or kept its old figure's id")
	}
	// The figure states the machine's cores.
	more := cfg
	more.Versions.Cores = 8
	if b := build(more, 10); tr.runs.Swap(0) != 1 || !strings.Contains(b.Timeline.Summary, "8 cores") {
		t.Errorf("a machine with more cores kept the old figure")
	}
	// An entry whose trace is gone or does not parse is run again.
	key := cacheKey(b.Snippet, cfg.Versions)
	for _, trace := range [][]byte{nil, []byte("go 1.26 trace\x00\x00\x00edited")} {
		e, ok := cache.get(key, false)
		if !ok {
			t.Fatal("no entry")
		}
		e.Trace = trace
		if err := cache.put(key, e); err != nil {
			t.Fatal(err)
		}
		if b := build(cfg, 10); tr.runs.Swap(0) != 1 || b.Timeline == nil {
			t.Errorf("an entry with the trace %q stood for the run", trace)
		}
	}
}

func TestTraceErrors(t *testing.T) {
	limited := engine.Result{Outcome: engine.OutputLimit, ExitCode: -1, Note: "killed: its execution trace passed 8 MiB, the most a figure is drawn from; trace a shorter run"}
	tests := []struct {
		name  string
		body  string
		res   engine.Result
		trace []byte
		runs  int32
		want  string
	}{
		{"no trace", "\tfmt.Println(\"hi\")\n", out("hi\n"), nil, 1, "content/x.md:10: trace: the run left no execution trace"},
		{"garbage", "\tfmt.Println(\"hi\")\n", out("hi\n"), []byte("go 1.26 trace\x00\x00\x00garbage"), 1, "content/x.md:10: trace: reading the trace"},
		{"too long", "\tfor {}\n", limited, []byte("go 1.26 trace"), 1, "execution trace passed 8 MiB"},
		{"own trace", "\ttrace.Start(nil)\n", out(""), nil, 0, "content/x.md:19: instrumenting for a trace: the program calls trace.Start itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracing(tt.res, tt.trace)
			src := strings.Replace(program(tt.body), "import \"fmt\"", "import (\n\t\"fmt\"\n\t\"runtime/trace\"\n)", 1)
			b := block(t, 10, traceInfo, src)
			err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: tr.run, Versions: traceVersions})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
			if n := tr.runs.Load(); n != tt.runs {
				t.Errorf("%d runs, want %d", n, tt.runs)
			}
			if b.Timeline != nil {
				t.Error("a figure despite the error")
			}
		})
	}
}

func TestTracedOutputVaries(t *testing.T) {
	var notes strings.Builder
	tr := newTracing(out("hi\n"), recorded(t))
	b := block(t, 3, traceInfo, program("\tfmt.Println(\"hi\")\n"))
	if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Run: tr.run, Versions: traceVersions, Notes: &notes}); err != nil {
		t.Fatal(err)
	}
	if notes.Len() > 0 {
		t.Errorf("a traced output, shown as varying, got a note about pinning it: %q", notes.String())
	}
}
