package yaegi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// result is what one in-process run produced.
type result struct {
	stdout, stderr string
	code           int
	err            error
}

// runProgram runs src in process with opts, capturing its output.
func runProgram(t *testing.T, src string, opts Options) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	opts.Stdout, opts.Stderr = &stdout, &stderr
	if opts.Exit == nil {
		opts.Exit = func(code int) {} // never let a test program end the test binary
	}
	code, err := Run(context.Background(), src, opts)
	return result{stdout.String(), stderr.String(), code, err}
}

// program wraps a body in package main with the given imports.
func program(imports []string, body string) string {
	var b strings.Builder
	b.WriteString("package main\n\n")
	for _, imp := range imports {
		b.WriteString("import \"" + imp + "\"\n")
	}
	b.WriteString("\nfunc main() {\n" + body + "\n}\n")
	return b.String()
}

func TestRunOutput(t *testing.T) {
	tests := []struct {
		name    string
		imports []string
		body    string
		opts    Options
		stdout  string
		stderr  string // a regexp matching all of stderr
	}{
		{"hello", []string{"fmt"}, `fmt.Println("hello, world")`, Options{}, "hello, world\n", ""},
		{"stderr", []string{"fmt", "os"}, `fmt.Fprintln(os.Stderr, "oops"); fmt.Fprint(os.Stdout, "out")`, Options{}, "out", "^oops\n$"},
		{"os.Stdout methods", []string{"os"}, `os.Stdout.WriteString("ws\n"); os.Stdout.Write([]byte("w\n")); _ = os.Stdout.Sync()`,
			Options{}, "ws\nw\n", ""},
		{"os.File type", []string{"fmt", "os"}, `var f *os.File = os.Stderr; fmt.Println(f.Name(), f.Fd())`, Options{}, "/dev/stderr 2\n", ""},
		{"stdin is empty", []string{"fmt", "bufio", "os"}, `s := bufio.NewScanner(os.Stdin); fmt.Println(s.Scan())`, Options{}, "false\n", ""},
		// yaegi writes println to stdout; the rewrite sends it to stderr, as Go does.
		{"println goes to stderr", nil, `println("p", 1, true)`, Options{}, "", "^p 1 true\n$"},
		{"log keeps its timestamp", []string{"log"}, `log.Println("hi")`, Options{}, "", `^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d hi\n$`},
		{"log without flags", []string{"log"}, `log.SetFlags(0); log.SetPrefix("p: "); log.Print("hi")`, Options{}, "", "^p: hi\n$"},
		{"log.New", []string{"log", "os"}, `l := log.New(os.Stdout, "", 0); l.Println("to stdout")`, Options{}, "to stdout\n", ""},
		{"args", []string{"fmt", "os"}, `fmt.Println(os.Args)`, Options{Args: []string{"prog", "-v"}}, "[prog -v]\n", ""},
		{"default args", []string{"fmt", "os"}, `fmt.Println(os.Args)`, Options{}, "[main]\n", ""},
		{"env", []string{"fmt", "os"}, `v, ok := os.LookupEnv("HOME"); fmt.Println(os.Getenv("GREETING"), v, ok)`,
			Options{Env: []string{"GREETING=hi"}}, "hi  false\n", ""},
		{"wg.Go", []string{"fmt", "sync"}, `var wg sync.WaitGroup
	wg.Go(func() { fmt.Println("in wg.Go") })
	wg.Wait()`, Options{}, "in wg.Go\n", ""},
		{"NumGoroutine counts the program's", []string{"fmt", "runtime", "sync"}, `fmt.Println(runtime.NumGoroutine())
	var wg sync.WaitGroup
	wg.Add(1)
	block := make(chan bool)
	go func() { wg.Done(); <-block }()
	wg.Wait()
	fmt.Println(runtime.NumGoroutine())
	close(block)`, Options{}, "1\n2\n", ""},
		{"stringer through fmt", []string{"fmt"}, `fmt.Println(celsius(21.5))
}

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func unused() {`, Options{}, "21.5°C\n", ""},
		{"recovered panic prints nothing", []string{"fmt"}, `safe(func() { panic("first") })
	safe(func() { var m map[string]int; m["x"] = 1 })
	fmt.Println("still running")
}

func safe(f func()) {
	defer func() { recover() }()
	f()`, Options{}, "still running\n", ""},
		{"slices.Sort", []string{"fmt", "slices"}, `s := []string{"c", "a", "b"}; slices.Sort(s); fmt.Println(s, slices.Contains(s, "b"))`,
			Options{}, "[a b c] true\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runProgram(t, program(tt.imports, tt.body), tt.opts)
			if got.err != nil || got.code != 0 {
				t.Fatalf("Run = %d, %v; stderr:\n%s", got.code, got.err, got.stderr)
			}
			if got.stdout != tt.stdout {
				t.Errorf("stdout = %q, want %q", got.stdout, tt.stdout)
			}
			if !regexp.MustCompile(tt.stderr).MatchString(got.stderr) || tt.stderr == "" && got.stderr != "" {
				t.Errorf("stderr = %q, want a match for %q", got.stderr, tt.stderr)
			}
		})
	}
}

