package execute

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

// program returns a complete program whose main body is body.
func program(body string) string {
	return "package main\n\nimport \"fmt\"\n\nfunc main() {\n" + body + "}\n"
}

func block(t *testing.T, line int, info, src string) *lesson.Block {
	t.Helper()
	s, err := snippet.New("content/x.md", line, info, src)
	if err != nil {
		t.Fatal(err)
	}
	return &lesson.Block{Snippet: s}
}

func out(text string) engine.Result {
	r := engine.Result{Outcome: engine.OK}
	r.Append(engine.Stdout, text)
	return r
}

// fake answers by engine, and counts the runs.
type fake struct {
	yaegi, golang func(req runner.Request) engine.Result
	runs          atomic.Int32
}

func (f *fake) run(_ context.Context, req runner.Request) (engine.Result, error) {
	f.runs.Add(1)
	if req.Engine == snippet.Go {
		return f.golang(req), nil
	}
	return f.yaegi(req), nil
}

func same(r engine.Result) *fake {
	f := func(runner.Request) engine.Result { return r }
	return &fake{yaegi: f, golang: f}
}

var versions = Versions{Go: "go1.26.8", Host: "go1.26.8", Generator: "test", Platform: "linux/amd64"}

func TestAllFillsResultsAndProvenance(t *testing.T) {
	b := block(t, 10, "go", program("\tfmt.Println(\"hi\")\n\t// Output:\n\t// hi\n"))
	f := same(out("hi\n"))
	if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions}); err != nil {
		t.Fatal(err)
	}
	if b.Result == nil || b.Result.Stdout() != "hi\n" {
		t.Fatalf("result = %+v", b.Result)
	}
	want := engine.Provenance{Engine: "yaegi", GoVersion: "go1.26.8", Verified: true}
	if b.Provenance != want {
		t.Errorf("provenance = %+v, want %+v", b.Provenance, want)
	}
	if n := f.runs.Load(); n != 2 {
		t.Errorf("%d runs, want 2 (yaegi, then go run to verify)", n)
	}
}

func TestAllSkipsBlocksThatDoNotRun(t *testing.T) {
	blocks := []*lesson.Block{
		block(t, 1, "go norun", program("")),
		block(t, 5, "go", "func f() {}\n"),
		block(t, 9, "sh", "echo hi\n"),
	}
	f := same(out(""))
	if err := All(context.Background(), blocks, Config{Jobs: 2, Verify: true, Run: f.run, Versions: versions}); err != nil {
		t.Fatal(err)
	}
	if n := f.runs.Load(); n != 0 {
		t.Errorf("%d runs, want none", n)
	}
}

