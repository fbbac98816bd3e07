package yaegi

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInProcess runs programs in a process of their own, as the child-process
// runner does, for what an in-process test cannot see: the runtime's
// deadlock report, a panic in another goroutine, a real os.Exit.
func TestInProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "yaegirun")
	build := exec.Command(goTool, "build", "-o", bin, "./testdata/yaegirun")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	tests := []struct {
		name      string
		imports   []string
		body      string
		code      int
		stdout    string
		stderrPfx string // how stderr starts
	}{
		{"deadlock", nil, `ch := make(chan int)
	ch <- 1`, 2, "", "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [select]:\n"},
		{"deadlock with goroutines", []string{"sync"}, `var wg sync.WaitGroup
	wg.Add(1)
	go func() { ch := make(chan int); <-ch; wg.Done() }()
	wg.Wait()`, 2, "", "fatal error: all goroutines are asleep - deadlock!\n"},
		{"mutex deadlock", []string{"sync"}, `var mu sync.Mutex
	mu.Lock()
	mu.Lock()`, 2, "", "fatal error: all goroutines are asleep - deadlock!\n"},
		// Go prints "panic: boom" and the goroutine's frames; yaegi
		// re-panics from every interpreted frame, and the runtime says so.
		{"panic in a goroutine", []string{"time"}, `go func() { panic("boom") }()
	time.Sleep(5 * time.Second)`, 2, "", "panic: boom [recovered, repanicked]\n\ngoroutine "},
		{"panic in a goroutine, not a string", []string{"time"}, `go func() { panic(42) }()
	time.Sleep(5 * time.Second)`, 2, "", "panic: <int Value> [recovered, repanicked]\n"},
		{"os.Exit", []string{"fmt", "os"}, `defer fmt.Println("deferred")
	fmt.Println("before")
	os.Exit(3)`, 3, "before\n", ""},
		{"log.Fatal", []string{"log"}, `log.SetFlags(0)
	log.Fatal("fatal")`, 1, "", "fatal\n"},
		{"panic in main", nil, `panic("boom")`, 2, "", "panic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:5\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := filepath.Join(t.TempDir(), "main.go")
			if err := os.WriteFile(src, []byte(program(tt.imports, tt.body)), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr strings.Builder
			cmd := exec.Command(bin, src)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var exitErr *exec.ExitError
			if errors.As(err, &exitErr) {
				code = exitErr.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code || stdout.String() != tt.stdout || !strings.HasPrefix(stderr.String(), tt.stderrPfx) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit %d, stdout %q, stderr starting %q",
					code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.stderrPfx)
			}
		})
	}
}

// TestWasm checks that the engine builds for the browser playground.
func TestWasm(t *testing.T) {
	if testing.Short() {
		t.Skip("builds for js/wasm")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goTool, "build", "-o", os.DevNull, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("GOOS=js GOARCH=wasm go build: %v\n%s", err, out)
	}
}

// TestDeps checks what the engine links: nothing that links cgo, in which
// the runtime never reports a deadlock. os/exec is linked by yaegi itself
// (interp/dot.go runs the dot command) and by go/build, which yaegi uses;
// programs reach it only with allow=os/exec.
func TestDeps(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	importers := map[string]bool{
		"go/build": true, "internal/goroot": true, "github.com/traefik/yaegi/interp": true,
		"github.com/gonotes/concurrency/generator/engine/yaegi/symbols": true, // the opt-in table
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		switch pkg {
		case "net", "os/user", "runtime/cgo", "plugin":
			t.Errorf("the engine links %s", pkg)
		}
		for _, imp := range strings.Fields(imports) {
			if imp == "os/exec" && !importers[pkg] {
				t.Errorf("%s imports os/exec", pkg)
			}
		}
	}
}