func TestRunLeavesTheRealEnvironment(t *testing.T) {
	t.Setenv("YAEGI_ENGINE_TEST", "real")
	got := runProgram(t, program([]string{"fmt", "os"}, `fmt.Println(os.Getenv("YAEGI_ENGINE_TEST"))
	os.Setenv("YAEGI_ENGINE_TEST", "changed")
	fmt.Println(os.Getenv("YAEGI_ENGINE_TEST"))`), Options{})
	if got.err != nil || got.stdout != "\nchanged\n" {
		t.Errorf("Run = %q, %v; want the program to see only its own environment", got.stdout, got.err)
	}
	if v := os.Getenv("YAEGI_ENGINE_TEST"); v != "real" {
		t.Errorf("the real environment changed to %q", v)
	}
}

func TestExit(t *testing.T) {
	tests := []struct {
		name         string
		imports      []string
		body         string
		code         int
		stdout       string
		stderr       string
		exitedWith   int
		exitHookCall bool
	}{
		{"os.Exit skips deferred calls", []string{"fmt", "os"}, `defer fmt.Println("deferred")
	fmt.Println("before")
	os.Exit(3)
	fmt.Println("after")`, 3, "before\n", "", 3, true},
		{"os.Exit(0)", []string{"os"}, `os.Exit(0)`, 0, "", "", 0, true},
		{"os.Exit from a goroutine", []string{"os", "time"}, `go os.Exit(4)
	time.Sleep(10 * time.Second)`, 4, "", "", 4, true},
		{"log.Fatal", []string{"log"}, `log.SetFlags(0); log.Fatalf("bad %d", 1)`, 1, "", "bad 1\n", 1, true},
		{"log.Logger.Fatal", []string{"log", "os"}, `log.New(os.Stderr, "l: ", 0).Fatal("bad")`, 1, "", "l: bad\n", 1, true},
		{"main returns", []string{"fmt"}, `fmt.Println("ok")`, 0, "ok\n", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called, exitedWith := false, -1
			got := runProgram(t, program(tt.imports, tt.body), Options{Exit: func(code int) { called, exitedWith = true, code }})
			if got.err != nil || got.code != tt.code || got.stdout != tt.stdout || got.stderr != tt.stderr {
				t.Errorf("Run = %d, %v, stdout %q, stderr %q; want %d, stdout %q, stderr %q",
					got.code, got.err, got.stdout, got.stderr, tt.code, tt.stdout, tt.stderr)
			}
			if called != tt.exitHookCall || called && exitedWith != tt.exitedWith {
				t.Errorf("Exit hook called: %v with %d; want %v with %d", called, exitedWith, tt.exitHookCall, tt.exitedWith)
			}
		})
	}
}

func TestBadAllow(t *testing.T) {
	tests := []struct {
		allow string
		want  string
	}{
		{"net", `allow=net: package "net" cannot be allowed in the yaegi engine: it links net`},
		{"net/http", `allow=net/http: package "net/http" cannot be allowed in the yaegi engine: it links net`},
		{"os/user", `it links os/user`},
		{"unsafe", `escapes the sandbox`},
		{"go/build", `allow=go/build: package "go/build" is not available in the yaegi engine`},
	}
	for _, tt := range tests {
		t.Run(tt.allow, func(t *testing.T) {
			got := runProgram(t, program(nil, ""), Options{Allow: []string{tt.allow}})
			var re *RefusalError
			if !errors.As(got.err, &re) || !strings.Contains(got.err.Error(), tt.want) {
				t.Errorf("Run with allow=%s: %v; want a refusal containing %q", tt.allow, got.err, tt.want)
			}
		})
	}
}

func TestAfterMainReturns(t *testing.T) {
	var mu sync.Mutex
	exited := false
	var stdout bytes.Buffer
	src := program([]string{"fmt", "os", "time"}, `go func() {
		for i := 0; ; i++ {
			fmt.Println("tick")
			if i == 20 {
				os.Exit(5)
			}
			time.Sleep(time.Millisecond)
		}
	}()
	time.Sleep(3 * time.Millisecond)`)
	code, err := Run(context.Background(), src, Options{Stdout: &lockedWriter{mu: &mu, w: &stdout}, Exit: func(int) { mu.Lock(); exited = true; mu.Unlock() }})
	if code != 0 || err != nil {
		t.Fatalf("Run = %d, %v", code, err)
	}
	mu.Lock()
	n := stdout.Len()
	mu.Unlock()
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if stdout.Len() != n || exited {
		t.Errorf("after Run returned, the program wrote %d more bytes and called Exit: %v", stdout.Len()-n, exited)
	}
}

// lockedWriter lets a test read what it was given while goroutines write.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
