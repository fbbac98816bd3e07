package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/gonotes/concurrency/generator/runner"
)

func TestMain(m *testing.M) {
	// The test binary stands in for the generator as the child that
	// interprets snippets.
	runner.MaybeChild()
	code := m.Run()
	if lessons.dir != "" && *playSite == "" {
		os.RemoveAll(filepath.Dir(lessons.dir))
	}
	os.Exit(code)
}

// lessons is the real lessons' site, built once for the package's tests.
var lessons struct {
	once sync.Once
	dir  string
	err  error
}

// lessonsSite builds the real lessons once for the package's tests, as make
// site does: every snippet run, every yaegi output verified against go run,
// nothing taken from a cache, the playground built in. TestLessons checks
// the pages, the playground's tests run them in a browser.
func lessonsSite() (string, error) {
	lessons.once.Do(func() {
		if *playSite != "" {
			lessons.dir = *playSite
			return
		}
		dir, err := os.MkdirTemp("", "gonotes-lessons-")
		if err != nil {
			lessons.err = err
			return
		}
		lessons.dir = filepath.Join(dir, "site")
		var stderr bytes.Buffer
		if code := run([]string{"-content", "../content", "-out", lessons.dir, "-cache", ""}, &stderr); code != 0 {
			lessons.err = fmt.Errorf("building content/ failed (exit %d):\n%s", code, stderr.String())
		}
	})
	return lessons.dir, lessons.err
}

// TestLessons builds the real lessons as make site does: every snippet run,
// every yaegi output verified against go run, nothing taken from a cache.
func TestLessons(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole site; skipped with -short")
	}
	out, err := lessonsSite()
	if err != nil {
		t.Fatal(err)
	}
	page := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// What the lessons promise a reader, as the reader would look for it.
	for _, c := range []struct{ page, want string }{
		{"race-detector.html", "WARNING: DATA RACE"},
		{"race-detector.html", "exit status 66"},
		{"channels.html", "fatal error: all goroutines are asleep - deadlock!"},
		{"mutex.html", "passes lock by value"},
		{"concurrency-vs-parallelism.html", `src="assets/concurrency-vs-parallelism.svg"`},
	} {
		if !strings.Contains(page(c.page), c.want) {
			t.Errorf("%s does not show %q", c.page, c.want)
		}
	}
	// The recorded timelines show what their captions tell the reader to
	// look for.
	for _, c := range []struct{ page, want string }{
		{"waitgroups.html", "G1 main.main blocked on sync.WaitGroup.Wait"},
		{"mutex.html", "blocked on sync.Mutex.Lock"},
		{"channels.html", "G1 main.main blocked on chan receive"},
		{"channels.html", "main.main.func1 blocked on chan send"},
		{"writing-a-lesson.html", "G1 main.main blocked on chan receive"},
	} {
		if !strings.Contains(page(c.page), c.want) {
			t.Errorf("%s: no trace figure shows %q", c.page, c.want)
		}
	}
	if figs := traceFigures(t, page("concurrency-vs-parallelism.html")); len(figs) != 2 {
		t.Errorf("concurrency-vs-parallelism.html has %d recorded timelines, want 2", len(figs))
	} else if len(figs[0].lanes) != 1 || runtime.NumCPU() > 1 && len(figs[1].lanes) < 2 {
		t.Errorf("concurrency-vs-parallelism.html: lanes %v at GOMAXPROCS(1) and %v at every core; want one, then several", figs[0].lanes, figs[1].lanes)
	}
	// Every output says where it came from, and none is unverified.
	snippet := regexp.MustCompile(`(?s)<div class="output.*?<p class="provenance">(.*?)</p>`)
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	outputs := 0
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".html" {
			continue
		}
		for _, m := range snippet.FindAllStringSubmatch(page(e.Name()), -1) {
			outputs++
			if p := m[1]; strings.Contains(p, "not verified") || !strings.Contains(p, "when the site was built") {
				t.Errorf("%s: output with provenance %q", e.Name(), p)
			}
		}
	}
	if outputs < 40 {
		t.Errorf("only %d outputs on the whole site; the lessons have more runnable snippets than that", outputs)
	}
	t.Run("browser", func(t *testing.T) { checkInBrowser(t, out) })
}
