package conformance

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/runner"
)

var (
	conformance = flag.Bool("conformance", false, "run the conformance check over the Go repository's test programs (minutes)")
	outPath     = flag.String("conformance.out", "", "write the per-program verdicts here (default: a file in the test's temporary directory)")
	// A few programs of the corpus take 16-25 s under yaegi on an idle
	// machine, several times that on a busy one (ken/divconst.go,
	// ken/modconst.go, copy.go, ken/chan.go): slow, not wrong, so they get
	// the time to finish. Lessons keep runner.DefaultTimeout.
	timeout = flag.Duration("conformance.timeout", 150*time.Second, "the time limit of each run")
)

// testRunner runs the programs of the tests.
var testRunner *runner.Runner

func TestMain(m *testing.M) {
	// The yaegi engine runs programs in a copy of this test binary.
	runner.MaybeChild()
	var err error
	if testRunner, err = runner.Start(context.Background()); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// TestConformance runs the "// run" programs of the installed Go's test
// directory under go run and under yaegi, with and without the rewrite, and
// reports how the yaegi runs compare. It measures; it fails only when the
// runner itself fails.
func TestConformance(t *testing.T) {
	if !*conformance {
		t.Skip("the conformance check takes minutes; run it with -conformance (make conformance)")
	}
	// The go engine builds with the go command on PATH, so the corpus is
	// that toolchain's, not the one this test binary was built with.
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	root := filepath.Join(strings.TrimSpace(string(goroot)), "test")
	// The top level, and the two directories about channels and goroutines.
	corpusDirs := []string{".", "chan", "ken"}
	progs, skips, err := LoadCorpus(os.DirFS(root), corpusDirs...)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus: %d programs in %s (%s); %d skipped", len(progs), root, strings.Join(corpusDirs, ", "), len(skips))

	start := time.Now()
	rows, err := Check(t.Context(), progs, Config{Run: testRunner.Run, Timeout: *timeout, Parallel: 2})
	if err != nil {
		t.Errorf("the runner failed:\n%v", err)
	}
	elapsed := time.Since(start).Round(time.Second)

	var summary strings.Builder
	if err := WriteSummary(&summary, rows, skips); err != nil {
		t.Fatal(err)
	}
	t.Logf("ran in %v, %v per run at most\n%s", elapsed, *timeout, summary.String())

	out := *outPath
	if out == "" {
		out = filepath.Join(t.TempDir(), "conformance.out")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := WriteVerdicts(f, rows, skips); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("per-program verdicts: %s", out)
}
