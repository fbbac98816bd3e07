package rewrite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// The test binary doubles as the yaegi child: run with childEnv set to a
// file, it interprets that file (rewritten unless rawEnv is set) and exits
// with the program's status, so a crash of the interpreter fails one case.
const (
	childEnv = "REWRITE_TEST_INTERPRET"
	rawEnv   = "REWRITE_TEST_RAW"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(interpret(path, os.Getenv(rawEnv) == ""))
	}
	os.Exit(m.Run())
}

// interpret runs the program in path under yaegi, as the engine does:
// stdlib symbols, yaegi's "L:C: panic: f(...)" log lines dropped, the
// panic that stands for os.Exit(n) turned back into exit status n.
func interpret(path string, rewrite bool) int {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	if rewrite {
		if src, err = Rewrite(path, src); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 3
		}
	}
	i := interp.New(interp.Options{Stdout: os.Stdout, Stderr: panicLogFilter{os.Stderr}})
	if err := i.Use(stdlib.Symbols); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	_, err = i.Eval(string(src))
	var p interp.Panic
	switch {
	case err == nil:
		return 0
	case errors.As(err, &p):
		if s, ok := p.Value.(string); ok && strings.HasPrefix(s, "os.Exit(") {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(s, "os.Exit("), ")"))
			return n
		}
		fmt.Fprintf(os.Stderr, "panic: %v\n", p.Value)
		return 2
	default:
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
}

type panicLogFilter struct{ w io.Writer }

var panicLog = regexp.MustCompile(`^\d+:\d+: panic: \S*\(\.\.\.\)\n$`)

func (f panicLogFilter) Write(b []byte) (int, error) {
	if panicLog.Match(b) {
		return len(b), nil
	}
	return f.w.Write(b)
}

// A conformCase is a program that must print the same under yaegi after
// the rewrite as under go run.
type conformCase struct {
	name string
	src  string
}

// outcome is what one run printed and how it ended.
type outcome struct {
	stdout, stderr string
	code           int
}

func (o outcome) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", o.code, o.stdout, o.stderr)
}

// conform builds every case with the go command (one build for the lot)
// and checks that yaegi after the rewrite prints the same. It logs the
// cases that raw yaegi gets wrong, which is why the rewrite exists.
func conform(t *testing.T, cases []conformCase) {
	t.Helper()
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "go.mod"), "module m\n\ngo 1.26\n")
	for i, c := range cases {
		write(filepath.Join(dir, fmt.Sprintf("c%02d", i), "main.go"), c.src)
	}
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator), "./...")
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(dir, fmt.Sprintf("c%02d", i), "main.go")
			want := run(t, filepath.Join(bin, fmt.Sprintf("c%02d", i)), nil)
			got := run(t, os.Args[0], []string{childEnv + "=" + file})
			if got != want {
				out, _ := Rewrite(file, []byte(c.src))
				t.Errorf("yaegi after rewrite:\n%v\ngo run:\n%v\nrewritten program:\n%s", got, want, out)
			}
			if raw := runRaw(t, os.Args[0], []string{childEnv + "=" + file, rawEnv + "=1"}); raw == want {
				t.Logf("raw yaegi agrees with go run here too")
			}
		})
	}
}

// run runs a program to completion, or for 10 seconds.
func run(t *testing.T, path string, env []string) outcome {
	t.Helper()
	o, timedOut := runFor(t, path, env, 10*time.Second)
	if timedOut {
		t.Fatalf("%s: timed out", path)
	}
	return o
}

// runRaw runs a program under raw yaegi, which may never finish: the
// rewrite exists for some of those.
func runRaw(t *testing.T, path string, env []string) outcome {
	t.Helper()
	o, timedOut := runFor(t, path, env, 3*time.Second)
	if timedOut {
		return outcome{stderr: "still running", code: -1}
	}
	return o
}

// runFor runs a program to completion or until the timeout.
func runFor(t *testing.T, path string, env []string, timeout time.Duration) (outcome, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s: %v", path, err)
	}
	if ctx.Err() != nil {
		return outcome{}, true
	}
	return outcome{stdout: stdout.String(), stderr: firstPanicLine(stderr.String()), code: cmd.ProcessState.ExitCode()}, false
}

// firstPanicLine cuts a panic report down to its "panic: ..." line: the
// goroutine traces of go and yaegi have nothing in common.
func firstPanicLine(stderr string) string {
	i := strings.Index(stderr, "panic: ")
	if i < 0 {
		return stderr
	}
	if j := strings.IndexByte(stderr[i:], '\n'); j >= 0 {
		return stderr[:i+j+1]
	}
	return stderr
}
