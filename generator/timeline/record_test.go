package timeline

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The traces in testdata/ are recordings of testdata/programs/*.go made
// here with Instrument and the installed Go; `go test -run TestRecord
// -record` makes them again (they then differ in every timestamp, and the
// golden figures need -update).
var record = flag.Bool("record", false, "re-record testdata/*.trace from testdata/programs/*.go")

// unrecorded are the programs whose traces are not kept: os.Exit leaves an
// empty trace or none.
var unrecorded = map[string]bool{"exit": true}

func TestRecord(t *testing.T) {
	if !*record {
		t.Skip("re-record with -record")
	}
	programs, err := filepath.Glob("testdata/programs/*.go")
	if err != nil || len(programs) == 0 {
		t.Fatalf("no programs: %v", err)
	}
	for _, p := range programs {
		name := strings.TrimSuffix(filepath.Base(p), ".go")
		if unrecorded[name] {
			continue
		}
		t.Run(name, func(t *testing.T) {
			dir := runTraced(t, p)
			data, err := os.ReadFile(filepath.Join(dir, TraceFile))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("testdata", name+".trace"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d bytes", name, len(data))
		})
	}
}

// runTraced instruments the program in file p, builds it with the
// installed Go and runs it in a temporary directory, which it returns
// with the trace in it. The run's output is in dir/stdout and dir/stderr.
func runTraced(t *testing.T, p string) (dir string) {
	t.Helper()
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Instrument(string(src))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", "prog", ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOTOOLCHAIN=local", "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var stdout, stderr strings.Builder
	run := exec.CommandContext(ctx, filepath.Join(dir, "prog"))
	run.Dir, run.Stdout, run.Stderr = dir, &stdout, &stderr
	err = run.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s: the traced run did not end: %v\n%s", p, ctx.Err(), stderr.String())
	}
	for name, text := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String(), "exit": exitCode(err)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// exitCode is the exit status of a finished command as text, "0" on
// success.
func exitCode(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return strings.TrimSpace(strings.TrimPrefix(ee.ProcessState.String(), "exit status "))
	}
	if err != nil {
		return err.Error()
	}
	return "0"
}
