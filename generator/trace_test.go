package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tracedLesson has two traced snippets whose figures are known in advance:
// three goroutines spinning on one P take turns in one lane; two spinning
// with two Ps run in two lanes at once, whatever the machine's cores. The
// first pins its output, the second does not.
const tracedLesson = "---\ntitle: Traced\n---\n\n" +
	"```go engine=go trace=\"Look for: one lane.\"\n" + `package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// init sets one P before main starts, and with it the recording.
func init() { runtime.GOMAXPROCS(1) }

func main() {
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { spin(15 * time.Millisecond) })
	}
	wg.Wait()
	fmt.Println("done")
	// Output:
	// done
}
` + "```\n\n```go engine=go trace\n" + `package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func init() { runtime.GOMAXPROCS(2) }

func main() {
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { spin(40 * time.Millisecond) })
	}
	wg.Wait()
	fmt.Println("done")
}
` + "```\n"

// traceWorkspace returns a folder for a test's site, with a snippet cache
// of the test's own. The go command's build cache stays where it is: moving
// XDG_CACHE_HOME would move it too, and a cold one compiles the standard
// library again.
func traceWorkspace(t *testing.T) string {
	t.Helper()
	if gocache, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
		t.Setenv("GOCACHE", strings.TrimSpace(string(gocache)))
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	return t.TempDir()
}

// TestBuildTrace builds a lesson with traced snippets and checks each
// figure as a reader and a screen reader meet it: inline under the output,
// well-formed SVG with an accessible name, the lanes and goroutines the
// program makes, the lesson's caption and the summary as text.
func TestBuildTrace(t *testing.T) {
	dir := traceWorkspace(t)
	writeFile(t, filepath.Join(dir, "content", "01-traced.md"), tracedLesson)
	t.Chdir(dir)
	if code, stderr := generate(t, "-content", "content", "-out", "out"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "traced.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	figures := traceFigures(t, page)
	if len(figures) != 2 {
		t.Fatalf("%d trace figures on the page, want 2", len(figures))
	}
	want := []struct {
		lanes, goroutines int
		caption           string
		varies            bool
	}{
		{1, 4, "Look for: one lane.", false},
		{2, 3, "", true},
	}
	for i, f := range figures {
		w := want[i]
		if got := len(f.lanes); got != w.lanes {
			t.Errorf("figure %d: lanes %v, want %d", i, f.lanes, w.lanes)
		}
		if got := len(f.rows); got != w.goroutines {
			t.Errorf("figure %d: goroutine rows %v, want %d", i, f.rows, w.goroutines)
		}
		for _, s := range []string{plural(w.goroutines, "goroutine") + " ran on " + plural(w.lanes, "processor"), "on a machine with "} {
			if !strings.Contains(f.summary, s) {
				t.Errorf("figure %d: summary %q lacks %q", i, f.summary, s)
			}
		}
		if f.name == "" || !strings.Contains(f.name, f.summary) {
			t.Errorf("figure %d: the SVG's accessible name %q does not carry the summary %q", i, f.name, f.summary)
		}
		if f.caption != w.caption {
			t.Errorf("figure %d: caption %q, want %q", i, f.caption, w.caption)
		}
		if f.varies != w.varies {
			t.Errorf("figure %d: output marked as varying: %v, want %v", i, f.varies, w.varies)
		}
	}
	// Figures inlined in one page must not share an id.
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if seen[m[1]] {
			t.Errorf("id %q appears twice in the page", m[1])
		}
		seen[m[1]] = true
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// TestBuildTraceHostile builds traced snippets that spoil their own trace:
// one writes over it, one closes its descriptor. The trace is the program's
// output like any other; the build fails at each snippet's fence, saying
// what is wrong with the trace, and writes no site.
func TestBuildTraceHostile(t *testing.T) {
	dir := traceWorkspace(t)
	prog := func(body string) string {
		return "```go engine=go trace\npackage main\n\nimport \"os\"\n\nfunc main() {\n\tf := os.NewFile(3, \"trace\")\n\t" + body + "\n}\n```\n\n"
	}
	writeFile(t, filepath.Join(dir, "content", "01-hostile.md"), "# Hostile\n\n"+
		prog(`f.Write([]byte("not a trace, but what the program wrote"))`)+ // fence at line 3
		prog(`f.Close()`)) // fence at line 14
	t.Chdir(dir)
	code, stderr := generate(t, "-content", "content", "-out", "out")
	if code == 0 {
		t.Fatal("a build with spoiled traces succeeded")
	}
	for _, want := range []string{"content/01-hostile.md:3: trace: reading the trace", "content/01-hostile.md:14: trace: the run left no execution trace"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the build's errors lack %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a failed build wrote the site")
	}
}
