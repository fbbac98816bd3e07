package yaegi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// outcome is how a program ended and what it printed, with the parts that
// differ from run to run taken out (see normalize).
type outcome struct {
	stdout, stderr string
	code           int // -1: still running after the time limit
}

func (o outcome) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", o.code, o.stdout, o.stderr)
}

var hexNumber = regexp.MustCompile(`0x[0-9a-f]+`)

// normalize keeps a panic report's first block (the frames of Go and of
// the interpreter have little in common) and replaces hex numbers, which
// are addresses, with 0x?.
func normalize(o outcome) outcome {
	if i := strings.Index(o.stderr, "\n\ngoroutine "); i >= 0 {
		o.stderr = o.stderr[:i+1]
	}
	o.stdout = hexNumber.ReplaceAllString(o.stdout, "0x?")
	o.stderr = hexNumber.ReplaceAllString(o.stderr, "0x?")
	return o
}

// goOutcomes builds every program with the go command, in one module and
// one go build, runs each, and returns what go run would show: a program
// that does not compile gets its compile errors (named main.go:L:C) and
// status 1.
func goOutcomes(t *testing.T, srcs []string) []outcome {
	t.Helper()
	if testing.Short() {
		t.Skip("builds programs with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module lesson\n\ngo 1.26\n"}
	for i, src := range srcs {
		files[fmt.Sprintf("p%02d/main.go", i)] = src
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := exec.Command(goTool, "build", "-o", "bin"+string(filepath.Separator), "./...")
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	buildOut, _ := build.CombinedOutput() // programs that do not compile are expected
	compileErrs := compileErrors(string(buildOut))
	outcomes := make([]outcome, len(srcs))
	for i := range srcs {
		name := fmt.Sprintf("p%02d", i)
		if msg, ok := compileErrs[name]; ok {
			outcomes[i] = outcome{stderr: msg, code: 1}
			continue
		}
		outcomes[i] = runBinary(t, filepath.Join(dir, "bin", name))
	}
	return outcomes
}

// compileErrors splits go build's output into the errors of each package,
// named by its directory, with positions in main.go.
func compileErrors(out string) map[string]string {
	errs := map[string]string{}
	pkg := ""
	for _, line := range strings.SplitAfter(out, "\n") {
		if name, ok := strings.CutPrefix(line, "# lesson/"); ok {
			pkg = strings.TrimSpace(name)
			continue
		}
		if pkg != "" && line != "" {
			errs[pkg] += strings.TrimPrefix(line, pkg+"/")
		}
	}
	return errs
}

// runBinary runs a program built by goOutcomes for up to 10 seconds.
func runBinary(t *testing.T, path string) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s: %v", path, err)
	}
	if ctx.Err() != nil {
		return outcome{stdout: stdout.String(), stderr: stderr.String(), code: -1}
	}
	return outcome{stdout: stdout.String(), stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
}

// yaegiOutcome runs src with Run, in process, for up to limit. An error
// from Run is written to stderr, after the program's output, as go run
// writes its own. A program still running after limit is left running.
func yaegiOutcome(src string, limit time.Duration) outcome {
	var mu sync.Mutex
	var stdout, stderr bytes.Buffer
	done := make(chan outcome, 1)
	go func() {
		code, err := Run(context.Background(), src, Options{
			Stdout: &lockedWriter{mu: &mu, w: &stdout},
			Stderr: &lockedWriter{mu: &mu, w: &stderr},
			Exit:   func(int) {}, // never let a program end the test binary
		})
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			stderr.WriteString(err.Error() + "\n")
		}
		done <- outcome{stdout: stdout.String(), stderr: stderr.String(), code: code}
	}()
	select {
	case o := <-done:
		return o
	case <-time.After(limit):
		mu.Lock()
		defer mu.Unlock()
		return outcome{stdout: stdout.String(), stderr: stderr.String(), code: -1}
	}
}
