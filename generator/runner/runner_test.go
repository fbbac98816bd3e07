package runner

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/snippet"
)

// testRunner runs the tests' programs.
var testRunner *Runner

func TestMain(m *testing.M) {
	// The yaegi engine runs snippets in a copy of this test binary.
	MaybeChild()
	var err error
	if testRunner, err = Start(context.Background()); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// generous is the timeout of a test that is not about timeouts, long
// enough for a loaded machine.
const generous = 60 * time.Second

// outcomeCase is one program and what each engine must make of it.
type outcomeCase struct {
	name    string
	engines []snippet.Engine
	src     string
	req     Request // Engine and Source are filled in; Timeout defaults to generous
	outcome engine.Outcome
	exit    int
	check   func(t *testing.T, e snippet.Engine, res engine.Result)
}

var both = []snippet.Engine{snippet.Yaegi, snippet.Go}

func outcomeCases() []outcomeCase {
	return []outcomeCase{{
		name:    "ok",
		engines: both,
		src:     prog(`fmt.Println("hello")` + "\n" + `fmt.Print("spaces kept  \n\n")`),
		outcome: engine.OK,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			wantEvents(t, res, engine.Event{Stream: engine.Stdout, Text: "hello\nspaces kept  \n\n"})
		},
	}, {
		name:    "compile error",
		engines: both,
		src:     "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(y)\n}\n",
		outcome: engine.CompileError,
		exit:    1,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			if len(res.Diagnostics) == 0 || res.Diagnostics[0].Line != 6 || res.Diagnostics[0].Col != 14 ||
				!strings.Contains(res.Diagnostics[0].Msg, "undefined: y") {
				t.Errorf("diagnostics = %+v, want the first at 6:14 saying undefined: y", res.Diagnostics)
			}
			if !strings.HasPrefix(res.Stderr(), "main.go:6:14: ") {
				t.Errorf("stderr = %q, want it to start main.go:6:14: ", res.Stderr())
			}
		},
	}, {
		name:    "panic",
		engines: both,
		src:     prog(`fmt.Println("before")` + "\n" + `panic("boom")`),
		outcome: engine.Panic,
		exit:    2,
		check: func(t *testing.T, e snippet.Engine, res engine.Result) {
			errText := res.Stderr()
			for _, want := range []string{"panic: boom\n", "main.main(", "main.go:14"} {
				if !strings.Contains(errText, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errText)
				}
			}
			for _, bad := range []string{os.TempDir() + "/", "+0x", "yaegi"} {
				if strings.Contains(errText, bad) {
					t.Errorf("stderr has %q:\n%s", bad, errText)
				}
			}
			wantLast(t, res, "exit status 2\n")
		},
	}, {
		name:    "exit",
		engines: both,
		src:     prog(`fmt.Println("bye")` + "\n" + `os.Exit(3)`),
		outcome: engine.Exit,
		exit:    3,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			wantEvents(t, res,
				engine.Event{Stream: engine.Stdout, Text: "bye\n"},
				engine.Event{Stream: engine.Stderr, Text: "exit status 3\n"})
		},
	}, {
		name:    "timeout",
		engines: both,
		src:     prog(`fmt.Println("started")` + "\n" + `for {}`),
		req:     Request{Timeout: time.Second},
		outcome: engine.Timeout,
		exit:    -1,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			wantNote(t, res, "killed after 1s: the program never finished")
			if res.Stdout() != "started\n" {
				t.Errorf("stdout = %q, want what it printed before the kill", res.Stdout())
			}
		},
	}, {
		name:    "deadlock",
		engines: both,
		src:     prog(`ch := make(chan int)` + "\n" + `ch <- 1`),
		outcome: engine.Deadlock,
		exit:    2,
		check: func(t *testing.T, e snippet.Engine, res engine.Result) {
			// The goroutines a yaegi child lists are the interpreter's.
			want := engine.DeadlockMsg + "\nexit status 2\n"
			if e == snippet.Go {
				want = engine.DeadlockMsg + "\n\ngoroutine 1 [chan send]:\nmain.main()\n\tmain.go:14\nexit status 2\n"
			}
			wantEvents(t, res, engine.Event{Stream: engine.Stderr, Text: want})
		},
	}, {
		name:    "output flood",
		engines: both,
		src:     prog(`for { fmt.Println("x") }`),
		req:     Request{MaxOutput: 4096},
		outcome: engine.OutputLimit,
		exit:    -1,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			wantNote(t, res, "output cut at 4 KiB: the program kept printing")
			if got := res.Stdout(); got != strings.Repeat("x\n", 2048) {
				t.Errorf("stdout has %d bytes, want the first 4096", len(got))
			}
		},
	}, {
		name:    "memory hog",
		engines: both,
		src: prog(`var keep [][]byte` + "\n" +
			`for { keep = append(keep, bytes.Repeat([]byte("x"), 1<<20)) }`),
		req:     Request{MaxMemory: 64 << 20},
		outcome: engine.Memory,
		exit:    -1,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			wantNote(t, res, "killed: the program used more than 64 MiB of memory")
		},
	}, {
		name:    "stdout and stderr interleaved",
		engines: both,
		// Sleeps let the two pipes of a go binary be read apart even on a
		// loaded machine; the yaegi child's frames need none.
		src: prog(`for i := 0; i < 3; i++ {
	fmt.Println("out", i)
	time.Sleep(50 * time.Millisecond)
	fmt.Fprintln(os.Stderr, "err", i)
	time.Sleep(50 * time.Millisecond)
}`),
		outcome: engine.OK,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			var want []engine.Event
			for _, i := range []string{"0", "1", "2"} {
				want = append(want, engine.Event{Stream: engine.Stdout, Text: "out " + i + "\n"},
					engine.Event{Stream: engine.Stderr, Text: "err " + i + "\n"})
			}
			wantEvents(t, res, want...)
		},
	}, {
		name:    "stdout and stderr interleaved without pauses",
		engines: []snippet.Engine{snippet.Yaegi}, // two pipes cannot promise this
		src: prog(`for i := 0; i < 50; i++ {
	fmt.Println("out")
	os.Stdout.WriteString("file\n")
	fmt.Fprintln(os.Stderr, "err")
}`),
		outcome: engine.OK,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			var want []engine.Event
			for range 50 {
				want = append(want, engine.Event{Stream: engine.Stdout, Text: "out\nfile\n"},
					engine.Event{Stream: engine.Stderr, Text: "err\n"})
			}
			wantEvents(t, res, want...)
		},
	}, {
		name:    "escapes and invalid UTF-8",
		engines: both,
		src:     prog(`fmt.Print("\x1b[1;31mred\x1b[0m \x1b]0;title\x07plain \xff é\n")`),
		outcome: engine.OK,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			wantEvents(t, res, engine.Event{Stream: engine.Stdout, Text: "red plain \uFFFD é\n"})
		},
	}, {
		name:    "minimal environment",
		engines: both,
		src: prog(`wd, _ := os.Getwd()
fmt.Println(len(os.Environ()), os.Getenv("PATH"), os.Getenv("HOME") == wd, wd)`),
		req:     Request{Allow: []string{"os"}}, // for os.Getwd under yaegi
		outcome: engine.OK,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			// PATH, HOME and TMPDIR; the working directory is HOME, the
			// sandbox's private /tmp.
			wantEvents(t, res, engine.Event{Stream: engine.Stdout, Text: "3 /usr/bin:/bin true /tmp\n"})
		},
	}, {
		name:    "data race",
		engines: []snippet.Engine{snippet.Go},
		src: prog(`n := 0
done := make(chan bool)
go func() { n++; done <- true }()
n++
<-done
fmt.Println(n)`),
		req:     Request{Flags: []string{"-race"}},
		outcome: engine.Exit,
		exit:    66,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			if !strings.Contains(res.Stderr(), "WARNING: DATA RACE") || !strings.Contains(res.Stderr(), "main.go:") {
				t.Errorf("stderr lacks the race report:\n%s", res.Stderr())
			}
			wantLast(t, res, "exit status 66\n")
		},
	}, {
		name:    "vet",
		engines: []snippet.Engine{snippet.Go},
		src: "package main\n\nimport \"sync\"\n\ntype T struct{ mu sync.Mutex }\n\n" +
			"func f(t T) {}\n\nfunc main() {\n\tvar t T\n\tf(t)\n}\n",
		req:     Request{Vet: true},
		outcome: engine.Exit,
		exit:    1,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			want := "main.go:7:10: f passes lock by value: snippet.T contains sync.Mutex\n" +
				"main.go:11:4: call of f copies lock value: snippet.T contains sync.Mutex\n"
			wantEvents(t, res, engine.Event{Stream: engine.Stderr, Text: want})
			if len(res.Diagnostics) != 2 || res.Diagnostics[1].Line != 11 {
				t.Errorf("diagnostics = %+v, want two, the second on line 11", res.Diagnostics)
			}
		},
	}, {
		name:    "interpreter failure",
		engines: []snippet.Engine{snippet.Yaegi},
		// yaegi v0.16.1 cannot range over a function, and no rewrite helps it.
		src:     prog(`for x := range func(yield func(int) bool) { yield(1) } { fmt.Println(x) }`),
		outcome: engine.Crash,
		exit:    1,
		check: func(t *testing.T, _ snippet.Engine, res engine.Result) {
			wantNote(t, res, "the interpreter (yaegi) failed on this program; try engine=go")
		},
	}}
}

func TestRunOutcomes(t *testing.T) {
	for _, c := range outcomeCases() {
		for _, e := range c.engines {
			t.Run(string(e)+"/"+c.name, func(t *testing.T) {
				if raceEnabled && e == snippet.Yaegi && c.outcome == engine.Deadlock {
					t.Skip("a -race test binary links cgo, so as a yaegi child it hangs instead of reporting the deadlock")
				}
				t.Parallel()
				req := c.req
				req.Engine, req.Source = e, c.src
				if req.Timeout == 0 {
					req.Timeout = generous
				}
				res, err := testRunner.Run(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if res.Outcome != c.outcome || res.ExitCode != c.exit {
					t.Fatalf("outcome %s, exit %d; want %s, exit %d\nevents: %q\nnote: %s",
						res.Outcome, res.ExitCode, c.outcome, c.exit, res.Events, res.Note)
				}
				if c.check != nil {
					c.check(t, e, res)
				}
			})
		}
	}
}