func TestAllErrors(t *testing.T) {
	panicked := engine.Result{Outcome: engine.Panic, ExitCode: 2}
	panicked.Append(engine.Stderr, "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:6\nexit status 2\n")
	compileErr := engine.Result{Outcome: engine.CompileError, ExitCode: 1, Diagnostics: []engine.Diagnostic{{Line: 6, Col: 2, Msg: "undefined: x"}}}
	crash := engine.Result{Outcome: engine.Crash, ExitCode: 1, Note: "the interpreter failed"}
	crash.Append(engine.Stderr, "nil type\n")
	timeout := engine.Result{Outcome: engine.Timeout, ExitCode: -1, Note: "killed after 1s: the program never finished"}
	tests := []struct {
		name   string
		info   string
		body   string
		yaegi  engine.Result
		golang engine.Result
		want   []string // substrings of the error
	}{
		{
			name: "output mismatch names the Output line and shows a diff",
			info: "go", body: "\tfmt.Println(\"a\")\n\t// Output:\n\t// b\n",
			yaegi: out("a\n"), golang: out("a\n"),
			want: []string{"content/x.md:17: output does not match the // Output: comment", "- b", "+ a"},
		},
		{
			name: "unexpected panic suggests expect=panic",
			info: "go", body: "\tpanic(\"boom\")\n",
			yaegi: panicked, golang: panicked,
			want: []string{"content/x.md:10: the program panicked under Go, but the lesson expects it to run to completion", "expect=panic", "panic: boom"},
		},
		{
			name: "compile error names its Markdown line and column",
			info: "go", body: "\tx()\n",
			yaegi: compileErr, golang: compileErr,
			want: []string{"content/x.md:16:2: undefined: x"},
		},
		{
			name: "yaegi crash on a program go accepts is the interpreter's limitation",
			info: "go", body: "\tfor range 3 {}\n",
			yaegi: crash, golang: out(""),
			want: []string{"content/x.md:10: Go runs this to completion here, as the lesson expects, but yaegi crashes on it: a limitation of the interpreter", "engine=go", "nil type"},
		},
		{
			name: "yaegi compile error on a program go accepts is the interpreter's limitation",
			info: "go", body: "\tfmt.Println(min(1, 2))\n",
			yaegi: compileErr, golang: out("1\n"),
			want: []string{"but yaegi cannot compile it: a limitation of the interpreter", "engine=go"},
		},
		{
			name: "yaegi and go disagree",
			info: "go", body: "\tfmt.Println(1)\n",
			yaegi: out("3\n3\n"), golang: out("1\n2\n"),
			want: []string{"content/x.md:10: yaegi and go run disagree", "standard output differs", "--- go run", "+++ yaegi", "- 1", "+ 3", "engine=go"},
		},
		{
			name: "timeout says what happened and how to fix it",
			info: "go timeout=1s", body: "\tfor {}\n",
			yaegi: timeout, golang: timeout,
			want: []string{"timed out", "killed after 1s", "expect=timeout"},
		},
		{
			name: "expected exit status differs",
			info: "go expect=exit=3", body: "\tfmt.Println()\n",
			yaegi: out("\n"), golang: out("\n"),
			want: []string{"the program ran to completion under Go, but the lesson expects it to exit with status 3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := block(t, 10, tt.info, program(tt.body))
			f := &fake{yaegi: func(runner.Request) engine.Result { return tt.yaegi }, golang: func(runner.Request) engine.Result { return tt.golang }}
			err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestExpectedOutcomesPass(t *testing.T) {
	deadlock := engine.Result{Outcome: engine.Deadlock, ExitCode: 2}
	deadlock.Append(engine.Stderr, "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:\nmain.main()\n\tmain.go:4\nexit status 2\n")
	exit3 := engine.Result{Outcome: engine.Exit, ExitCode: 3}
	exit3.Append(engine.Stderr, "exit status 3\n")
	tests := []struct {
		info string
		r    engine.Result
	}{
		{"go engine=go expect=deadlock", deadlock},
		{"go expect=exit=3", exit3},
		{"go expect=deadlock", deadlock},
	}
	for _, tt := range tests {
		b := block(t, 1, tt.info, program(""))
		f := same(tt.r)
		if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions}); err != nil {
			t.Errorf("%s: %v", tt.info, err)
		}
	}
}

func TestVerifyComparesWhatCanBeCompared(t *testing.T) {
	yaegiPanic := engine.Result{Outcome: engine.Panic, ExitCode: 2}
	yaegiPanic.Append(engine.Stderr, "panic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:6\nexit status 2\n")
	goPanic := engine.Result{Outcome: engine.Panic, ExitCode: 2}
	goPanic.Append(engine.Stderr, "panic: boom\n\ngoroutine 1 [running]:\nsync.(*WaitGroup).Add(0xc000012345, 0xffffffffffffffff)\n"+
		"\t/usr/local/go/src/sync/waitgroup.go:118\nmain.main()\n\tmain.go:6\nexit status 2\n")
	otherLine := engine.Result{Outcome: engine.Panic, ExitCode: 2}
	otherLine.Append(engine.Stderr, "panic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:5\nexit status 2\n")
	tests := []struct {
		name          string
		info, body    string
		yaegi, golang engine.Result
		ok            bool
		goShown       bool // the page shows go run's output, labelled
	}{
		{"varying output, same outcome", "go output=varies", "", out("1 2\n"), out("2 1\n"), true, true},
		{"varying output, different outcome", "go output=varies", "", out("1\n"), yaegiPanic, false, false},
		{"unordered output compares sorted lines", "go", "\t// Unordered output:\n\t// a\n\t// b\n", out("b\na\n"), out("a\nb\n"), true, false},
		{"panic traces compare by the program's frames", "go expect=panic", "", yaegiPanic, goPanic, true, false},
		{"a frame's line differs: Go's report is shown", "go expect=panic", "", otherLine, goPanic, true, true},
		{"stderr differs", "go", "", func() engine.Result { r := out("x\n"); r.Append(engine.Stderr, "warn\n"); return r }(), out("x\n"), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := block(t, 1, tt.info, program(tt.body))
			f := &fake{yaegi: func(runner.Request) engine.Result { return tt.yaegi }, golang: func(runner.Request) engine.Result { return tt.golang }}
			err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions})
			if (err == nil) != tt.ok {
				t.Errorf("err = %v, want ok=%v", err, tt.ok)
			}
			if err == nil && (b.Provenance.Engine == "go") != tt.goShown {
				t.Errorf("shown from %s (reason %q), want go run's: %v", b.Provenance.Engine, b.Provenance.Reason, tt.goShown)
			}
		})
	}
}

