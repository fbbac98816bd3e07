package timeline

import (
	"context"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestInstrumentKeepsLines(t *testing.T) {
	tests := []struct {
		name, src string
		start     string // the recorder's function Instrument must pick
	}{
		{"plain", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n", startName},
		{"one line", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n", startName},
		{"comments and methods", "// Doc.\npackage main\n\ntype T struct{}\n\nfunc (T) main() {}\n\n// main runs.\nfunc main() {\n\t// nothing\n}\n", startName},
		{"own regions", "package main\n\nimport (\n\t\"context\"\n\t\"runtime/trace\"\n)\n\nfunc main() {\n\ttrace.WithRegion(context.Background(), \"r\", func() {})\n}\n", startName},
		{"name taken", "package main\n\nvar startTimelineTraceX = 1\n\nfunc main() { _ = startTimelineTraceX }\n", startName + "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := Instrument(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 3 || files["go.mod"] == "" || files[RecorderFile] == "" {
				t.Fatalf("files %v, want go.mod, main.go and %s", keys(files), RecorderFile)
			}
			got, want := strings.Split(files["main.go"], "\n"), strings.Split(tt.src, "\n")
			if len(got) != len(want) {
				t.Fatalf("main.go has %d lines, the program %d", len(got), len(want))
			}
			changed := 0
			for i := range want {
				if got[i] != want[i] {
					changed++
					if !strings.Contains(got[i], "defer "+tt.start+"()();") || !strings.Contains(want[i], "func main()") {
						t.Errorf("line %d: %q became %q", i+1, want[i], got[i])
					}
				}
			}
			if changed != 1 {
				t.Errorf("%d lines changed, want main's first", changed)
			}
			if !strings.Contains(files[RecorderFile], "func "+tt.start+"() func()") {
				t.Errorf("the recorder does not define %s", tt.start)
			}
			fset := token.NewFileSet()
			for _, name := range []string{"main.go", RecorderFile} {
				if _, err := parser.ParseFile(fset, name, files[name], 0); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		})
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestInstrumentRejects(t *testing.T) {
	for _, src := range []string{
		"package main\n\nfunc helper() {}\n",
		"package lib\n\nfunc main() {}\n",
		"package main\n\nfunc main() {\n",
		"package main\n\nimport (\n\t\"os\"\n\t\"runtime/trace\"\n)\n\nfunc main() {\n\ttrace.Start(os.Stderr)\n}\n",
		"package main\n\nimport (\n\t\"os\"\n\trt \"runtime/trace\"\n)\n\nfunc main() {\n\trt.Start(os.Stderr)\n}\n",
		"package main\n\nimport (\n\t\"os\"\n\t. \"runtime/trace\"\n)\n\nfunc main() {\n\tStart(os.Stderr)\n}\n",
	} {
		if _, err := Instrument(src); err == nil {
			t.Errorf("Instrument accepted:\n%s", src)
		}
	}
}

// run builds the module in files with the installed Go and runs it; it
// returns the run's directory, stdout, stderr and exit status.
func run(t *testing.T, files map[string]string) (dir, stdout, stderr, status string) {
	t.Helper()
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
	var o, e strings.Builder
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "prog"))
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &o, &e
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the run did not end: %v\n%s", ctx.Err(), e.String())
	}
	return dir, o.String(), e.String(), exitCode(err)
}

// source reads testdata/programs/name.go.
func source(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "programs", name+".go"))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// TestInstrumentedRun builds and runs programs with and without the
// recorder and compares what they print and how they end.
func TestInstrumentedRun(t *testing.T) {
	panics := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"before\")\n\tvar m map[string]int\n\tm[\"x\"] = 1\n}\n"
	tests := []struct {
		name, src string
		trace     func(t *testing.T, tl *Timeline, err error)
	}{
		{"handoff", source(t, "handoff"), func(t *testing.T, tl *Timeline, err error) {
			if err != nil || tl.Incomplete || tl.Stopped != "" {
				t.Errorf("want a whole trace; got %v, %+v", err, tl)
			}
		}},
		{"panic", panics, func(t *testing.T, tl *Timeline, err error) {
			if err != nil || tl.Incomplete {
				t.Errorf("main's deferred stop runs while panicking; got %v, %+v", err, tl)
			}
		}},
		{"deadlock", source(t, "deadlock"), func(t *testing.T, tl *Timeline, err error) {
			if err != nil || tl.Stopped == "" {
				t.Errorf("want a trace stopped by the recorder; got %v, %+v", err, tl)
			}
		}},
		{"exit", source(t, "exit"), func(t *testing.T, tl *Timeline, err error) {
			if err == nil && !tl.Incomplete {
				t.Errorf("os.Exit skips the stop, yet the trace is whole: %+v", tl)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, plainOut, plainErr, plainStatus := run(t, map[string]string{"go.mod": goMod, "main.go": tt.src})
			files, err := Instrument(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			dir, out, errOut, status := run(t, files)
			if out != plainOut || status != plainStatus {
				t.Errorf("traced: exit %s, stdout %q; untraced: exit %s, stdout %q", status, out, plainStatus, plainOut)
			}
			if first(errOut) != first(plainErr) || lines(errOut) != lines(plainErr) {
				t.Errorf("traced stderr:\n%s\nuntraced:\n%s", errOut, plainErr)
			}
			f, err := os.Open(filepath.Join(dir, TraceFile))
			if err != nil {
				tt.trace(t, nil, err)
				return
			}
			defer f.Close()
			tl, err := Parse(f)
			tt.trace(t, tl, err)
		})
	}
}

// first is the first line of s.
func first(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// lines lists the "main.go:N" places s names, which the recorder must not
// move.
func lines(s string) string {
	var at []string
	for _, f := range strings.Fields(s) {
		if i := strings.Index(f, "main.go:"); i >= 0 {
			if _, err := strconv.Atoi(strings.TrimPrefix(f[i:], "main.go:")); err == nil {
				at = append(at, f[i:])
			}
		}
	}
	return strings.Join(at, " ")
}

// TestInstrumentFD runs a program instrumented to write its trace to file
// descriptor 3, a pipe, as a sandboxed run does: the whole trace comes
// through the pipe, and nothing is written to the working directory.
func TestInstrumentFD(t *testing.T) {
	if _, err := InstrumentFD(source(t, "handoff"), 2); err == nil {
		t.Error("InstrumentFD accepted standard error as the trace's descriptor")
	}
	files, err := InstrumentFD(source(t, "handoff"), 3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
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
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "prog"))
	cmd.Dir, cmd.ExtraFiles = dir, []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	tl, perr := Parse(r)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the traced program failed: %v", err)
	}
	if perr != nil || tl.Incomplete || len(tl.Goroutines) != 2 {
		t.Errorf("want a whole trace of 2 goroutines through the pipe; got %v, %+v", perr, tl)
	}
	if _, err := os.Stat(filepath.Join(dir, TraceFile)); err == nil {
		t.Errorf("the program also wrote %s", TraceFile)
	}
}
