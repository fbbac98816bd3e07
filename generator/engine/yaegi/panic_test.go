package yaegi

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// goRun runs src with the real toolchain in a fresh module and returns its
// stderr; args go to go run, such as -gcflags=-l.
func goRun(t *testing.T, src string, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go run")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	for name, data := range map[string]string{"go.mod": "module lesson\n\ngo 1.26\n", "main.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(goTool, append(append([]string{"run"}, args...), ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil {
		t.Fatalf("go run succeeded; want a panic")
	}
	return stderr.String()
}

// panicBlock returns the lines of a panic report before its first blank line.
func panicBlock(stderr string) string {
	block, _, _ := strings.Cut(stderr, "\n\n")
	return block
}

func TestPanicMatchesGo(t *testing.T) {
	const (
		block  = iota // every line before the goroutine's trace matches
		line          // the first line matches
		prefix        // the first line is a prefix of Go's, which adds details
	)
	tests := []struct {
		name    string
		imports []string
		body    string
		match   int
	}{
		{"string", nil, `panic("boom")`, block},
		{"multi-line string", nil, `panic("first\nsecond")`, block},
		{"errors.New", []string{"errors"}, `panic(errors.New("bad thing"))`, block},
		{"wrapped error", []string{"errors", "fmt"}, `panic(fmt.Errorf("load: %w", errors.New("inner")))`, block},
		{"int", nil, `panic(42)`, block},
		{"nil", nil, `panic(nil)`, block},
		{"float", nil, `panic(1.5)`, block},
		{"error variable of the program's type", []string{"fmt"}, `var err error = &myErr{7}
	panic(err)
}

type myErr struct{ code int }

func (e *myErr) Error() string { return fmt.Sprint("code ", e.code) }

func unused() {`, block},
		{"log.Panic", []string{"log"}, `log.SetFlags(0); log.Panicf("bad %d", 1)`, block},
		{"nil map", nil, `var m map[string]int
	m["a"] = 1`, block},
		{"divide by zero", []string{"fmt"}, `a, b := 1, 0
	fmt.Println(a / b)`, block},
		{"type assertion", []string{"fmt"}, `var x any = "s"
	fmt.Println(x.(int))`, block},
		{"close of closed channel", nil, `c := make(chan int)
	close(c)
	close(c)`, block},
		{"send on closed channel", nil, `c := make(chan int, 1)
	close(c)
	c <- 1`, block},
		{"negative WaitGroup counter", []string{"sync"}, `var wg sync.WaitGroup
	wg.Done()`, block},
		{"nil pointer dereference", []string{"fmt"}, `var p *struct{ a int }
	fmt.Println(p.a)`, line},
		{"makeslice", []string{"fmt"}, `n := -1
	fmt.Println(make([]int, n))`, block},
		{"index out of range", []string{"fmt"}, `s := []int{1, 2, 3}
	i := 5
	fmt.Println(s[i])`, prefix},
		{"slice bounds out of range", []string{"fmt"}, `s := []int{1, 2, 3}
	i := 5
	fmt.Println(s[1:i])`, prefix},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := program(tt.imports, tt.body)
			got := runProgram(t, src, Options{})
			if got.err != nil || got.code != 2 {
				t.Fatalf("Run = %d, %v; want 2", got.code, got.err)
			}
			want := goRun(t, src)
			switch tt.match {
			case block:
				if g, w := panicBlock(got.stderr), panicBlock(want); g != w {
					t.Errorf("yaegi:\n%s\ngo run:\n%s", g, w)
				}
			case line, prefix:
				g, _, _ := strings.Cut(got.stderr, "\n")
				w, _, _ := strings.Cut(want, "\n")
				if g != w && !(tt.match == prefix && strings.HasPrefix(w, g)) {
					t.Errorf("yaegi: %s\ngo run: %s", g, w)
				}
			}
		})
	}
}

func TestPanicReport(t *testing.T) {
	src := "package main\n\nfunc main() {\n\tf()\n}\n\nfunc f() {\n\tpanic(\"boom\")\n}\n"
	got := runProgram(t, src, Options{})
	want := "panic: boom\n\ngoroutine 1 [running]:\nmain.f(...)\n\tmain.go:8\nmain.main(...)\n\tmain.go:4\n"
	if got.code != 2 || got.err != nil || got.stderr != want || got.stdout != "" {
		t.Errorf("Run = %d, %v, stderr:\n%s\nwant 2, stderr:\n%s", got.code, got.err, got.stderr, want)
	}
}

func TestPanicText(t *testing.T) {
	type named string
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"string", reflect.ValueOf("boom"), "boom"},
		{"error in an interface", reflect.ValueOf(&[]error{errors.New("e")}[0]).Elem(), "e"},
		{"nil interface", reflect.ValueOf(&[]any{nil}[0]).Elem(), "panic called with nil argument"},
		{"bool", reflect.ValueOf(true), "true"},
		{"uint8", reflect.ValueOf(uint8(7)), "7"},
		{"float32", reflect.ValueOf(float32(0.1)), "0.1"},
		{"complex", reflect.ValueOf(1 + 2i), "(1+2i)"},
		{"named string", reflect.ValueOf(named("x")), `yaegi.named("x")`},
		{"reflect's index panic", "reflect: slice index out of range", "runtime error: index out of range"},
		{"reflect on a nil pointer", &reflect.ValueError{Method: "reflect.Value.Field", Kind: reflect.Invalid},
			"runtime error: invalid memory address or nil pointer dereference"},
		{"yaegi's positioned error", errors.New("12:3: interface conversion: interface {} is string, not int"),
			"interface conversion: interface {} is string, not int"},
		// A type the program declares arrives as its underlying type.
		{"struct", reflect.ValueOf(struct{ Xa int }{1}), "(struct { Xa int }) 0x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := panicText(tt.v); !strings.HasPrefix(got, tt.want) || !strings.HasSuffix(tt.want, " 0x") && got != tt.want {
				t.Errorf("panicText = %q, want %q", got, tt.want)
			}
		})
	}
}