func TestNoVerifyRunsOnlyYaegiAndSaysSo(t *testing.T) {
	b := block(t, 1, "go", program("\tfmt.Println(1)\n"))
	f := &fake{yaegi: func(runner.Request) engine.Result { return out("1\n") },
		golang: func(runner.Request) engine.Result { t.Error("go run called with -verify=false"); return out("") }}
	if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: false, Run: f.run, Versions: versions}); err != nil {
		t.Fatal(err)
	}
	if b.Provenance.Verified {
		t.Error("provenance says verified")
	}
}

func TestCache(t *testing.T) {
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	src := program("\tfmt.Println(\"hi\")\n")
	f := same(out("hi\n"))
	cfg := Config{Jobs: 1, Verify: true, Run: f.run, Cache: cache, Versions: versions}
	build := func(cfg Config, src string) *lesson.Block {
		t.Helper()
		b := block(t, 1, "go", src)
		if err := All(context.Background(), []*lesson.Block{b}, cfg); err != nil {
			t.Fatal(err)
		}
		return b
	}
	build(cfg, src)
	if n := f.runs.Swap(0); n != 2 {
		t.Fatalf("first build: %d runs, want 2", n)
	}
	b := build(cfg, src)
	if n := f.runs.Swap(0); n != 0 {
		t.Errorf("unchanged rebuild: %d runs, want 0", n)
	}
	if b.Result.Stdout() != "hi\n" || !b.Provenance.Verified {
		t.Errorf("cached result = %+v %+v", b.Result, b.Provenance)
	}
	build(cfg, program("\tfmt.Println(\"hi\") // changed\n"))
	if n := f.runs.Swap(0); n != 2 {
		t.Errorf("changed source: %d runs, want 2", n)
	}
	fresh := cfg
	fresh.Fresh = true
	build(fresh, src)
	if n := f.runs.Swap(0); n != 2 {
		t.Errorf("-fresh: %d runs, want 2", n)
	}
	newGo := cfg
	newGo.Versions.Go = "go1.27.0"
	build(newGo, src)
	if n := f.runs.Swap(0); n != 2 {
		t.Errorf("new Go version: %d runs, want 2", n)
	}
	// An unverified result does not satisfy a verifying build.
	unverified := cfg
	unverified.Verify = false
	src2 := program("\tfmt.Println(\"other\")\n")
	f2 := same(out("other\n"))
	unverified.Run, cfg.Run = f2.run, f2.run
	build(unverified, src2)
	build(cfg, src2)
	if n := f2.runs.Load(); n != 3 {
		t.Errorf("unverified then verifying build: %d runs, want 3", n)
	}
}

