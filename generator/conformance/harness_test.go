package conformance

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gonotes/concurrency/generator/engine"
)

func TestLoadCorpus(t *testing.T) {
	const main = "package main\n\nfunc main() {}\n"
	fsys := fstest.MapFS{
		"a.go":          {Data: []byte("// run\n\n" + main)},
		"chan/b.go":     {Data: []byte("// run\n\n" + main)},
		"chan/sub/c.go": {Data: []byte("// run\n\n" + main)}, // not in a listed directory
		"compile.go":    {Data: []byte("// compile\n\n" + main)},
		"args.go":       {Data: []byte("// run -gcflags=-d=checkptr\n\n" + main)},
		"plan9.go":      {Data: []byte("// run\n\n//go:build plan9\n\n" + main)},
		"x_aix.go":      {Data: []byte("// run\n\n" + main)},
		"tool.go":       {Data: []byte("// run\n\npackage main\n\nimport \"os/exec\"\n\nvar _ = exec.Command\n\nfunc main() {}\n")},
		"goroot.go":     {Data: []byte("// run\n\npackage main\n\nimport \"runtime\"\n\nfunc main() { _ = runtime.GOROOT() }\n")},
		"notes.txt":     {Data: []byte("// run\n")},
	}
	progs, skips, err := LoadCorpus(fsys, ".", "chan")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range progs {
		got = append(got, p.Path)
	}
	if want := "a.go chan/b.go"; strings.Join(got, " ") != want {
		t.Errorf("programs = %q, want %q", got, want)
	}
	want := map[string]string{
		"goroot.go": "reads files of the Go installation",
		"plan9.go":  "build constraints exclude",
		"tool.go":   "runs other programs",
		"x_aix.go":  "build constraints exclude",
	}
	for _, s := range skips {
		if w, ok := want[s.Path]; !ok || !strings.Contains(s.Reason, w) {
			t.Errorf("skipped %s (%s); want reason containing %q", s.Path, s.Reason, w)
		}
		delete(want, s.Path)
	}
	for p := range want {
		t.Errorf("%s not skipped", p)
	}
}

// result builds a Result for the table of TestClassify.
func result(o engine.Outcome, code int, stdout, stderr string, diags ...engine.Diagnostic) engine.Result {
	r := engine.Result{Outcome: o, ExitCode: code, Diagnostics: diags}
	r.Append(engine.Stdout, stdout)
	r.Append(engine.Stderr, stderr)
	return r
}

func TestClassify(t *testing.T) {
	goPanic := result(engine.Panic, 2, "a\n", "panic: boom\n\ngoroutine 1 [running]:\nfmt.f(0x1)\n\t/go/src/fmt/f.go:3\nmain.main()\n\tmain.go:5\nexit status 2\n")
	ok := result(engine.OK, 0, "a\nb\n", "")
	for _, c := range []struct {
		name      string
		got, want engine.Result
		verdict   Verdict
		detail    string
	}{
		{"same output", ok, ok, Same, ""},
		{"same panic, the program's frames", result(engine.Panic, 2, "a\n", "panic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:5\nexit status 2\n"),
			goPanic, Same, ""},
		{"same panic, another line", result(engine.Panic, 2, "a\n", "panic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmain.go:9\nexit status 2\n"),
			goPanic, Failed, `trace: stderr line 5: go run "\tmain.go:5\n", yaegi "\tmain.go:9\n"`},
		{"other panic", result(engine.Panic, 2, "a\n", "panic: bang\nexit status 2\n"), goPanic, Failed, "yaegi: panic, exit 2: panic: bang"},
		{"other stdout", result(engine.OK, 0, "a\nc\n", ""), ok, SilentlyDifferent, `stdout line 2: go run "b\n", yaegi "c\n"`},
		{"shorter stdout", result(engine.OK, 0, "a\n", ""), ok, SilentlyDifferent, `stdout line 2: go run "b\n", yaegi <end of output>`},
		{"missing newline", result(engine.OK, 0, "a\nb", ""), ok, SilentlyDifferent, `stdout line 2: go run "b\n", yaegi "b"`},
		{"other stderr", result(engine.OK, 0, "a\nb\n", "warning\n"), ok, SilentlyDifferent, `stderr line 1: go run <end of output>, yaegi "warning\n"`},
		{"timeout", result(engine.Timeout, -1, "", ""), ok, Timeout, "yaegi: timeout"},
		{"crash", result(engine.Crash, 1, "", "yaegi crashed compiling the program: nil type\nexit status 1\n"), ok, Failed,
			"yaegi: crash, exit 1: yaegi crashed compiling the program: nil type; go run: ok, exit 0"},
		{"compile error", result(engine.CompileError, 1, "", "", engine.Diagnostic{Line: 3, Col: 2, Msg: "undefined: x"}), ok, Failed,
			"yaegi: compile-error, exit 1: main.go:3:2: undefined: x"},
		{"exits 0 where go panics", ok, goPanic, Failed, "yaegi: ok, exit 0; go run: panic, exit 2: panic: boom"},
		{"sandbox", result(engine.Refused, 1, "", "",
			engine.Diagnostic{Line: 3, Col: 8, Msg: `import "unsafe" cannot be allowed in the yaegi engine: it escapes the sandbox; use engine=go`},
			engine.Diagnostic{Line: 4, Col: 8, Msg: `import "math/big" is not available in the yaegi engine (allowed: fmt); use engine=go`}),
			ok, Sandbox, "refused unsafe, math/big"},
	} {
		t.Run(c.name, func(t *testing.T) {
			j := Classify(c.got, c.want)
			if j.Verdict != c.verdict || !strings.HasPrefix(j.Detail, c.detail) {
				t.Errorf("Classify = %q (%s), want %q (%s...)", j.Verdict, j.Detail, c.verdict, c.detail)
			}
		})
	}
}

// TestCheck runs a few programs through both engines, as the conformance
// check does with the corpus.
func TestCheck(t *testing.T) {
	progs := []Program{
		{Path: "panic.go", Source: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"before\")\n\tpanic(\"boom\")\n}\n"},
		// Before Go 1.22 every closure shares one i; raw yaegi still works
		// that way, the rewrite gives each iteration its own.
		{Path: "loopvar.go", Source: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar fs []func()\n" +
			"\tfor i := 0; i < 3; i++ {\n\t\tfs = append(fs, func() { fmt.Print(i) })\n\t}\n" +
			"\tfor _, f := range fs {\n\t\tf()\n\t}\n\tfmt.Println()\n}\n"},
		{Path: "unsafe.go", Source: "package main\n\nimport \"unsafe\"\n\nfunc main() { println(unsafe.Sizeof(0)) }\n"},
	}
	rows, err := Check(t.Context(), progs, Config{Run: testRunner.Run})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]Verdict{
		"panic.go":   {Same, Same},
		"loopvar.go": {SilentlyDifferent, Same},
		"unsafe.go":  {Sandbox, Sandbox},
	}
	for _, r := range rows {
		w := want[r.Program.Path]
		if r.Before.Verdict != w[0] || r.After.Verdict != w[1] {
			t.Errorf("%s: before %q (%s), after %q (%s); want %q, %q",
				r.Program.Path, r.Before.Verdict, r.Before.Detail, r.After.Verdict, r.After.Detail, w[0], w[1])
		}
	}
	var b strings.Builder
	if err := WriteSummary(&b, rows, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "the rewrite made 1 programs match: loopvar.go") {
		t.Errorf("summary does not credit the rewrite with loopvar.go:\n%s", b.String())
	}
}