func TestFailuresAreNotCached(t *testing.T) {
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := &fake{yaegi: func(runner.Request) engine.Result { return out("1\n") }, golang: func(runner.Request) engine.Result { return out("2\n") }}
	cfg := Config{Jobs: 1, Verify: true, Run: f.run, Cache: cache, Versions: versions}
	for range 2 {
		b := block(t, 1, "go", program("\tfmt.Println(1)\n"))
		if All(context.Background(), []*lesson.Block{b}, cfg) == nil {
			t.Fatal("disagreement passed")
		}
	}
	if n := f.runs.Load(); n != 4 {
		t.Errorf("%d runs, want 4: a failed verification must run again next build", n)
	}
}

func TestParallelResultsLandInDocumentOrder(t *testing.T) {
	var blocks []*lesson.Block
	for i := range 12 {
		blocks = append(blocks, block(t, i*10+1, "go", program(fmt.Sprintf("\tfmt.Println(%d)\n", i))))
	}
	var mu sync.Mutex
	running, peak := 0, 0
	run := func(ctx context.Context, req runner.Request) (engine.Result, error) {
		mu.Lock()
		running++
		peak = max(peak, running)
		mu.Unlock()
		defer func() { mu.Lock(); running--; mu.Unlock() }()
		// Later snippets finish first.
		n := strings.Count(req.Source, "") % 7
		time.Sleep(time.Duration(7-n) * time.Millisecond)
		i := strings.TrimSuffix(strings.SplitAfter(req.Source, "Println(")[1], ")\n}\n")
		return out(i + "\n"), nil
	}
	if err := All(context.Background(), blocks, Config{Jobs: 4, Verify: true, Run: run, Versions: versions}); err != nil {
		t.Fatal(err)
	}
	for i, b := range blocks {
		if got, want := b.Result.Stdout(), fmt.Sprintf("%d\n", i); got != want {
			t.Errorf("block %d has output %q, want %q", i, got, want)
		}
	}
	if peak > 4 {
		t.Errorf("%d snippets ran at once with -j 4", peak)
	}
	if peak < 2 {
		t.Errorf("snippets never ran in parallel (peak %d)", peak)
	}
}

func TestMachineryFailureStopsTheBuild(t *testing.T) {
	b := block(t, 1, "go", program(""))
	boom := errors.New("no go command")
	run := func(context.Context, runner.Request) (engine.Result, error) { return engine.Result{}, boom }
	err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Run: run, Versions: versions})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
}

func TestDiff(t *testing.T) {
	got := diff("a\nb\nc", "a\nx\nc")
	for _, w := range []string{"  a", "- b", "+ x", "  c"} {
		if !strings.Contains(got, w) {
			t.Errorf("diff lacks %q:\n%s", w, got)
		}
	}
}

func TestExpectedCompileErrorRunsGoOnce(t *testing.T) {
	broken := engine.Result{Outcome: engine.CompileError, ExitCode: 1, Diagnostics: []engine.Diagnostic{{Line: 6, Col: 2, Msg: "undefined: x"}}}
	broken.Append(engine.Stderr, "main.go:6:2: undefined: x\n")
	var goRuns atomic.Int32
	f := &fake{yaegi: func(runner.Request) engine.Result { return broken },
		golang: func(runner.Request) engine.Result { goRuns.Add(1); return broken }}
	b := block(t, 1, "go expect=compile-error", program("\tx()\n"))
	if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions}); err != nil {
		t.Fatal(err)
	}
	if n := goRuns.Load(); n != 1 {
		t.Errorf("go run ran %d times, want once: blaming and verifying share it", n)
	}
	if b.Provenance.Engine != "go" || b.Result.Stderr() != "main.go:6:2: undefined: x\n" {
		t.Errorf("a compile-error lesson shows %+v from %s, want Go's own message", b.Result, b.Provenance.Engine)
	}
}

func TestRefusalIsFinal(t *testing.T) {
	refused := engine.Result{Outcome: engine.Refused, ExitCode: 1,
		Diagnostics: []engine.Diagnostic{{Line: 6, Col: 2, Msg: "os.WriteFile is not allowed in lessons"}}}
	f := &fake{yaegi: func(runner.Request) engine.Result { return refused },
		golang: func(runner.Request) engine.Result { t.Error("a refused program ran with go"); return out("") }}
	for _, verify := range []bool{true, false} {
		b := block(t, 10, "go", program("\tfmt.Println(1)\n"))
		err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: verify, Run: f.run, Versions: versions})
		if err == nil || !strings.Contains(err.Error(), "content/x.md:16: the yaegi sandbox refuses this program: os.WriteFile is not allowed") {
			t.Errorf("verify=%v: error %v, want the refusal at line 16", verify, err)
		}
	}
}

func TestGoRejectsWhatYaegiRan(t *testing.T) {
	rejected := engine.Result{Outcome: engine.CompileError, ExitCode: 1,
		Diagnostics: []engine.Diagnostic{{Line: 6, Col: 2, Msg: "declared and not used: x"}}}
	f := &fake{yaegi: func(runner.Request) engine.Result { return out("") },
		golang: func(runner.Request) engine.Result { return rejected }}
	b := block(t, 10, "go", program("\tx := 1\n"))
	err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions})
	if err == nil || !strings.Contains(err.Error(), "content/x.md:16:2: declared and not used: x") {
		t.Errorf("error %v, want Go's compile error at its Markdown line", err)
	}
}

func TestCacheEntriesAreChecked(t *testing.T) {
	dir := t.TempDir()
	cache, err := OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := same(out("hi\n"))
	cfg := Config{Jobs: 1, Verify: true, Run: f.run, Cache: cache, Versions: versions}
	src := program("\tfmt.Println(\"hi\")\n\t// Output:\n\t// hi\n")
	b := block(t, 1, "go", src)
	if err := All(context.Background(), []*lesson.Block{b}, cfg); err != nil {
		t.Fatal(err)
	}
	key := cacheKey(b.Snippet, versions)
	// An entry edited to contradict the snippet's Output comment.
	edited := entry{Key: key, Result: out("HACKED\n"), Provenance: engine.Provenance{Engine: "yaegi", Verified: true}}
	if err := cache.put(key, edited); err != nil {
		t.Fatal(err)
	}
	f.runs.Store(0)
	b = block(t, 1, "go", src)
	if err := All(context.Background(), []*lesson.Block{b}, cfg); err != nil {
		t.Fatal(err)
	}
	if b.Result.Stdout() != "hi\n" || f.runs.Load() != 2 {
		t.Errorf("edited entry: stdout %q after %d runs; want it run again", b.Result.Stdout(), f.runs.Load())
	}
	// An entry stored under another key, copied into this one's place.
	other := entry{Key: strings.Repeat("0", 64), Result: out("hi\n"), Provenance: engine.Provenance{Engine: "yaegi", Verified: true}}
	if err := cache.put(key, other); err != nil {
		t.Fatal(err)
	}
	f.runs.Store(0)
	b = block(t, 1, "go", src)
	if err := All(context.Background(), []*lesson.Block{b}, cfg); err != nil || f.runs.Load() != 2 {
		t.Errorf("an entry with another key was used (%d runs, err %v)", f.runs.Load(), err)
	}
}

// TestBlameAsksGo checks that a yaegi failure is blamed on whoever Go
// says is at fault, with verification on or off.
func TestBlameAsksGo(t *testing.T) {
	yaegiPanic := engine.Result{Outcome: engine.Panic, ExitCode: 2}
	yaegiPanic.Append(engine.Stderr, "panic: runtime error\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:6\nexit status 2\n")
	timeout := engine.Result{Outcome: engine.Timeout, ExitCode: -1, Note: "killed after 10s: the program never finished"}
	tests := []struct {
		name          string
		yaegi, golang engine.Result
		want, never   string
	}{
		{"yaegi panics where Go does not", yaegiPanic, out("fine\n"),
			"content/x.md:10: Go runs this to completion here, as the lesson expects, but yaegi panics: a limitation of the interpreter", "add expect=panic"},
		{"yaegi times out where Go does not", timeout, out("fine\n"),
			"but yaegi never finishes (killed after 10s: the program never finished)", "add expect=timeout"},
		{"both panic: the author's", yaegiPanic, yaegiPanic,
			"the program panicked under Go, but the lesson expects it to run to completion; if that is the point, add expect=panic", "limitation"},
		{"positions in yaegi's words are the lesson's", yaegiPanic, out("fine\n"),
			"\t\tcontent/x.md:16\n", "main.go:6"},
	}
	for _, tt := range tests {
		for _, verify := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/verify=%v", tt.name, verify), func(t *testing.T) {
				b := block(t, 10, "go", program("\tfmt.Println(1)\n"))
				f := &fake{yaegi: func(runner.Request) engine.Result { return tt.yaegi }, golang: func(runner.Request) engine.Result { return tt.golang }}
				err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: verify, Run: f.run, Versions: versions})
				if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), tt.never) {
					t.Errorf("error %v\nwant it to say %q and not %q", err, tt.want, tt.never)
				}
			})
		}
	}
}

// TestVariesShowsOnlyWhatGoPrints checks that yaegi's varying output is
// shown only when one of Go's runs printed the same.
func TestVariesShowsOnlyWhatGoPrints(t *testing.T) {
	tests := []struct {
		name     string
		goRuns   []string
		shown    string
		engine   string
		reason   bool
		wantRuns int
	}{
		{"first run matches", []string{"a\nb\n"}, "a\nb\n", "yaegi", false, 1},
		{"third run matches", []string{"b\na\n", "b\na\n", "a\nb\n"}, "a\nb\n", "yaegi", false, 3},
		{"no run matches", []string{"b\na\n"}, "b\na\n", "go", true, variesRuns},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			f := &fake{yaegi: func(runner.Request) engine.Result { return out("a\nb\n") },
				golang: func(runner.Request) engine.Result {
					i := int(n.Add(1)) - 1
					return out(tt.goRuns[min(i, len(tt.goRuns)-1)])
				}}
			b := block(t, 1, "go output=varies", program("\tfmt.Println(1)\n"))
			if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions}); err != nil {
				t.Fatal(err)
			}
			if b.Result.Stdout() != tt.shown || b.Provenance.Engine != tt.engine || (b.Provenance.Reason != "") != tt.reason {
				t.Errorf("shown %q from %s (reason %q); want %q from %s", b.Result.Stdout(), b.Provenance.Engine, b.Provenance.Reason, tt.shown, tt.engine)
			}
			if int(n.Load()) != tt.wantRuns {
				t.Errorf("go ran %d times, want %d", n.Load(), tt.wantRuns)
			}
		})
	}
}

// TestTraceYaegiCannotShowIsGos checks that a panic whose frames differ
// shows Go's trace, labelled, never yaegi's.
func TestTraceYaegiCannotShowIsGos(t *testing.T) {
	yaegiPanic := engine.Result{Outcome: engine.Panic, ExitCode: 2}
	yaegiPanic.Append(engine.Stderr, "panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:7\nexit status 2\n")
	goPanic := engine.Result{Outcome: engine.Panic, ExitCode: 2}
	goPanic.Append(engine.Stderr, "panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\nsync.(*WaitGroup).Add(0xc000012345, 0xffffffffffffffff)\n\t/usr/local/go/src/sync/waitgroup.go:118\nmain.main()\n\tmain.go:9\nexit status 2\n")
	f := &fake{yaegi: func(runner.Request) engine.Result { return yaegiPanic }, golang: func(runner.Request) engine.Result { return goPanic }}
	b := block(t, 1, "go expect=panic", program("\tfmt.Println(1)\n"))
	if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Result.Stderr(), "main.go:9") || b.Provenance.Engine != "go" || b.Provenance.Reason == "" {
		t.Errorf("shown %q from %+v; want Go's trace, labelled", b.Result.Stderr(), b.Provenance)
	}
}

func TestNoteWithoutOutputComment(t *testing.T) {
	var notes strings.Builder
	f := same(out("hi\n"))
	b := block(t, 3, "go", program("\tfmt.Println(\"hi\")\n"))
	if err := All(context.Background(), []*lesson.Block{b}, Config{Jobs: 1, Verify: true, Run: f.run, Versions: versions, Notes: &notes}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notes.String(), "content/x.md:3: note: nothing pins this program's output") {
		t.Errorf("notes = %q", notes.String())
	}
}
